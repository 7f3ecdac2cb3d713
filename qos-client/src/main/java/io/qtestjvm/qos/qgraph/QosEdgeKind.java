package io.qtestjvm.qos.qgraph;

/**
 * The three edge kinds of qgraph ({@code QOSEdgeType}, tests/qtest/libqos/qgraph_internal.h); the ordinal is QEMU's
 * enum value as {@code qos_dump_graph} prints it.
 */
public enum QosEdgeKind {
    /** {@code A contains B}: B is built into A and obtained with {@code getDevice(edgeName)}. */
    CONTAINS,
    /** {@code A produces I}: A offers interface I through {@code getDriver(I)}. */
    PRODUCES,
    /** {@code I consumed_by C} (stored on the interface): C is constructed from I's object. */
    CONSUMED_BY
}
