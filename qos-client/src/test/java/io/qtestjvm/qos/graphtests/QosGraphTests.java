package io.qtestjvm.qos.graphtests;

import io.qtestjvm.qos.engine.QosGraphSuite;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.tests.QosTests;

/**
 * qos-test as JUnit (tests/qtest/qos-test.c; reference 3), run by the {@code qos-graph} engine
 * ({@link io.qtestjvm.qos.engine.QosGraphTestEngine}) as any project's graph tests are: every graph test of this
 * project, on the backends of {@code junit-platform.properties} ({@code [jvm]}, {@code [jvm-process]},
 * {@code [qemu]}) for x86_64, i386, arm, aarch64 and ppc64, under {@code QTEST_JVM_COMPAT=7.2}, the version of Debian's
 * QEMU. One
 * dynamic test per available path and backend, named {@code <QEMU path> [<backend>]}, in QEMU's order, consecutive
 * paths with the same command line sharing a machine. {@code -Dqos.filter=<regex>} keeps the paths whose name
 * contains a match; {@code -Dqos.shard=i/n} keeps the i-th of n contiguous slices of what is left.
 */
public class QosGraphTests implements QosGraphSuite {
    @Override
    public void register(QosGraph<QTestState> graph) {
        QosTests.registerAll(graph);
    }
}
