package io.qtestjvm.pci;

import io.qtestjvm.core.Device;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;

import java.util.Arrays;

import static io.qtestjvm.pci.PciRegs.*;

/**
 * A conventional PCI function ({@code PCIDevice}, hw/pci/pci.c and hw/pci/msi.c): 256 bytes of configuration
 * space with QEMU's write mask ({@code wmask}), write-1-to-clear mask ({@code w1cmask}) and check mask
 * ({@code cmask}: bytes that are fixed identity, read-only to software); BARs that are mapped into the bus's
 * memory or I/O container only while the matching COMMAND bit is set and the address is valid
 * ({@code pci_update_mappings}); a capability list; MSI; INTx through the bus; bus-master DMA.
 *
 * <p>Subclasses set their identity in the constructor, register BARs and capabilities there or in
 * {@link #doRealize()}, override {@link #configRead}/{@link #configWrite} (calling super) for side effects, and
 * put their own register reset in {@link #deviceReset()}. {@link #reset()} runs it and then the generic PCI reset
 * ({@code pci_do_device_reset}) in that order, as QEMU's reset of a device before its bus does.
 */
public abstract class PciDevice extends Device {
    public static final int NUM_BARS = 6;

    private final byte[] config = new byte[CONFIG_SPACE_SIZE];
    private final byte[] wmask = new byte[CONFIG_SPACE_SIZE];
    private final byte[] w1cmask = new byte[CONFIG_SPACE_SIZE];
    private final byte[] cmask = new byte[CONFIG_SPACE_SIZE];
    /** Bytes taken by capabilities ({@code used}), for the capability allocator. */
    private final boolean[] used = new boolean[CONFIG_SPACE_SIZE];
    private final PciBar[] bars = new PciBar[NUM_BARS];
    private PciBus bus;
    private int devfn = -1;
    /** Asserted INTx pins, one bit per pin ({@code irq_state}). */
    private int irqState;
    /** Offset of the MSI capability, 0 when absent. */
    private int msiCap;
    /** {@code DeviceClass.hotpluggable}: false for the chipset functions a board builds in. */
    private boolean hotpluggable = true;
    private boolean hotplugged;

    /**
     * @param classId the 16-bit class code (base class, subclass), e.g. 0x0600 for a host bridge
     */
    protected PciDevice(String typeName, int vendorId, int deviceId, int revision, int classId) {
        super(typeName);
        putLe(config, VENDOR_ID, 2, vendorId);
        putLe(config, DEVICE_ID, 2, deviceId);
        config[REVISION_ID] = (byte) revision;
        putLe(config, CLASS_DEVICE, 2, classId);
        putLe(config, SUBSYSTEM_VENDOR_ID, 2, DEFAULT_SUBSYSTEM_VENDOR_ID);
        putLe(config, SUBSYSTEM_ID, 2, DEFAULT_SUBSYSTEM_ID);
        // pci_init_cmask
        putLe(cmask, VENDOR_ID, 2, 0xffff);
        putLe(cmask, DEVICE_ID, 2, 0xffff);
        cmask[STATUS] = (byte) STATUS_CAP_LIST;
        cmask[REVISION_ID] = (byte) 0xff;
        cmask[CLASS_PROG] = (byte) 0xff;
        putLe(cmask, CLASS_DEVICE, 2, 0xffff);
        cmask[HEADER_TYPE] = (byte) 0xff;
        cmask[CAPABILITY_LIST] = (byte) 0xff;
        // pci_init_wmask (command_serr_enable defaults to on)
        wmask[CACHE_LINE_SIZE] = (byte) 0xff;
        wmask[INTERRUPT_LINE] = (byte) 0xff;
        putLe(wmask, COMMAND, 2, COMMAND_IO | COMMAND_MEMORY | COMMAND_MASTER | COMMAND_INTX_DISABLE | COMMAND_SERR);
        Arrays.fill(wmask, CONFIG_HEADER_SIZE, CONFIG_SPACE_SIZE, (byte) 0xff);
        // pci_init_w1cmask
        putLe(w1cmask, STATUS, 2, STATUS_PARITY | STATUS_SIG_TARGET_ABORT | STATUS_REC_TARGET_ABORT
                | STATUS_REC_MASTER_ABORT | STATUS_SIG_SYSTEM_ERROR | STATUS_DETECTED_PARITY);
    }

    // ---------------------------------------------------------------------------------------------------------
    // identity and placement

    public final PciBus bus() {
        return bus;
    }

    /** The devfn this function is plugged at, or -1. */
    public final int devfn() {
        return devfn;
    }

    final void attach(PciBus bus, int devfn) {
        this.bus = bus;
        this.devfn = devfn;
    }

    final void detach() {
        unmapBars();
        this.bus = null;
        this.devfn = -1;
    }

    public final int vendorId() {
        return (int) getLe(config, VENDOR_ID, 2);
    }

    public final int deviceId() {
        return (int) getLe(config, DEVICE_ID, 2);
    }

    /** Sets the multifunction bit of the header type ({@code multifunction=on}); set before plugging. */
    public final void setMultifunction(boolean on) {
        config[HEADER_TYPE] = (byte) (on ? config[HEADER_TYPE] | HEADER_TYPE_MULTI_FUNCTION
                : config[HEADER_TYPE] & ~HEADER_TYPE_MULTI_FUNCTION);
    }

    /**
     * Whether the device may be hot-unplugged ({@code DeviceClass.hotpluggable}); ACPI PCI hotplug clears the
     * slot's bit in its removability register for functions that are not (hw/acpi/pcihp.c).
     */
    public final boolean hotpluggable() {
        return hotpluggable;
    }

    /** Marks the type as not hot-pluggable ({@code dc->hotpluggable = false}); call in the constructor. */
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

    public final boolean multifunction() {
        return (config[HEADER_TYPE] & HEADER_TYPE_MULTI_FUNCTION) != 0;
    }

    /** A subsystem id other than QEMU's default 1af4:1100 ({@code PCIDeviceClass.subsystem_*}). */
    protected final void setSubsystem(int vendorId, int id) {
        putLe(config, SUBSYSTEM_VENDOR_ID, 2, vendorId);
        putLe(config, SUBSYSTEM_ID, 2, id);
    }

    /** The INTx pin register: 0 none, 1 INTA .. 4 INTD ({@code pci_config_set_interrupt_pin}). */
    protected final void setInterruptPin(int pin) {
        config[INTERRUPT_PIN] = (byte) pin;
    }

    // ---------------------------------------------------------------------------------------------------------
    // raw config space access for the device model (no masks, no side effects)

    public final int configByte(int offset) {
        return config[offset] & 0xff;
    }

    public final int configWord(int offset) {
        return (int) getLe(config, offset, 2);
    }

    public final long configLong(int offset) {
        return getLe(config, offset, 4);
    }

    protected final void setConfigByte(int offset, int value) {
        config[offset] = (byte) value;
    }

    protected final void setConfigWord(int offset, int value) {
        putLe(config, offset, 2, value);
    }

    protected final void setConfigLong(int offset, long value) {
        putLe(config, offset, 4, value);
    }

    /** Sets the write mask of {@code len} bytes at {@code offset} (little-endian value). */
    protected final void setWmask(int offset, int len, long mask) {
        putLe(wmask, offset, len, mask);
    }

    protected final void setW1cmask(int offset, int len, long mask) {
        putLe(w1cmask, offset, len, mask);
    }

    /** Whether the byte at {@code offset} is fixed identity that migration would check ({@code cmask}). */
    public final int checkMask(int offset) {
        return cmask[offset] & 0xff;
    }

    // ---------------------------------------------------------------------------------------------------------
    // config space access from the bus (pci_default_read_config / pci_default_write_config)

    /**
     * Reads {@code len} (1..4) bytes at {@code offset}; the caller guarantees {@code offset + len <= 256}.
     */
    public long configRead(int offset, int len) {
        return getLe(config, offset, len);
    }

    /** Writes through the masks, then applies the side effects of BAR, COMMAND and MSI changes. */
    public void configWrite(int offset, long value, int len) {
        boolean wasIrqDisabled = irqDisabled();
        long v = value;
        for (int i = 0; i < len; i++, v >>>= 8) {
            int a = offset + i;
            int wm = wmask[a];
            int w1c = w1cmask[a];
            int b = (config[a] & ~wm) | ((int) v & wm);
            b &= ~((int) v & w1c);
            config[a] = (byte) b;
        }
        boolean commandTouched = offset <= COMMAND && COMMAND < offset + len;
        if (overlaps(offset, len, BASE_ADDRESS_0, 24) || overlaps(offset, len, ROM_ADDRESS, 4) || commandTouched) {
            updateMappings();
        }
        if (commandTouched) {
            updateIrqDisabled(wasIrqDisabled);
        }
        msiWriteConfig(offset, len);
    }

    static boolean overlaps(int start1, int len1, int start2, int len2) {
        return start1 < start2 + len2 && start2 < start1 + len1;
    }

    // ---------------------------------------------------------------------------------------------------------
    // BARs

    /**
     * Registers BAR {@code index} ({@code pci_register_bar}) mapping {@code region}; {@code type} is
     * {@link PciRegs#BAR_SPACE_IO} or a memory type ({@link PciRegs#BAR_MEM_TYPE_32}/{@code _64}, optionally
     * {@code | BAR_MEM_PREFETCH}). A 64-bit BAR also takes the next register.
     */
    protected final void registerBar(int index, int type, MemoryRegion region) {
        registerBar(index, type, region.size(), region);
    }

    /** A BAR that sizes and reads back as the real one but maps nothing (config-space-only models). */
    protected final void registerConfigOnlyBar(int index, int type, long size) {
        registerBar(index, type, size, null);
    }

    private void registerBar(int index, int type, long size, MemoryRegion region) {
        if (index < 0 || index >= NUM_BARS) {
            throw new IllegalArgumentException("BAR index " + index + " is outside 0.." + (NUM_BARS - 1));
        }
        if (size == 0 || (size & (size - 1)) != 0) {
            throw new IllegalArgumentException("PCI region size must be pow2 type=0x" + Integer.toHexString(type)
                    + ", size=0x" + Long.toHexString(size));
        }
        PciBar bar = new PciBar(index, type, size, region);
        if (bar.is64() && index == NUM_BARS - 1) {
            throw new IllegalArgumentException("64-bit BAR " + index + " needs the next register, the last is "
                    + (NUM_BARS - 1));
        }
        bars[index] = bar;
        int reg = BASE_ADDRESS_0 + index * 4;
        long mask = ~(size - 1);
        putLe(config, reg, 4, type);
        if (bar.is64()) {
            putLe(config, reg + 4, 4, 0);
            putLe(wmask, reg, 8, mask);
            putLe(cmask, reg, 8, -1L);
        } else {
            putLe(wmask, reg, 4, mask);
            putLe(cmask, reg, 4, 0xffff_ffffL);
        }
    }

    /** Where BAR {@code index} is mapped now, or -1 ({@code pci_get_bar_addr}). */
    public final long barAddress(int index) {
        PciBar bar = bars[index];
        return bar == null ? PciBar.UNMAPPED : bar.addr;
    }

    public final long barSize(int index) {
        PciBar bar = bars[index];
        return bar == null ? 0 : bar.size;
    }

    /** The address BAR {@code bar} decodes now, or unmapped ({@code pci_bar_address}). */
    private long decodedAddress(PciBar bar) {
        int cmd = configWord(COMMAND);
        int reg = BASE_ADDRESS_0 + bar.index * 4;
        if (bar.isIo()) {
            if ((cmd & COMMAND_IO) == 0) {
                return PciBar.UNMAPPED;
            }
            long newAddr = getLe(config, reg, 4) & ~(bar.size - 1);
            long last = newAddr + bar.size - 1;
            // QEMU: explicit 32-bit wrap check; address 0 is not decoded (allow_0_address is off on pc)
            if (Long.compareUnsigned(last, newAddr) <= 0 || newAddr == 0 || last >= 0xffff_ffffL) {
                return PciBar.UNMAPPED;
            }
            return newAddr;
        }
        if ((cmd & COMMAND_MEMORY) == 0) {
            return PciBar.UNMAPPED;
        }
        long newAddr = bar.is64() ? getLe(config, reg, 8) : getLe(config, reg, 4);
        newAddr &= ~(bar.size - 1);
        long last = newAddr + bar.size - 1;
        if (Long.compareUnsigned(last, newAddr) <= 0 || newAddr == 0 || last == PciBar.UNMAPPED) {
            return PciBar.UNMAPPED;
        }
        if (!bar.is64() && Long.compareUnsigned(last, 0xffff_ffffL) >= 0) {
            return PciBar.UNMAPPED;
        }
        return newAddr;
    }

    /** {@code pci_update_mappings}: moves every BAR to where its register and COMMAND say. */
    protected final void updateMappings() {
        if (bus == null) {
            return;
        }
        for (PciBar bar : bars) {
            if (bar == null) {
                continue;
            }
            long newAddr = decodedAddress(bar);
            if (newAddr == bar.addr) {
                continue;
            }
            if (bar.mappedIn != null) {
                bar.mappedIn.removeSubregion(bar.region);
                bar.mappedIn = null;
            }
            bar.addr = newAddr;
            if (newAddr != PciBar.UNMAPPED && bar.region != null) {
                MemoryRegion container = bar.isIo() ? bus.io() : bus.memory();
                container.addSubregionOverlap(newAddr, bar.region, 1);
                bar.mappedIn = container;
            }
        }
    }

    private void unmapBars() {
        for (PciBar bar : bars) {
            if (bar != null) {
                if (bar.mappedIn != null) {
                    bar.mappedIn.removeSubregion(bar.region);
                    bar.mappedIn = null;
                }
                bar.addr = PciBar.UNMAPPED;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // capabilities

    /**
     * Adds a capability ({@code pci_add_capability}): at {@code offset}, or with {@code offset == 0} at the
     * first free 4-byte-aligned space from 0x40 on. Links it at the head of the list, sets STATUS.CAP_LIST and
     * makes the capability read-only; returns its offset.
     */
    protected final int addCapability(int capId, int offset, int size) {
        if (offset == 0) {
            offset = findSpace(size);
            if (offset == 0) {
                throw new IllegalStateException("no room for a capability of " + size + " bytes in "
                        + typeName());
            }
        } else {
            for (int i = offset; i < offset + size; i++) {
                if (i >= CONFIG_SPACE_SIZE || used[i]) {
                    throw new IllegalStateException("capability 0x" + Integer.toHexString(capId) + " at 0x"
                            + Integer.toHexString(offset) + " overlaps config space in use or its end");
                }
            }
        }
        config[offset + CAP_LIST_ID] = (byte) capId;
        config[offset + CAP_LIST_NEXT] = config[CAPABILITY_LIST];
        config[CAPABILITY_LIST] = (byte) offset;
        config[STATUS] |= (byte) STATUS_CAP_LIST;
        int aligned = (size + 3) & ~3;
        for (int i = offset; i < Math.min(offset + aligned, CONFIG_SPACE_SIZE); i++) {
            used[i] = true;
        }
        Arrays.fill(wmask, offset, offset + size, (byte) 0);
        Arrays.fill(cmask, offset, offset + size, (byte) 0xff);
        return offset;
    }

    /** {@code pci_find_space}: the first run of {@code size} unused bytes after the header. */
    private int findSpace(int size) {
        int offset = CONFIG_HEADER_SIZE;
        for (int i = CONFIG_HEADER_SIZE; i < CONFIG_SPACE_SIZE; i++) {
            if (used[i]) {
                offset = i + 1;
            } else if (i - offset + 1 == size) {
                return offset;
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------
    // MSI (hw/pci/msi.c)

    /**
     * Adds the MSI capability ({@code msi_init}) with {@code nrVectors} (1, 2, 4 .. 32) vectors; returns its
     * offset. Assumes an interrupt controller that takes MSI ({@code msi_nonbroken}).
     */
    protected final int msiInit(int offset, int nrVectors, boolean msi64, boolean perVectorMask) {
        if (nrVectors <= 0 || nrVectors > MSI_VECTORS_MAX || (nrVectors & (nrVectors - 1)) != 0) {
            throw new IllegalArgumentException("MSI vector count " + nrVectors + " is not a power of two in 1..32");
        }
        int flags = Integer.numberOfTrailingZeros(nrVectors) << 1;
        if (msi64) {
            flags |= MSI_FLAGS_64BIT;
        }
        if (perVectorMask) {
            flags |= MSI_FLAGS_MASKBIT;
        }
        int cap = addCapability(CAP_ID_MSI, offset, msiCapSize(flags));
        msiCap = cap;
        putLe(config, cap + MSI_FLAGS, 2, flags);
        putLe(wmask, cap + MSI_FLAGS, 2, MSI_FLAGS_QSIZE | MSI_FLAGS_ENABLE);
        putLe(wmask, cap + MSI_ADDRESS_LO, 4, 0xffff_fffcL);
        if (msi64) {
            putLe(wmask, cap + MSI_ADDRESS_HI, 4, 0xffff_ffffL);
        }
        putLe(wmask, cap + (msi64 ? MSI_DATA_64 : MSI_DATA_32), 2, 0xffff);
        if (perVectorMask) {
            putLe(wmask, cap + (msi64 ? MSI_MASK_64 : MSI_MASK_32), 4, 0xffff_ffffL >>> (MSI_VECTORS_MAX - nrVectors));
        }
        return cap;
    }

    private static int msiCapSize(int flags) {
        boolean is64 = (flags & MSI_FLAGS_64BIT) != 0;
        boolean mask = (flags & MSI_FLAGS_MASKBIT) != 0;
        return mask ? (is64 ? 0x18 : 0x14) : (is64 ? 0x0e : 0x0a);
    }

    public final boolean msiPresent() {
        return msiCap != 0;
    }

    /** Offset of the MSI capability, 0 when absent. */
    public final int msiCapOffset() {
        return msiCap;
    }

    public final boolean msiEnabled() {
        return msiCap != 0 && (configWord(msiCap + MSI_FLAGS) & MSI_FLAGS_ENABLE) != 0;
    }

    private int msiFlags() {
        return configWord(msiCap + MSI_FLAGS);
    }

    private static int msiNrVectors(int flags) {
        return 1 << ((flags & MSI_FLAGS_QSIZE) >> 4);
    }

    private boolean msiMasked(int flags, int vector) {
        if ((flags & MSI_FLAGS_MASKBIT) == 0) {
            return false;
        }
        boolean is64 = (flags & MSI_FLAGS_64BIT) != 0;
        return (configLong(msiCap + (is64 ? MSI_MASK_64 : MSI_MASK_32)) & (1L << vector)) != 0;
    }

    /**
     * Sends MSI {@code vector} ({@code msi_notify}): when MSI is enabled and the vector allocated, a masked vector
     * becomes pending, otherwise the message data is written as a 32-bit little-endian value to the message
     * address through the bus-master address space. Does nothing when MSI is absent, disabled or the vector is
     * beyond those enabled (QEMU asserts on the last; callers check {@link #msiEnabled()}).
     */
    public final void msiNotify(int vector) {
        if (!msiEnabled()) {
            return;
        }
        int flags = msiFlags();
        int nr = msiNrVectors(flags);
        if (vector < 0 || vector >= nr) {
            return;
        }
        boolean is64 = (flags & MSI_FLAGS_64BIT) != 0;
        if (msiMasked(flags, vector)) {
            int pending = msiCap + (is64 ? MSI_PENDING_64 : MSI_PENDING_32);
            putLe(config, pending, 4, getLe(config, pending, 4) | (1L << vector));
            return;
        }
        long address = is64 ? getLe(config, msiCap + MSI_ADDRESS_LO, 8) : getLe(config, msiCap + MSI_ADDRESS_LO, 4);
        int data = configWord(msiCap + (is64 ? MSI_DATA_64 : MSI_DATA_32));
        if (nr > 1) {
            data = (data & ~(nr - 1)) | vector;
        }
        dmaStoreLong(address, data & 0xffffffffL);
    }

    /** {@code msi_write_config}: enabling MSI drops INTx, clamps QSIZE and delivers unmasked pending vectors. */
    private void msiWriteConfig(int offset, int len) {
        if (msiCap == 0) {
            return;
        }
        int flags = msiFlags();
        if (!overlaps(offset, len, msiCap, msiCapSize(flags)) || (flags & MSI_FLAGS_ENABLE) == 0) {
            return;
        }
        deassertIntx();
        int logNum = (flags & MSI_FLAGS_QSIZE) >> 4;
        int logMax = (flags & MSI_FLAGS_QMASK) >> 1;
        if (logNum > logMax) {
            flags = (flags & ~MSI_FLAGS_QSIZE) | (logMax << 4);
            putLe(config, msiCap + MSI_FLAGS, 2, flags);
        }
        if ((flags & MSI_FLAGS_MASKBIT) == 0) {
            return;
        }
        boolean is64 = (flags & MSI_FLAGS_64BIT) != 0;
        int nr = msiNrVectors(flags);
        int pendingOff = msiCap + (is64 ? MSI_PENDING_64 : MSI_PENDING_32);
        long pending = getLe(config, pendingOff, 4) & (0xffff_ffffL >>> (MSI_VECTORS_MAX - nr));
        putLe(config, pendingOff, 4, pending);
        for (int vector = 0; vector < nr; vector++) {
            if (msiMasked(flags, vector) || (pending & (1L << vector)) == 0) {
                continue;
            }
            putLe(config, pendingOff, 4, getLe(config, pendingOff, 4) & ~(1L << vector));
            msiNotify(vector);
        }
    }

    private void msiReset() {
        if (msiCap == 0) {
            return;
        }
        int flags = msiFlags() & ~(MSI_FLAGS_QSIZE | MSI_FLAGS_ENABLE);
        boolean is64 = (flags & MSI_FLAGS_64BIT) != 0;
        putLe(config, msiCap + MSI_FLAGS, 2, flags);
        putLe(config, msiCap + MSI_ADDRESS_LO, 4, 0);
        if (is64) {
            putLe(config, msiCap + MSI_ADDRESS_HI, 4, 0);
        }
        putLe(config, msiCap + (is64 ? MSI_DATA_64 : MSI_DATA_32), 2, 0);
        if ((flags & MSI_FLAGS_MASKBIT) != 0) {
            putLe(config, msiCap + (is64 ? MSI_MASK_64 : MSI_MASK_32), 4, 0);
            putLe(config, msiCap + (is64 ? MSI_PENDING_64 : MSI_PENDING_32), 4, 0);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // INTx

    /**
     * Sets the level of the function's INTx pin ({@code pci_set_irq}): tracked in STATUS.INTERRUPT, passed to
     * the bus unless COMMAND.INTX_DISABLE is set. Does nothing for a function without an interrupt pin.
     */
    public final void setIrqLevel(int level) {
        int pin = configByte(INTERRUPT_PIN) - 1;
        if (pin >= 0 && pin < 4) {
            intxHandler(pin, level != 0 ? 1 : 0);
        }
    }

    /** Whether INTx pin {@code pin} (0 = A) is asserted by the function, disabled or not. */
    public final boolean intxAsserted(int pin) {
        return ((irqState >> pin) & 1) != 0;
    }

    private void intxHandler(int pin, int level) {
        int change = level - ((irqState >> pin) & 1);
        if (change == 0) {
            return;
        }
        irqState = (irqState & ~(1 << pin)) | (level << pin);
        if (irqState != 0) {
            config[STATUS] |= (byte) STATUS_INTERRUPT;
        } else {
            config[STATUS] &= (byte) ~STATUS_INTERRUPT;
        }
        if (irqDisabled()) {
            return;
        }
        if (bus != null) {
            bus.changeIrqLevel(devfn, pin, change);
        }
    }

    private boolean irqDisabled() {
        return (configWord(COMMAND) & COMMAND_INTX_DISABLE) != 0;
    }

    /** {@code pci_update_irq_disabled}: toggling INTX_DISABLE withdraws or re-presents the asserted pins. */
    private void updateIrqDisabled(boolean wasDisabled) {
        boolean disabled = irqDisabled();
        if (disabled == wasDisabled || bus == null) {
            return;
        }
        for (int pin = 0; pin < 4; pin++) {
            int state = (irqState >> pin) & 1;
            if (state != 0) {
                bus.changeIrqLevel(devfn, pin, disabled ? -state : state);
            }
        }
    }

    /** {@code pci_device_deassert_intx}. */
    protected final void deassertIntx() {
        for (int pin = 0; pin < 4; pin++) {
            intxHandler(pin, 0);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // bus-master DMA

    /** COMMAND.MASTER: the bus-master address space is enabled ({@code bus_master_enable_region}). */
    public final boolean busMasterEnabled() {
        return (configWord(COMMAND) & COMMAND_MASTER) != 0;
    }

    /**
     * Reads guest memory through the bus-master address space ({@code pci_dma_read}); with bus mastering off the
     * space is empty and reads give zeros.
     */
    public final void dmaRead(long addr, byte[] dst, int dstOff, int len) {
        AddressSpace as = bus == null ? null : bus.dmaSpace();
        if (as == null || !busMasterEnabled()) {
            Arrays.fill(dst, dstOff, dstOff + len, (byte) 0);
            return;
        }
        as.read(addr, dst, dstOff, len);
    }

    /** Writes guest memory through the bus-master address space ({@code pci_dma_write}); dropped when off. */
    public final void dmaWrite(long addr, byte[] src, int srcOff, int len) {
        AddressSpace as = bus == null ? null : bus.dmaSpace();
        if (as != null && busMasterEnabled()) {
            as.write(addr, src, srcOff, len);
        }
    }

    /** A 32-bit little-endian bus-master store ({@code stl_le_pci_dma}); how MSI messages are sent. */
    public final void dmaStoreLong(long addr, long value) {
        AddressSpace as = bus == null ? null : bus.dmaSpace();
        if (as != null && busMasterEnabled()) {
            as.store(addr, 4, value, false);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // reset

    /** The device's own register reset ({@code DeviceClass.reset}); runs before the generic PCI reset. */
    protected void deviceReset() {
    }

    /**
     * System reset of the function: {@link #deviceReset()}, then {@code pci_do_device_reset}: INTx deasserted,
     * the writable and W1C bits of COMMAND and STATUS cleared, cache line size and interrupt line cleared, BARs
     * back to their type bits (address 0) and unmapped, MSI disabled and cleared. Other registers keep their
     * values unless the device resets them, as in QEMU.
     */
    @Override
    public final void reset() {
        deviceReset();
        deassertIntx();
        int clearCommand = (int) (getLe(wmask, COMMAND, 2) | getLe(w1cmask, COMMAND, 2));
        putLe(config, COMMAND, 2, configWord(COMMAND) & ~clearCommand);
        int clearStatus = (int) (getLe(wmask, STATUS, 2) | getLe(w1cmask, STATUS, 2));
        putLe(config, STATUS, 2, configWord(STATUS) & ~clearStatus);
        config[INTERRUPT_LINE] &= (byte) ~(wmask[INTERRUPT_LINE] | w1cmask[INTERRUPT_LINE]);
        config[CACHE_LINE_SIZE] = 0;
        for (PciBar bar : bars) {
            if (bar != null) {
                int reg = BASE_ADDRESS_0 + bar.index * 4;
                putLe(config, reg, bar.is64() ? 8 : 4, bar.type);
            }
        }
        updateMappings();
        msiReset();
    }

    // ---------------------------------------------------------------------------------------------------------

    static long getLe(byte[] a, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v |= (a[off + i] & 0xffL) << (8 * i);
        }
        return v;
    }

    static void putLe(byte[] a, int off, int len, long v) {
        for (int i = 0; i < len; i++) {
            a[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
