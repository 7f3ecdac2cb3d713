package io.qtestjvm.server.board;

import io.qtestjvm.server.cli.StartupException;

import java.util.Map;
import java.util.Set;

/**
 * The {@code -machine virt,...} properties and {@code -cpu} model the {@code virt} board acts on, checked with the
 * texts Debian's QEMU 7.2 gives (pinned by {@code VirtBoardTest}).
 *
 * @param gicVersion     2, 3 or 4 (4 needs virtualization; {@code max} under TCG is 3)
 * @param smmuv3         {@code iommu=smmuv3}
 * @param acpi           {@code on}, {@code off} or {@code auto}
 * @param highmem        {@code highmem} (default on): high ECAM and the 64-bit PCI window
 * @param secure         {@code secure} (default off): EL3, the secure-only devices
 * @param virtualization {@code virtualization} (default off): EL2, the GIC virtualization interfaces
 * @param its            {@code its} (default on): the GICv3 ITS (GICv2 keeps its v2m frame either way)
 * @param cpu            the CPU model ({@code cortex-a15} when not given)
 */
public record VirtOptions(int gicVersion, boolean smmuv3, String acpi, boolean highmem, boolean secure,
                          boolean virtualization, boolean its, String cpu) {
    public static final String DEFAULT_CPU = "cortex-a15";
    /**
     * The properties of QEMU 7.2's virt machine class besides the common machine ones ({@code -M virt,help},
     * saved in the test resources); later versions add more (not checked here: no 10.2 binary to ask).
     */
    public static final Set<String> PROPERTIES = Set.of("acpi", "secure", "virtualization", "highmem", "its",
            "dtb-randomness", "dtb-kaslr-seed", "gic-version", "iommu", "default-bus-bypass-iommu", "ras", "mte",
            "x-oem-id", "x-oem-table-id", "pflash0", "pflash1");
    /** CPU models virt accepts ({@code valid_cpu_types} as QEMU 7.2's TCG build offers them). */
    static final Set<String> CPUS = Set.of("cortex-a7", "cortex-a15", "cortex-a35", "cortex-a53", "cortex-a55",
            "cortex-a57", "cortex-a72", "cortex-a76", "a64fx", "neoverse-n1", "max");

    public static VirtOptions defaults() {
        return new VirtOptions(2, false, "auto", true, false, false, true, DEFAULT_CPU);
    }

    /** Parses the machine properties and the {@code -cpu} model (null = default). */
    public static VirtOptions parse(Map<String, String> props, String cpuModel) throws StartupException {
        boolean virtualization = bool(props, "virtualization", false);
        boolean secure = bool(props, "secure", false);
        boolean highmem = bool(props, "highmem", true);
        boolean its = bool(props, "its", true);
        String acpi = props.getOrDefault("acpi", "auto");
        if (!acpi.equals("on") && !acpi.equals("off") && !acpi.equals("auto")) {
            throw new StartupException("Parameter 'acpi' does not accept value '" + acpi + "'");
        }
        String iommu = props.getOrDefault("iommu", "none");
        if (!iommu.equals("none") && !iommu.equals("smmuv3")) {
            throw new StartupException("Invalid iommu value\nValid values are none, smmuv3.");
        }
        String cpu = cpuModel == null ? DEFAULT_CPU : cpuModel;
        boolean mte = bool(props, "mte", false);
        if (cpu.equals("host")) {
            throw new StartupException("unable to find CPU model 'host'"); // only registered with KVM
        }
        if (!CPUS.contains(cpu)) {
            throw new StartupException("mach-virt: CPU type " + cpu + "-arm-cpu not supported");
        }
        if (mte && !cpu.equals("max")) {
            throw new StartupException("MTE requested, but not supported by the guest CPU");
        }
        String gic = props.getOrDefault("gic-version", "2");
        int version = switch (gic) {
            case "2" -> 2;
            case "3", "max" -> 3;
            case "4" -> {
                if (!virtualization) {
                    throw new StartupException("gic-version=4 requires virtualization enabled");
                }
                yield 4;
            }
            case "host" -> throw new StartupException("gic-version=host requires KVM");
            default -> throw new StartupException("Invalid gic-version value\nValid values are 3, 2, host, max.");
        };
        return new VirtOptions(version, iommu.equals("smmuv3"), acpi, highmem, secure, virtualization, its, cpu);
    }

    /** A boolean property as QEMU's visitor takes it ({@code on/off/yes/no/true/false}). */
    private static boolean bool(Map<String, String> props, String name, boolean dflt) throws StartupException {
        String v = props.get(name);
        if (v == null) {
            return dflt;
        }
        return switch (v) {
            case "on", "yes", "true" -> true;
            case "off", "no", "false" -> false;
            default -> throw new StartupException("Parameter '" + name + "' expects 'on' or 'off'");
        };
    }
}
