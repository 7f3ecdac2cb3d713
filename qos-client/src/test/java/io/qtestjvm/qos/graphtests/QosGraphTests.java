package io.qtestjvm.qos.graphtests;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.backend.InternalErrorCheck;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosDiscovery;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosMachineControl;
import io.qtestjvm.qos.qgraph.QosTestOptions;
import io.qtestjvm.qos.qgraph.QosTestPath;
import io.qtestjvm.qos.qgraph.QosTestRunner;
import io.qtestjvm.qos.tests.NotApplicable;
import io.qtestjvm.qos.tests.QosTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * qos-test as JUnit 5 (tests/qtest/qos-test.c; reference 3): per backend, per arch, discovery on a
 * {@code -machine none} machine, then every available graph path as one dynamic test named
 * {@code <QEMU path> [<backend>]}, run in QEMU's order through {@link QosTestRunner} so consecutive paths with the
 * same command line share a machine. All under {@code QTEST_JVM_COMPAT=7.2}, the version of Debian's QEMU.
 *
 * <p>{@code -Dqos.filter=<regex>} keeps the paths whose name contains a match; {@code -Dqos.shard=i/n} (1 <= i <= n)
 * keeps the i-th of n contiguous slices of what is left. A test that needs virtual time is aborted (reported as not
 * applicable, with its reason) on a backend whose clock does not move.
 */
class QosGraphTests {
    private static final String COMPAT = "7.2";
    /** The qos-test binaries we build paths for, in this order: one per {@code *-system-<arch>}. */
    private static final List<String> ARCHES = List.of("x86_64", "i386", "arm", "aarch64");

    private final List<QosTestRunner<QTestState>> runners = new ArrayList<>();

    @TestFactory
    List<DynamicTest> jvm() {
        return paths(Backend.JVM);
    }

    @TestFactory
    List<DynamicTest> jvmProcess() {
        return paths(Backend.JVM_PROCESS);
    }

    @TestFactory
    List<DynamicTest> qemu() {
        return paths(Backend.QEMU);
    }

    /** A factory's dynamic tests have all run when its {@code @AfterEach} runs: no machine outlives it. */
    @AfterEach
    void stopMachines() {
        for (QosTestRunner<QTestState> r : runners) {
            r.close();
            System.err.printf("qos: %d machines started, %d reused with system_reset, %d restarted for lack of it%n",
                    r.starts(), r.resets(), r.resetFallbacks());
        }
    }

    private List<DynamicTest> paths(Backend backend) {
        Map<String, List<QosTestPath<QTestState>>> byArch = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (String arch : ARCHES) {
            backend.assumeAvailable(arch);
            List<QosTestPath<QTestState>> paths = discover(backend, arch).testPaths();
            byArch.put(arch, paths);
            paths.forEach(p -> names.add(p.name()));
        }
        List<String> selected = select(names);
        List<DynamicTest> tests = new ArrayList<>();
        for (var entry : byArch.entrySet()) {
            String arch = entry.getKey();
            QosTestRunner<QTestState> runner = new QosTestRunner<>(QosMachineControl.qtest(
                    cmd -> new QTestState(backend.start(arch, cmd, COMPAT))));
            runners.add(runner);
            for (QosTestPath<QTestState> path : entry.getValue()) {
                if (selected.contains(path.name())) {
                    tests.add(DynamicTest.dynamicTest(path.name() + " [" + backend.label() + "]",
                            () -> run(backend, runner, path)));
                }
            }
        }
        return tests;
    }

    /** qos-test's {@code qos_set_machines_devices_available} on this backend. */
    private static QosGraph<QTestState> discover(Backend backend, String arch) {
        QosGraph<QTestState> graph = QosTests.graph();
        try (QTestState qts = new QTestState(backend.start(arch, "-machine none", COMPAT))) {
            QosDiscovery.apply(graph, arch, qts);
        }
        return graph;
    }

    private void run(Backend backend, QosTestRunner<QTestState> runner, QosTestPath<QTestState> path) {
        QosTestOptions opts = path.test().testOptions();
        if (opts.needsVirtualTime() && !backend.hasVirtualTime()) {
            Assumptions.abort("not applicable on [" + backend.label() + "] (its virtual clock does not move): "
                    + "needs virtual time: " + opts.virtualTimeReason());
        }
        // one machine per backend at a time, as qos-test has one QEMU: another arch's machine stops first
        for (QosTestRunner<QTestState> other : runners) {
            if (other != runner) {
                other.close();
            }
        }
        try {
            runner.run(path);
            InternalErrorCheck.assertNone(runner.machine().transport());
        } catch (TestAbortedException e) {
            throw e;
        } catch (NotApplicable e) {
            Assumptions.abort("not applicable on [" + backend.label() + "]: " + e.getMessage());
        } catch (Throwable t) {
            // QEMU's qos-test would abort here; the next path starts from a fresh machine instead
            runner.close();
            throw t;
        }
    }

    /** {@code qos.filter} then {@code qos.shard}, over the names in run order. */
    static List<String> select(List<String> names) {
        String filter = System.getProperty("qos.filter");
        List<String> kept = new ArrayList<>();
        Pattern p = filter == null || filter.isEmpty() ? null : Pattern.compile(filter);
        for (String n : names) {
            if (p == null || p.matcher(n).find()) {
                kept.add(n);
            }
        }
        String shard = System.getProperty("qos.shard");
        if (shard == null || shard.isEmpty()) {
            return kept;
        }
        int[] in = parseShard(shard);
        int from = (int) ((long) kept.size() * (in[0] - 1) / in[1]);
        int to = (int) ((long) kept.size() * in[0] / in[1]);
        return kept.subList(from, to);
    }

    static int[] parseShard(String shard) {
        String[] parts = shard.split("/");
        try {
            if (parts.length == 2) {
                int i = Integer.parseInt(parts[0].trim());
                int n = Integer.parseInt(parts[1].trim());
                if (n >= 1 && i >= 1 && i <= n) {
                    return new int[] {i, n};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("qos.shard '" + shard + "' is not i/n with 1 <= i <= n");
    }
}
