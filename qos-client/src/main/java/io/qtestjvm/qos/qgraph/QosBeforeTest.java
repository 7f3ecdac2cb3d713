package io.qtestjvm.qos.qgraph;

/**
 * {@code QOSBeforeTest} (tests/qtest/libqos/qgraph.h): runs before the machine is started or reused, may append to
 * the command line (virtio-blk adds its {@code -drive}s) and returns the argument the test receives.
 */
@FunctionalInterface
public interface QosBeforeTest {
    Object before(StringBuilder cmdLine, Object arg);
}
