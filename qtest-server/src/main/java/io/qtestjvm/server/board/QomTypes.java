package io.qtestjvm.server.board;

import io.qtestjvm.core.CpuDevice;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.PropertyDescriptor;
import io.qtestjvm.core.PropertyException;
import io.qtestjvm.core.PropertyType;
import io.qtestjvm.core.PropertyValues;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.core.QomPropertyDescriptor;
import io.qtestjvm.core.TypeDescriptor;
import io.qtestjvm.core.TypeRegistry;
import io.qtestjvm.devices.arm.FwCfgMmio;
import io.qtestjvm.devices.arm.Gicv2;
import io.qtestjvm.devices.arm.Gicv2m;
import io.qtestjvm.devices.arm.Gicv3;
import io.qtestjvm.devices.arm.Gicv3Its;
import io.qtestjvm.devices.arm.GpioKey;
import io.qtestjvm.devices.arm.Pl011;
import io.qtestjvm.devices.arm.Pl031;
import io.qtestjvm.devices.arm.Pl061;
import io.qtestjvm.devices.arm.VirtioMmio;
import io.qtestjvm.devices.edu.Edu;
import io.qtestjvm.devices.testdev.IommuTestdev;
import io.qtestjvm.devices.testdev.PcTestdev;
import io.qtestjvm.devices.testdev.SmmuTestdev;
import io.qtestjvm.devices.sd.SdCard;
import io.qtestjvm.devices.sd.SdhciPci;
import io.qtestjvm.devices.x86.Ioapic;
import io.qtestjvm.pci.GpexHost;
import io.qtestjvm.pci.GpexRoot;
import io.qtestjvm.pci.NecXhciPci;
import io.qtestjvm.pci.PciBus;
import io.qtestjvm.pci.PciDevice;
import io.qtestjvm.pci.PciQtreeLines;
import io.qtestjvm.pci.SpaprPhb;
import io.qtestjvm.server.board.cpu.CpuCatalog;
import io.qtestjvm.server.board.spapr.SpaprRtc;
import io.qtestjvm.server.cli.DriveSpec;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.Compat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The QOM types of one emulated binary ({@code qemu-system-<arch>} under a compat version), one
 * {@link TypeDescriptor} each: parents, abstract flags and interfaces as Debian's QEMU 7.2 {@code qom-list-types}
 * reports them (10.2 differences are data, noted where made), and for the devices {@code -device} can plug their
 * bus, help category, properties (parsed by the shared {@link PropertyType} parsers, printed by
 * {@code -device X,help}), QOM properties ({@code qom-list}/{@code qom-get}) and factory. The machine types come from
 * {@link Machines}. Adding a device: its model class, one descriptor here (and its qos node in qos-client); see
 * docs/architecture.md.
 */
public final class QomTypes {
    /** PCIDevice's own properties as QEMU 7.2 lists them for every PCI device (only addr and multifunction set). */
    private static final List<PropertyDescriptor> PCI_PROPS = List.of(
            PropertyDescriptor.of("acpi-index", PropertyType.UINT32, "", "0").helpOnly(),
            PropertyDescriptor.of("addr", PropertyType.PCI_DEVFN,
                    "Slot and optional function number, example: 06.0 or 06", "-1"),
            PropertyDescriptor.of("failover_pair_id", PropertyType.STRING, null, null).helpOnly(),
            PropertyDescriptor.of("multifunction", PropertyType.BOOL, "on/off", "false"),
            PropertyDescriptor.of("rombar", PropertyType.UINT32, "", "1").helpOnly(),
            PropertyDescriptor.of("romfile", PropertyType.STRING, null, null).helpOnly(),
            PropertyDescriptor.of("romsize", PropertyType.UINT32, "", "4294967295").helpOnly(),
            PropertyDescriptor.of("x-pcie-extcap-init", PropertyType.BOOL, "on/off", "true").helpOnly(),
            PropertyDescriptor.of("x-pcie-lnksta-dllla", PropertyType.BOOL, "on/off", "true").helpOnly());
    /** The SD card's {@code spec_version} default in 7.2 (Physical Layer 2.00); raspi2b does not change it. */
    static final int SD_DEFAULT_SPEC_VERSION = 2;
    /** Where QEMU's {@code main-system-bus} sits; the parent bus of system-bus devices a user adds. */
    static final String MAIN_SYSTEM_BUS_PATH = "/machine/unattached/sysbus";

    private final TypeRegistry<DeviceContext> registry = new TypeRegistry<>();
    private final Compat compat;
    /** Whether the binary has a board with a PCI bus a user device plugs into (x86 pc, ppc64 pseries). */
    private boolean pciBoard;

    private QomTypes(Compat compat) {
        this.compat = compat;
    }

    /** The types of {@code qemu-system-<arch>} under {@code compat}. */
    public static QomTypes forArch(String arch, Compat compat) {
        QomTypes t = new QomTypes(compat);
        List<Machines.Machine> machines = Machines.forArch(arch, compat);
        t.common(machines);
        boolean pc = arch.equals("x86_64") || arch.equals("i386");
        boolean armFamily = arch.equals("arm") || arch.equals("aarch64");
        boolean ppc64 = arch.equals("ppc64");
        t.pciBoard = pc || armFamily || ppc64;
        t.pciCommon(pc, machines);
        if (pc) {
            t.pc();
        }
        t.cpus(arch);
        if (armFamily) {
            t.virt(machines);
        }
        if (ppc64) {
            t.pseries(machines);
        }
        if (arch.equals("arm")) {
            t.raspi2b(machines);
        }
        t.userDevices(pc, armFamily, arch.equals("arm"));
        return t;
    }

    public TypeRegistry<DeviceContext> registry() {
        return registry;
    }

    public TypeDescriptor<DeviceContext> get(String name) {
        return registry.get(name);
    }

    public Compat compat() {
        return compat;
    }

    private static TypeDescriptor.Builder<DeviceContext> type(String name, String parent) {
        return TypeDescriptor.builder(name, parent);
    }

    private void add(TypeDescriptor.Builder<DeviceContext> b) {
        registry.register(b.build());
    }

    /** What every qemu-system binary has: the roots, the machine base, devices and buses. */
    private void common(List<Machines.Machine> machines) {
        add(type("object", null).abstractType());
        add(type("interface", null).abstractType());
        add(type("vmstate-if", "interface").abstractType());
        add(type("resettable", "interface").abstractType());
        add(type("container", "object"));
        add(type("machine", "object").abstractType());
        machineTypes(machines, "machine");
        add(type("device", "object").abstractType().interfaces("vmstate-if", "resettable")
                .qom("parent_bus", "link<bus>", o -> o instanceof PciDevice p && p.bus() != null
                        ? p.bus().path() : o instanceof SpaprPhb ? MAIN_SYSTEM_BUS_PATH : null)
                .qom("realized", "bool", o -> o instanceof Device d ? d.realized() : null)
                // hot-pluggable: the type allows it and its bus takes hot-plug
                .qom("hotplugged", "bool", o -> o instanceof Device ? o instanceof PciDevice p && p.hotplugged()
                        : null)
                .qom("hotpluggable", "bool", o -> o instanceof Device ? o instanceof PciDevice p
                        && p.bus() != null && p.hotpluggable() : null));
        add(type("sys-bus-device", "device").abstractType());
        add(type("bus", "object").abstractType().interfaces("resettable"));
    }

    /**
     * The PCI types {@code -device edu}/{@code sdhci-pci} need on every binary (QEMU's arm and x86 binaries both have
     * PCI); listed where a board has a PCI bus ({@code pc}, {@code virt}).
     */
    private void pciCommon(boolean pc, List<Machines.Machine> machines) {
        boolean listed = pciBoard;
        if (pc) {
            add(type("nmi", "interface").abstractType());
        }
        if (listed) {
            add(type("hotplug-handler", "interface").abstractType());
        }
        if (pc) {
            add(type("acpi-device-interface", "interface").abstractType());
        }
        add(type("conventional-pci-device", "interface").abstractType().listed(listed));
        if (pc) {
            add(type("x86-machine", "machine").abstractType().interfaces("nmi"));
            add(type("generic-pc-machine", "x86-machine").abstractType().interfaces("hotplug-handler"));
            machineTypes(machines, "generic-pc-machine");
        }
        add(type(PciBus.TYPE, "bus").listed(listed)
                .qom("realized", "bool", o -> Boolean.TRUE)
                .qomDynamic(QomTypes::pciBusChildren)
                .qtree(PciQtreeLines.BUS));
        add(type("pci-device", "device").abstractType().listed(listed).bus(PciBus.TYPE).properties(PCI_PROPS)
                .qom("addr", "int32", o -> o instanceof PciDevice p ? (Object) (long) p.devfn() : null)
                .qom("multifunction", "bool", o -> o instanceof PciDevice p ? p.multifunction() : null)
                .qtree(PciQtreeLines.FUNCTION));
    }

    /**
     * The pc machine and what it builds. System-bus devices are not user-creatable unless their class says so
     * ({@code device_add ioapic}, {@code fw_cfg_io}: "expects a pluggable device type" on Debian's QEMU 7.2).
     */
    private void pc() {
        add(type("pci-host-bridge", "sys-bus-device").abstractType());
        add(type("i440FX-pcihost", "pci-host-bridge").notUserCreatable());
        add(type("i440FX", "pci-device").notUserCreatable().interfaces("conventional-pci-device"));
        // since QEMU 8.2 the PIIX3/PIIX4 south bridges share one abstract parent, "pci-piix"
        String piix = compat.atLeast(Compat.V10_2) ? "pci-piix" : "pci-piix3";
        add(type(piix, "pci-device").abstractType().interfaces("conventional-pci-device"));
        add(type("PIIX3", piix).notUserCreatable()
                .qtree((o, out) -> out.bus("isa.0", "ISA", out.devicesOf("isa-device"))));
        add(type("PIIX4_PM", "pci-device").notUserCreatable()
                .interfaces("hotplug-handler", "acpi-device-interface", "conventional-pci-device"));
        add(type("ioapic-common", "sys-bus-device").abstractType());
        add(type(Ioapic.TYPE, "ioapic-common").notUserCreatable()
                .qtree((o, out) -> out.line(String.format("mmio %016x/%016x", Ioapic.MMIO_BASE,
                        ((Ioapic) o).mmio().size()))));
        add(type("fw_cfg", "sys-bus-device").abstractType());
        add(type("fw_cfg_io", "fw_cfg").notUserCreatable());
        add(type("isa-device", "device").abstractType());
        add(type("kvmvapic", "sys-bus-device").notUserCreatable().unlisted());
        add(type("isabus-bridge", "sys-bus-device").notUserCreatable().unlisted());
    }

    /**
     * The raspi2b machine and what it builds (parents from Debian's 7.2 {@code qom-list-types}). Listed are the types a
     * test may see; the placeholder peripherals and {@code unimplemented-device} stay known but unlisted.
     */
    private void raspi2b(List<Machines.Machine> machines) {
        add(type("raspi-common-machine", "machine").abstractType());
        machineTypes(machines, "raspi-common-machine");
        add(type("bcm283x", "device").abstractType());
        add(type("bcm2836", "bcm283x"));
        add(type("bcm2835-peripherals", "sys-bus-device").notUserCreatable());
        add(type("bcm2836-control", "sys-bus-device").notUserCreatable());
        add(type("bcm2835-ic", "sys-bus-device").notUserCreatable());
        add(type("bcm2835-sys-timer", "sys-bus-device").notUserCreatable());
        add(type("generic-sdhci", "sys-bus-device").notUserCreatable());
    }

    /**
     * The CPU types of the binary ({@link CpuCatalog}): the abstract {@code cpu}, the binary's base type
     * ({@code x86_64-cpu}, {@code arm-cpu}, {@code powerpc64-cpu}) which declares the CPU properties
     * {@code qom-list}/{@code qom-get} show, the intermediate abstract types ({@code aarch64-cpu}, the POWER
     * families), then one concrete type per model we accept, parents as Debian's 7.2 {@code qom-list-types} reports
     * them. A property a CPU lacks (an arm model without a PMU has no {@code pmu}) reads null and is not listed.
     */
    private void cpus(String arch) {
        CpuCatalog catalog = CpuCatalog.forArch(arch);
        if (catalog.definitions().isEmpty()) {
            return;
        }
        add(type("cpu", "device").abstractType());
        TypeDescriptor.Builder<DeviceContext> base = type(catalog.baseType(), "cpu").abstractType();
        for (CpuCatalog.Property p : catalog.properties()) {
            String name = p.name();
            base.qom(name, p.qomType(), o -> o instanceof CpuDevice c ? c.value(name) : null);
        }
        add(base);
        for (String f : catalog.abstractFamilies()) {
            add(type(f, catalog.baseType()).abstractType());
        }
        boolean x86 = arch.equals("x86_64") || arch.equals("i386");
        for (String t : catalog.concreteTypes()) {
            // x86 CPUs are user-creatable in QEMU (CPU hot-plug, not modelled here), the others are not
            TypeDescriptor.Builder<DeviceContext> b = type(t, catalog.parentOf(t));
            add(x86 ? b : b.notUserCreatable());
        }
    }

    /**
     * The virt machine types and what {@link VirtBoard} builds, parents and interfaces as Debian's 7.2
     * {@code qom-list-types} (with {@code implements}) reports them. The GPEX root bus is a {@code PCIE} bus, which
     * takes every PCI device. The default NIC's types stay unlisted: {@code -device} does not offer them.
     */
    private void virt(List<Machines.Machine> machines) {
        add(type("virt-machine", "machine").abstractType().interfaces("hotplug-handler"));
        machineTypes(machines, "virt-machine");
        add(type("arm-linux-boot-if", "interface").abstractType());
        add(type("arm_gic_common", "sys-bus-device").abstractType().interfaces("arm-linux-boot-if"));
        add(type(Gicv2.TYPE, "arm_gic_common").notUserCreatable());
        add(type("arm-gicv3-common", "sys-bus-device").abstractType().interfaces("arm-linux-boot-if"));
        add(type(Gicv3.TYPE, "arm-gicv3-common").notUserCreatable());
        add(type(Gicv2m.TYPE, "sys-bus-device").notUserCreatable());
        add(type("arm-gicv3-its-common", "sys-bus-device").abstractType());
        add(type(Gicv3Its.TYPE, "arm-gicv3-its-common").notUserCreatable());
        add(type(Pl011.TYPE, "sys-bus-device").notUserCreatable());
        add(type(Pl031.TYPE, "sys-bus-device").notUserCreatable());
        add(type(Pl061.TYPE, "sys-bus-device").notUserCreatable());
        add(type(GpioKey.TYPE, "sys-bus-device").notUserCreatable());
        add(type("gpio-pwr", "sys-bus-device").notUserCreatable());
        add(type(VirtioMmio.TYPE, "sys-bus-device").notUserCreatable()
                .qtree((o, out) -> {
                    // its window, then its virtio bus with the device a -device put there, as QEMU prints them
                    VirtioMmio m = (VirtioMmio) o;
                    out.line(String.format("mmio %016x/%016x", VirtBoard.MMIO + m.slot() * VirtioMmio.SIZE,
                            VirtioMmio.SIZE));
                    out.bus(m.busName(), "virtio-mmio-bus", m.child() == null ? List.of() : List.of(m.child()));
                }));
        add(type("fw_cfg", "sys-bus-device").abstractType());
        add(type(FwCfgMmio.TYPE, "fw_cfg").notUserCreatable());
        add(type("pci-host-bridge", "sys-bus-device").abstractType());
        add(type("pcie-host-bridge", "pci-host-bridge").abstractType());
        add(type(GpexHost.TYPE, "pcie-host-bridge").notUserCreatable());
        add(type(GpexHost.BUS_TYPE, PciBus.TYPE));
        add(type(GpexRoot.TYPE, "pci-device").notUserCreatable().interfaces("conventional-pci-device"));
        add(type("cfi.pflash01", "sys-bus-device").notUserCreatable());
        add(type("platform-bus-device", "sys-bus-device").notUserCreatable());
        add(type("arm-smmu", "sys-bus-device").abstractType());
        add(type("arm-smmuv3", "arm-smmu").notUserCreatable());
        add(type("pci-express-device", "interface").abstractType());
    }

    /**
     * The pseries machine and what it builds (parents from Debian's 7.2 {@code qom-list-types}): the bridge a user can
     * add ({@code -device spapr-pci-host-bridge,index=N}); the rest are known but unlisted, as our pseries cannot
     * plug them ({@link PseriesBoard}).
     */
    private void pseries(List<Machines.Machine> machines) {
        add(type("nmi", "interface").abstractType());
        // the machine handles CPU, memory and PHB hot-plug, the bridge its PCI functions' (PAPR DR connectors)
        add(type("spapr-machine", "machine").abstractType().interfaces("hotplug-handler", "nmi"));
        machineTypes(machines, "spapr-machine");
        add(type("pci-host-bridge", "sys-bus-device").abstractType());
        add(type(SpaprPhb.TYPE, "pci-host-bridge").interfaces("hotplug-handler")
                .category("Controller/Bridge/Hub devices")
                .properties(PropertyDescriptor.of("index", PropertyType.UINT32, "", "4294967295"))
                .qom("index", "uint32", o -> o instanceof SpaprPhb p ? (Object) (long) p.index() : null)
                .factory(QomTypes::spaprPhb));
        add(type(SpaprRtc.TYPE, "device").unlisted());
        for (String t : List.of("spapr-xive", "spapr-vio-bridge", "spapr-vty", "spapr-nvram", "spapr-vlan",
                "spapr-vscsi", "usb-kbd", "usb-mouse")) {
            add(type(t, "device").unlisted());
        }
        // a core type per POWER server model pseries takes (power5+ and newer)
        for (String cpu : CpuCatalog.forArch("ppc64").concreteTypes()) {
            if (cpu.startsWith("power")) {
                add(type(cpu.substring(0, cpu.length() - "-powerpc64-cpu".length()) + "-spapr-cpu-core", "device")
                        .unlisted());
            }
        }
        add(type("pci-vga", "pci-device").abstractType().unlisted().interfaces("conventional-pci-device"));
        add(type("VGA", "pci-vga").unlisted());
        add(type(NecXhciPci.TYPE, "pci-device").unlisted());
    }

    /** {@code spapr-pci-host-bridge}: {@code index} is mandatory and at most 30 (QEMU 7.2's messages). */
    private static Device spaprPhb(DeviceContext ctx, PropertyValues v) throws PropertyException {
        if (!v.has("index")) {
            throw new PropertyException("\"index\" for PAPR PHB is mandatory");
        }
        long index = v.getLong("index", 0);
        if (index > SpaprPhb.MAX_INDEX) {
            throw new PropertyException("\"index\" for PAPR PHB is too large (max " + SpaprPhb.MAX_INDEX + ")");
        }
        return new SpaprPhb((int) index);
    }

    /**
     * The devices a user can plug with {@code -device} (every binary knows them, as QEMU's do; each board decides
     * whether it has their bus), then the types pc builds that QEMU lets a user create and our {@code -device}
     * does not offer (known, unlisted).
     */
    private void userDevices(boolean pc, boolean armFamily, boolean arm) {
        if (armFamily) {
            add(type("sd-bus", "bus"));
            add(type("sdhci-bus", "sd-bus"));
        } else {
            add(type("sd-bus", "bus").unlisted());
        }
        add(type(Edu.TYPE, "pci-device").listed(pciBoard).bus(PciBus.TYPE).interfaces("conventional-pci-device")
                .category("Misc devices")
                .properties(PCI_PROPS)
                .properties(PropertyDescriptor.of("dma_mask", PropertyType.UINT64, null, null))
                .qom("dma_mask", "uint64", o -> o instanceof Edu e ? e.dmaMask() : null)
                .factory(QomTypes::edu));
        if (compat.atLeast(Compat.V10_2)) {
            // upstream's IOMMU DMA engine (CONFIG_IOMMU_TESTDEV: every binary with PCI test devices, as edu);
            // newer than Debian's 7.2, so only the newest compat has it
            add(type(IommuTestdev.TYPE, "pci-device").listed(pc || armFamily).bus(PciBus.TYPE)
                    .interfaces("conventional-pci-device").category("Misc devices")
                    .description("A test device for IOMMU")
                    .properties(PCI_PROPS)
                    .factory((ctx, v) -> new IommuTestdev()));
            if (armFamily) {
                // the 2025 RFC's SMMUv3 DMA engine (never merged upstream): its properties pick the StreamID
                add(type(SmmuTestdev.TYPE, "pci-device").listed(true).bus(PciBus.TYPE)
                        .interfaces("conventional-pci-device").category("Misc devices")
                        .description("A test device for the SMMU")
                        .properties(PCI_PROPS)
                        .properties(PropertyDescriptor.of("debug-log", PropertyType.BOOL, "", "false"),
                                PropertyDescriptor.of("device", PropertyType.UINT32, "", "0"),
                                PropertyDescriptor.of("function", PropertyType.UINT32, "", "1"))
                        .factory((ctx, v) -> new SmmuTestdev(v.getLong("device", 0), v.getLong("function", 1))));
            }
        }
        add(type(SdhciPci.TYPE, "pci-device").listed(pciBoard).bus(PciBus.TYPE).interfaces("conventional-pci-device")
                .category("Storage devices")
                .properties(PCI_PROPS)
                .properties(PropertyDescriptor.of("capareg", PropertyType.UINT64, "", "91763892"),
                        PropertyDescriptor.of("maxcurr", PropertyType.UINT64, "", "0"),
                        PropertyDescriptor.of("sd-spec-version", PropertyType.UINT8, "", "2"),
                        PropertyDescriptor.of("uhs", PropertyType.UINT8, "", "0"),
                        PropertyDescriptor.of("vendor", PropertyType.UINT8, "", "0"))
                .factory(QomTypes::sdhciPci));
        add(type(SdCard.TYPE, "device").listed(pciBoard || arm).bus("sd-bus").notHotpluggable()
                .category("Storage devices")
                .properties(PropertyDescriptor.of("drive", PropertyType.LINK,
                                "Node name or ID of a block device to use as a backend", null),
                        PropertyDescriptor.of("spec_version", PropertyType.UINT8, "",
                                Integer.toString(SD_DEFAULT_SPEC_VERSION)),
                        PropertyDescriptor.of("spi", PropertyType.BOOL, "", "false"))
                .factory(QomTypes::sdCard));
        // the virtio buses and devices (VirtioTypes); virt's default NIC is a virtio-net-pci, its transports
        // virtio-mmio with their own bus type
        boolean pciOnly = pciBoard && !armFamily;
        for (TypeDescriptor.Builder<DeviceContext> b : VirtioTypes.types(pciOnly, armFamily, PCI_PROPS)) {
            add(b);
        }
        if (armFamily) {
            add(type("virtio-mmio-bus", "virtio-bus"));
        }
        if (pc) {
            add(type(PcTestdev.TYPE, "isa-device").bus("ISA").notHotpluggable().category("Misc devices")
                    .factory((ctx, v) -> new PcTestdev()));
            add(type("pit-common", "isa-device").abstractType().unlisted());
            add(type("isa-pit", "pit-common").unlisted());
            add(type("mc146818rtc", "isa-device").unlisted());
            add(type("i8257", "isa-device").unlisted());
            add(type("pci-ide", "pci-device").abstractType().unlisted().interfaces("conventional-pci-device"));
            add(type("piix3-ide", "pci-ide").unlisted());
            add(type("pci-vga", "pci-device").abstractType().unlisted().interfaces("conventional-pci-device"));
            add(type("VGA", "pci-vga").unlisted());
            add(type("e1000-base", "pci-device").abstractType().unlisted().interfaces("conventional-pci-device"));
            add(type("e1000", "e1000-base").unlisted());
        }
        if (arm) {
            add(type("unimplemented-device", "sys-bus-device").unlisted());
            for (String t : List.of("bcm2835-mphi", "bcm2835-dma", "bcm2835-mbox", "bcm2835-powermgt",
                    "bcm2835-cprman", "bcm2835-rng", "bcm2835_gpio", "bcm2835-sdhost", "bcm2835-thermal",
                    "bcm2835-aux", "dwc2-usb", "bcm2835-fb", "bcm2835-property")) {
                add(type(t, "sys-bus-device").unlisted());
            }
        }
    }

    /** The QOM types ({@code <name>-machine}) of the machines whose QOM parent is {@code parent}. */
    private void machineTypes(List<Machines.Machine> machines, String parent) {
        for (Machines.Machine m : machines) {
            if (m.qomParent().equals(parent)) {
                add(type(m.qomType(), parent).notUserCreatable());
            }
        }
    }

    /** A PCI bus's {@code child[N]} links: its functions in the composition tree, in slot order. */
    private static List<QomPropertyDescriptor> pciBusChildren(QomObject o) {
        List<QomPropertyDescriptor> out = new ArrayList<>();
        if (o instanceof PciBus bus) {
            int n = 0;
            for (PciDevice d : bus.devices()) {
                if (d.parent() != null) { // a function outside the composition tree has no path to link to
                    out.add(new QomPropertyDescriptor("child[" + n++ + "]", "link<" + d.typeName() + ">",
                            x -> d.path()));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    // factories: the properties are parsed (in command-line order) before these run

    private static Device edu(DeviceContext ctx, PropertyValues v) {
        Edu edu = new Edu(ctx.virtualClock());
        if (v.has("dma_mask")) {
            edu.setDmaMask(v.getLong("dma_mask", 0));
        }
        return edu;
    }

    /** sdhci-pci's properties, then the spec-version check QEMU makes when the device is realized. */
    private static Device sdhciPci(DeviceContext ctx, PropertyValues v) throws PropertyException {
        SdhciPci dev = new SdhciPci(ctx.virtualClock());
        for (String k : v.names()) {
            switch (k) {
                case "sd-spec-version" -> dev.setSpecVersion((int) v.getLong(k, 2));
                case "uhs" -> dev.setUhs((int) v.getLong(k, 0));
                case "capareg" -> dev.setCapareg(v.getLong(k, 0));
                case "maxcurr" -> dev.setMaxcurr(v.getLong(k, 0));
                default -> {
                    // vendor (i.MX quirks are not modelled), addr, multifunction: the bus's
                }
            }
        }
        long version = v.getLong("sd-spec-version", 2);
        if (version != 2 && version != 3) {
            throw new PropertyException("Only Spec v2/v3 are supported");
        }
        return dev;
    }

    /**
     * The SD card's {@code drive}, {@code spec_version}, {@code spi} with QEMU's messages (the drive checks in
     * QEMU's order), then the card's own checks; the drive's image is opened here.
     */
    private static Device sdCard(DeviceContext ctx, PropertyValues v) throws PropertyException {
        DriveSpec drive = null;
        String id = v.getString("drive");
        if (id != null) {
            drive = ctx.config().drive(id);
            if (drive == null) {
                throw new PropertyException("Property 'sd-card.drive' can't find value '" + id + "'");
            }
            if (ctx.claimedDrives().contains(id)) {
                throw new PropertyException("Drive '" + id + "' is already in use by another device");
            }
            if (!drive.iface().equals("none")) {
                throw new PropertyException("Drive '" + id + "' is already in use because it has been "
                        + "automatically connected to another device (did you need 'if=none' in the drive "
                        + "options?)");
            }
        }
        if (v.getBool("spi", false)) {
            throw new PropertyException("SPI-mode SD cards are not modelled by qtest-jvm");
        }
        long version = v.getLong("spec_version", SD_DEFAULT_SPEC_VERSION);
        if (version < 1 || version > 3) { // sd_realize's first check
            throw new PropertyException("Invalid SD card Spec version: " + version);
        }
        if (drive != null) {
            ctx.claimedDrives().add(drive.id());
        }
        try {
            SdCard card = SdCardDrive.realize(drive, (int) version, ctx.virtualClock());
            ctx.keepBackend().accept(card.backend());
            return card;
        } catch (StartupException e) {
            throw new PropertyException(e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // -device help

    /** The device types {@code -device} offers on this binary (those with a factory), in registration order. */
    public List<TypeDescriptor<DeviceContext>> userDevices() {
        List<TypeDescriptor<DeviceContext>> out = new ArrayList<>();
        for (TypeDescriptor<DeviceContext> t : registry.all()) {
            if (t.factory() != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** {@code -device help}: per category, {@code name "X", bus B, desc "D"}. */
    public String deviceHelp() {
        StringBuilder sb = new StringBuilder();
        LinkedHashSet<String> cats = new LinkedHashSet<>();
        List<TypeDescriptor<DeviceContext>> devs = helpOrder();
        for (TypeDescriptor<DeviceContext> t : devs) {
            cats.add(t.category());
        }
        for (String c : cats) {
            sb.append(c).append(":\n");
            for (TypeDescriptor<DeviceContext> t : devs) {
                if (t.category().equals(c)) {
                    sb.append("name \"").append(t.name()).append('"');
                    if (t.bus() != null) {
                        sb.append(", bus ").append(t.bus());
                    }
                    if (t.description() != null) {
                        sb.append(", desc \"").append(t.description()).append('"');
                    }
                    sb.append('\n');
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Storage before Misc (QEMU's category order), the order of registration within a category. */
    private List<TypeDescriptor<DeviceContext>> helpOrder() {
        List<TypeDescriptor<DeviceContext>> out = new ArrayList<>(userDevices());
        List<String> order = List.of("Storage devices", "Misc devices");
        out.sort((a, b) -> Integer.compare(order.indexOf(a.category()), order.indexOf(b.category())));
        return out;
    }

    /** {@code -device DRIVER,help}, or null when the driver is not one {@code -device} offers. */
    public String deviceHelp(String driver) {
        TypeDescriptor<DeviceContext> t = registry.get(driver);
        if (t == null || t.factory() == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(driver).append(" options:\n");
        for (PropertyDescriptor p : t.properties()) {
            sb.append(p.helpLine(compat.major(), compat.minor())).append('\n');
        }
        return sb.toString();
    }
}
