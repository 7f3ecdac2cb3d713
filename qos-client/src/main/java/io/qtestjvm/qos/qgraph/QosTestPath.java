package io.qtestjvm.qos.qgraph;

import java.util.ArrayList;
import java.util.List;

/**
 * One registered qos-test path (tests/qtest/qos-test.c {@code walk_path}; reference 3.3 and 3.4).
 *
 * @param name        the GTest path: {@code /<arch>/<machine>/<edge name>/.../<iface>-tests/<test>}
 * @param commandLine the command line walk_path assembled, before the test's {@code before} hook
 * @param nodes       the nodes from the machine to the test
 * @param edges       the edges between them ({@code edges.get(i)} leads from {@code nodes.get(i)})
 * @param <H>         the machine handle type
 */
public record QosTestPath<H>(String name, String commandLine, List<QosNode<H>> nodes, List<QosEdge> edges) {
    public QosTestPath {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public QosNode<H> machine() {
        return nodes.getFirst();
    }

    public QosNode<H> test() {
        return nodes.getLast();
    }

    /** {@code subprocess=true} tests register {@link #name()} and run the body under {@link #subprocessName()}. */
    public boolean subprocess() {
        return test().testOptions().subprocess();
    }

    public String subprocessName() {
        return name + "/subprocess";
    }

    /**
     * walk_path: the test name from the machine type and the edge names, and the command line. A node's fragment is
     * appended only when the edge that led to it is CONSUMED_BY (or it is the machine), followed by the pending
     * {@code extraDeviceOpts}; contained and produced nodes are built into the machine and add no {@code -device}.
     * A pending option whose consumer lost its fragment (an abstract type) stays pending for the next one, as in
     * QEMU. The type of the edge just taken is that of {@code qos_graph_get_edge(node, dest)}, i.e. the newest edge
     * between the two nodes.
     *
     * @param rootToTest the edges from the root's CONTAINS edge to the test, as the traversal reports them
     */
    static <H> QosTestPath<H> build(QosGraph<H> graph, List<QosEdge> rootToTest) {
        QosNode<H> machine = graph.node(rootToTest.getFirst().dest());
        String arch = machine.name().substring(0, machine.name().indexOf('/'));
        StringBuilder name = new StringBuilder("/").append(arch).append('/').append(QosGraph.machineType(
                machine.name()));
        StringBuilder cmd = new StringBuilder();
        StringBuilder tail = new StringBuilder();
        StringBuilder pendingDeviceOpts = new StringBuilder();
        List<QosNode<H>> nodes = new ArrayList<>();
        List<QosEdge> edges = rootToTest.subList(1, rootToTest.size());
        QosEdgeKind ledHere = QosEdgeKind.CONSUMED_BY; // so the machine adds its fragment
        QosNode<H> node = machine;
        for (QosEdge e : edges) {
            nodes.add(node);
            if (node.commandLine() != null && ledHere == QosEdgeKind.CONSUMED_BY) {
                cmd.append(node.commandLine()).append(pendingDeviceOpts);
                pendingDeviceOpts.setLength(0);
            }
            name.append('/').append(e.edgeName());
            ledHere = graph.edge(node.name(), e.dest()).kind();
            if (e.beforeCmdLine() != null) {
                cmd.append(e.beforeCmdLine());
            }
            if (e.afterCmdLine() != null) {
                tail.append(e.afterCmdLine());
            }
            if (e.extraDeviceOpts() != null) {
                pendingDeviceOpts.append(e.extraDeviceOpts());
            }
            node = graph.node(e.dest());
        }
        nodes.add(node);
        cmd.append(pendingDeviceOpts).append(tail);
        return new QosTestPath<>(name.toString(), cmd.toString(), nodes, edges);
    }
}
