package io.qtestjvm.server.board;

import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.Compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The emulated targets: the arch a launcher names, its byte order, the machine types it offers (QEMU's
 * MachineClass name/alias/desc/max_cpus and the machine's QOM properties, hw/core/machine.c, hw/i386/x86.c,
 * hw/i386/pc.c, hw/core/null-machine.c), {@code -machine help}, and the board each type builds.
 */
public final class Targets {
    /** Properties every machine has (hw/core/machine.c machine_class_init) plus the legacy ones vl.c takes. */
    private static final Set<String> MACHINE_PROPS = Set.of("type", "accel", "kernel-irqchip", "kvm-shadow-mem",
            "kernel", "initrd", "append", "dtb", "dumpdtb", "phandle-start", "dt-compatible", "dump-guest-core",
            "mem-merge", "usb", "graphics", "firmware", "suppress-vmdesc", "memory-encryption", "memory-backend",
            "confidential-guest-support", "boot", "smp", "memory", "nvdimm", "nvdimm-persistence", "hmat");
    /** x86 machine and pc machine properties (hw/i386/x86.c, pc.c, pc_piix.c). */
    private static final Set<String> PC_PROPS = Set.of("smm", "acpi", "pit", "pic", "max-ram-below-4g", "sgx-epc",
            "bus-lock-ratelimit", "oem-id", "oem-table-id", "hpet", "sata", "smbus", "vmport", "max-fw-size",
            "default-bus-bypass-iommu", "i8042", "pcspk-audiodev", "pflash0", "pflash1", "fd-bootchk");

    /**
     * One machine type.
     *
     * @param name      the versioned name ({@code pc-i440fx-7.2}, {@code none})
     * @param alias     the alias ({@code pc}), or null
     * @param desc      the description {@code -machine help} shows
     * @param isDefault whether it is the arch's default machine
     * @param maxCpus   MachineClass max_cpus
     * @param dies      whether {@code -smp dies=} is supported
     * @param props     the properties {@code -machine TYPE,PROP=V} accepts besides the common ones
     */
    public record MachineType(String name, String alias, String desc, boolean isDefault, int maxCpus, boolean dies,
                              Set<String> props) {
        /** The QOM type name ({@code TYPE_MACHINE_SUFFIX}). */
        public String qomType() {
            return name + "-machine";
        }

        public boolean accepts(String type) {
            return type.equals(name) || type.equals(alias);
        }

        public boolean hasProperty(String prop) {
            return MACHINE_PROPS.contains(prop) || props.contains(prop);
        }
    }

    private Targets() {
    }

    public static boolean bigEndian(String arch) throws StartupException {
        return switch (arch) {
            case "x86_64", "i386", "arm", "aarch64" -> false;
            case "ppc64" -> true;
            default -> throw new StartupException("unsupported target '" + arch
                    + "' (x86_64, i386, arm, aarch64, ppc64)");
        };
    }

    /** The machine types {@code arch} offers, in QEMU's {@code -machine help} order. */
    public static List<MachineType> machines(String arch, Compat compat) {
        List<MachineType> r = new ArrayList<>();
        if (arch.equals("x86_64") || arch.equals("i386")) {
            r.add(new MachineType("pc-i440fx-" + compat.major() + "." + compat.minor(), "pc",
                    "Standard PC (i440FX + PIIX, 1996)", true, 255, true, PC_PROPS));
        }
        if (arch.equals("arm")) {
            // hw/arm/raspi.c raspi2b_machine_class_init: four cores, no default machine on arm
            r.add(new MachineType(Raspi2bBoard.MACHINE, null, "Raspberry Pi 2B (revision 1.1)", false, 4, false,
                    Set.of()));
        }
        r.add(new MachineType("none", null, "empty machine", false, 1, false, Set.of()));
        return r;
    }

    /** The machine named {@code type} (name or alias), or QEMU's error. */
    public static MachineType machine(String arch, Compat compat, String type) throws StartupException {
        for (MachineType m : machines(arch, compat)) {
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

    /** {@code -machine help} (vl.c machine_help_func): aliases first, then the name, {@code %-20s %s}. */
    public static String machineHelp(String arch, Compat compat) {
        StringBuilder sb = new StringBuilder("Supported machines are:\n");
        for (MachineType m : machines(arch, compat)) {
            if (m.alias() != null) {
                sb.append(String.format("%-20s %s (alias of %s)%n", m.alias(), m.desc(), m.name()));
            }
            sb.append(String.format("%-20s %s%s%n", m.name(), m.desc(), m.isDefault() ? " (default)" : ""));
        }
        return sb.toString();
    }

    /** Builds the board the configuration names. */
    public static Board create(MachineConfig config) throws StartupException {
        boolean big = bigEndian(config.arch());
        MachineType m = config.machine();
        if (m.name().equals("none")) {
            return new NoneBoard(config, big);
        }
        if (m.name().equals(Raspi2bBoard.MACHINE)) {
            return new Raspi2bBoard(config);
        }
        return new PcBoard(config);
    }
}
