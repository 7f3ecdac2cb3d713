package io.qtestjvm.devices.sd;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Irq;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.pci.PciBus;
import io.qtestjvm.pci.PciRegs;

/**
 * One SDHCI flavour in a small machine: 64 MiB of RAM at 0 and the registers at {@link #base}, driven as qtest
 * drives them: {@code readw/readq/writeq} (value accesses) for generic-sdhci on raspi2b, {@code read}/{@code write}
 * of bytes on the BAR for sdhci-pci.
 */
final class SdhciBench {
    static final long RAM_SIZE = 64L << 20;
    static final long RASPI_BASE = 0x3f30_0000L;
    static final long PCI_BAR = 0xe000_0000L;

    final Clock clock = Clock.virtual();
    final MemoryRegion system = MemoryRegion.containerOfWholeSpace("system");
    final AddressSpace memory = AddressSpace.memory("memory", system, false);
    final String name;
    long base;
    SdSlot slot;
    /** Current level of the controller's interrupt line (INTx A for PCI). */
    int irqLevel;
    GenericSdhci generic;
    SdhciPci pciDev;

    private SdhciBench(String name) {
        this.name = name;
        system.addSubregion(0, MemoryRegion.ram("ram", RAM_SIZE));
    }

    @Override
    public String toString() {
        return name;
    }

    static SdhciBench generic(String name, int specVersion, long capareg, boolean pendingInsertQuirk) {
        SdhciBench b = new SdhciBench(name);
        GenericSdhci s = new GenericSdhci(b.clock, b.memory);
        s.setSpecVersion(specVersion);
        s.setCapareg(capareg);
        s.setPendingInsertQuirk(pendingInsertQuirk);
        s.irqOut().connect(new Irq((n, level) -> b.irqLevel = level, 0));
        s.realize();
        b.system.addSubregion(RASPI_BASE, s.mmio());
        b.base = RASPI_BASE;
        b.slot = s.slot();
        b.generic = s;
        return b;
    }

    /** raspi2b's controller: sd-spec-version=3, capareg=0x52134b4, pending-insert-quirk=on. */
    static SdhciBench raspi2b() {
        return generic("generic-sdhci (raspi2b)", 3, 0x52134b4L, true);
    }

    /** generic-sdhci with QEMU's defaults (version 2, capareg 0x057834b4: SDMA, ADMA1, ADMA2). */
    static SdhciBench genericDefaults() {
        return generic("generic-sdhci (defaults)", 2, Sdhci.DEFAULT_CAPAREG, false);
    }

    /** sdhci-pci at 04.0 with QEMU's defaults, BAR0 at 0xe0000000, memory and bus master on. */
    static SdhciBench pci() {
        SdhciBench b = new SdhciBench("sdhci-pci");
        MemoryRegion pciMem = MemoryRegion.containerOfWholeSpace("pci");
        b.system.addSubregionOverlap(0, pciMem, -1);
        PciBus bus = new PciBus(pciMem, MemoryRegion.container("io", 0x10000), b.memory, 0);
        bus.setIrqRouting(4, (fn, pin) -> (PciRegs.slot(fn) + pin) & 3, (n, level) -> {
            if (n == 0) {
                b.irqLevel = level; // slot 4, pin A
            }
        });
        SdhciPci s = new SdhciPci(b.clock);
        int devfn = bus.plug(s, PciRegs.devfn(4, 0));
        bus.configWrite(devfn, 0x10, PCI_BAR, 4);
        bus.configWrite(devfn, PciRegs.COMMAND, PciRegs.COMMAND_MEMORY | PciRegs.COMMAND_MASTER, 2);
        b.base = PCI_BAR;
        b.slot = s.slot();
        b.pciDev = s;
        return b;
    }

    // qtest-style accesses: value accesses for generic-sdhci, byte reads/writes for the PCI BAR

    long read(int reg, int size) {
        if (generic != null) {
            return memory.load(base + reg, size, false);
        }
        byte[] b = new byte[size];
        memory.read(base + reg, b, 0, size);
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (b[i] & 0xffL) << (8 * i);
        }
        return v;
    }

    void write(int reg, long value, int size) {
        if (generic != null) {
            memory.store(base + reg, size, value, false);
            return;
        }
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        memory.write(base + reg, b, 0, size);
    }

    int readw(int reg) {
        return (int) read(reg, 2);
    }

    long readl(int reg) {
        return read(reg, 4);
    }

    void writew(int reg, int v) {
        write(reg, v, 2);
    }

    void writel(int reg, long v) {
        write(reg, v, 4);
    }

    void writeb(int reg, int v) {
        write(reg, v, 1);
    }

    /** Clock on, all normal and error interrupts enabled in status and signal. */
    void powerUp() {
        writew(0x2c, 0x0005); // internal clock enable + SD clock enable
        writel(0x34, 0xffff_ffffL);
        writel(0x38, 0xffff_ffffL);
    }

    /** Clears every status bit (write 1 to clear). */
    void clearStatus() {
        writel(0x30, 0xffff_ffffL);
    }

    /** Writes argument and command (index, response type bits, data present) as a driver does. */
    void command(int index, long arg, int flags) {
        writel(0x08, arg);
        writew(0x0e, (index << 8) | flags);
    }

    void warp(long ns) {
        clock.warpTo(clock.now() + ns);
    }
}
