package io.qtestjvm.qos.qgraph;

/**
 * {@code QOSCreateMachineFunc} (tests/qtest/libqos/qgraph.h): builds the machine object from the running machine's
 * handle (a {@code QTestState} in real use). It creates the guest allocator and may already touch hardware.
 *
 * @param <H> the machine handle type
 */
@FunctionalInterface
public interface QosMachineConstructor<H> {
    QosGraphObject create(H machine);
}
