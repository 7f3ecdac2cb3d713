package io.qtestjvm.server.cli;

import java.util.List;
import java.util.Locale;

/**
 * The {@code -cpu} model names QEMU 7.2 knows per target ({@code -cpu help} of qemu-system-x86_64, -arm, -aarch64,
 * -ppc64). We run no CPU: the name is only checked, with QEMU's {@code unable to find CPU model 'X'} for an
 * unknown one. x86 also takes {@code NAME-vN}; ppc names are case-insensitive.
 */
public final class CpuModels {
    private static final List<String> X86 = List.of("486", "Broadwell", "Broadwell-IBRS", "Broadwell-noTSX",
            "Broadwell-noTSX-IBRS", "Cascadelake-Server", "Cascadelake-Server-noTSX", "Conroe", "Cooperlake",
            "Denverton", "Dhyana", "EPYC", "EPYC-IBPB", "EPYC-Milan", "EPYC-Rome", "Haswell", "Haswell-IBRS",
            "Haswell-noTSX", "Haswell-noTSX-IBRS", "Icelake-Server", "Icelake-Server-noTSX", "IvyBridge",
            "IvyBridge-IBRS", "KnightsMill", "Nehalem", "Nehalem-IBRS", "Opteron_G1", "Opteron_G2", "Opteron_G3",
            "Opteron_G4", "Opteron_G5", "Penryn", "SandyBridge", "SandyBridge-IBRS", "Skylake-Client",
            "Skylake-Client-IBRS", "Skylake-Client-noTSX-IBRS", "Skylake-Server", "Skylake-Server-IBRS",
            "Skylake-Server-noTSX-IBRS", "Snowridge", "Westmere", "Westmere-IBRS", "athlon", "core2duo", "coreduo",
            "kvm32", "kvm64", "n270", "pentium", "pentium2", "pentium3", "phenom", "qemu32", "qemu64", "base",
            "host", "max");
    private static final List<String> ARM = List.of("arm1026", "arm1136", "arm1136-r2", "arm1176",
            "arm11mpcore", "arm926", "arm946", "cortex-a15", "cortex-a7", "cortex-a8", "cortex-a9", "cortex-m0",
            "cortex-m3", "cortex-m33", "cortex-m4", "cortex-m55", "cortex-m7", "cortex-r5", "cortex-r5f", "max",
            "pxa250", "pxa255", "pxa260", "pxa261", "pxa262", "pxa270-a0", "pxa270-a1", "pxa270", "pxa270-b0",
            "pxa270-b1", "pxa270-c0", "pxa270-c5", "sa1100", "sa1110", "ti925t");
    private static final List<String> AARCH64_EXTRA = List.of("a64fx", "cortex-a35", "cortex-a53", "cortex-a57",
            "cortex-a72", "cortex-a76", "neoverse-n1", "host");
    private static final List<String> PPC64 = List.of("970_v2.2", "970", "970fx_v1.0", "power5+_v2.1", "power5+",
            "power5gs", "970fx_v2.0", "970fx_v2.1", "970fx_v3.0", "970fx_v3.1", "970fx", "power7_v2.3", "power7",
            "970mp_v1.0", "970mp_v1.1", "970mp", "power7+_v2.1", "power7+", "power8e_v2.1", "power8e",
            "power8nvl_v1.0", "power8nvl", "power8_v2.0", "power8", "power9_v1.0", "power9_v2.0", "power9",
            "power10_v1.0", "power10_v2.0", "power10", "e5500", "e6500", "host");

    private CpuModels() {
    }

    /** The model names of {@code arch}. */
    public static List<String> of(String arch) {
        return switch (arch) {
            case "x86_64", "i386" -> X86;
            case "arm" -> ARM;
            case "aarch64" -> concat(ARM, AARCH64_EXTRA);
            case "ppc64" -> PPC64;
            default -> List.of();
        };
    }

    private static List<String> concat(List<String> a, List<String> b) {
        java.util.ArrayList<String> r = new java.util.ArrayList<>(a);
        r.addAll(b);
        return List.copyOf(r);
    }

    /** Checks {@code -cpu MODEL[,feature...]}; returns the model name. */
    public static String check(String arch, String arg) throws StartupException {
        String model = arg.split(",", 2)[0];
        if (model.isEmpty()) {
            throw new StartupException("-cpu option cannot be empty");
        }
        List<String> names = of(arch);
        boolean found = names.contains(model)
                || (arch.equals("ppc64") && names.contains(model.toLowerCase(Locale.ROOT)))
                || ((arch.equals("x86_64") || arch.equals("i386")) && model.matches(".+-v\\d+")
                    && names.contains(model.substring(0, model.lastIndexOf("-v"))));
        if (!found) {
            throw new StartupException("unable to find CPU model '" + model + "'");
        }
        return arch.equals("ppc64") ? model.toLowerCase(Locale.ROOT) : model;
    }

    /** Whether {@code arch} is one of the x86 binaries. */
    public static boolean isX86(String arch) {
        return arch.equals("x86_64") || arch.equals("i386");
    }

    /** {@code -cpu help}. */
    public static String help(String arch) {
        StringBuilder sb = new StringBuilder("Available CPUs:\n");
        for (String n : of(arch)) {
            sb.append(arch.equals("x86_64") || arch.equals("i386") ? "x86 " + n : "  " + n).append('\n');
        }
        return sb.toString();
    }
}
