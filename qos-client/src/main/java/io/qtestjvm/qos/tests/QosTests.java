package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqos.LibqosNodes;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraph;

/** What qos-test links: every libqos node and every graph test ({@code qos_add_test}), one line per test file. */
public final class QosTests {
    private QosTests() {
    }

    public static void registerAll(QosGraph<QTestState> graph) {
        PciDeviceTests.register(graph);
        EduTests.register(graph);
        SdhciTests.register(graph);
        VirtioTests.register(graph);
        VirtioBlkTests.register(graph);
        VirtioHostileRingTests.register(graph);
        VirtioNetTests.register(graph);
        SpaprPhbTests.register(graph);
        IommuTestdevTests.register(graph);
    }

    /** A fresh graph with all nodes and tests, nothing available yet (apply discovery next). */
    public static QosGraph<QTestState> graph() {
        QosGraph<QTestState> g = new QosGraph<>();
        LibqosNodes.registerAll(g);
        registerAll(g);
        return g;
    }
}
