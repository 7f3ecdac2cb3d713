package io.qtestjvm.qos.libqos.iommu;

import io.qtestjvm.qos.libqos.pci.QPciAddress;
import io.qtestjvm.qos.libqos.pci.QPciBar;
import io.qtestjvm.qos.libqos.pci.QPciBus;
import io.qtestjvm.qos.libqos.pci.QPciDevice;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosEdgeOptions;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * The {@code iommu-testdev} driver node and its DMA helpers (the register protocol of QEMU's
 * docs/specs/iommu-testdev.rst): it consumes {@code pci-bus} at 04.0, finds the function (1b36:0005), maps BAR0,
 * enables it in {@code startHw}, and produces {@value #INTERFACE}. Tests are {@code iommu-testdev-tests/<name>}.
 * A helper without the graph ({@link #QIommuTestdev(QPciDevice)}) serves plain tests that find the device
 * themselves, as upstream's SMMUv3 test does.
 */
public final class QIommuTestdev implements QosGraphObject {
    public static final String NODE = "iommu-testdev-pci";
    public static final String QOM_TYPE = "iommu-testdev";
    public static final String INTERFACE = "iommu-testdev";
    public static final int VENDOR_ID = 0x1b36;
    public static final int DEVICE_ID = 0x0005;
    public static final QPciAddress ADDRESS = new QPciAddress(QPciAddress.devfn(4, 0), VENDOR_ID, DEVICE_ID);

    // BAR0 (4-byte registers)
    public static final int TRIGGERING = 0x00;
    public static final int IOVA_LO = 0x04;
    public static final int IOVA_HI = 0x08;
    public static final int LEN = 0x0c;
    public static final int RESULT = 0x10;
    public static final int DOORBELL = 0x14;
    public static final int ATTRS = 0x18;
    public static final int GPA_LO = 0x1c;
    public static final int GPA_HI = 0x20;

    /** ATTRS: Non-secure space, marked valid (what upstream's SMMUv3 test uses). */
    public static final int ATTRS_NS_VALID = 0xa;
    public static final int RESULT_OK = 0;
    public static final int RESULT_IDLE = 0xffff_ffff;
    public static final int RESULT_BUSY = 0xffff_fffe;
    public static final int ERR_BAD_LEN = 0xdead_0001;
    public static final int ERR_TX_FAIL = 0xdead_0002;
    public static final int ERR_RD_FAIL = 0xdead_0003;
    public static final int ERR_MISMATCH = 0xdead_0004;
    public static final int ERR_NOT_ARMED = 0xdead_0005;
    public static final int ERR_BAD_ATTRS = 0xdead_0006;
    /** What a successful run leaves at the physical address: 0x12345678 little-endian, repeated. */
    public static final int PATTERN = 0x1234_5678;
    /** How often {@link #runDma} polls RESULT while it reads BUSY (upstream polls 1000 times). */
    static final int POLLS = 1000;

    private final QPciDevice dev;
    private final QPciBar bar0;

    public QIommuTestdev(QPciBus bus, QPciAddress addr) {
        this(bus.device(addr));
    }

    /** Over a function found by the caller; maps BAR0. */
    public QIommuTestdev(QPciDevice dev) {
        this.dev = dev;
        this.bar0 = dev.iomap(0);
    }

    public static void register(QosGraph<QTestState> graph) {
        graph.createDriverNamed(NODE, QOM_TYPE, (parent, alloc, arg) -> new QIommuTestdev((QPciBus) parent,
                (QPciAddress) arg));
        graph.consumes(NODE, "pci-bus", QosEdgeOptions.extraDeviceOpts("addr=04.0").withEdgeName(QOM_TYPE)
                .withArg(ADDRESS));
        graph.produces(NODE, INTERFACE);
    }

    public QPciDevice pci() {
        return dev;
    }

    public QPciBar bar0() {
        return bar0;
    }

    public QTestState qts() {
        return dev.qts();
    }

    public int read(int reg) {
        return dev.ioReadl(bar0, reg);
    }

    public void write(int reg, int value) {
        dev.ioWritel(bar0, reg, value);
    }

    /** Programs the request: IOVA, the physical address to check, length, attributes. */
    public void configure(long iova, long gpa, int len, int attrs) {
        write(IOVA_LO, (int) iova);
        write(IOVA_HI, (int) (iova >>> 32));
        write(GPA_LO, (int) gpa);
        write(GPA_HI, (int) (gpa >>> 32));
        write(LEN, len);
        write(ATTRS, attrs);
    }

    /** DOORBELL = 1: RESULT reads BUSY until the trigger. */
    public void arm() {
        write(DOORBELL, 1);
    }

    public void disarm() {
        write(DOORBELL, 0);
    }

    /** Reads TRIGGERING: runs the armed request (the read itself returns 0). */
    public int trigger() {
        return read(TRIGGERING);
    }

    public int result() {
        return read(RESULT);
    }

    /**
     * The whole sequence of upstream's test: configure, arm, trigger, then poll RESULT while it reads BUSY; returns
     * the final RESULT.
     */
    public int runDma(long iova, long gpa, int len, int attrs) {
        configure(iova, gpa, len, attrs);
        arm();
        trigger();
        int r = result();
        for (int i = 0; i < POLLS && r == RESULT_BUSY; i++) {
            r = result();
        }
        return r;
    }

    @Override
    public void startHw() {
        dev.enable();
    }

    @Override
    public Object getDriver(String iface) {
        return switch (iface) {
            case INTERFACE -> this;
            case "pci-device" -> dev;
            default -> QosGraphObject.super.getDriver(iface);
        };
    }

    @Override
    public String toString() {
        return "iommu-testdev at " + dev;
    }
}
