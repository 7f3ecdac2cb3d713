package io.qtestjvm.server.board;

import io.qtestjvm.server.qtest.Compat;

import java.util.ArrayList;
import java.util.List;

/**
 * The machine types of each emulated binary, with the {@code MachineClass} facts {@code query-machines} reports
 * (hw/core/machine-qmp-cmds.c {@code qmp_query_machines}; values from Debian's QEMU 7.2). A board adds its entry
 * in {@link #forArch}.
 */
public final class MachineTypes {
    /**
     * One machine type. {@code alias}, {@code defaultCpuType} and {@code defaultRamId} are null when the class has
     * none; {@code acpi} is whether the machine class has an "acpi" property (reported from 8.0 on).
     */
    public record Info(String name, String alias, boolean isDefault, int cpuMax, boolean hotpluggableCpus,
                       boolean numaMemSupported, boolean deprecated, String defaultCpuType, String defaultRamId,
                       boolean acpi) {
        /** True when {@code -machine type} names this machine, by name or alias. */
        public boolean accepts(String type) {
            return name.equals(type) || type.equals(alias);
        }
    }

    private MachineTypes() {
    }

    /** The machines of {@code qemu-system-<arch>} under {@code compat}. */
    public static List<Info> forArch(String arch, Compat compat) {
        List<Info> out = new ArrayList<>();
        // hw/core/null-machine.c: one CPU at most, RAM called "ram", no ACPI
        out.add(new Info("none", null, false, 1, false, false, false, null, "ram", false));
        switch (arch) {
            case "x86_64", "i386" -> out.add(pcI440fx(arch, compat));
            // hw/arm/raspi.c: no default CPU type reported, RAM "ram", no ACPI (Debian's 7.2 query-machines)
            case "arm" -> out.add(new Info(Raspi2bBoard.MACHINE, null, false, 4, false, false, false, null, "ram",
                    false));
            default -> {
                // arm, aarch64, ppc64: their boards add themselves here
            }
        }
        return out;
    }

    /** hw/i386/pc_piix.c: the newest pc-i440fx, the default and aliased {@code pc}. */
    private static Info pcI440fx(String arch, Compat compat) {
        String cpu = arch.equals("x86_64") ? "qemu64-x86_64-cpu" : "qemu32-i386-cpu";
        return new Info("pc-i440fx-" + compat.major() + "." + compat.minor(), "pc", true, 255, true, false, false,
                cpu, "pc.ram", true);
    }
}
