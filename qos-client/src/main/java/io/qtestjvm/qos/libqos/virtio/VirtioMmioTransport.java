package io.qtestjvm.qos.libqos.virtio;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * The {@code virtio-mmio} node (tests/qtest/libqos/virtio-mmio.c; reference 4.5, 7.4): one virtio over MMIO
 * transport (Virtual I/O Device 1.2, 4.2.2 for the register layout, 4.2.4 for the legacy interface). Building it
 * reads the transport's identity as a driver does first (4.2.3.1.1): MagicValue must be 0x74726976 ("virt"),
 * Version 1 (legacy) or 2, then DeviceID; then it writes GuestPageSize (legacy 4.2.4), with the value libqos
 * passes, the transport size 0x200. It produces {@code virtio-bus} (this object) for the virtio device nodes.
 */
public final class VirtioMmioTransport implements QosGraphObject {
    public static final String NODE = "virtio-mmio";
    /** Virtual I/O Device 1.2, 4.2.2 Table "MMIO Device Register Layout". */
    static final int MAGIC_VALUE = 0x000;
    static final int VERSION = 0x004;
    static final int DEVICE_ID = 0x008;
    /** Legacy interface, 4.2.4: the guest's page size, written before the queues are used. */
    static final int GUEST_PAGE_SIZE = 0x028;
    public static final int MAGIC = 0x7472_6976;

    private final QTestState qts;
    private final long base;
    private final int version;
    private final int deviceId;

    /**
     * @param base     the transport's address
     * @param pageSize what is written to GuestPageSize
     */
    public VirtioMmioTransport(QTestState qts, long base, int pageSize) {
        this.qts = qts;
        this.base = base;
        int magic = qts.readl(base + MAGIC_VALUE);
        if (magic != MAGIC) {
            throw new AssertionError(String.format("virtio-mmio at 0x%x: magic 0x%08x, expected 0x%08x", base,
                    magic, MAGIC));
        }
        this.version = qts.readl(base + VERSION);
        if (version != 1 && version != 2) {
            throw new AssertionError(String.format("virtio-mmio at 0x%x: version %d, expected 1 or 2", base,
                    version));
        }
        this.deviceId = qts.readl(base + DEVICE_ID);
        qts.writel(base + GUEST_PAGE_SIZE, pageSize);
    }

    /** Registers {@code virtio-mmio} producing {@code virtio-bus}. */
    public static void register(QosGraph<QTestState> graph) {
        graph.createDriver(NODE, null);
        graph.produces(NODE, "virtio-bus");
    }

    public long base() {
        return base;
    }

    /** The Version register read at construction (1: legacy). */
    public int version() {
        return version;
    }

    /** The DeviceID read at construction (0: no device behind the transport). */
    public int deviceId() {
        return deviceId;
    }

    public QTestState qts() {
        return qts;
    }

    /** PRODUCES {@code virtio-bus}: this transport. */
    @Override
    public Object getDriver(String iface) {
        if (iface.equals("virtio-bus")) {
            return this;
        }
        return QosGraphObject.super.getDriver(iface);
    }

    @Override
    public String toString() {
        return NODE;
    }
}
