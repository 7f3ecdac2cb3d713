package io.qtestjvm.pci;

import io.qtestjvm.core.Device;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;

import static io.qtestjvm.pci.PciRegs.*;

/**
 * A conventional PCI function with a type 0 configuration header (PCI Local Bus Specification 3.0, chapter 6): the
 * configuration space and its bit attributes ({@link ConfigSpace}), the base address registers and their decoding
 * into the bus's memory and I/O spaces ({@link BaseAddressRegister}, 6.2.5), the capability list (6.7), MSI
 * ({@link MsiCapability}, 6.8), the INTx pin (6.2.4 Interrupt Pin, 2.2.6 interrupt pins), and bus-master accesses
 * (6.2.2 Command: Bus Master).
 *
 * <p>Header attributes (6.2): the identification registers, header type, capabilities pointer and BARs' type bits
 * are read-only; Command keeps I/O space, memory space, bus master, SERR# enable and interrupt disable writable;
 * Status's error bits are write-1-to-clear and its Interrupt Status bit follows the pin; Cache Line Size and
 * Interrupt Line are read-write; Latency Timer is read-only 0. As QEMU 7.2 has it (emu-pci's
 * {@code ConfigMechanismTest}): the device-specific bytes 0x40-0xff are read-write unless a capability or the
 * device says otherwise; a new capability goes at the head of the list; the subsystem ids default to 1af4:1100.
 *
 * <p>Reset (6.2.2-6.2.4 give the reset values of the header; {@code ResetAndPlugTest}, {@code InterruptTest}):
 * {@link #deviceReset()} first, then the function's INTx is deasserted, Command, Status's software bits, Cache Line
 * Size and Interrupt Line clear, every BAR goes back to its type bits and stops decoding, and MSI is reset. Other
 * device-specific registers keep their values unless the device resets them (QEMU 7.2).
 *
 * <p>Subclasses set their identity in the constructor, register BARs and capabilities there or in
 * {@link #doRealize()}, override {@link #configRead}/{@link #configWrite} (calling super) for side effects.
 */
public abstract class PciDevice extends Device {
    public static final int NUM_BARS = 6;
    private static final int INTX_PINS = 4;
    private static final int BAR_REGISTERS_LENGTH = NUM_BARS * 4;
    private static final int EXPANSION_ROM_LENGTH = 4;
    private static final int COMMAND_SOFTWARE_BITS = COMMAND_IO | COMMAND_MEMORY | COMMAND_MASTER
            | COMMAND_INTX_DISABLE | COMMAND_SERR;
    private static final int STATUS_ERROR_BITS = STATUS_PARITY | STATUS_SIG_TARGET_ABORT | STATUS_REC_TARGET_ABORT
            | STATUS_REC_MASTER_ABORT | STATUS_SIG_SYSTEM_ERROR | STATUS_DETECTED_PARITY;

    private final ConfigSpace config = new ConfigSpace();
    /** Bytes a capability occupies, for placing the next one (6.7: DWORD-aligned structures after the header). */
    private final boolean[] capabilityBytes = new boolean[ConfigSpace.SIZE];
    private final BaseAddressRegister[] bars = new BaseAddressRegister[NUM_BARS];
    private MsiCapability msi;
    private PciBus bus;
    private int devfn = -1;
    /** The INTx pins the function drives high, one bit per pin (A = bit 0), whether or not they are disabled. */
    private int assertedPins;
    /** A refused page does not end the access: see {@link #retryRefusedPagesInWords}. */
    private boolean retryRefusedPages;
    private boolean hotpluggable = true;
    private boolean hotplugged;

    /**
     * @param classId the 16-bit class code (base class, subclass), e.g. 0x0600 for a host bridge
     */
    protected PciDevice(String typeName, int vendorId, int deviceId, int revision, int classId) {
        super(typeName);
        config.set(VENDOR_ID, 2, vendorId);
        config.set(DEVICE_ID, 2, deviceId);
        config.setByte(REVISION_ID, revision);
        config.set(CLASS_DEVICE, 2, classId);
        config.set(SUBSYSTEM_VENDOR_ID, 2, DEFAULT_SUBSYSTEM_VENDOR_ID);
        config.set(SUBSYSTEM_ID, 2, DEFAULT_SUBSYSTEM_ID);
        // 6.2.1 identification and 6.2.3 header type / capabilities pointer: set by the device, read-only
        config.markHardwareInitialized(VENDOR_ID, 4, 0xffff_ffffL);
        config.markHardwareInitialized(STATUS, 1, STATUS_CAP_LIST);
        config.markHardwareInitialized(REVISION_ID, 4, 0xffff_ffffL);
        config.markHardwareInitialized(HEADER_TYPE, 1, 0xff);
        config.markHardwareInitialized(CAPABILITY_LIST, 1, 0xff);
        // software fields of the header (6.2.2 Command, 6.2.4 Cache Line Size and Interrupt Line)
        config.makeReadWrite(COMMAND, 2, COMMAND_SOFTWARE_BITS);
        config.makeReadWrite(CACHE_LINE_SIZE, 1, 0xff);
        config.makeReadWrite(INTERRUPT_LINE, 1, 0xff);
        config.makeReadWriteFrom(CONFIG_HEADER_SIZE);
        config.makeWriteOneToClear(STATUS, 2, STATUS_ERROR_BITS);
    }

    // ---------------------------------------------------------------------------------------------------------
    // identity and placement on a bus

    public final PciBus bus() {
        return bus;
    }

    /** Device and function number on the bus (slot << 3 | function), -1 while unplugged. */
    public final int devfn() {
        return devfn;
    }

    final void attach(PciBus bus, int devfn) {
        this.bus = bus;
        this.devfn = devfn;
    }

    final void detach() {
        for (BaseAddressRegister bar : bars) {
            if (bar != null) {
                place(bar, BaseAddressRegister.NOT_DECODED);
            }
        }
        this.bus = null;
        this.devfn = -1;
    }

    public final int vendorId() {
        return (int) config.get(VENDOR_ID, 2);
    }

    public final int deviceId() {
        return (int) config.get(DEVICE_ID, 2);
    }

    /** Header Type bit 7 (6.2.1): the device has more functions ({@code multifunction=on}); set before plugging. */
    public final void setMultifunction(boolean on) {
        if (on) {
            config.setBits(HEADER_TYPE, 1, HEADER_TYPE_MULTI_FUNCTION);
        } else {
            config.clearBits(HEADER_TYPE, 1, HEADER_TYPE_MULTI_FUNCTION);
        }
    }

    public final boolean multifunction() {
        return (config.getByte(HEADER_TYPE) & HEADER_TYPE_MULTI_FUNCTION) != 0;
    }

    /**
     * Whether the function may be removed while the machine runs; built-in chipset functions may not, and ACPI PCI
     * hotplug reports their slot as not removable.
     */
    public final boolean hotpluggable() {
        return hotpluggable;
    }

    /** Marks the function as built in (not removable at run time); call in the constructor. */
    protected final void setHotpluggable(boolean on) {
        this.hotpluggable = on;
    }

    /** Whether the function came by hot-plug ({@code device_add}) rather than with the machine. */
    public final boolean hotplugged() {
        return hotplugged;
    }

    /** Records that the function came by hot-plug; the board calls it before plugging. */
    public final void markHotplugged() {
        this.hotplugged = true;
    }

    /** Subsystem Vendor ID and Subsystem ID (6.2.4) other than the default 1af4:1100. */
    protected final void setSubsystem(int vendorId, int id) {
        config.set(SUBSYSTEM_VENDOR_ID, 2, vendorId);
        config.set(SUBSYSTEM_ID, 2, id);
    }

    /** Interrupt Pin (6.2.4): 0 none, 1 INTA# .. 4 INTD#. */
    protected final void setInterruptPin(int pin) {
        config.setByte(INTERRUPT_PIN, pin);
    }

    // ---------------------------------------------------------------------------------------------------------
    // the device model's own view of its registers (no attributes, no side effects)

    public final int configByte(int offset) {
        return config.getByte(offset);
    }

    public final int configWord(int offset) {
        return (int) config.get(offset, 2);
    }

    public final long configLong(int offset) {
        return config.get(offset, 4);
    }

    protected final void setConfigByte(int offset, int value) {
        config.setByte(offset, value);
    }

    protected final void setConfigWord(int offset, int value) {
        config.set(offset, 2, value);
    }

    protected final void setConfigLong(int offset, long value) {
        config.set(offset, 4, value);
    }

    /** Makes {@code mask}'s bits of the {@code len} bytes at {@code offset} read-write, the others read-only. */
    protected final void setWmask(int offset, int len, long mask) {
        config.makeReadWrite(offset, len, mask);
    }

    /** Makes {@code mask}'s bits of the {@code len} bytes at {@code offset} write-1-to-clear. */
    protected final void setW1cmask(int offset, int len, long mask) {
        config.makeWriteOneToClear(offset, len, mask);
    }

    /**
     * The bits of the byte at {@code offset} that the device sets and software cannot change: identification, header
     * type, capabilities pointer, BARs, capability structures.
     */
    public final int checkMask(int offset) {
        return config.hardwareInitializedBits(offset);
    }

    // ---------------------------------------------------------------------------------------------------------
    // configuration transactions from the bus (6.1)

    /** Reads {@code len} (1..4) bytes at {@code offset}; the caller keeps {@code offset + len <= 256}. */
    public long configRead(int offset, int len) {
        return config.get(offset, len);
    }

    /**
     * Writes by the bit attributes, then acts on what changed: the BAR windows (a BAR, the expansion ROM register or
     * Command written), the INTx disable bit, and MSI.
     */
    public void configWrite(int offset, long value, int len) {
        boolean intxWasDisabled = intxDisabled();
        config.write(offset, len, value);
        boolean command = ConfigSpace.overlap(offset, len, COMMAND, 2) && offset <= COMMAND;
        if (command || ConfigSpace.overlap(offset, len, BASE_ADDRESS_0, BAR_REGISTERS_LENGTH)
                || ConfigSpace.overlap(offset, len, ROM_ADDRESS, EXPANSION_ROM_LENGTH)) {
            updateMappings();
        }
        if (command && intxDisabled() != intxWasDisabled) {
            presentPinsToBus(!intxWasDisabled);
        }
        if (msi != null) {
            msi.afterWrite(this, offset, len);
        }
    }

    static boolean overlaps(int start1, int len1, int start2, int len2) {
        return ConfigSpace.overlap(start1, len1, start2, len2);
    }

    // ---------------------------------------------------------------------------------------------------------
    // base address registers (6.2.5.1)

    /**
     * Declares BAR {@code index} for {@code region}; {@code type} is {@link PciRegs#BAR_SPACE_IO} or a memory type
     * ({@link PciRegs#BAR_MEM_TYPE_32}/{@code _64}, optionally {@code | BAR_MEM_PREFETCH}). A 64-bit BAR takes the
     * next register too.
     */
    protected final void registerBar(int index, int type, MemoryRegion region) {
        declareBar(index, type, region.size(), region);
    }

    /** A BAR that sizes and reads back as the real one but decodes nothing (config-space-only models). */
    protected final void registerConfigOnlyBar(int index, int type, long size) {
        declareBar(index, type, size, null);
    }

    private void declareBar(int index, int type, long size, MemoryRegion region) {
        if (index < 0 || index >= NUM_BARS) {
            throw new IllegalArgumentException("BAR index " + index + " is outside 0.." + (NUM_BARS - 1));
        }
        if (size <= 0 || Long.bitCount(size) != 1) {
            throw new IllegalArgumentException("PCI region size must be pow2 type=0x" + Integer.toHexString(type)
                    + ", size=0x" + Long.toHexString(size));
        }
        BaseAddressRegister bar = new BaseAddressRegister(index, type, size, region);
        if (bar.sixtyFourBit() && index == NUM_BARS - 1) {
            throw new IllegalArgumentException("64-bit BAR " + index + " needs the next register, the last is "
                    + (NUM_BARS - 1));
        }
        bars[index] = bar;
        int at = bar.registerOffset();
        config.set(at, bar.width(), type);
        config.makeReadWrite(at, bar.width(), bar.addressMask());
        config.markHardwareInitialized(at, bar.width(), -1L);
    }

    /** Where BAR {@code index} decodes now, or -1. */
    public final long barAddress(int index) {
        BaseAddressRegister bar = bars[index];
        return bar == null ? BaseAddressRegister.NOT_DECODED : bar.decodedAt;
    }

    public final long barSize(int index) {
        BaseAddressRegister bar = bars[index];
        return bar == null ? 0 : bar.size;
    }

    /** Puts every BAR's window where its register and the Command enables say (nothing while unplugged). */
    protected final void updateMappings() {
        if (bus == null) {
            return;
        }
        int command = configWord(COMMAND);
        for (BaseAddressRegister bar : bars) {
            if (bar != null) {
                place(bar, bar.decodeAddress(config, command, bus.barsAtZero()));
            }
        }
    }

    private void place(BaseAddressRegister bar, long at) {
        if (at == bar.decodedAt) {
            return;
        }
        if (bar.placedIn != null) {
            bar.placedIn.removeSubregion(bar.region);
            bar.placedIn = null;
        }
        bar.decodedAt = at;
        if (at != BaseAddressRegister.NOT_DECODED && bar.region != null && bus != null) {
            MemoryRegion space = bar.ioSpace() ? bus.io() : bus.memory();
            space.addSubregionOverlap(at, bar.region, 1);
            bar.placedIn = space;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // capability list (6.7)

    /**
     * Adds a capability structure of {@code size} bytes with ID {@code capId}: at {@code offset}, or with
     * {@code offset == 0} in the first free run after the header. It becomes the head of the list (Capabilities
     * Pointer), Status gets its Capabilities List bit, and its bytes are read-only. Returns its offset.
     */
    protected final int addCapability(int capId, int offset, int size) {
        int at = offset == 0 ? freeRun(size) : offset;
        if (offset == 0 && at == 0) {
            throw new IllegalStateException("no room for a capability of " + size + " bytes in " + typeName());
        }
        if (offset != 0) {
            for (int i = offset; i < offset + size; i++) {
                if (i >= ConfigSpace.SIZE || capabilityBytes[i]) {
                    throw new IllegalStateException("capability 0x" + Integer.toHexString(capId) + " at 0x"
                            + Integer.toHexString(offset) + " overlaps config space in use or its end");
                }
            }
        }
        config.setByte(at + CAP_LIST_ID, capId);
        config.setByte(at + CAP_LIST_NEXT, config.getByte(CAPABILITY_LIST));
        config.setByte(CAPABILITY_LIST, at);
        config.setBits(STATUS, 1, STATUS_CAP_LIST);
        int dwords = (size + 3) & ~3;
        for (int i = at; i < Math.min(at + dwords, ConfigSpace.SIZE); i++) {
            capabilityBytes[i] = true;
        }
        config.makeReadOnly(at, size);
        config.markHardwareInitializedRange(at, size);
        return at;
    }

    /** The start of the first {@code size} free bytes after the header, 0 when none. */
    private int freeRun(int size) {
        int start = CONFIG_HEADER_SIZE;
        for (int i = CONFIG_HEADER_SIZE; i < ConfigSpace.SIZE; i++) {
            if (capabilityBytes[i]) {
                start = i + 1;
            } else if (i + 1 - start == size) {
                return start;
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------
    // MSI (6.8)

    /**
     * Adds the MSI capability with {@code nrVectors} (1, 2, 4 .. 32) vectors, 32- or 64-bit message addresses, with
     * or without per-vector masking; returns its offset. Messages go out through the bus-master address space.
     */
    protected final int msiInit(int offset, int nrVectors, boolean msi64, boolean perVectorMask) {
        if (nrVectors <= 0 || nrVectors > MSI_VECTORS_MAX || Integer.bitCount(nrVectors) != 1) {
            throw new IllegalArgumentException("MSI vector count " + nrVectors + " is not a power of two in 1..32");
        }
        int at = addCapability(CAP_ID_MSI, offset, MsiCapability.size(msi64, perVectorMask));
        msi = new MsiCapability(config, at);
        msi.initialize(nrVectors, msi64, perVectorMask);
        return at;
    }

    public final boolean msiPresent() {
        return msi != null;
    }

    /** Offset of the MSI capability, 0 when absent. */
    public final int msiCapOffset() {
        return msi == null ? 0 : msi.base();
    }

    public final boolean msiEnabled() {
        return msi != null && msi.enabled();
    }

    /**
     * Signals MSI {@code vector}: nothing without MSI enabled or for a vector beyond those enabled; a masked vector
     * becomes pending; otherwise the message is written (needs bus mastering).
     */
    public final void msiNotify(int vector) {
        if (msi != null) {
            msi.signal(this, vector);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // INTx (6.2.2 Interrupt Disable, 6.2.3 Interrupt Status)

    /**
     * Drives the function's interrupt pin (the one its Interrupt Pin register names) to {@code level}: Status's
     * Interrupt Status bit follows it; the bus sees it unless Command's Interrupt Disable is set. A function without
     * a pin ignores it.
     */
    public final void setIrqLevel(int level) {
        int pin = configByte(INTERRUPT_PIN) - 1;
        if (pin >= 0 && pin < INTX_PINS) {
            drivePin(pin, level != 0);
        }
    }

    /** Whether the function drives INTx pin {@code pin} (0 = INTA#), disabled or not. */
    public final boolean intxAsserted(int pin) {
        return (assertedPins & (1 << pin)) != 0;
    }

    private void drivePin(int pin, boolean high) {
        if (intxAsserted(pin) == high) {
            return;
        }
        assertedPins ^= 1 << pin;
        if (assertedPins != 0) {
            config.setBits(STATUS, 1, STATUS_INTERRUPT);
        } else {
            config.clearBits(STATUS, 1, STATUS_INTERRUPT);
        }
        if (!intxDisabled() && bus != null) {
            bus.changeIrqLevel(devfn, pin, high ? 1 : -1);
        }
    }

    private boolean intxDisabled() {
        return (configWord(COMMAND) & COMMAND_INTX_DISABLE) != 0;
    }

    /** Interrupt Disable changed: the pins driven high are withdrawn from the bus ({@code withdraw}) or shown again. */
    private void presentPinsToBus(boolean withdraw) {
        if (bus == null) {
            return;
        }
        for (int pin = 0; pin < INTX_PINS; pin++) {
            if (intxAsserted(pin)) {
                bus.changeIrqLevel(devfn, pin, withdraw ? -1 : 1);
            }
        }
    }

    /** Lets go of every INTx pin. */
    protected final void deassertIntx() {
        for (int pin = 0; pin < INTX_PINS; pin++) {
            drivePin(pin, false);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // bus master (6.2.2 Command bit 2)

    public final boolean busMasterEnabled() {
        return (configWord(COMMAND) & COMMAND_MASTER) != 0;
    }

    /**
     * Requester id of the function's requests: {@code bus << 8 | devfn} (PCI Express Base 2.2.6.2), -1 unplugged.
     * The IOMMU sees it as the StreamID. A test device that presents another id overrides it.
     */
    public int requesterId() {
        PciBus b = bus;
        return b == null ? -1 : b.number() << 8 | devfn;
    }

    /** Reads memory as bus master; without bus mastering (or a bus) the function reads zeros. */
    public final void dmaRead(long addr, byte[] dst, int dstOff, int len) {
        transfer(addr, dst, dstOff, len, false, false, true, retryRefusedPages);
    }

    /** Writes memory as bus master; dropped without bus mastering. */
    public final void dmaWrite(long addr, byte[] src, int srcOff, int len) {
        transfer(addr, src, srcOff, len, true, false, true, retryRefusedPages);
    }

    /**
     * Reads the machine's physical memory as bus master, past any IOMMU or TCE translation of the bus
     * ({@link PciBus#physicalSpace}): for masters the platform does not translate (virtio without
     * VIRTIO_F_ACCESS_PLATFORM). Zeros without bus mastering.
     */
    public final void physicalRead(long addr, byte[] dst, int dstOff, int len) {
        PciBus b = bus;
        if (b == null || !busMasterEnabled()) {
            java.util.Arrays.fill(dst, dstOff, dstOff + len, (byte) 0);
            return;
        }
        access(b.physicalSpace(), addr, dst, dstOff, len, false, false);
    }

    /** The write counterpart of {@link #physicalRead}; dropped without bus mastering. */
    public final void physicalWrite(long addr, byte[] src, int srcOff, int len) {
        PciBus b = bus;
        if (b == null || !busMasterEnabled()) {
            return;
        }
        access(b.physicalSpace(), addr, src, srcOff, len, true, false);
    }

    /** {@link #dmaRamBytes} for {@link #physicalRead}: how many bytes from {@code addr} are plain RAM. */
    public final long physicalRamBytes(long addr, long len) {
        PciBus b = bus;
        return b == null ? 0 : b.physicalSpace().ramBytes(addr, len);
    }

    /**
     * {@link #dmaRead} that tells the master how the access completed: a {@link DmaStatus} code. Bytes the IOMMU
     * refused or no target decodes read as zeros.
     */
    public final int dmaReadStatus(long addr, byte[] dst, int dstOff, int len) {
        return transfer(addr, dst, dstOff, len, false, true, true, retryRefusedPages);
    }

    /** {@link #dmaWrite} that tells the master how the access completed: a {@link DmaStatus} code. */
    public final int dmaWriteStatus(long addr, byte[] src, int srcOff, int len) {
        return transfer(addr, src, srcOff, len, true, true, true, retryRefusedPages);
    }

    /**
     * {@link #dmaReadStatus} whose first refused page ends the access with one fault, whatever
     * {@link #retryRefusedPagesInWords} says: for the transfers QEMU's model of the device makes to RAM only.
     */
    protected final int dmaReadStatusEndingAtRefusal(long addr, byte[] dst, int dstOff, int len) {
        return transfer(addr, dst, dstOff, len, false, true, true, false);
    }

    /** The write counterpart of {@link #dmaReadStatusEndingAtRefusal}. */
    protected final int dmaWriteStatusEndingAtRefusal(long addr, byte[] src, int srcOff, int len) {
        return transfer(addr, src, srcOff, len, true, true, true, false);
    }

    /**
     * A write through the bus's IOMMU (or straight to its DMA space) that does not look at Command's Bus Master bit:
     * for test devices that, as in QEMU, take the IOMMU address space directly. Returns a {@link DmaStatus} code.
     */
    protected final int iommuWriteStatus(long addr, byte[] src, int srcOff, int len) {
        return transfer(addr, src, srcOff, len, true, true, false, false);
    }

    /** The read counterpart of {@link #iommuWriteStatus}. */
    protected final int iommuReadStatus(long addr, byte[] dst, int dstOff, int len) {
        return transfer(addr, dst, dstOff, len, false, true, false, false);
    }

    /**
     * How many bytes of {@code [addr, addr + len)} the function can address as plain RAM from {@code addr} on (a
     * DMA engine that maps guest memory needs it). Behind an IOMMU the whole range counts: the translation is
     * checked access by access.
     */
    public final long dmaRamBytes(long addr, long len) {
        PciBus b = bus;
        if (b == null) {
            return 0;
        }
        return b.dmaTranslator() != null ? len : b.dmaSpace().ramBytes(addr, len);
    }

    /** A 32-bit little-endian memory write as bus master (how MSI messages go out); through the IOMMU if any. */
    public final void dmaStoreLong(long addr, long value) {
        PciBus b = bus;
        if (b == null || !busMasterEnabled()) {
            return;
        }
        DmaTranslator iommu = b.dmaTranslator();
        long pa = addr;
        if (iommu != null) {
            pa = iommu.translate(requesterId(), addr, DmaTranslator.WRITE);
            if (pa < 0) {
                return;
            }
        }
        b.dmaSpace().store(pa, 4, value, false);
    }

    /**
     * Makes this function's bus-master accesses behind an IOMMU go on past a refused page as QEMU's do (measured
     * with Debian's QEMU 7.2: edu behind virt's SMMUv3, {@code SmmuBusMastersOnRunningQemuTest}): the refused page is
     * offered again in naturally aligned pieces of at most 4 bytes, each translated anew (so the IOMMU records one
     * fault per piece), none of them reaching memory (reads give zeros); the pages after it are translated and
     * accessed as usual. Off (the default), the first refused page ends the access with one fault. The test
     * devices' direct IOMMU path ({@link #iommuWriteStatus}) always ends at the first refusal.
     */
    protected final void retryRefusedPagesInWords(boolean on) {
        this.retryRefusedPages = on;
    }

    /**
     * The bus-master path. Without an IOMMU: one access to the bus's DMA space, as it always was. With one: split at
     * the translator's page boundaries, one translation per page; the first refused page ends the access, or, with
     * {@link #retryRefusedPagesInWords}, is offered again word by word and the access goes on.
     * {@code check} asks for the decode check ({@link DmaStatus#DECODE_ERROR}), which the status-returning calls
     * want and the plain ones skip.
     */
    private int transfer(long addr, byte[] buf, int off, int len, boolean write, boolean check, boolean master,
            boolean retry) {
        PciBus b = bus;
        if (b == null || master && !busMasterEnabled()) {
            if (!write) {
                java.util.Arrays.fill(buf, off, off + len, (byte) 0);
            }
            return DmaStatus.MASTER_ABORT;
        }
        AddressSpace space = b.dmaSpace();
        DmaTranslator iommu = b.dmaTranslator();
        if (iommu == null) {
            return access(space, addr, buf, off, len, write, check);
        }
        int rid = requesterId();
        int access = write ? DmaTranslator.WRITE : DmaTranslator.READ;
        long pageMask = (1L << iommu.pageShift()) - 1;
        int status = DmaStatus.OK;
        while (len > 0) {
            int chunk = (int) Math.min(len, (~addr & pageMask) + 1);
            long pa = iommu.translate(rid, addr, access);
            if (pa < 0 && !retry) {
                if (!write) {
                    java.util.Arrays.fill(buf, off, off + len, (byte) 0);
                }
                return DmaStatus.TRANSLATION_FAULT;
            }
            if (pa < 0) {
                if (!write) {
                    java.util.Arrays.fill(buf, off, off + chunk, (byte) 0);
                }
                offerAgainInWords(iommu, rid, addr, chunk, access);
                status = DmaStatus.TRANSLATION_FAULT;
            } else if (access(space, pa, buf, off, chunk, write, check) != DmaStatus.OK
                    && status == DmaStatus.OK) {
                status = DmaStatus.DECODE_ERROR;
            }
            addr += chunk;
            off += chunk;
            len -= chunk;
        }
        return status;
    }

    /**
     * The rest of a refused page after its first piece (already translated): pieces of at most 4 bytes, none
     * crossing its natural alignment, each translated again; the answers stay refusals (nothing changed between).
     */
    private static void offerAgainInWords(DmaTranslator iommu, int rid, long addr, int len, int access) {
        long at = addr;
        int left = len;
        boolean first = true;
        while (left > 0) {
            int piece = Math.min(4, Integer.highestOneBit(left));
            long alignment = at & -at;
            if (alignment != 0 && alignment < piece) {
                piece = (int) alignment;
            }
            if (!first) {
                iommu.translate(rid, at, access);
            }
            first = false;
            at += piece;
            left -= piece;
        }
    }

    private static int access(AddressSpace space, long pa, byte[] buf, int off, int len, boolean write,
            boolean check) {
        int status = check && len > 0 && !space.isAssigned(pa, len) ? DmaStatus.DECODE_ERROR : DmaStatus.OK;
        if (write) {
            space.write(pa, buf, off, len);
        } else {
            space.read(pa, buf, off, len);
        }
        return status;
    }

    // ---------------------------------------------------------------------------------------------------------
    // reset

    /** The device's own register reset; runs before the header's. */
    protected void deviceReset() {
    }

    @Override
    public final void reset() {
        deviceReset();
        deassertIntx();
        clearSoftwareBits(COMMAND, 2);
        clearSoftwareBits(STATUS, 2);
        clearSoftwareBits(INTERRUPT_LINE, 1);
        config.setByte(CACHE_LINE_SIZE, 0);
        for (BaseAddressRegister bar : bars) {
            if (bar != null) {
                config.set(bar.registerOffset(), bar.width(), bar.typeBits);
            }
        }
        updateMappings();
        if (msi != null) {
            msi.reset();
        }
    }

    private void clearSoftwareBits(int offset, int width) {
        config.clearBits(offset, width, config.readWriteBits(offset, width) | config.writeOneToClearBits(offset,
                width));
    }
}
