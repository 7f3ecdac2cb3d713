package io.qtestjvm.qos.qgraph;

/**
 * {@code QOSGraphObject} (tests/qtest/libqos/qgraph.h): the object a machine or driver node stands for while a test
 * runs. Its hooks are optional in QEMU; here each default fails the way QEMU's drivers do when asked for something
 * they do not have ({@code "%s not present in %s"} and {@code g_assert_not_reached}) or does nothing.
 */
public interface QosGraphObject {
    /** CONTAINS: the contained node's object, looked up by the edge name. */
    default QosGraphObject getDevice(String name) {
        throw new IllegalStateException(name + " not present in " + this);
    }

    /**
     * PRODUCES: the object behind {@code iface} (any type: a PCI bus, an SDHCI accessor, ...). Machines answer
     * {@code "memory"} with their guest allocator.
     */
    default Object getDriver(String iface) {
        throw new IllegalStateException(iface + " not present in " + this);
    }

    /** Called once the object is obtained on the path, e.g. to enable a PCI device and map its BARs. */
    default void startHw() {
    }

    /** {@code destructor}: called after the test for the machine and the consumer-constructed objects only. */
    default void destroy() {
    }
}
