package io.qtestjvm.pci;

import io.qtestjvm.core.Device;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;

import java.util.List;

/**
 * A PAPR PCI host bridge ({@code spapr-pci-host-bridge}): one root PCI bus the platform identifies by a bus unit
 * identifier (BUID), an I/O window and two memory windows in the processor's address space, and no configuration
 * mechanism of its own: software reaches configuration space only through the RTAS calls of LoPAPR chapter 7
 * (section "PCI Configuration Space", {@code ibm,read-pci-config}/{@code ibm,write-pci-config}), which the
 * platform firmware implements with {@link #readConfig}/{@link #writeConfig}.
 *
 * <p>Window placement (facts of QEMU's pseries, observed with {@code info mtree} on Debian's QEMU 7.2 and pinned by
 * {@code PseriesRtasTest}): every window of bridge {@code index} sits above {@link #WINDOWS_BASE} (2^45): I/O at
 * {@code base + index * 64 KiB}; the 32-bit memory window of 2 GiB at {@code base + (index + 1) * 2 GiB}, showing
 * PCI memory from PCI address 2 GiB on; the 64-bit window of 1 TiB at {@code base + (index + 1) * 1 TiB}, showing
 * PCI memory at the same address. BUID {@code 0x800000020000000 + index}.
 *
 * <p>Configuration address (LoPAPR chapter 7, "PCI Configuration Space": the configuration address word):
 * bits 23:16 bus, 15:8 devfn, 7:0 register; bits 31:28 extend the register number by 8 bits (extended
 * configuration space), bits 27:24 are ignored. The checks, in QEMU 7.2's observed behaviour: size 1, 2 or 4; a
 * function at that bus/devfn (only bus 0 is populated here); the register naturally aligned and inside the
 * function's configuration space (256 bytes for a conventional function). Any failure is hardware error (-1) and
 * leaves the value cell untouched. Pinned by qtest-server's {@code PseriesRtasTest}.
 */
public final class SpaprPhb extends Device {
    public static final String TYPE = "spapr-pci-host-bridge";
    public static final String BUS_NAME = "pci.0";
    /** The first bridge's BUID; bridge {@code index} has {@code BUID_BASE + index}. */
    public static final long BUID_BASE = 0x800000020000000L;
    public static final long WINDOWS_BASE = 1L << 45;
    public static final long IO_WINDOW_SIZE = 0x10000;
    public static final long MEM32_WINDOW_SIZE = 0x8000_0000L;
    /** PCI address the 32-bit window starts at. */
    public static final long MEM32_PCI_BASE = 0x8000_0000L;
    public static final long MEM64_WINDOW_SIZE = 1L << 40;
    /** The largest {@code index} QEMU 7.2 accepts (31 bridges past the default's 0). */
    public static final int MAX_INDEX = 30;

    /** RTAS status: success. */
    public static final int STATUS_SUCCESS = 0;
    /** RTAS status: hardware error. */
    public static final int STATUS_HW_ERROR = -1;

    private final int index;
    private PciBus bus;
    private final MemoryRegion pciMemory = MemoryRegion.containerOfWholeSpace("pci-memory");
    private final MemoryRegion pciIo = MemoryRegion.container("pci-io", IO_WINDOW_SIZE);
    private MemoryRegion system;
    private final MemoryRegion ioWindow;
    private final MemoryRegion mem32Window;
    private final MemoryRegion mem64Window;

    /**
     * A bridge not yet in a machine ({@link #connect} places it).
     *
     * @param index the bridge's {@code index} (0 for the default one)
     * @throws IllegalArgumentException with QEMU's message for an index above {@link #MAX_INDEX}
     */
    public SpaprPhb(int index) {
        super(TYPE);
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("\"index\" for PAPR PHB is too large (max " + MAX_INDEX + ")");
        }
        this.index = index;
        this.ioWindow = MemoryRegion.alias("pci-io-window", pciIo, 0, IO_WINDOW_SIZE);
        this.mem32Window = MemoryRegion.alias("pci-mem32-window", pciMemory, MEM32_PCI_BASE, MEM32_WINDOW_SIZE);
        this.mem64Window = MemoryRegion.alias("pci-mem64-window", pciMemory, mem64Base(), MEM64_WINDOW_SIZE);
    }

    /**
     * Puts the bridge in a machine before it is realized: its root bus, whose bus masters reach {@code dmaSpace}
     * (guest memory: no TCE translation is modelled), and the windows realize maps into {@code system}.
     */
    public SpaprPhb connect(MemoryRegion systemMemory, AddressSpace dmaSpace) {
        this.system = systemMemory;
        this.bus = addChild(BUS_NAME, new PciBus(pciMemory, pciIo, dmaSpace, 0));
        bus.setPhysicalSpace(AddressSpace.memory("phb-physical", systemMemory, true));
        return this;
    }

    public int index() {
        return index;
    }

    public long buid() {
        return BUID_BASE + index;
    }

    public PciBus bus() {
        return bus;
    }

    public long ioBase() {
        return WINDOWS_BASE + index * IO_WINDOW_SIZE;
    }

    public long mem32Base() {
        return WINDOWS_BASE + (index + 1) * MEM32_WINDOW_SIZE;
    }

    public long mem64Base() {
        return WINDOWS_BASE + (index + 1) * MEM64_WINDOW_SIZE;
    }

    @Override
    protected void doRealize() {
        system.addSubregion(ioBase(), ioWindow);
        system.addSubregion(mem32Base(), mem32Window);
        system.addSubregion(mem64Base(), mem64Window);
    }

    @Override
    public void unrealize() {
        system.removeSubregion(ioWindow);
        system.removeSubregion(mem32Window);
        system.removeSubregion(mem64Window);
    }

    @Override
    public void reset() {
        bus.reset();
    }

    /**
     * LoPAPR "PCI Configuration Space": the register number of a configuration address (8 bits, and bits 31:28
     * above them).
     */
    static int register(int configAddress) {
        return ((configAddress >>> 20) & 0xf00) | (configAddress & 0xff);
    }

    /**
     * The function a configuration address names, or null: only bus 0 (the root bus) carries functions.
     */
    private PciDevice function(int configAddress) {
        if (((configAddress >>> 16) & 0xff) != 0) {
            return null;
        }
        return bus.device((configAddress >>> 8) & 0xff);
    }

    private static boolean validAccess(PciDevice dev, int reg, int size) {
        return dev != null && (size == 1 || size == 2 || size == 4) && reg % size == 0
                && reg < PciRegs.CONFIG_SPACE_SIZE;
    }

    /**
     * LoPAPR "PCI Configuration Space", {@code ibm,read-pci-config}: the value, or -1 (a long below zero) for
     * hardware error.
     * {@code size} is the caller's cell, unsigned.
     */
    public long readConfig(int configAddress, long size) {
        int reg = register(configAddress);
        PciDevice dev = function(configAddress);
        if (size != 1 && size != 2 && size != 4 || !validAccess(dev, reg, (int) size)) {
            return STATUS_HW_ERROR;
        }
        return bus.configRead(dev.devfn(), reg, (int) size) & 0xffff_ffffL;
    }

    /** LoPAPR "PCI Configuration Space", {@code ibm,write-pci-config}: the RTAS status. */
    public int writeConfig(int configAddress, long size, long value) {
        int reg = register(configAddress);
        PciDevice dev = function(configAddress);
        if (size != 1 && size != 2 && size != 4 || !validAccess(dev, reg, (int) size)) {
            return STATUS_HW_ERROR;
        }
        bus.configWrite(dev.devfn(), reg, value & (size == 4 ? 0xffff_ffffL : (1L << (8 * size)) - 1), (int) size);
        return STATUS_SUCCESS;
    }

    /**
     * {@code info qtree}: the bridge's properties as QEMU 7.2 prints a default bridge's (its DMA window, page sizes
     * and NVLink addresses are QEMU's defaults and used by nothing here).
     */
    @Override
    public List<String[]> qtreeProperties() {
        return List.of(new String[] {"index", number(index)},
                new String[] {"mem_win_size", number(MEM32_WINDOW_SIZE)},
                new String[] {"mem64_win_size", number(MEM64_WINDOW_SIZE)},
                new String[] {"io_win_size", number(IO_WINDOW_SIZE)},
                new String[] {"dynamic-reconfiguration", "true"},
                new String[] {"dma_win_addr", number(0)},
                new String[] {"dma_win_size", number(0x4000_0000L)},
                new String[] {"dma64_win_addr", number(0x800_0000_0000_0000L)},
                new String[] {"ddw", "true"},
                new String[] {"pgsz", number(0x121_1000L)},
                new String[] {"numa_node", number(0xffff_ffffL)},
                new String[] {"pre-2.8-migration", "false"},
                new String[] {"pcie-extended-configuration-space", "true"},
                new String[] {"gpa", number(0x4000_0000_0000L)},
                new String[] {"atsd", number(0x8000_0000_0000L)},
                new String[] {"pre-5.1-associativity", "false"},
                new String[] {"x-config-reg-migration-enabled", "true"},
                new String[] {"bypass-iommu", "false"});
    }

    private static String number(long v) {
        return Long.toUnsignedString(v) + " (0x" + Long.toHexString(v) + ")";
    }

    /** The bridge with {@code buid} among {@code phbs}, or null. */
    public static SpaprPhb byBuid(List<SpaprPhb> phbs, long buid) {
        for (SpaprPhb p : phbs) {
            if (p.buid() == buid) {
                return p;
            }
        }
        return null;
    }
}
