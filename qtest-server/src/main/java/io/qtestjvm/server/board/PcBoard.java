package io.qtestjvm.server.board;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.Irq;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.devices.edu.Edu;
import io.qtestjvm.devices.x86.FwCfgIo;
import io.qtestjvm.devices.x86.I8254Pit;
import io.qtestjvm.devices.x86.Ioapic;
import io.qtestjvm.devices.x86.Mc146818Rtc;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.pci.E1000Pci;
import io.qtestjvm.pci.I440fxHost;
import io.qtestjvm.pci.PciBus;
import io.qtestjvm.pci.PciDevice;
import io.qtestjvm.pci.PciRegs;
import io.qtestjvm.pci.Piix3Ide;
import io.qtestjvm.pci.Piix3Isa;
import io.qtestjvm.pci.Piix4Pm;
import io.qtestjvm.pci.VgaPci;
import io.qtestjvm.server.cli.StartupException;

import java.util.Set;
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
    /** PIIX4 PM's SMBus I/O base as QEMU's pc sets it (pc_piix.c). */
    private static final int SMB_IO_BASE = 0xb100;

    private final I440fxHost i440fxHost;
    private final PciBus pciBus;
    private final Piix3Isa piix3;
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
        // the PCI address space sits below everything else in system memory (pc_pci_as_mapping_init)
        MemoryRegion pciMemory = MemoryRegion.containerOfWholeSpace("pci");
        systemMemory.addSubregionOverlap(0, pciMemory, -1);
        this.i440fxHost = internal(machine, "i440fx", new I440fxHost(pciMemory, systemIo, memory, ramSize));
        this.pciBus = i440fxHost.bus();
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

        Irq[] isa = new Irq[Piix3Isa.ISA_NUM_IRQS];
        System.arraycopy(gsi, 0, isa, 0, isa.length);
        this.piix3 = pciInternal(new Piix3Isa(isa, this::reset), PciRegs.devfn(1, 0));
        pciInternal(new Piix3Ide(), PciRegs.devfn(1, 1));
        pciInternal(new Piix4Pm(SMB_IO_BASE), PciRegs.devfn(1, 3));
        if (config.defaultVga()) {
            pciInternal(new VgaPci(), -1);
        }
        if (config.defaultNic()) {
            pciInternal(new E1000Pci(), -1);
        }
    }

    private <T extends PciDevice> T pciInternal(T dev, int devfn) {
        pciBus.plug(dev, devfn);
        return internal(dev);
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

    public PciBus pciBus() {
        return pciBus;
    }

    public Piix3Isa piix3() {
        return piix3;
    }

    private static final Set<String> EDU_PROPS = Set.of("driver", "id", "addr", "dma_mask", "multifunction");

    @Override
    public Device plug(QemuOpts opts) throws StartupException {
        String driver = opts.get("driver");
        String where = "-device " + String.join(",", describe(opts)) + ": ";
        if (driver == null) {
            throw new StartupException("-device: Parameter 'driver' is missing");
        }
        PciDevice dev;
        switch (driver) {
            case "edu" -> {
                for (String k : opts.keys()) {
                    if (!EDU_PROPS.contains(k)) {
                        throw new StartupException(where + "Property 'edu." + k + "' not found");
                    }
                }
                Edu edu = new Edu(virtualClock);
                String mask = opts.get("dma_mask");
                if (mask != null) {
                    try {
                        edu.setDmaMask(Long.decode(mask));
                    } catch (NumberFormatException e) {
                        throw new StartupException(where + "Property 'edu.dma_mask' doesn't take value '" + mask
                                + "'");
                    }
                }
                dev = edu;
            }
            default -> throw new StartupException(where + "'" + driver + "' is not a valid device model name");
        }
        int devfn;
        try {
            devfn = PciAddress.parse(driver, opts.get("addr"));
        } catch (StartupException e) {
            throw new StartupException(where + e.getMessage());
        }
        String id = opts.get("id");
        if (id != null && peripheral.child(id) != null) {
            throw new StartupException(where + "Duplicate device ID '" + id + "'");
        }
        try {
            pciBus.plug(dev, devfn);
        } catch (IllegalArgumentException e) {
            throw new StartupException(where + e.getMessage());
        }
        return user(id, dev);
    }

    private static java.util.List<String> describe(QemuOpts opts) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (String k : opts.keys()) {
            parts.add(k.equals("driver") ? opts.get(k) : k + "=" + opts.get(k));
        }
        return parts;
    }
}
