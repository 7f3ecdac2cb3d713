package io.qtestjvm.server.board;

import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.server.cli.BlockdevSpec;
import io.qtestjvm.server.cli.CpuModels;
import io.qtestjvm.server.cli.DriveSpec;
import io.qtestjvm.server.cli.FrontendOptions;
import io.qtestjvm.server.cli.GlobalProperty;
import io.qtestjvm.server.cli.MemorySpec;
import io.qtestjvm.server.cli.NetdevSpec;
import io.qtestjvm.server.cli.ObjectSpec;
import io.qtestjvm.server.cli.QemuCommandLine;
import io.qtestjvm.server.cli.RtcSpec;
import io.qtestjvm.server.cli.SmpSpec;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.Compat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the command line says about the machine to build, validated as QEMU 7.2 validates it before
 * the board exists: the machine type and its properties (all {@code -machine} options merged, later keys
 * winning), RAM ({@code -m}), the CPU topology ({@code -smp}) and model ({@code -cpu}), the RTC, and the back ends
 * ({@code -drive}, {@code -blockdev}, {@code -netdev}, {@code -object}, {@code -global}) the device models use
 * later, then the {@code -device} list in command-line order (the board validates those as it plugs them).
 */
public final class MachineConfig {
    private final String arch;
    private final Compat compat;
    private final TypeCatalogs catalogs;
    private Machines.Machine machine;
    private QomTypes types;
    private String machineType;
    private final Map<String, String> machineProps = new LinkedHashMap<>();
    private MemorySpec memory = new MemorySpec(0, 0, 0);
    private SmpSpec.Topology topology = new SmpSpec.Topology(1, 1, 1, 1, 1, 1, 1);
    private String cpu;
    private io.qtestjvm.server.board.cpu.CpuSpec cpuSpec;
    /** An error of the board's own (the CPU model), reported when the board is built. */
    private StartupException boardError;
    /** The first error of a {@code -netdev} but a duplicate ID, reported when the back ends are made. */
    private StartupException netdevError;
    private io.qtestjvm.server.board.cpu.CpuCatalog cpuCatalog;
    private boolean nodefaults;
    private boolean unmodelledNetClients;
    private RtcSpec rtc = RtcSpec.defaults();
    private final List<DriveSpec> drives = new ArrayList<>();
    private final List<BlockdevSpec> blockdevs = new ArrayList<>();
    private final List<NetdevSpec> netdevs = new ArrayList<>();
    private final List<ObjectSpec> objects = new ArrayList<>();
    private final List<GlobalProperty> globals = new ArrayList<>();
    private final List<QemuOpts> devices = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private io.qtestjvm.server.cli.BootSpec boot = io.qtestjvm.server.cli.BootSpec.defaults();
    private final List<io.qtestjvm.server.cli.FwCfgFileSpec> fwCfgFiles = new ArrayList<>();
    private String vmName;
    private List<io.qtestjvm.server.cli.ChardevList.Info> chardevs = List.of();
    private String uuid;
    private String bios;
    private NumaConfig numa;
    private boolean defaultVga = true;
    private boolean defaultNic = true;

    private MachineConfig(String arch, Compat compat, TypeCatalogs catalogs) {
        this.arch = arch;
        this.compat = compat;
        this.catalogs = catalogs;
    }

    public static MachineConfig from(String arch, QemuCommandLine cl, Compat compat) throws StartupException {
        return from(arch, cl, compat, TypeCatalogs.perMachine());
    }

    /** As {@link #from(String, QemuCommandLine, Compat)}, the QOM types coming from {@code catalogs}. */
    public static MachineConfig from(String arch, QemuCommandLine cl, Compat compat, TypeCatalogs catalogs)
            throws StartupException {
        MachineConfig c = new MachineConfig(arch, compat, catalogs);
        FrontendOptions.check(cl);
        for (String m : cl.all("machine")) {
            QemuOpts o = QemuOpts.parse(m, "type");
            for (String k : o.keys()) {
                if (k.equals("type")) {
                    c.machineType = o.get(k);
                } else {
                    c.machineProps.put(k, o.get(k));
                }
            }
        }
        c.machine = Machines.find(arch, compat, c.machineType);
        for (String k : c.machineProps.keySet()) {
            if (!c.machine.hasProperty(k)) {
                throw new StartupException("Property '" + c.machine.qomType() + "." + k + "' not found");
            }
        }
        String m = cl.last("m");
        if (m != null) {
            c.memory = MemorySpec.parse(m);
        }
        c.memory.check(c.machine.defaultRam());
        String s = cl.last("smp");
        if (s != null) {
            SmpSpec smp = SmpSpec.parse(s);
            if (smp.zeroGiven()) {
                c.warnings.add("warning: " + SmpSpec.ZERO_WARNING);
            }
            String shown = c.machine.name();
            c.topology = smp.resolve(shown, c.machine.maxCpus(), c.machine.dies(), false);
        }
        try {
            c.checkCpu(arch, cl.last("cpu"));
        } catch (StartupException e) {
            c.boardError = e; // reported when the board is built (Targets.create), after the chardevs connect
        }
        c.chardevs = io.qtestjvm.server.cli.ChardevList.from(cl);
        c.nodefaults = cl.has("nodefaults");
        String name = cl.last("name");
        if (name != null) {
            c.vmName = QemuOpts.parse(name, "guest").get("guest");
        }
        String bootArg = cl.last("boot");
        if (bootArg != null) {
            c.boot = io.qtestjvm.server.cli.BootSpec.parse(bootArg);
        }
        for (String f : cl.all("fw_cfg")) {
            c.fwCfgFiles.add(io.qtestjvm.server.cli.FwCfgFileSpec.parse(f, c.warnings));
        }
        String uuidArg = cl.last("uuid");
        if (uuidArg != null) {
            c.uuid = parseUuid(uuidArg);
        }
        c.bios = cl.last("bios");
        String rtc = cl.last("rtc");
        if (rtc != null) {
            c.rtc = RtcSpec.parse(rtc);
        }
        List<String> ids = new ArrayList<>();
        for (String o : cl.all("object")) {
            c.objects.add(ObjectSpec.parse(o, ids));
        }
        List<io.qtestjvm.server.cli.NumaSpec> numaSpecs = new ArrayList<>();
        for (String n : cl.all("numa")) {
            numaSpecs.add(io.qtestjvm.server.cli.NumaSpec.parse(n));
        }
        if (c.machine.name().startsWith("pc-i440fx")) {
            long ram = c.memory.size() == 0 ? c.machine.defaultRam() : c.memory.size();
            c.numa = numaSpecs.isEmpty() && c.memory.slots() > 0 ? NumaConfig.single(ram, c.topology.maxCpus())
                    : NumaConfig.resolve(numaSpecs, c.objects, c.topology, ram, c.warnings);
        }
        List<String> nodes = new ArrayList<>();
        for (String b : cl.all("blockdev")) {
            c.blockdevs.add(BlockdevSpec.parse(b, nodes));
        }
        List<String> driveIds = new ArrayList<>();
        for (String d : cl.all("drive")) {
            DriveSpec drive = withFreeUnit(DriveSpec.parse(d, driveIds, c.warnings), c.drives);
            if (!c.driveInterfaceSupported(drive)) {
                throw StartupException.at("drive", d, "machine type does not support if=" + drive.iface()
                        + ",bus=" + drive.bus() + ",unit=" + unitOf(drive));
            }
            c.drives.add(drive);
        }
        // QEMU refuses a duplicate netdev ID when it parses the option, everything else of a netdev when it makes
        // the back ends, after its chardevs have connected (BoardErrorAfterConnectTest): that error is kept
        NetdevSpec.checkIds(cl.all("netdev"));
        for (String n : cl.all("netdev")) {
            try {
                c.netdevs.add(NetdevSpec.parse(n));
            } catch (StartupException e) {
                c.netdevError = e;
                break;
            }
        }
        for (String g : cl.all("global")) {
            c.globals.add(GlobalProperty.parse(g, c.warnings));
        }
        for (String d : cl.all("device")) {
            c.devices.add(QemuOpts.parse(d, "driver"));
        }
        String vga = cl.last("vga");
        c.defaultVga = !c.nodefaults && (vga == null || !vga.equals("none"));
        List<String> legacyNet = new ArrayList<>(cl.all("net"));
        legacyNet.addAll(cl.all("nic"));
        // any -net, -nic or -netdev takes the board's default NIC away (Debian's QEMU 7.2: -M pc -netdev user,id=n0
        // has no e1000, virt no virtio-net-pci; pinned by VirtioMmioQtreeTest's NIC MACs and PcDefaultNicTest)
        c.defaultNic = !c.nodefaults && legacyNet.isEmpty() && cl.all("netdev").isEmpty();
        for (String n : legacyNet) {
            c.unmodelledNetClients |= !n.equals("none");
        }
        return c;
    }

    /**
     * The {@code if=} values a machine takes: {@code none}, and its descriptor's drive interface (none takes only
     * if=none; pc's IDE drives get no disk model yet).
     */
    private boolean driveInterfaceSupported(DriveSpec drive) {
        String iface = drive.iface();
        if (iface.equals("none")) {
            return true;
        }
        if (iface.equals("pflash") && machine.name().startsWith("pc-i440fx")) {
            // pc's system flash: units 0 and 1 (PcFirmware)
            return drive.bus() == 0 && unitOf(drive) < PcFirmware.MAX_FLASH_UNITS;
        }
        if (!iface.equals(machine.driveInterface())) {
            return false;
        }
        // raspi2b claims the if=sd drive of bus 0 unit 0 for its card; other units stay unclaimed (QEMU refuses them)
        return !iface.equals("sd") || (drive.bus() == 0 && unitOf(drive) == 0);
    }

    /**
     * A drive without {@code unit=} or {@code index=} takes the first unit of its bus no earlier drive of the same
     * interface has (as QEMU assigns them); a second {@code -drive if=sd} is therefore unit 1.
     */
    private static DriveSpec withFreeUnit(DriveSpec drive, List<DriveSpec> earlier) {
        if (drive.iface().equals("none") || drive.options().containsKey("unit")
                || drive.options().containsKey("index")) {
            return drive;
        }
        // units per bus: two on an IDE bus, seven on SCSI, no limit elsewhere (a full bus moves on to the next)
        int perBus = switch (drive.iface()) {
            case "ide" -> 2;
            case "scsi" -> 7;
            default -> 0;
        };
        int bus = drive.bus();
        int unit = 0;
        while (unitTaken(earlier, drive.iface(), bus, unit)) {
            unit++;
            if (perBus > 0 && unit >= perBus) {
                unit -= perBus;
                bus++;
            }
        }
        return unit == drive.unit() && bus == drive.bus() ? drive : new DriveSpec(drive.id(), drive.iface(), bus,
                unit, drive.backend(), drive.format(), drive.readOnly(), drive.autoReadOnly(), drive.options());
    }

    private static boolean unitTaken(List<DriveSpec> drives, String iface, int bus, int unit) {
        for (DriveSpec d : drives) {
            if (d.iface().equals(iface) && d.bus() == bus && unitOf(d) == unit) {
                return true;
            }
        }
        return false;
    }

    /**
     * The unit of a drive: {@code index=} when given (for if=sd, whose max_devs is 0, index is the unit on bus 0,
     * as QEMU assigns it), else {@code unit=}.
     */
    static int unitOf(DriveSpec drive) {
        String index = drive.options().get("index");
        if (index != null) {
            try {
                return Integer.parseInt(index.trim());
            } catch (NumberFormatException e) {
                return drive.unit();
            }
        }
        return drive.unit();
    }

    /** {@code -uuid}: 8-4-4-4-12 hex digits (RFC 4122 section 3), the canonical lower-case form. */
    private static String parseUuid(String text) throws StartupException {
        if (!text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw StartupException.at("uuid", text, "failed to parse UUID string: wrong format");
        }
        return text.toLowerCase(java.util.Locale.ROOT);
    }

    /** The NUMA nodes of {@code -numa} (pc only; none elsewhere). */
    public NumaConfig numa() {
        return numa == null ? NumaConfig.none(topology.maxCpus()) : numa;
    }

    /** {@code -bios}, or null. */
    public String bios() {
        return bios;
    }

    /** {@code -fw_cfg} files, in command-line order. */
    public List<io.qtestjvm.server.cli.FwCfgFileSpec> fwCfgFiles() {
        return List.copyOf(fwCfgFiles);
    }

    /** {@code -boot}. */
    public io.qtestjvm.server.cli.BootSpec boot() {
        return boot;
    }

    /** The 16 bytes of {@code -uuid} in the order written (RFC 4122 section 4.1.2), all zero when not given. */
    public byte[] uuidBytes() {
        byte[] b = new byte[16];
        if (uuid != null) {
            String hex = uuid.replace("-", "");
            for (int i = 0; i < 16; i++) {
                b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
        }
        return b;
    }

    /** The character devices of the command line ({@code query-chardev}). */
    public List<io.qtestjvm.server.cli.ChardevList.Info> chardevs() {
        return chardevs;
    }

    /** {@code -name [guest=]NAME}: the VM name, or null when not given. */
    public String vmName() {
        return vmName;
    }

    /** {@code -uuid}: the VM's UUID in canonical form, or null when not given (QEMU then uses all zeroes). */
    public String uuid() {
        return uuid;
    }

    /** Whether the board adds its default VGA ({@code -nodefaults} and {@code -vga none} remove it). */
    public boolean defaultVga() {
        return defaultVga;
    }

    /** Whether the board adds its default NIC ({@code -nodefaults}, {@code -net none}, {@code -nic none}). */
    public boolean defaultNic() {
        return defaultNic;
    }

    /**
     * Whether {@code -net} or {@code -nic} asked for a network client other than {@code none}: QEMU makes one, the
     * stand-in accepts the option and makes nothing ({@code FrontendOptions}).
     */
    public boolean unmodelledNetClients() {
        return unmodelledNetClients;
    }

    public String arch() {
        return arch;
    }

    /** The QOM types of this binary under this compat version (from the catalogs, on first use). */
    public QomTypes types() {
        if (types == null) {
            types = catalogs.of(arch, compat);
        }
        return types;
    }

    /** The resolved machine type. */
    public Machines.Machine machine() {
        return machine;
    }

    /** The {@code -machine} type as given, or null when none was given (QEMU then uses the arch's default). */
    public String machineType() {
        return machineType;
    }

    public Map<String, String> machineProps() {
        return Collections.unmodifiableMap(machineProps);
    }

    /** RAM size in bytes, or {@code fallback} when {@code -m} was not given (or gave 0). */
    public long ramSize(long fallback) {
        return memory.size() != 0 ? memory.size() : fallback;
    }

    public boolean ramSizeGiven() {
        return memory.size() != 0;
    }

    public MemorySpec memory() {
        return memory;
    }

    /** The number of CPUs ({@code -smp cpus}). */
    public int smp() {
        return topology.cpus();
    }

    public SmpSpec.Topology topology() {
        return topology;
    }

    /** The {@code -cpu} model, or null. */
    public String cpu() {
        return cpu;
    }

    /** {@code -cpu} with its properties, or null when not given. */
    public io.qtestjvm.server.board.cpu.CpuSpec cpuSpec() {
        return cpuSpec;
    }

    /** The CPU models of this binary (loaded once, on first use). */
    public io.qtestjvm.server.board.cpu.CpuCatalog cpuCatalog() {
        if (cpuCatalog == null) {
            cpuCatalog = io.qtestjvm.server.board.cpu.CpuCatalog.forArch(arch);
        }
        return cpuCatalog;
    }

    public boolean nodefaults() {
        return nodefaults;
    }

    /** {@code -rtc clock=vm}: the RTC follows the virtual clock (QEMU's default is the host clock). */
    public boolean rtcClockVm() {
        return rtc.clockVm();
    }

    public RtcSpec rtc() {
        return rtc;
    }

    public List<DriveSpec> drives() {
        return Collections.unmodifiableList(drives);
    }

    /** The drive with {@code id}, or null. */
    public DriveSpec drive(String id) {
        for (DriveSpec d : drives) {
            if (d.id().equals(id)) {
                return d;
            }
        }
        return null;
    }

    public List<BlockdevSpec> blockdevs() {
        return Collections.unmodifiableList(blockdevs);
    }

    public List<NetdevSpec> netdevs() {
        return Collections.unmodifiableList(netdevs);
    }

    public List<ObjectSpec> objects() {
        return Collections.unmodifiableList(objects);
    }

    public List<GlobalProperty> globals() {
        return Collections.unmodifiableList(globals);
    }

    public List<QemuOpts> devices() {
        return Collections.unmodifiableList(devices);
    }

    /**
     * Checks {@code -cpu} against the arch's models and the machine. QEMU checks the CPU model when it builds the
     * board, after it has connected its chardevs (Debian's QEMU 7.2 with {@code -cpu nosuch} connects the qtest
     * socket and logs OPENED before it fails), so the error is kept for {@link #checkBoardErrors()}.
     */
    private void checkCpu(String arch, String cpuArg) throws StartupException {
        if (cpuArg == null) {
            return;
        }
        cpu = CpuModels.check(arch, cpuArg);
        if (machine.name().equals("none") && cpu.startsWith("cortex-m")) {
            throw new StartupException("This board cannot be used with Cortex-M CPUs");
        }
        if (cpuCatalog().find(cpu) != null) {
            cpuSpec = io.qtestjvm.server.board.cpu.CpuSpec.parse(cpuCatalog(), cpuArg, warnings);
        } else if (CpuModels.isX86(arch)) {
            // a versioned name must be one of the model's versions
            throw new StartupException("unable to find CPU model '" + cpu + "'");
        }
        if (machine.name().equals("none") && CpuModels.isX86(arch)
                && (cpuSpec == null || !cpuSpec.sets("apic-id"))) {
            // an x86 CPU is realized with the APIC ID its board assigns; none assigns none (SDM 3A 10.4.6)
            throw new StartupException("apic-id property was not initialized properly");
        }
    }

    /**
     * Throws the first error of a {@code -netdev} QEMU reports when it makes the back ends: after its chardevs have
     * connected and before its monitors greet (a duplicate ID is refused earlier, with the options).
     */
    public void checkNetdevErrors() throws StartupException {
        if (netdevError != null) {
            throw netdevError;
        }
    }

    /** Throws the first error QEMU would report only when it builds the board (see {@link #checkCpu}). */
    public void checkBoardErrors() throws StartupException {
        if (boardError != null) {
            throw boardError;
        }
    }

    /**
     * Warnings for stderr, in order: each is printed after {@code <binary>: } unless it is one of QEMU's
     * unprefixed {@code WARNING:} texts.
     */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    public Compat compat() {
        return compat;
    }
}
