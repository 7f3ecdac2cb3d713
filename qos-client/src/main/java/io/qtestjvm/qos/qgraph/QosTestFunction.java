package io.qtestjvm.qos.qgraph;

/**
 * {@code QOSTestFunc} (tests/qtest/libqos/qgraph.h): the test body, given the object of the node the test consumes,
 * the test's argument (as returned by its {@code before} hook) and the machine's allocator.
 */
@FunctionalInterface
public interface QosTestFunction {
    void run(Object obj, Object arg, QosAllocator alloc);
}
