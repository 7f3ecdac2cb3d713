package io.qtestjvm.server.board;

import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.Compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The machine types, one versioned {@link Machine} descriptor each: what {@code -machine} accepts (name, alias,
 * properties), what {@code -machine help} and {@code query-machines} report (MachineClass desc, max_cpus, default
 * CPU type and RAM id; values from Debian's QEMU 7.2), the default RAM, which launchers' arches have it, its QOM type
 * and parent ({@link QomTypes} registers those), and the board that builds it. Registering a board is one entry in
 * {@link #all} plus the board class.
 */
public final class Machines {
    /** Properties every machine type lists in {@code -M X,help} on Debian's QEMU 7.2, plus the legacy ones it takes. */
    private static final Set<String> MACHINE_PROPS = Set.of("type", "accel", "kernel-irqchip", "kvm-shadow-mem",
            "kernel", "initrd", "append", "dtb", "dumpdtb", "phandle-start", "dt-compatible", "dump-guest-core",
            "mem-merge", "usb", "graphics", "firmware", "suppress-vmdesc", "memory-encryption", "memory-backend",
            "confidential-guest-support", "boot", "smp", "memory", "nvdimm", "nvdimm-persistence", "hmat");
    /** The x86 and pc machine properties {@code -M pc,help} lists on Debian's QEMU 7.2. */
    private static final Set<String> PC_PROPS = Set.of("smm", "acpi", "pit", "pic", "max-ram-below-4g", "sgx-epc",
            "bus-lock-ratelimit", "oem-id", "oem-table-id", "hpet", "sata", "smbus", "vmport", "max-fw-size",
            "default-bus-bypass-iommu", "i8042", "pcspk-audiodev", "pflash0", "pflash1", "fd-bootchk");
    private static final Set<String> X86 = Set.of("x86_64", "i386");
    private static final Set<String> ARM = Set.of("arm", "aarch64");
    /** The spapr machine properties that {@code -M pseries,help} lists in 7.2. */
    private static final Set<String> SPAPR_PROPS = Set.of("cap-ccf-assist", "cap-cfpc", "cap-dfp", "cap-fwnmi",
            "cap-hpt-max-page-size", "cap-htm", "cap-ibs", "cap-large-decr", "cap-nested-hv", "cap-rpt-invalidate",
            "cap-sbbc", "cap-vsx", "resize-hpt", "host-serial", "host-model", "vfio-no-msix-emulation", "x-vof",
            "kvm-type", "modern-hotplug-events", "ic-mode", "vsmt", "max-cpu-compat");
    private static final Set<String> ALL_ARCHES = Set.of("x86_64", "i386", "arm", "aarch64", "ppc64");

    /** Builds the board of a machine type from the validated configuration. */
    @FunctionalInterface
    public interface BoardFactory {
        Board create(MachineConfig config, boolean bigEndian) throws StartupException;
    }

    /**
     * One machine type as one binary under one compat version offers it.
     *
     * @param name             the versioned name ({@code pc-i440fx-7.2}, {@code none})
     * @param alias            the alias ({@code pc}), or null
     * @param desc             MachineClass desc, for {@code -machine help}
     * @param isDefault        whether it is the binary's default machine
     * @param maxCpus          MachineClass max_cpus
     * @param dies             whether {@code -smp dies=} is supported
     * @param props            the properties {@code -machine TYPE,PROP=V} accepts besides the common ones
     * @param hotpluggableCpus query-machines {@code hotpluggable-cpus}
     * @param numaMemSupported query-machines {@code numa-mem-supported}
     * @param deprecated       query-machines {@code deprecated}
     * @param defaultCpuType   query-machines {@code default-cpu-type}, or null
     * @param defaultRamId     query-machines {@code default-ram-id}, or null
     * @param acpi             whether the machine class has an "acpi" property (reported from 8.0 on)
     * @param defaultRam       MachineClass default_ram_size in bytes (0: none)
     * @param driveInterface   the {@code -drive if=} the board attaches by itself ({@code ide}; {@code sd}: unit 0
     *                         of bus 0 only), or null when it takes only {@code if=none}
     * @param qomParent        the abstract QOM type its {@code <name>-machine} type derives from
     * @param factory          builds its board
     */
    public record Machine(String name, String alias, String desc, boolean isDefault, int maxCpus, boolean dies,
                          Set<String> props, boolean hotpluggableCpus, boolean numaMemSupported, boolean deprecated,
                          String defaultCpuType, String defaultRamId,
                          boolean acpi, long defaultRam, String driveInterface, String qomParent,
                          BoardFactory factory) {
        /** The QOM type name ({@code TYPE_MACHINE_SUFFIX}). */
        public String qomType() {
            return name + "-machine";
        }

        /** True when {@code -machine type} names this machine, by name or alias. */
        public boolean accepts(String type) {
            return type.equals(name) || type.equals(alias);
        }

        public boolean hasProperty(String prop) {
            return MACHINE_PROPS.contains(prop) || props.contains(prop);
        }
    }

    /** A machine and the launchers' arches that have it. */
    private record Entry(Set<String> arches, Machine machine) {
    }

    private Machines() {
    }

    /** Every machine type of every binary under {@code compat}, in {@code -machine help} order. */
    private static List<Entry> all(String arch, Compat compat) {
        String pcVersion = "pc-i440fx-" + compat.major() + "." + compat.minor();
        String pcCpu = arch.equals("x86_64") ? "qemu64-x86_64-cpu" : "qemu32-i386-cpu";
        List<Entry> out = new ArrayList<>(List.of(
                // the newest pc-i440fx, the default and aliased "pc"
                new Entry(X86, new Machine(pcVersion, "pc", "Standard PC (i440FX + PIIX, 1996)", true, 255, true,
                        PC_PROPS, true, false, false, pcCpu, "pc.ram", true, PcBoard.DEFAULT_RAM, "ide",
                        "generic-pc-machine", (config, big) -> new PcBoard(config))),
                // isapc: one CPU, a 486 by default, RAM "pc.ram" (Debian's 7.2 query-machines)
                new Entry(X86, new Machine(IsapcBoard.MACHINE, null, "ISA-only PC", false, 1, true, PC_PROPS, true,
                        false, false, "486-" + arch + "-cpu", "pc.ram", false, PcBoard.DEFAULT_RAM, "ide",
                        "generic-pc-machine", (config, big) -> new IsapcBoard(config))),
                // raspi2b: four cores, no default machine on arm, no default CPU
                // type reported, RAM "ram", no ACPI (Debian's 7.2 query-machines)
                new Entry(Set.of("arm"), new Machine(Raspi2bBoard.MACHINE, null, "Raspberry Pi 2B (revision 1.1)",
                        false, 4, false, Set.of(), false, false, false, null, "ram", false, Raspi2bBoard.RAM_SIZE,
                        "sd", "raspi-common-machine", (config, big) -> new Raspi2bBoard(config))),
                // none: one CPU at most, RAM called "ram" (only with -m), no ACPI
                new Entry(ALL_ARCHES, new Machine("none", null, "empty machine", false, 1, false, Set.of(), false,
                        false, false, null, "ram", false, 0, null, "machine", NoneBoard::new))));
        for (int[] v : virtVersions(compat)) {
            out.add(new Entry(ARM, virt(v[0], v[1], compat)));
        }
        // QEMU 7.2's -machine help on ppc64: none, then pseries-5.1 ... pseries-7.2 (the alias line before the default)
        out.addAll(pseries(compat).reversed());
        return out;
    }

    /**
     * The versions of {@code virt} a binary of {@code compat} has, in {@code -machine help} order (by name). QEMU
     * 7.2: 2.6 to 7.2 (Debian's {@code query-machines}, saved in qtest-server's test resources). QEMU 10.2: the
     * releases since 5.0 (QEMU's versioned-machine policy, docs/about/deprecated.rst: deleted after 6 years, i.e.
     * 4.2 and older are gone in 10.2; no 10.2 binary was at hand to ask).
     */
    private static List<int[]> virtVersions(Compat compat) {
        List<int[]> out = new ArrayList<>();
        int[][] releases = {{2, 6}, {2, 7}, {2, 8}, {2, 9}, {2, 10}, {2, 11}, {2, 12}, {3, 0}, {3, 1}, {4, 0},
            {4, 1}, {4, 2}, {5, 0}, {5, 1}, {5, 2}, {6, 0}, {6, 1}, {6, 2}, {7, 0}, {7, 1}, {7, 2}, {8, 0}, {8, 1},
            {8, 2}, {9, 0}, {9, 1}, {9, 2}, {10, 0}, {10, 1}, {10, 2}};
        boolean v10 = compat.atLeast(Compat.V10_2);
        for (int[] r : releases) {
            boolean deleted = v10 && (r[0] < 5);
            boolean newer = r[0] > compat.major() || (r[0] == compat.major() && r[1] > compat.minor());
            if (!deleted && !newer) {
                out.add(r);
            }
        }
        // by the names "M.N" as strings, as -machine help lists them (our lambda, not Comparator.comparing: see
        // PropertyDescriptor.BY_NAME)
        out.sort((a, b) -> (a[0] + "." + a[1]).compareTo(b[0] + "." + b[1]));
        return out;
    }

    /**
     * {@code virt-M.N} (the versioned types, values from Debian's 7.2 {@code query-machines}):
     * max_cpus 255 up to 2.12 then 512, NUMA memory up to 5.0, no CPU hot-plug, cortex-a15 by default, RAM
     * {@code mach-virt.ram} of 128 MiB, an {@code acpi} property; the newest is aliased {@code virt}. Under 10.2 the
     * versions more than three years older than 10.2 (before 7.2) are reported deprecated (QEMU's policy).
     */
    private static Machine virt(int major, int minor, Compat compat) {
        boolean newest = major == compat.major() && minor == compat.minor();
        boolean before3 = major < 3;
        boolean numa = major < 5 || (major == 5 && minor == 0);
        boolean deprecated = compat.atLeast(Compat.V10_2) && (major < 7 || (major == 7 && minor < 2));
        return new Machine("virt-" + major + "." + minor, newest ? "virt" : null,
                "QEMU " + major + "." + minor + " ARM Virtual Machine", false, before3 ? 255 : 512, false,
                VirtOptions.PROPERTIES, false, numa, deprecated, "cortex-a15-arm-cpu", "mach-virt.ram", true,
                VirtBoard.DEFAULT_RAM, null, "virt-machine", (config, big) -> new VirtBoard(config));
    }

    /**
     * The versioned pseries machines: the newest is the ppc64 default and aliased "pseries"; under 7.2
     * the older ones back to 5.1 (the first that reports no NUMA memory), under 10.2 those back to 7.2 (Debian's
     * 7.2 {@code query-machines}, qtest-server test resources board/pseries-qemu-7.2). Every version builds the same
     * board: the compat properties that tell them apart touch nothing a qtest client sees here.
     */
    private static List<Entry> pseries(Compat compat) {
        List<String> versions = compat.atLeast(Compat.V10_2)
                ? List.of("10.2", "10.1", "10.0", "9.2", "9.1", "9.0", "8.2", "8.1", "8.0", "7.2")
                : List.of("7.2", "7.1", "7.0", "6.2", "6.1", "6.0", "5.2", "5.1");
        List<Entry> out = new ArrayList<>();
        for (String v : versions) {
            boolean newest = v.equals(versions.getFirst());
            out.add(new Entry(Set.of("ppc64"), new Machine("pseries-" + v, newest ? "pseries" : null,
                    "pSeries Logical Partition (PAPR compliant)", newest, 4096, false, SPAPR_PROPS, true, false, false,
                    "power9_v2.0-powerpc64-cpu", PseriesBoard.RAM_ID, false, PseriesBoard.DEFAULT_RAM, null,
                    "spapr-machine", (config, big) -> new PseriesBoard(config))));
        }
        return out;
    }

    /** The machine types {@code arch} offers under {@code compat}, in QEMU's {@code -machine help} order. */
    public static List<Machine> forArch(String arch, Compat compat) {
        List<Machine> out = new ArrayList<>();
        for (Entry e : all(arch, compat)) {
            if (e.arches().contains(arch)) {
                out.add(e.machine());
            }
        }
        return out;
    }

    /** The order {@code query-machines} reports them in (QEMU's hash table puts {@code none} first on ours). */
    public static List<Machine> queryOrder(String arch, Compat compat) {
        List<Machine> out = new ArrayList<>();
        for (Machine m : forArch(arch, compat)) {
            if (m.name().equals("none")) {
                out.addFirst(m);
            } else {
                out.add(m);
            }
        }
        return out;
    }

    /** The machine named {@code type} (name or alias; null: the default), or QEMU's error. */
    public static Machine find(String arch, Compat compat, String type) throws StartupException {
        for (Machine m : forArch(arch, compat)) {
            if (type == null ? m.isDefault() : m.accepts(type)) {
                return m;
            }
        }
        if (type == null) {
            throw new StartupException("No machine specified, and there is no default\n"
                    + "Use -machine help to list supported machines");
        }
        throw new StartupException("unsupported machine type\nUse -machine help to list supported machines");
    }

    /** {@code -machine help} (as QEMU prints it): aliases first, then the name, {@code %-20s %s}. */
    public static String help(String arch, Compat compat) {
        StringBuilder sb = new StringBuilder("Supported machines are:\n");
        for (Machine m : forArch(arch, compat)) {
            if (m.alias() != null) {
                sb.append(String.format("%-20s %s (alias of %s)%n", m.alias(), m.desc(), m.name()));
            }
            sb.append(String.format("%-20s %s%s%n", m.name(), m.desc(), m.isDefault() ? " (default)" : ""));
        }
        return sb.toString();
    }
}
