package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosTestOptions;

/**
 * tests/qtest/pci-test.c: {@code pci-device-tests/nop}, which checks only that every node producing
 * {@code pci-device} can be built on its path (the machine starts, the driver's constructor and {@code start_hw}
 * succeed).
 */
public final class PciDeviceTests {
    private PciDeviceTests() {
    }

    public static void register(QosGraph<QTestState> graph) {
        graph.addTest("nop", "pci-device", (obj, arg, alloc) -> {
        }, QosTestOptions.none());
    }
}
