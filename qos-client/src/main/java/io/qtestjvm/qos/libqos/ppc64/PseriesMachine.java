package io.qtestjvm.qos.libqos.ppc64;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * The {@code ppc64/pseries} machine node (tests/qtest/libqos/ppc64_pseries-machine.c; reference 4.3, 4.7):
 * allocator {@code [1 MiB, 256 MiB)} with 4 KiB pages, no hardware touched at construction; it contains
 * {@code spapr-pci-host-bridge}, which contains {@code pci-bus-spapr}, which produces {@code pci-bus}.
 */
public final class PseriesMachine implements QosGraphObject {
    public static final String NODE = "ppc64/pseries";
    public static final String PHB_NODE = "spapr-pci-host-bridge";
    public static final long ALLOC_START = 0x10_0000L;
    public static final long ALLOC_END = 0x1000_0000L;
    public static final long PAGE_SIZE = 4096;

    private final GuestAllocator alloc = new GuestAllocator(ALLOC_START, ALLOC_END, PAGE_SIZE);
    private final QTestState qts;
    private final Phb phb;

    /** {@code spapr-pci-host-bridge}: a container of the bus in libqos. */
    private static final class Phb implements QosGraphObject {
        private final PciBusSpapr bus;

        Phb(PciBusSpapr bus) {
            this.bus = bus;
        }

        @Override
        public QosGraphObject getDevice(String device) {
            if (device.equals(PciBusSpapr.NODE)) {
                return bus;
            }
            return QosGraphObject.super.getDevice(device);
        }

        @Override
        public String toString() {
            return PHB_NODE;
        }
    }

    public PseriesMachine(QTestState qts) {
        this.qts = qts;
        this.phb = new Phb(new PciBusSpapr(qts, alloc));
    }

    /** Registers {@code ppc64/pseries} containing the bridge containing {@code pci-bus-spapr} (pci-spapr.c). */
    public static void register(QosGraph<QTestState> graph) {
        graph.createMachine(NODE, PseriesMachine::new);
        graph.contains(NODE, PHB_NODE);
        graph.createDriver(PHB_NODE, null);
        graph.contains(PHB_NODE, PciBusSpapr.NODE);
        graph.createDriver(PciBusSpapr.NODE, null);
        graph.produces(PciBusSpapr.NODE, "pci-bus");
    }

    public QTestState qts() {
        return qts;
    }

    public GuestAllocator allocator() {
        return alloc;
    }

    @Override
    public QosGraphObject getDevice(String device) {
        if (device.equals(PHB_NODE)) {
            return phb;
        }
        return QosGraphObject.super.getDevice(device);
    }

    @Override
    public Object getDriver(String iface) {
        if (iface.equals("memory")) {
            return alloc;
        }
        return QosGraphObject.super.getDriver(iface);
    }

    @Override
    public String toString() {
        return NODE;
    }
}
