package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.ppc64.PciBusSpapr;
import io.qtestjvm.qos.libqos.ppc64.PseriesMachine;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosAllocator;
import io.qtestjvm.qos.qgraph.QosEdgeOptions;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosTestOptions;

/**
 * QEMU's spapr-phb-test (tests/qtest/spapr-phb-test.c) on {@code ppc64/pseries}: the machine starts with a second
 * bridge, {@code -device spapr-pci-host-bridge,index=30}. QEMU's test only starts it; ours also asks RTAS for a
 * register of each bridge by BUID: the second bridge's empty bus answers hardware error, the default bridge's
 * built-in VGA at 00.0 answers its vendor ID.
 */
public final class SpaprPhbTests {
    static final int SECOND_INDEX = 30;

    private SpaprPhbTests() {
    }

    public static void register(QosGraph<QTestState> graph) {
        graph.addTest("spapr-phb-test", PseriesMachine.NODE, (Object obj, Object arg, QosAllocator alloc) ->
                        secondBridgeAnswersByItsBuid(((PseriesMachine) obj), (GuestAllocator) alloc),
                QosTestOptions.none().withEdge(QosEdgeOptions.none().withBeforeCmdLine(
                        "-device spapr-pci-host-bridge,index=" + SECOND_INDEX)));
    }

    private static void secondBridgeAnswersByItsBuid(PseriesMachine machine, GuestAllocator alloc) {
        QTestState qts = machine.qts();
        Check.equal(-1, readVendor(qts, alloc, PciBusSpapr.BUID + SECOND_INDEX), "status of the empty bridge");
        Check.equal(0, readVendor(qts, alloc, PciBusSpapr.BUID), "status of the default bridge");
    }

    /** {@code ibm,read-pci-config} of devfn 0's vendor ID on bridge {@code buid}; the status cell. */
    private static int readVendor(QTestState qts, GuestAllocator alloc, long buid) {
        long args = alloc.alloc(16);
        long rets = alloc.alloc(8);
        qts.writel(args, 0);
        qts.writel(args + 4, (int) (buid >>> 32));
        qts.writel(args + 8, (int) buid);
        qts.writel(args + 12, 2);
        qts.rtas("ibm,read-pci-config", 4, args, 2, rets);
        int status = qts.readl(rets);
        alloc.free(rets);
        alloc.free(args);
        return status;
    }
}
