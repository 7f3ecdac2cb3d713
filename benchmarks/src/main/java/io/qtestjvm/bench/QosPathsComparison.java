package io.qtestjvm.bench;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosDiscovery;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosMachineControl;
import io.qtestjvm.qos.qgraph.QosTestPath;
import io.qtestjvm.qos.qgraph.QosTestRunner;
import io.qtestjvm.qos.tests.QosTests;

import java.util.ArrayList;
import java.util.List;

/**
 * Wall time of the same qos paths on the three backends in one run (issue 4's comparison): every x86_64 {@code pc}
 * path that needs no virtual time (so Debian's stopped QEMU runs them too), run through {@link QosTestRunner} as
 * qos-test runs them (machine reuse with {@code system_reset}), several rounds per backend; each round starts its
 * machines afresh. Reports the first round (cold: includes the JVM's warm-up on [jvm]) and the median of the others.
 *
 * <p>Usage, from the repository root: {@code java -Dqtestjvm.root=$PWD -cp benchmarks/target/benchmarks.jar
 * io.qtestjvm.bench.QosPathsComparison [rounds [backend,...]]}; {@code -Dqos.filter=<regex>} keeps the paths whose
 * name contains a match (e.g. {@code /virtio-} for issue 13's line).
 */
public final class QosPathsComparison {
    private QosPathsComparison() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        String compat = "7.2";
        List<QosTestPath<QTestState>> paths = null;
        System.out.printf("%-12s %6s %14s %16s %14s%n", "backend", "paths", "cold round ms", "warm median ms",
                "warm ms/path");
        List<Backend> backends = new ArrayList<>();
        for (Backend b : Backend.values()) {
            if (args.length < 2 || List.of(args[1].split(",")).contains(b.label())) {
                backends.add(b);
            }
        }
        for (Backend backend : backends) {
            QosGraph<QTestState> graph = QosTests.graph();
            try (QTestState qts = new QTestState(backend.start("x86_64", "-machine none", compat))) {
                QosDiscovery.apply(graph, "x86_64", qts);
            }
            List<QosTestPath<QTestState>> selected = new ArrayList<>();
            for (QosTestPath<QTestState> p : graph.testPaths()) {
                String filter = System.getProperty("qos.filter");
                if (!p.test().testOptions().needsVirtualTime()
                        && (filter == null || java.util.regex.Pattern.compile(filter).matcher(p.name()).find())) {
                    selected.add(p);
                }
            }
            if (paths == null) {
                paths = selected;
            }
            List<Double> times = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                try (QosTestRunner<QTestState> runner = new QosTestRunner<>(QosMachineControl.qtest(
                        cmd -> new QTestState(backend.start("x86_64", cmd, compat))))) {
                    for (QosTestPath<QTestState> p : selected) {
                        long tp = System.nanoTime();
                        runner.run(p);
                        if (Boolean.getBoolean("qos.verbose")) {
                            System.out.printf("  %-10s %8.2f ms %s%n", backend.label(), (System.nanoTime() - tp) / 1e6,
                                    p.name());
                        }
                    }
                }
                times.add((System.nanoTime() - t0) / 1e6);
            }
            List<Double> warm = new ArrayList<>(times.subList(1, times.size()));
            warm.sort(null);
            double median = warm.get(warm.size() / 2);
            System.out.printf("%-12s %6d %14.1f %16.2f %14.3f%n", backend.label(), selected.size(), times.get(0),
                    median, median / selected.size());
        }
    }
}
