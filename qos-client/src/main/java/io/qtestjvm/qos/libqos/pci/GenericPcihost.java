package io.qtestjvm.qos.libqos.pci;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * The {@code generic-pcihost} node (tests/qtest/libqos/generic-pcihost.c; reference 4.5): in libqos only the
 * container of its bus, {@link PciBusGeneric}; building it touches no hardware.
 */
public final class GenericPcihost implements QosGraphObject {
    public static final String NODE = "generic-pcihost";

    private final PciBusGeneric bus;

    public GenericPcihost(QTestState qts) {
        this.bus = new PciBusGeneric(qts);
    }

    /** Registers {@code generic-pcihost} containing {@code pci-bus-generic} (and that bus's node). */
    public static void register(QosGraph<QTestState> graph) {
        PciBusGeneric.register(graph);
        graph.createDriver(NODE, null);
        graph.contains(NODE, PciBusGeneric.NODE);
    }

    public PciBusGeneric bus() {
        return bus;
    }

    @Override
    public QosGraphObject getDevice(String device) {
        if (device.equals(PciBusGeneric.NODE)) {
            return bus;
        }
        return QosGraphObject.super.getDevice(device);
    }

    @Override
    public String toString() {
        return NODE;
    }
}
