package io.qtestjvm.qos.qgraph;

/**
 * The guest allocator as the graph sees it ({@code QGuestAllocator}, tests/qtest/libqos/malloc.h): what a machine
 * object returns for {@code getDriver("memory")} and what consumer constructors and tests receive. The graph never
 * calls it; libqos' allocator implements this type.
 */
public interface QosAllocator {
}
