package io.qtestjvm.qos.backend;

import io.qtestjvm.qos.libqtest.ProcessTransport;
import io.qtestjvm.qos.libqtest.QtestTransport;
import io.qtestjvm.server.InJvmServer;
import io.qtestjvm.server.qtest.InternalErrors;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The three backends every cross-checked test runs on: the stand-in in this JVM ({@code [jvm]}), the stand-in as
 * a process started as libqtest starts QEMU ({@code [jvm-process]}), and Debian's QEMU with {@code -accel tcg -S}
 * ({@code [qemu]}, which lacks the qtest accelerator). Where QEMU is not installed the {@code [qemu]} runs are
 * skipped, unless {@code QTEST_REQUIRE_QEMU} is set (CI), where its absence fails them.
 *
 * <p>A stand-in machine that had an internal error (an exception inside a device model, answered
 * {@code FAIL internal error}) fails the test when it is terminated, whatever the replies looked like:
 * {@link InJvmTransport} checks the in-JVM count, the process backend its stderr ({@link InternalErrorCheck}).
 */
public enum Backend {
    JVM("jvm"),
    JVM_PROCESS("jvm-process"),
    QEMU("qemu");

    private static final long TIMEOUT_MS = 50_000;
    private final String label;

    Backend(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the virtual clock moves on this backend ({@code clock_step}); Debian's QEMU runs stopped. */
    public boolean hasVirtualTime() {
        return this != QEMU;
    }

    /** The repository root (set by the build; falls back to the working directory's parent). */
    public static Path root() {
        String r = System.getProperty("qtestjvm.root");
        return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
    }

    /** The stand-in's launcher for {@code arch}: {@code bin/qemu-jvm-system-ARCH} of this checkout. */
    public static String standIn(String arch) {
        return root().resolve("bin/qemu-jvm-system-" + arch).toString();
    }

    public static String qemuBinary(String arch) {
        return "qemu-system-" + arch;
    }

    /** Whether Debian's QEMU for {@code arch} is on the PATH; its absence fails in CI ({@code QTEST_REQUIRE_QEMU}). */
    public static boolean qemuPresent(String arch) {
        boolean present = onPath(qemuBinary(arch));
        if (!present && System.getenv("QTEST_REQUIRE_QEMU") != null) {
            throw new AssertionError(qemuBinary(arch) + " is required (QTEST_REQUIRE_QEMU) but not on PATH");
        }
        return present;
    }

    /** Skips the calling test when this backend cannot run here (fails instead in CI for QEMU). */
    public void assumeAvailable(String arch) {
        if (this == QEMU) {
            Assumptions.assumeTrue(qemuPresent(arch), qemuBinary(arch) + " is not installed");
        }
        if (this == JVM_PROCESS) {
            Path jar = root().resolve("qtest-server/target/qtest-server.jar");
            if (!Files.isRegularFile(jar)) {
                throw new AssertionError(jar + " is missing: build with 'mvn verify' (package runs before these tests)");
            }
        }
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts a machine: {@code extraArgs} as libqtest pastes them (e.g. {@code "-machine pc"}); {@code compat}
     * is the QEMU version the stand-in emulates ({@code 7.2} to compare with Debian's QEMU and its transcripts).
     */
    public QtestTransport start(String arch, String extraArgs, String compat) {
        assumeAvailable(arch);
        return switch (this) {
            case JVM -> new InJvmTransport(InJvmServer.startAs(compat, arch, split(extraArgs)));
            case JVM_PROCESS -> {
                ProcessTransport p = ProcessTransport.start(
                        standIn(arch), extraArgs, "qtest", label,
                        TIMEOUT_MS, java.util.Map.of("QTEST_JVM_COMPAT", compat == null ? "10.2" : compat));
                p.failOnStderrLinesStartingWith(InternalErrors.MARK); // a device bug fails the test at exit
                yield p;
            }
            case QEMU -> ProcessTransport.start(qemuBinary(arch), extraArgs, "tcg -S", label, TIMEOUT_MS,
                    java.util.Map.of());
        };
    }

    private static String[] split(String args) {
        String t = args.trim();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    @Override
    public String toString() {
        return label;
    }
}
