package io.qtestjvm.qos.runner;

import io.qtestjvm.qos.libqtest.InJvmMachines;
import io.qtestjvm.qos.libqtest.ProcessTransport;
import io.qtestjvm.qos.libqtest.QtestTransport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Where graph paths run: the stand-in in this JVM ({@code jvm}), a {@code *-system-<arch>} process started as
 * libqtest starts QEMU ({@code jvm-process} for the stand-in's launcher, {@code process} for any other binary), or
 * Debian's QEMU ({@code qemu}: {@code qemu-system-<arch>} from {@code PATH} with {@code -accel tcg -S}, as Debian
 * strips the qtest accelerator). Immutable; {@link #start} may be called from several threads at once.
 *
 * @param label          the name in test names and reports ({@code [jvm]})
 * @param binaryForArch  arch to binary, or null for the in-JVM backend
 * @param accel          the accelerator of a process backend
 * @param compat         the QEMU version the stand-in emulates ({@code QTEST_JVM_COMPAT}); null for its default
 * @param virtualTime    whether {@code clock_step} moves the clock (false under {@code -accel tcg -S})
 * @param requireQemu    a missing {@code qemu} binary is a failure rather than a reason to skip
 *                       ({@code QTEST_REQUIRE_QEMU}, set in CI)
 */
public record QosBackend(String label, Function<String, String> binaryForArch, String accel, String compat,
                         boolean virtualTime, boolean requireQemu) {
    /** How long a process may take to connect and to answer. */
    public static final long TIMEOUT_MS = 50_000;
    /**
     * How the stand-in reports an exception inside a device model on its stderr (it also answers
     * {@code FAIL internal error}); a stand-in process that wrote such a line fails when it is terminated.
     */
    public static final String STAND_IN_INTERNAL_ERROR = "qtest-jvm: internal error";

    /**
     * The stand-in's warm launch ({@code bin/qemu-jvm-launch}: a JVM started ahead by one launch takes the next),
     * which the {@code jvm-process} backend asks for unless the environment says otherwise ({@code 0} turns it
     * off): a run of graph paths starts machine after machine.
     */
    public static final String WARM_LAUNCH = "QTEST_JVM_WARM";

    /** The in-JVM stand-in, found through {@link InJvmMachines}. */
    public static QosBackend jvm(String compat) {
        return new QosBackend("jvm", null, "qtest", compat, true, false);
    }

    /** The stand-in's launchers {@code <root>/bin/qemu-jvm-system-<arch>} as processes. */
    public static QosBackend jvmProcess(Path root, String compat) {
        String bin = root.resolve("bin").toString();
        return new QosBackend("jvm-process", arch -> bin + "/qemu-jvm-system-" + arch, "qtest", compat, true, false);
    }

    /** One binary ({@code *-system-<arch>}) with {@code accel}; its arch is the suffix of its name. */
    public static QosBackend process(String binary, String accel) {
        String name = binary.substring(binary.lastIndexOf('/') + 1);
        String label = name.startsWith("qemu-jvm-system-") ? "jvm-process"
                : name.startsWith("qemu-system-") ? "qemu" : "process";
        return new QosBackend(label, arch -> binary, accel, null, accel.startsWith("qtest"), false);
    }

    /** Debian's {@code qemu-system-<arch>} with {@code -accel tcg -S}. */
    public static QosBackend qemu(boolean requireQemu) {
        return new QosBackend("qemu", arch -> "qemu-system-" + arch, "tcg -S", null, false, requireQemu);
    }

    /**
     * A backend by its configuration name: {@code jvm}, {@code process} (the stand-in's launcher under
     * {@code root}, or {@code binary} when given) or {@code qemu} ({@code binary} when given, else
     * {@code qemu-system-<arch>}).
     */
    public static QosBackend named(String name, String binary, Path root, String compat, boolean requireQemu) {
        return switch (name.trim()) {
            case "jvm" -> jvm(compat);
            case "process", "jvm-process" -> binary != null ? process(binary, "qtest") : jvmProcess(root, compat);
            case "qemu" -> binary != null
                    ? new QosBackend("qemu", arch -> binary, "tcg -S", null, false, requireQemu)
                    : qemu(requireQemu);
            default -> throw new IllegalArgumentException("unknown backend '" + name + "' (jvm, process or qemu)");
        };
    }

    public boolean inJvm() {
        return binaryForArch == null;
    }

    /** Null when this backend can run {@code arch} here, else why not. */
    public String unavailableReason(String arch) {
        if (inJvm()) {
            return InJvmMachines.find().isPresent() ? null
                    : "the in-JVM stand-in is not on the class path (qtest-server and qos-client's jvm jar)";
        }
        String bin = binaryForArch.apply(arch);
        if (!executable(bin)) {
            return bin + " is not installed";
        }
        if (bin.endsWith("/bin/qemu-jvm-system-" + arch)) {
            // the launcher would build the jar on first use, which takes minutes: ask for the build instead
            Path jar = Path.of(bin).getParent().resolveSibling("qtest-server/target/qtest-server.jar");
            if (!Files.isRegularFile(jar)) {
                return jar + " is missing: build with 'mvn package' first";
            }
        }
        return null;
    }

    /** Starts a machine with {@code commandLine} as libqtest pastes it. */
    public QtestTransport start(String arch, String commandLine) {
        if (inJvm()) {
            InJvmMachines m = InJvmMachines.find().orElseThrow(() -> new IllegalStateException(
                    unavailableReason(arch)));
            return m.start(arch, commandLine, compat);
        }
        Map<String, String> env = new HashMap<>();
        if (compat != null) {
            env.put("QTEST_JVM_COMPAT", compat);
        }
        if (label.equals("jvm-process") && System.getenv(WARM_LAUNCH) == null) {
            env.put(WARM_LAUNCH, "1"); // a run starts machine after machine: each launch readies the next
        }
        ProcessTransport p = ProcessTransport.start(binaryForArch.apply(arch), commandLine, accel, label, TIMEOUT_MS,
                env);
        if (label.equals("jvm-process")) {
            p.failOnStderrLinesStartingWith(STAND_IN_INTERNAL_ERROR); // a device bug fails the path at exit
        }
        return p;
    }

    static boolean executable(String bin) {
        if (bin.contains("/")) {
            return Files.isExecutable(Path.of(bin));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, bin))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return label;
    }
}
