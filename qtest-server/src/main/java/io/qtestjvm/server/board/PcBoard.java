package io.qtestjvm.server.board;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.Irq;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.devices.edu.Edu;
import io.qtestjvm.devices.sd.SdCard;
import io.qtestjvm.devices.sd.SdhciPci;
import io.qtestjvm.devices.x86.FwCfgIo;
import io.qtestjvm.devices.x86.I8257Dma;
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
    private final Piix4Pm piix4;
    /** The ACPI SCI is ISA IRQ 9 on pc (pc_piix.c: piix4_pm's "sci" line to gsi[9]). */
    private static final int SCI_IRQ = 9;
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
            gsi[i] = Irq.forwardingTo(pin, i);
        }

        this.fwCfg = internal(machine, "fw_cfg", new FwCfgIo(memory));
        // FW_CFG_MAX_CPUS is the APIC id limit, which for these flat topologies is maxcpus (pc.c, x86.c)
        fwCfg.addMachineItems(ramSize, config.topology().cpus(), config.topology().maxCpus());
        systemIo.addSubregion(FwCfgIo.IO_BASE, fwCfg.ioRegion());
        systemIo.addSubregion(FwCfgIo.DMA_IO_BASE, fwCfg.dmaRegion());

        Clock rtcClock = config.rtcClockVm() ? virtualClock : hostClock;
        this.rtc = internal(new Mc146818Rtc(rtcClock));
        systemIo.addSubregion(Mc146818Rtc.IO_BASE, rtc.ioRegion());
        rtc.irqOut().connect(gsi[Mc146818Rtc.ISA_IRQ]);
        rtc.setMemorySizes(below, ramSize - below);
        rtc.setCpuCount(config.smp());

        // ISA DMA (i8257.c, isa_create_simple("i8257") twice): port 0 answers 0, as libqtest's IRQ flush expects
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
        this.piix4 = pciInternal(new Piix4Pm(SMB_IO_BASE), PciRegs.devfn(1, 3));
        piix4.gpe().setSci(gsi[SCI_IRQ]);
        piix4.pciHotplug().setEjector(this::eject);
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

    public Piix4Pm piix4() {
        return piix4;
    }

    private static final Set<String> EDU_PROPS = Set.of("driver", "id", "addr", "dma_mask", "multifunction");
    /** Types QEMU knows but a user may not create ({@code user_creatable = false}). */
    private static final Set<String> NOT_USER_CREATABLE = Set.of(I440fxHost.TYPE, "i440FX", Piix3Isa.TYPE,
            Piix4Pm.TYPE);
    /** Abstract types ({@code qdev_get_device_class}: "expects a non-abstract device type"). */
    private static final Set<String> ABSTRACT = Set.of("device", "pci-device", "sys-bus-device", "isa-device");
    private static final String ID_HINT = "Identifiers consist of letters, digits, '-', '.', '_', starting with a "
            + "letter.";

    /** {@code -device}: QEMU's messages carry the option as prefix, e.g. {@code -device edu,id=1x: ...}. */
    @Override
    public Device plug(QemuOpts opts) throws StartupException {
        if (opts.get("driver") == null && wellFormedOrAbsent(opts.get("id"))) {
            throw new StartupException("-device: Parameter 'driver' is missing");
        }
        String where = deviceErrorPrefix(opts);
        try {
            return create(opts, false);
        } catch (StartupException e) {
            throw new StartupException(where + e.getMessage());
        }
    }

    /** {@code device_add}: as -device, bare messages, then the ACPI hotplug handler is told (slot up, GPE). */
    @Override
    public Device hotplug(QemuOpts opts) throws StartupException {
        return create(opts, true);
    }

    /**
     * {@code qemu_opts_from_qdict} + {@code qdev_device_add_from_qdict} in QEMU's order: the id's syntax, the
     * driver, the id's uniqueness, the properties, then realize on the bus (where a taken slot fails).
     */
    private Device create(QemuOpts opts, boolean hot) throws StartupException {
        String id = opts.get("id");
        if (!wellFormedOrAbsent(id)) {
            throw new StartupException("Parameter 'id' expects an identifier" + (hot ? "" : "\n" + ID_HINT));
        }
        String driver = opts.get("driver");
        if (driver == null) {
            throw new StartupException("Parameter 'driver' is missing");
        }
        if (NOT_USER_CREATABLE.contains(driver)) {
            throw new StartupException("Parameter 'driver' expects a pluggable device type");
        }
        if (ABSTRACT.contains(driver)) {
            throw new StartupException("Parameter 'driver' expects a non-abstract device type");
        }
        if (!driver.equals(Edu.TYPE) && !driver.equals(SdhciPci.TYPE) && !driver.equals(SdCard.TYPE)) {
            throw new StartupException("'" + driver + "' is not a valid device model name");
        }
        SdhciPci sdBus = null;
        if (driver.equals(SdCard.TYPE)) {
            // qdev_device_add looks for the bus before it looks at the id and the properties
            sdBus = sdBusFor();
            if (sdBus == null) {
                throw new StartupException("No 'sd-bus' bus found for device '" + driver + "'");
            }
            if (hot) {
                throw new StartupException("Bus 'sd-bus' does not support hotplugging");
            }
        }
        if (id != null && peripheral.child(id) != null) {
            // 7.2 keeps command-line opts in the "device" QemuOpts list until created; QMP meets qdev_set_id
            throw new StartupException(hot ? "Duplicate device ID '" + id + "'" : "Duplicate ID '" + id
                    + "' for device");
        }
        if (driver.equals(SdhciPci.TYPE)) {
            return plugPci(SdhciPciOptions.create(opts, virtualClock), opts, hot);
        }
        if (sdBus != null) {
            SdCard card = SdCardOptions.create(opts, config, claimedDrives(), virtualClock);
            keepBackend(card.backend());
            user(id, card);
            if (card.inserted() && sdBus.slot().card() == null) {
                sdBus.slot().attach(card);
            }
            return card;
        }
        for (String k : opts.keys()) {
            if (!EDU_PROPS.contains(k)) {
                throw new StartupException("Property 'edu." + k + "' not found");
            }
        }
        Edu edu = new Edu(virtualClock);
        String mask = opts.get("dma_mask");
        if (mask != null) {
            try {
                edu.setDmaMask(Long.decode(mask));
            } catch (NumberFormatException e) {
                throw new StartupException("Parameter 'dma_mask' expects integer");
            }
        }
        return plugPci(edu, opts, hot);
    }

    /**
     * {@code pci_qdev_realize} for a configured function: the slot first (a taken one fails), then the device's
     * own realize (which may refuse its properties: the function leaves the bus again), then the tree and, for
     * {@code device_add}, the ACPI hotplug handler.
     */
    private Device plugPci(PciDevice pci, QemuOpts opts, boolean hot) throws StartupException {
        int devfn = PciAddress.parse(opts.get("driver"), opts.get("addr"));
        try {
            pciBus.plug(pci, devfn);
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
        try {
            pci.realize();
        } catch (IllegalArgumentException e) {
            pciBus.unplug(pci.devfn());
            throw new StartupException(e.getMessage());
        }
        Device dev = user(opts.get("id"), pci);
        if (hot) {
            piix4.pciHotplug().plugged(pci);
        }
        return dev;
    }

    /**
     * The SD bus a {@code -device sd-card} goes to ({@code qbus_find_recursive} for "sd-bus"): the first sdhci-pci
     * whose slot is free, else the first sdhci-pci (QEMU's sd-bus takes more than one card; only the first is
     * reachable), or null without one.
     */
    private SdhciPci sdBusFor() {
        SdhciPci first = null;
        for (Device d : devices()) {
            if (d instanceof SdhciPci s) {
                if (s.slot().card() == null) {
                    return s;
                }
                if (first == null) {
                    first = s;
                }
            }
        }
        return first;
    }

    /** {@code id_wellformed}: a letter, then letters, digits, '-', '.', '_'. */
    static boolean wellFormedOrAbsent(String id) {
        if (id == null) {
            return true;
        }
        if (id.isEmpty() || !isAsciiLetter(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '.' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
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
        String bus = device == rtc || device == pit ? "isa.0" : "main-system-bus";
        throw new StartupException("Bus '" + bus + "' does not support hotplugging");
    }

    /** The guest ejected the slot of {@code dev} ({@code acpi_pcihp_eject_slot}): unplug, unparent. */
    private void eject(PciDevice dev) {
        pciBus.unplug(dev.devfn());
        forget(dev);
    }
}
