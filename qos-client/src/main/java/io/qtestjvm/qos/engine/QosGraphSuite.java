package io.qtestjvm.qos.engine;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraph;

/**
 * A class of graph tests for {@link QosGraphTestEngine}: it adds nodes and tests to a graph that already holds every
 * libqos node of this project, with qgraph's API ({@code createMachine}, {@code createDriver}, {@code contains},
 * {@code produces}, {@code consumes}, {@code addTest}, and {@code QosEdgeOptions} for QEMU's edge options). A class
 * may instead (or as well) declare {@link QosTest} methods. It needs a no-argument constructor.
 */
public interface QosGraphSuite {
    /** Registers this suite's nodes, edges and tests. */
    void register(QosGraph<QTestState> graph);
}
