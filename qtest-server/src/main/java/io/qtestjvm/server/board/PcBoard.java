package io.qtestjvm.server.board;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.Irq;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.devices.x86.FwCfgIo;
import io.qtestjvm.devices.x86.I8254Pit;
import io.qtestjvm.devices.x86.Ioapic;
import io.qtestjvm.devices.x86.Mc146818Rtc;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.Compat;

/**
 * QEMU's x86 {@code pc} machine (hw/i386/pc_piix.c, pc.c): RAM below the 3.5 GiB PCI hole (the rest above
 * 4 GiB), the i440FX host with PIIX3, fw_cfg on ports 0x510/0x511, the I/O APIC, the PIT, the RTC.
 */
public final class PcBoard extends Board {
    /** QEMU's default {@code pc} RAM size. */
    public static final long DEFAULT_RAM = 128L << 20;
    /** RAM below 4 GiB ends here when there is less than this much RAM (pc_piix.c). */
    static final long BELOW_4G_LIMIT = 0xe000_0000L;
    /** ... and here otherwise: QEMU then aligns the split to a gigabyte (gigabyte_align). */
    static final long BELOW_4G_ALIGNED = 0xc000_0000L;

    private final long ramSize;
    private final QomObject i440fxHost;
    private final Ioapic ioapic;
    private final FwCfgIo fwCfg;
    private final I8254Pit pit;
    private final Mc146818Rtc rtc;
    /** The 24 GSI lines (x86.c gsi_handler): ISA IRQs are GSIs 0-15, all go to the I/O APIC pins. */
    private final Irq[] gsi = new Irq[Ioapic.NUM_PINS];

    public PcBoard(MachineConfig config) {
        super(machineTypeName(config.compat()), config, false);
        this.ramSize = config.ramSize(DEFAULT_RAM);
        MemoryRegion ram = MemoryRegion.ram("pc.ram", ramSize);
        long below = ramSize >= BELOW_4G_LIMIT ? BELOW_4G_ALIGNED : ramSize;
        systemMemory.addSubregion(0, MemoryRegion.ramView("ram-below-4g", ram.ram(), 0, below));
        if (ramSize > below) {
            systemMemory.addSubregion(1L << 32, MemoryRegion.ramView("ram-above-4g", ram.ram(), below,
                    ramSize - below));
        }
        this.i440fxHost = machine.addChild("i440fx", new QomObject("i440FX-pcihost"));
        this.ioapic = internal(i440fxHost, "ioapic", new Ioapic(virtualClock));
        systemMemory.addSubregion(Ioapic.MMIO_BASE, ioapic.mmio());
        for (int i = 0; i < gsi.length; i++) {
            Irq pin = ioapic.input(i);
            gsi[i] = new Irq((n, level) -> pin.set(level), i);
        }

        this.fwCfg = internal(machine, "fw_cfg", new FwCfgIo(memory));
        fwCfg.addMachineItems(ramSize, config.smp(), config.smp());
        systemIo.addSubregion(FwCfgIo.IO_BASE, fwCfg.ioRegion());
        systemIo.addSubregion(FwCfgIo.DMA_IO_BASE, fwCfg.dmaRegion());

        Clock rtcClock = config.rtcClockVm() ? virtualClock : hostClock;
        this.rtc = internal(new Mc146818Rtc(rtcClock));
        systemIo.addSubregion(Mc146818Rtc.IO_BASE, rtc.ioRegion());
        rtc.irqOut().connect(gsi[Mc146818Rtc.ISA_IRQ]);
        rtc.setMemorySizes(below, ramSize - below);
        rtc.setCpuCount(config.smp());

        this.pit = internal(new I8254Pit(virtualClock));
        systemIo.addSubregion(I8254Pit.IO_BASE, pit.ioRegion());
        pit.irqOut().connect(gsi[0]);
    }

    /** ISA IRQ line {@code n} (0-15), i.e. GSI n. */
    public Irq isaIrq(int n) {
        return gsi[n];
    }

    public Ioapic ioapic() {
        return ioapic;
    }

    static String machineTypeName(Compat compat) {
        return "pc-i440fx-" + compat.major() + "." + compat.minor() + "-machine";
    }

    /** {@code pc}, or the versioned name it aliases. */
    static boolean accepts(String type, Compat compat) {
        return type.equals("pc") || type.equals("pc-i440fx-" + compat.major() + "." + compat.minor());
    }

    public long ramSize() {
        return ramSize;
    }

    @Override
    public boolean bigEndian() {
        return false;
    }

    @Override
    public Device plug(QemuOpts opts) throws StartupException {
        String driver = opts.get("driver");
        throw new StartupException("-device " + driver + ": '" + driver + "' is not a valid device model name");
    }
}
