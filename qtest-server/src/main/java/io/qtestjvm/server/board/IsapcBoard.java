package io.qtestjvm.server.board;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.Irq;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.core.StatelessCpu;
import io.qtestjvm.devices.misc.PlaceholderDevice;
import io.qtestjvm.devices.testdev.PcTestdev;
import io.qtestjvm.devices.x86.FwCfgIo;
import io.qtestjvm.devices.x86.I8254Pit;
import io.qtestjvm.devices.x86.I8257Dma;
import io.qtestjvm.devices.x86.Mc146818Rtc;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.server.board.cpu.CpuTopology;
import io.qtestjvm.server.cli.StartupException;

import java.util.ArrayList;
import java.util.List;

/**
 * QEMU's {@code isapc} machine, the PC without PCI (an AT-class ISA system): RAM from address 0, one CPU (a 486
 * by default), the ISA bus ({@code isa.0}) with the two ISA DMA controllers, the RTC and the PIT at their AT ports,
 * and fw_cfg on ports 0x510/0x511 at {@code /machine/fw_cfg}. A user's ISA devices ({@code pc-testdev}) go on
 * {@code isa.0}, their memory windows into system memory (the ISA memory space is system memory here).
 *
 * <p>In QEMU's creation order ({@code /machine/unattached/device[N]}): the CPU (0), the ISA bridge (1), the DMA
 * controllers (2, 3), then, here, the RTC and the PIT. Known differences from QEMU: the 8259 interrupt controllers
 * are not modelled, so ISA interrupt lines go nowhere a qtest client can intercept; QEMU's default ISA devices
 * (VGA, serial and parallel ports, floppy and IDE controllers, keyboard controller, NE2000, port 92) are absent, so
 * their ports read as unassigned (0xff) and the RTC and PIT have lower indices than in QEMU; no BIOS is loaded.
 */
public final class IsapcBoard extends Board {
    public static final String MACHINE = "isapc";
    /** The ISA bus has 16 interrupt lines (IRQ 0-15). */
    private static final int ISA_IRQS = 16;

    private final List<PcTestdev> isaDevices = new ArrayList<>();
    /** The ISA bus's interrupt lines; the array also stands for {@code isa.0} where a user device plugs in. */
    private final Irq[] isaIrqs = new Irq[ISA_IRQS];
    private final Mc146818Rtc rtc;
    private final I8254Pit pit;

    public IsapcBoard(MachineConfig config) throws StartupException {
        super(MACHINE + "-machine", config, false);
        String type = config.cpuSpec() != null ? config.cpuSpec().type() : config.machine().defaultCpuType();
        cpu(new StatelessCpu(type, 0), null, null, CpuTopology.of(config.topology(), 0).x86Props(config.topology()),
                CpuTopology.of(config.topology(), 0).x86Properties(config.topology()));
        long ramSize = config.ramSize(PcBoard.DEFAULT_RAM);
        long below = ramSize >= PcBoard.BELOW_4G_LIMIT ? PcBoard.BELOW_4G_ALIGNED : ramSize;
        MemoryRegion ram = MemoryRegion.ram("pc.ram", ramSize);
        systemMemory.addSubregion(0, MemoryRegion.ramView("ram-below-4g", ram.ram(), 0, below));
        if (ramSize > below) {
            systemMemory.addSubregion(1L << 32, MemoryRegion.ramView("ram-above-4g", ram.ram(), below,
                    ramSize - below));
        }
        for (int i = 0; i < isaIrqs.length; i++) {
            isaIrqs[i] = Irq.unconnected();
        }
        internal(new PlaceholderDevice("isabus-bridge", "isabus-bridge", 1));

        I8257Dma dma1 = internal(new I8257Dma(0));
        systemIo.addSubregion(0x00, dma1.channelRegion());
        systemIo.addSubregion(0x08, dma1.controlRegion());
        systemIo.addSubregion(0x80, dma1.pageRegion());
        I8257Dma dma2 = internal(new I8257Dma(1));
        systemIo.addSubregion(0xc0, dma2.channelRegion());
        systemIo.addSubregion(0xd0, dma2.controlRegion());
        systemIo.addSubregion(0x88, dma2.pageRegion());

        Clock rtcClock = config.rtcClockVm() ? virtualClock : hostClock;
        this.rtc = internal(new Mc146818Rtc(rtcClock));
        systemIo.addSubregion(Mc146818Rtc.IO_BASE, rtc.ioRegion());
        rtc.irqOut().connect(isaIrqs[Mc146818Rtc.ISA_IRQ]);
        rtc.setMemorySizes(below, ramSize - below);
        rtc.setCpuCount(config.smp());

        this.pit = internal(new I8254Pit(virtualClock));
        systemIo.addSubregion(I8254Pit.IO_BASE, pit.ioRegion());
        pit.irqOut().connect(isaIrqs[0]);

        FwCfgIo fwCfg = internal(machine, "fw_cfg", new FwCfgIo(memory));
        fwCfg.addMachineItems(ramSize, config.topology().cpus(), config.topology().maxCpus());
        fwCfg.setBootOptions(config.uuidBytes(), config.boot().menu(), config.boot().splashTime(),
                config.boot().rebootTimeout());
        systemIo.addSubregion(FwCfgIo.IO_BASE, fwCfg.ioRegion());
        systemIo.addSubregion(FwCfgIo.DMA_IO_BASE, fwCfg.dmaRegion());
    }

    @Override
    public boolean bigEndian() {
        return false;
    }

    /** {@code -device}: through the type registry ({@link Board#plugUserDevice}). */
    @Override
    public Device plug(QemuOpts opts) throws StartupException {
        return plugUserDevice(opts);
    }

    /** The one user bus: {@code isa.0}. */
    @Override
    protected Object findBus(String busType) {
        return busType.equals("ISA") ? isaIrqs : null;
    }

    @Override
    protected String busWithoutHotplug(Object bus) {
        return bus == isaIrqs ? "isa.0" : null;
    }

    @Override
    protected List<NamedBus> namedBuses() {
        return List.of(MAIN_SYSTEM_BUS, new NamedBus("isa.0", "ISA", isaIrqs));
    }

    @Override
    protected Device plugIntoBus(Object bus, Device dev, QemuOpts opts, boolean hot) throws StartupException {
        if (bus == isaIrqs && dev instanceof PcTestdev testdev) {
            testdev.attach(systemIo, systemMemory, isaIrqs);
            isaDevices.add(testdev);
            return user(opts.get("id"), testdev);
        }
        return super.plugIntoBus(bus, dev, opts, hot);
    }

    /** Nothing on the ISA bus or the system bus can be unplugged. */
    @Override
    public void unplugRequest(Device device) throws StartupException {
        boolean isa = device == rtc || device == pit || isaDevices.contains(device);
        throw new StartupException("Bus '" + (isa ? "isa.0" : "main-system-bus") + "' does not support hotplugging");
    }
}
