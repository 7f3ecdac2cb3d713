package io.qtestjvm.pci;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * A generic PCI Express host bridge ({@code gpex-pcihost}) as the arm {@code virt} machine uses it: the
 * configuration space of its hierarchy through the Enhanced Configuration Access Mechanism, a memory window and an
 * I/O window through which the root bus's BARs are reached, the root complex {@link GpexRoot} at 00.0 and four INTx
 * outputs.
 *
 * <p>ECAM (PCI Express Base Specification 7.2.2, PCI Firmware Specification 4.1.2): each function has 4 KiB of
 * configuration space at {@code bus << 20 | device << 15 | function << 12 | register} from the window base; the
 * window ({@link #ecam()}, {@code pcie-mmcfg-mmio}) spans {@code buses << 20} bytes. The board maps a view of it
 * (all of it high, the first 16 buses low). Only bus 0 exists (no bridges): other bus numbers read all-ones. A
 * function that is absent reads all-ones; registers past a function's 256-byte space read all-ones; writes there
 * are dropped.
 *
 * <p>Interrupts: root-bus functions raise their INTx pin on output {@code (device + pin) % 4} (the swizzle of PCI
 * Express Base Specification 2.2.8.1 / PCI-to-PCI Bridge Architecture 9.1), the four outputs being the
 * {@code sysbus-irq} list the board wires to its interrupt controller.
 *
 * <p>QEMU departures and facts observed on Debian's QEMU 7.2 (pinned by {@code VirtBoardTest} and the {@code misc}
 * recording of {@code VirtRecordingsTest}): accesses of 8 bytes are split into two 4-byte configuration reads;
 * unaligned accesses read and write the bytes they cover (no alignment error); addresses inside the memory and I/O
 * windows where no BAR is mapped read all-ones and drop writes ({@code allow-unmapped-accesses}).
 */
public final class GpexHost extends Device {
    public static final String TYPE = "gpex-pcihost";
    public static final String BUS_NAME = "pcie.0";
    public static final String BUS_TYPE = "PCIE";
    public static final String ROOT_NAME = "gpex_root";
    public static final String IRQ_LIST = "sysbus-irq";
    public static final int NUM_IRQS = 4;
    /** ECAM address bit fields (PCIe Base 7.2.2, Table 7-1). */
    static final int BUS_SHIFT = 20;
    static final int DEVFN_SHIFT = 12;
    static final int REGISTER_MASK = 0xfff;
    static final int MAX_BUSES = 256;
    public static final long IO_WINDOW_SIZE = 0x1_0000;

    private static final AccessRules ECAM_RULES = AccessRules.of(Endianness.LITTLE);
    /** Unmapped window space: any size, any alignment, all-ones. */
    private static final AccessRules OPEN_RULES = new AccessRules(1, 8, true, 1, 8, Endianness.LITTLE);

    private final PciBus bus;
    private final GpexRoot root = new GpexRoot();
    private final MemoryRegion ecam;
    private final MemoryRegion mmioWindow;
    private final MemoryRegion ioWindow;
    private final GpioOut[] irqs;

    /**
     * @param buses    bus numbers the ECAM window decodes (1..256)
     * @param dmaSpace where bus-master accesses of the functions go (system memory on virt)
     */
    public GpexHost(int buses, AddressSpace dmaSpace) {
        super(TYPE);
        if (buses < 1 || buses > MAX_BUSES) {
            throw new IllegalArgumentException("ECAM bus count " + buses + " is outside 1.." + MAX_BUSES);
        }
        MemoryRegion busMemory = MemoryRegion.containerOfWholeSpace("gpex_mmio");
        MemoryRegion busIo = MemoryRegion.container("gpex_ioport", IO_WINDOW_SIZE);
        this.mmioWindow = MemoryRegion.containerOfWholeSpace("gpex_mmio_window");
        mmioWindow.addSubregion(0, busMemory);
        mmioWindow.addSubregionOverlap(0, MemoryRegion.io("gpex_mmio_unmapped", Long.MAX_VALUE, ALL_ONES, OPEN_RULES),
                Integer.MIN_VALUE);
        this.ioWindow = MemoryRegion.container("gpex_ioport_window", IO_WINDOW_SIZE);
        ioWindow.addSubregion(0, busIo);
        ioWindow.addSubregionOverlap(0, MemoryRegion.io("gpex_ioport_unmapped", IO_WINDOW_SIZE, ALL_ONES,
                OPEN_RULES), Integer.MIN_VALUE);
        this.bus = addChild(BUS_NAME, new PciBus(BUS_TYPE, busMemory, busIo, dmaSpace, 0));
        bus.allowBarsAtZero(); // virt's, the one machine with a GPEX here
        this.irqs = initGpioOut(IRQ_LIST, NUM_IRQS);
        bus.setIrqRouting(NUM_IRQS, GpexHost::swizzle, (line, level) -> irqs[line].set(level));
        this.ecam = MemoryRegion.io("pcie-mmcfg-mmio", (long) buses << BUS_SHIFT, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return configRead(offset, size);
            }

            @Override
            public void write(long offset, long value, int size) {
                configWrite(offset, value, size);
            }
        }, ECAM_RULES);
    }

    /** The INTx line a root-bus function's pin (0 = INTA) drives: {@code (device + pin) % 4}. */
    static int swizzle(int devfn, int pin) {
        return (PciRegs.slot(devfn) + pin) % NUM_IRQS;
    }

    private static final MmioOps ALL_ONES = new MmioOps() {
        @Override
        public long read(long offset, int size) {
            return size == 8 ? -1L : (1L << (size * 8)) - 1;
        }

        @Override
        public void write(long offset, long value, int size) {
        }
    };

    public PciBus bus() {
        return bus;
    }

    public GpexRoot rootComplex() {
        return root;
    }

    /** The whole ECAM window ({@code pcie-mmcfg-mmio}); map views of it with {@link MemoryRegion#alias}. */
    public MemoryRegion ecam() {
        return ecam;
    }

    /** The PCI memory space as the CPU reaches it; the board maps views of the 32- and 64-bit windows. */
    public MemoryRegion mmioWindow() {
        return mmioWindow;
    }

    /** The 64 KiB PCI I/O space, mapped by the board at its PIO window. */
    public MemoryRegion ioWindow() {
        return ioWindow;
    }

    /** INTx output {@code n} (0..3). */
    public GpioOut irq(int n) {
        return irqs[n];
    }

    @Override
    protected void doRealize() {
        addChild(ROOT_NAME, root);
        bus.plug(root, 0);
    }

    @Override
    public void reset() {
        bus.reset();
    }

    private long configRead(long offset, int size) {
        int busNumber = (int) (offset >>> BUS_SHIFT);
        if (busNumber != 0) {
            return (1L << (size * 8)) - 1;
        }
        int devfn = (int) (offset >>> DEVFN_SHIFT) & 0xff;
        int reg = (int) offset & REGISTER_MASK;
        long mask = (1L << (size * 8)) - 1;
        if (bus.device(devfn) == null || reg >= PciRegs.CONFIG_SPACE_SIZE) {
            return mask;
        }
        int len = Math.min(size, PciRegs.CONFIG_SPACE_SIZE - reg);
        long v = bus.configRead(devfn, reg, len);
        // bytes past the 256-byte space read as all-ones
        return (v | (mask & ~((1L << (len * 8)) - 1))) & mask;
    }

    private void configWrite(long offset, long value, int size) {
        if ((offset >>> BUS_SHIFT) != 0) {
            return;
        }
        int devfn = (int) (offset >>> DEVFN_SHIFT) & 0xff;
        int reg = (int) offset & REGISTER_MASK;
        if (reg >= PciRegs.CONFIG_SPACE_SIZE) {
            return;
        }
        bus.configWrite(devfn, reg, value, Math.min(size, PciRegs.CONFIG_SPACE_SIZE - reg));
    }
}
