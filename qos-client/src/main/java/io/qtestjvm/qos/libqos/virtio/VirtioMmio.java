package io.qtestjvm.qos.libqos.virtio;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * The {@code virtio-mmio} node and transport (virtio 1.2 4.2): one register window at {@code base}. Version 2
 * (4.2.2) uses the modern registers (QueueReady, 64-bit queue addresses as two halves); version 1 (4.2.4, QEMU 7.2's
 * default on {@code virt}) the legacy ones (GuestPageSize, QueueAlign, QueuePFN). Its constructor checks the magic
 * value and version and, on version 1, tells the device the page size, as a machine node's constructor does when it
 * builds the transport it {@code contains}.
 * <p>
 * A machine node that has virtio-mmio transports (e.g. {@code arm/virt}) registers {@code contains(machine,
 * "virtio-mmio")} and answers {@code getDevice("virtio-mmio")} with {@code new VirtioMmio(qts, alloc, base, page)};
 * this node then {@code produces} {@code virtio-bus}, which the {@code virtio-*-device} nodes consume.
 */
public final class VirtioMmio implements QVirtioBus, QosGraphObject {
    public static final String NODE = "virtio-mmio";
    public static final String BUS = "virtio-bus";

    // 4.2.2 MMIO Device Register Layout
    public static final int MAGIC_VALUE = 0x000;
    public static final int VERSION = 0x004;
    public static final int DEVICE_ID = 0x008;
    public static final int VENDOR_ID = 0x00c;
    public static final int DEVICE_FEATURES = 0x010;
    public static final int DEVICE_FEATURES_SEL = 0x014;
    public static final int DRIVER_FEATURES = 0x020;
    public static final int DRIVER_FEATURES_SEL = 0x024;
    public static final int QUEUE_SEL = 0x030;
    public static final int QUEUE_NUM_MAX = 0x034;
    public static final int QUEUE_NUM = 0x038;
    public static final int QUEUE_READY = 0x044;
    public static final int QUEUE_NOTIFY = 0x050;
    public static final int INTERRUPT_STATUS = 0x060;
    public static final int INTERRUPT_ACK = 0x064;
    public static final int STATUS = 0x070;
    public static final int QUEUE_DESC_LOW = 0x080;
    public static final int QUEUE_DRIVER_LOW = 0x090;
    public static final int QUEUE_DEVICE_LOW = 0x0a0;
    public static final int CONFIG_GENERATION = 0x0fc;
    public static final int CONFIG = 0x100;
    // 4.2.4 Legacy interface
    public static final int LEGACY_GUEST_PAGE_SIZE = 0x028;
    public static final int LEGACY_QUEUE_ALIGN = 0x03c;
    public static final int LEGACY_QUEUE_PFN = 0x040;
    /** "virt" in little-endian ASCII. */
    public static final int MAGIC = 0x7472_6976;

    private final QTestState qts;
    private final GuestAllocator alloc;
    private final long base;
    private final int pageSize;
    private final int version;
    private final int deviceType;

    public VirtioMmio(QTestState qts, GuestAllocator alloc, long base, int pageSize) {
        this.qts = qts;
        this.alloc = alloc;
        this.base = base;
        this.pageSize = pageSize;
        int magic = qts.readl(base + MAGIC_VALUE);
        if (magic != MAGIC) {
            throw new AssertionError("virtio-mmio at 0x" + Long.toHexString(base) + ": magic 0x"
                    + Integer.toHexString(magic));
        }
        this.version = qts.readl(base + VERSION);
        if (version != 1 && version != 2) {
            throw new AssertionError("virtio-mmio at 0x" + Long.toHexString(base) + ": version " + version);
        }
        this.deviceType = qts.readl(base + DEVICE_ID);
        if (version == 1) {
            qts.writel(base + LEGACY_GUEST_PAGE_SIZE, pageSize);
        }
    }

    public static void register(QosGraph<QTestState> graph) {
        graph.createDriver(NODE, null);
        graph.produces(NODE, BUS);
    }

    public int version() {
        return version;
    }

    public GuestAllocator allocator() {
        return alloc;
    }

    @Override
    public QTestState qts() {
        return qts;
    }

    @Override
    public int deviceType() {
        return deviceType;
    }

    @Override
    public boolean modern() {
        return version == 2;
    }

    private int r(int off) {
        return qts.readl(base + off);
    }

    private void w(int off, long v) {
        qts.writel(base + off, (int) v);
    }

    @Override
    public int configReadb(int off) {
        return qts.readb(base + CONFIG + off) & 0xff;
    }

    @Override
    public int configReadw(int off) {
        return qts.readw(base + CONFIG + off) & 0xffff;
    }

    @Override
    public int configReadl(int off) {
        return qts.readl(base + CONFIG + off);
    }

    @Override
    public long configReadq(int off) {
        if (version == 1) {
            return qts.readq(base + CONFIG + off);
        }
        while (true) {
            int gen = configGeneration();
            long lo = configReadl(off) & 0xffff_ffffL;
            long hi = configReadl(off + 4) & 0xffff_ffffL;
            if (gen == configGeneration()) {
                return hi << 32 | lo;
            }
        }
    }

    @Override
    public int configGeneration() {
        return version == 2 ? r(CONFIG_GENERATION) : 0;
    }

    @Override
    public long deviceFeatures() {
        w(DEVICE_FEATURES_SEL, 0);
        long lo = r(DEVICE_FEATURES) & 0xffff_ffffL;
        if (version == 1) {
            return lo;
        }
        w(DEVICE_FEATURES_SEL, 1);
        return (r(DEVICE_FEATURES) & 0xffff_ffffL) << 32 | lo;
    }

    @Override
    public void driverFeatures(long features) {
        w(DRIVER_FEATURES_SEL, 0);
        w(DRIVER_FEATURES, features);
        if (version == 2) {
            w(DRIVER_FEATURES_SEL, 1);
            w(DRIVER_FEATURES, features >>> 32);
        }
    }

    @Override
    public int status() {
        return r(STATUS) & 0xff;
    }

    @Override
    public void status(int value) {
        w(STATUS, value);
    }

    /** 4.2.2: InterruptStatus, acknowledged by writing the bits seen to InterruptACK. */
    private boolean interrupt(int bit) {
        int s = r(INTERRUPT_STATUS);
        if ((s & bit) != 0) {
            w(INTERRUPT_ACK, s & bit);
            return true;
        }
        return false;
    }

    @Override
    public boolean queueInterrupt(QVirtQueue vq) {
        return interrupt(VirtioSpec.ISR_QUEUE);
    }

    @Override
    public boolean configInterrupt() {
        return interrupt(VirtioSpec.ISR_CONFIG);
    }

    @Override
    public int queueMaxSize(int index) {
        w(QUEUE_SEL, index);
        return r(QUEUE_NUM_MAX);
    }

    @Override
    public int queueAlign() {
        return version == 1 ? pageSize : VirtqLayout.LEGACY_ALIGN;
    }

    @Override
    public void queueActivate(QVirtQueue vq) {
        w(QUEUE_SEL, vq.index());
        w(QUEUE_NUM, vq.size());
        if (version == 1) {
            // 4.2.4: QueueAlign, then the page frame number of the descriptor table
            w(LEGACY_QUEUE_ALIGN, pageSize);
            w(LEGACY_QUEUE_PFN, vq.descArea() / pageSize);
            return;
        }
        w(QUEUE_DESC_LOW, vq.descArea());
        w(QUEUE_DESC_LOW + 4, vq.descArea() >>> 32);
        w(QUEUE_DRIVER_LOW, vq.driverArea());
        w(QUEUE_DRIVER_LOW + 4, vq.driverArea() >>> 32);
        w(QUEUE_DEVICE_LOW, vq.deviceArea());
        w(QUEUE_DEVICE_LOW + 4, vq.deviceArea() >>> 32);
        w(QUEUE_READY, 1);
    }

    @Override
    public void queueDeactivate(int index) {
        w(QUEUE_SEL, index);
        w(version == 1 ? LEGACY_QUEUE_PFN : QUEUE_READY, 0);
    }

    @Override
    public void notifyQueue(int index) {
        w(QUEUE_NOTIFY, index);
    }

    @Override
    public Object getDriver(String iface) {
        if (iface.equals(BUS)) {
            return this;
        }
        return QosGraphObject.super.getDriver(iface);
    }

    @Override
    public String toString() {
        return "virtio-mmio v" + version + " at 0x" + Long.toHexString(base);
    }
}
