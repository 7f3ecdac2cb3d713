package io.qtestjvm.qos.qgraph;

/**
 * {@code QOSCreateDriverFunc} (tests/qtest/libqos/qgraph.h): builds a consumer from the object of the interface it
 * consumes (e.g. the PCI bus), the machine's allocator and the CONSUMED_BY edge's argument (e.g. a PCI address).
 */
@FunctionalInterface
public interface QosDriverConstructor {
    QosGraphObject create(Object parent, QosAllocator alloc, Object edgeArg);
}
