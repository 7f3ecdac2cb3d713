package io.qtestjvm.server.board;

import io.qtestjvm.core.StatelessCpu;
import io.qtestjvm.server.board.cpu.CpuTopology;
import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.Irq;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.devices.sd.SdCard;
import io.qtestjvm.devices.testdev.PcTestdev;
import io.qtestjvm.devices.sd.SdhciPci;
import io.qtestjvm.devices.x86.FwCfgIo;
import io.qtestjvm.devices.x86.FwCfgItems;
import io.qtestjvm.devices.x86.I8257Dma;
import io.qtestjvm.devices.x86.I8254Pit;
import io.qtestjvm.devices.x86.Ioapic;
import io.qtestjvm.devices.x86.Mc146818Rtc;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.pci.E1000Pci;
import io.qtestjvm.pci.I440fxHost;
import io.qtestjvm.pci.I440fxMemoryMap;
import io.qtestjvm.pci.PciBus;
import io.qtestjvm.pci.PciDevice;
import io.qtestjvm.pci.PciRegs;
import io.qtestjvm.pci.Piix3Ide;
import io.qtestjvm.pci.Piix3Isa;
import io.qtestjvm.pci.Piix4Pm;
import io.qtestjvm.pci.VgaPci;
import io.qtestjvm.server.cli.StartupException;

import io.qtestjvm.server.qtest.Compat;

import java.util.ArrayList;
import java.util.List;

/**
 * QEMU's x86 {@code pc} machine as Debian's QEMU 7.2 presents it: RAM below the 3.5 GiB PCI hole (the rest above
 * 4 GiB), the i440FX host with PIIX3 (its PAM and SMRAM windows over the RAM below 1 MiB, {@link I440fxMemoryMap}),
 * the firmware ROMs ({@link PcFirmware}), fw_cfg on ports 0x510/0x511, the I/O APIC, the PIT, the RTC.
 */
public final class PcBoard extends Board {
    /** QEMU's default {@code pc} RAM size. */
    public static final long DEFAULT_RAM = 128L << 20;
    /** RAM below 4 GiB ends here when there is less than this much RAM on QEMU's pc. */
    static final long BELOW_4G_LIMIT = 0xe000_0000L;
    /** ... and here otherwise: QEMU then aligns the split to a gigabyte (gigabyte_align). */
    static final long BELOW_4G_ALIGNED = 0xc000_0000L;

    private final long ramSize;
    /** PIIX4 PM's SMBus I/O base as QEMU's pc sets it. */
    private static final int SMB_IO_BASE = 0xb100;

    private final I440fxHost i440fxHost;
    /** The PCI memory space, which is also the ISA bus's memory space (ISA devices' windows go here). */
    private final MemoryRegion pciMemory;
    private final PciBus pciBus;
    private final Piix3Isa piix3;
    private final Piix4Pm piix4;
    /** The ACPI SCI is ISA IRQ 9 on pc (the PIIX4 PM's SCI line goes to GSI 9). */
    private static final int SCI_IRQ = 9;
    private final Ioapic ioapic;
    private final FwCfgIo fwCfg;
    private final I8254Pit pit;
    private final Mc146818Rtc rtc;
    /** The 24 GSI lines (Intel 82093AA: one pin per GSI): ISA IRQs are GSIs 0-15, all go to the I/O APIC pins. */
    private final Irq[] gsi = new Irq[Ioapic.NUM_PINS];

    public PcBoard(MachineConfig config) throws StartupException {
        super(machineTypeName(config.compat()), config, false);
        addCpus(config);
        this.ramSize = config.ramSize(DEFAULT_RAM);
        MemoryRegion ram = MemoryRegion.ram("pc.ram", ramSize);
        long below = ramSize >= BELOW_4G_LIMIT ? BELOW_4G_ALIGNED : ramSize;
        systemMemory.addSubregion(0, MemoryRegion.ramView("ram-below-4g", ram.ram(), 0, below));
        if (ramSize > below) {
            systemMemory.addSubregion(1L << 32, MemoryRegion.ramView("ram-above-4g", ram.ram(), below,
                    ramSize - below));
        }
        // the PCI address space sits below everything else in system memory (pc_pci_as_mapping_init)
        this.pciMemory = MemoryRegion.containerOfWholeSpace("pci");
        systemMemory.addSubregionOverlap(0, pciMemory, -1);
        this.i440fxHost = internal(machine, "i440fx", new I440fxHost(pciMemory, systemIo, memory, ramSize));
        this.pciBus = i440fxHost.bus();
        PcFirmware.map(systemMemory, pciMemory, config.bios(), config.drives());
        i440fxHost.i440fx().attachMemoryMap(new I440fxMemoryMap(systemMemory, ram.ram(), pciMemory));
        // the i440FX function is built with its host and sits beside it under /machine/unattached (QEMU 7.2)
        unattached.addChildIndexed("device", i440fxHost.i440fx());
        this.ioapic = internal(i440fxHost, "ioapic", new Ioapic(virtualClock));
        systemMemory.addSubregion(Ioapic.MMIO_BASE, ioapic.mmio());
        for (int i = 0; i < gsi.length; i++) {
            Irq pin = ioapic.input(i);
            gsi[i] = Irq.forwardingTo(pin, i);
        }

        this.fwCfg = internal(machine, "fw_cfg", new FwCfgIo(memory));
        fwCfg.items().addI64(FwCfgItems.RAM_SIZE, ramSize);
        PcFwCfgTables.add(fwCfg.items(), config, below, ramSize - below);
        fwCfg.setBootOptions(config.uuidBytes(), config.boot().menu(), config.boot().splashTime(),
                config.boot().rebootTimeout());
        for (io.qtestjvm.server.cli.FwCfgFileSpec f : config.fwCfgFiles()) {
            if (fwCfg.items().hasFile(f.name())) {
                throw StartupException.at("fw_cfg", f.arg(), "duplicate fw_cfg file name: " + f.name());
            }
            if (fwCfg.items().fileCount() >= FwCfgItems.FILE_SLOTS) {
                // QEMU 7.2 fails an assertion here and aborts; we refuse the option instead
                throw StartupException.at("fw_cfg", f.arg(), "no free fw_cfg file slot (" + FwCfgItems.FILE_SLOTS
                        + " slots)");
            }
            fwCfg.items().addFile(f.name(), f.contents());
        }
        systemIo.addSubregion(FwCfgIo.IO_BASE, fwCfg.ioRegion());
        systemIo.addSubregion(FwCfgIo.DMA_IO_BASE, fwCfg.dmaRegion());

        Clock rtcClock = config.rtcClockVm() ? virtualClock : hostClock;
        this.rtc = internal(new Mc146818Rtc(rtcClock));
        systemIo.addSubregion(Mc146818Rtc.IO_BASE, rtc.ioRegion());
        rtc.irqOut().connect(gsi[Mc146818Rtc.ISA_IRQ]);
        rtc.setMemorySizes(below, ramSize - below);
        rtc.setCpuCount(config.smp());
        PcBootOrder.check(config.boot().order());
        PcBootOrder.check(config.boot().once());
        String fdBootchk = config.machineProps().get("fd-bootchk");
        boolean signatureCheck;
        try {
            signatureCheck = fdBootchk == null || QemuOpts.parseBool("fd-bootchk", fdBootchk);
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
        PcBootOrder.write(rtc, config.boot().firstBootOrder(PcBootOrder.DEFAULT_ORDER), signatureCheck);

        // ISA DMA (two 8237A controllers, as QEMU's pc has): port 0 answers 0, as libqtest's IRQ flush expects
        I8257Dma dma1 = internal(new I8257Dma(0));
        systemIo.addSubregion(0x00, dma1.channelRegion());
        systemIo.addSubregion(0x08, dma1.controlRegion());
        systemIo.addSubregion(0x80, dma1.pageRegion());
        I8257Dma dma2 = internal(new I8257Dma(1));
        systemIo.addSubregion(0xc0, dma2.channelRegion());
        systemIo.addSubregion(0xd0, dma2.controlRegion());
        systemIo.addSubregion(0x88, dma2.pageRegion());

        this.pit = internal(new I8254Pit(virtualClock));
        systemIo.addSubregion(I8254Pit.IO_BASE, pit.ioRegion());
        pit.irqOut().connect(gsi[0]);

        Irq[] isa = new Irq[Piix3Isa.ISA_NUM_IRQS];
        System.arraycopy(gsi, 0, isa, 0, isa.length);
        this.piix3 = pciInternal(new Piix3Isa(isa, this::requestGuestReset), PciRegs.devfn(1, 0));
        pciInternal(new Piix3Ide(), PciRegs.devfn(1, 1));
        this.piix4 = pciInternal(new Piix4Pm(SMB_IO_BASE, virtualClock), PciRegs.devfn(1, 3));
        piix4.setSci(gsi[SCI_IRQ]);
        piix4.pciHotplug().setEjector(this::eject);
        if (config.defaultVga()) {
            pciInternal(new VgaPci(), -1);
        }
        if (config.defaultNic()) {
            pciInternal(new E1000Pci(), -1);
        }
    }

    /**
     * The CPUs of {@code -smp} (the first ones in {@code /machine/unattached}), each with the APIC ID and socket,
     * core and thread IDs of its place in the topology. QEMU builds its vAPIC option-ROM helper
     * ({@code kvmvapic}) when CPU 0's local APIC is realized (the model has one, or {@code -smp} asks for more than
     * one CPU), so it is {@code device[1]} and CPU n > 0 is
     * {@code device[n + 1]}; here the helper is a placeholder in the tree (its ROM-patching I/O port, which only a
     * running guest's option ROM uses, is not mapped).
     */
    private void addCpus(MachineConfig config) {
        String type = config.cpuSpec() != null ? config.cpuSpec().type() : config.machine().defaultCpuType();
        for (int i = 0; i < config.topology().cpus(); i++) {
            CpuTopology at = CpuTopology.of(config.topology(), i);
            StatelessCpu c = cpu(new StatelessCpu(type, i), null, null, at.x86Props(config.topology()),
                    at.x86Properties(config.topology()));
            // a local APIC exists when the model has one or there is more than one CPU (a lone 486 has none)
            if (i == 0 && (Boolean.TRUE.equals(c.value("apic")) || config.topology().cpus() > 1)) {
                internal(new io.qtestjvm.devices.misc.PlaceholderDevice("kvmvapic", "kvmvapic", 1));
            }
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

    public Piix4Pm piix4() {
        return piix4;
    }

    /** The ACPI fixed-feature power button (PIIX4 PM1, {@link io.qtestjvm.pci.AcpiPm1#powerButton}). */
    @Override
    protected void pressPowerButton() {
        piix4.pm1().powerButton();
    }

    /** {@code -device}: through the type registry ({@link Board#plugUserDevice}). */
    @Override
    public Device plug(QemuOpts opts) throws StartupException {
        return plugUserDevice(opts);
    }

    /** pc's user buses: {@code pci.0}, and the SD bus of an sdhci-pci ({@link #sdBusFor}). */
    @Override
    protected Object findBus(String busType) {
        return switch (busType) {
            case PciBus.TYPE -> pciBus;
            case "ISA" -> piix3;
            case "sd-bus" -> sdBusFor();
            default -> null;
        };
    }

    private static final NamedBus PCI_0 = new NamedBus(I440fxHost.BUS_NAME, PciBus.TYPE, null);
    private static final List<NamedBus> IDE_BUSES = List.of(new NamedBus("ide.0", "IDE", null),
            new NamedBus("ide.1", "IDE", null));

    /** The buses {@code bus=} may name: the system bus, pci.0, PIIX3's ISA bus, the IDE buses, each SD bus. */
    @Override
    protected List<NamedBus> namedBuses() {
        List<NamedBus> out = new ArrayList<>(List.of(MAIN_SYSTEM_BUS, pciBusNamed(), isaBusNamed()));
        out.addAll(IDE_BUSES);
        for (Device d : devices()) {
            if (d instanceof SdhciPci s) {
                out.add(sdBusOf(s));
            }
        }
        return out;
    }

    /** PIIX3's ISA bus; the function itself stands for it where a user device plugs in. */
    private NamedBus isaBusNamed() {
        return new NamedBus("isa.0", "ISA", piix3);
    }

    private NamedBus pciBusNamed() {
        return new NamedBus(PCI_0.name(), PCI_0.type(), pciBus);
    }

    private static NamedBus sdBusOf(SdhciPci s) {
        return new NamedBus("sd-bus", "sdhci-bus", s);
    }

    /** Devices by id, else by type name: the host bridge on the system bus, the functions of pci.0, ISA devices. */
    @Override
    protected List<NamedBus> childBuses(NamedBus bus, String name) {
        List<Device> onBus = new ArrayList<>();
        switch (bus.name()) {
            case "main-system-bus" -> onBus.addAll(List.of(i440fxHost, ioapic, fwCfg));
            case "pci.0" -> onBus.addAll(pciBus.devices());
            case "isa.0" -> {
                onBus.addAll(List.of(rtc, pit));
                onBus.addAll(isaUserDevices());
            }
            default -> {
                return null;
            }
        }
        Device found = null;
        for (Device d : onBus) {
            if (name.equals(d.id())) {
                found = d;
                break;
            }
        }
        for (int i = 0; found == null && i < onBus.size(); i++) {
            if (onBus.get(i).typeName().equals(name)) {
                found = onBus.get(i);
            }
        }
        if (found == null) {
            return null;
        }
        if (found == i440fxHost) {
            return List.of(pciBusNamed());
        }
        if (found == piix3) {
            return List.of(isaBusNamed());
        }
        if (found instanceof Piix3Ide) {
            return IDE_BUSES;
        }
        if (found instanceof SdhciPci s) {
            return List.of(sdBusOf(s));
        }
        return List.of();
    }

    /** PIIX3's ISA bus has no hotplug handler: {@code device_add} of an ISA device is refused by its name. */
    @Override
    protected String busWithoutHotplug(Object bus) {
        return bus == piix3 ? "isa.0" : null;
    }

    /** {@code device_add} on pci.0 ends with the ACPI hotplug handler told (slot up, GPE): {@link #plugPci}. */
    @Override
    protected Device plugIntoBus(Object bus, Device dev, QemuOpts opts, boolean hot) throws StartupException {
        if (bus == pciBus && dev instanceof PciDevice pci) {
            return plugPci(pci, opts, hot);
        }
        if (bus == piix3 && dev instanceof PcTestdev testdev) {
            testdev.attach(systemIo, pciMemory, java.util.Arrays.copyOf(gsi, Piix3Isa.ISA_NUM_IRQS));
            return user(opts.get("id"), testdev);
        }
        if (bus instanceof SdhciPci host && dev instanceof SdCard card) {
            return plugSdCard(host, card, opts);
        }
        return super.plugIntoBus(bus, dev, opts, hot);
    }

    /** {@link Board#plugPci}, then for {@code device_add} the ACPI hotplug handler is told. */
    private Device plugPci(PciDevice pci, QemuOpts opts, boolean hot) throws StartupException {
        Device dev = plugPci(pciBus, pci, opts, hot);
        if (hot) {
            piix4.pciHotplug().plugged(pci);
        }
        return dev;
    }

    /**
     * {@code qdev_unplug} on pc: a PCI function on pci.0 that is hot-pluggable gets its slot marked for removal
     * (PIIX4 ACPI hotplug, completed when the guest ejects it); a built-in function is refused by type, a device on
     * the ISA bus or the system bus by bus name.
     */
    @Override
    public void unplugRequest(Device device) throws StartupException {
        if (device instanceof PciDevice pci && pci.bus() == pciBus) {
            if (!pci.hotpluggable()) {
                throw new StartupException("Device '" + pci.typeName() + "' does not support hotplugging");
            }
            markUnplugPending(pci);
            piix4.pciHotplug().unplugRequest(pci);
            return;
        }
        String bus = device == rtc || device == pit || device instanceof PcTestdev ? "isa.0" : "main-system-bus";
        throw new StartupException("Bus '" + bus + "' does not support hotplugging");
    }

    /** The devices a user put on the ISA bus. */
    private List<Device> isaUserDevices() {
        List<Device> out = new ArrayList<>();
        for (Device d : devices()) {
            if (d instanceof PcTestdev) {
                out.add(d);
            }
        }
        return out;
    }

    /** The guest ejected the slot of {@code dev} ({@code acpi_pcihp_eject_slot}): unplug, unparent. */
    private void eject(PciDevice dev) {
        pciBus.unplug(dev.devfn());
        forget(dev);
    }
}
