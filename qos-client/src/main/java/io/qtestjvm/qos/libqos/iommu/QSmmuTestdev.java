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
 * The {@code smmu-testdev} driver node (the 2025 RFC's device; arm only) and helpers for its register map: it
 * consumes {@code pci-bus} at 04.0 with the RFC's {@code device=0x0,function=0x1} (StreamID 1), and produces
 * {@value #INTERFACE}. The RFC's smoke test uses the device's own table builder ({@link #buildTranslation}) and
 * then {@link #runDma}.
 */
public final class QSmmuTestdev implements QosGraphObject {
    public static final String NODE = "smmu-testdev-pci";
    public static final String QOM_TYPE = "smmu-testdev";
    public static final String INTERFACE = "smmu-testdev";
    public static final QPciAddress ADDRESS = new QPciAddress(QPciAddress.devfn(4, 0), QIommuTestdev.VENDOR_ID,
            QIommuTestdev.DEVICE_ID);

    public static final int ID = 0x00;
    public static final int ATTR_NS = 0x04;
    public static final int SMMU_BASE_LO = 0x20;
    public static final int SMMU_BASE_HI = 0x24;
    public static final int DMA_IOVA_LO = 0x28;
    public static final int DMA_IOVA_HI = 0x2c;
    public static final int DMA_LEN = 0x30;
    public static final int DMA_DIR = 0x34;
    public static final int DMA_RESULT = 0x38;
    public static final int DMA_DOORBELL = 0x3c;
    public static final int DMA_MODE = 0x40;
    public static final int DMA_ATTRS = 0x44;
    public static final int TRANS_MODE = 0x48;
    public static final int S1_SPACE = 0x4c;
    public static final int S2_SPACE = 0x50;
    public static final int TRANS_DBELL = 0x54;
    public static final int TRANS_STATUS = 0x58;
    public static final int TRANS_CLEAR = 0x5c;

    public static final int ID_VALUE = 0x5354_4d4d;
    public static final int DIR_DEVICE_TO_HOST = 0;
    public static final int DIR_HOST_TO_DEVICE = 1;
    public static final int MODE_S1 = 0;
    public static final int MODE_S2 = 1;
    public static final int MODE_NESTED = 2;
    public static final int RESULT_IDLE = 0xffff_ffff;
    public static final int RESULT_BUSY = 0xffff_fffe;
    public static final int ERR_BAD_LEN = 0xdead_0001;
    public static final int ERR_TX_FAIL = 0xdead_0002;
    /** The RFC's fixed mapping: this IOVA lands at {@link #DATA} once the builder has run and the SMMU is on. */
    public static final long IOVA = 0x80_8060_4567L;
    public static final long DATA = 0x4ecb_a567L;
    public static final long STREAM_TABLE = 0x4e17_9000L;

    private final QPciDevice dev;
    private final QPciBar bar0;

    public QSmmuTestdev(QPciBus bus, QPciAddress addr) {
        this(bus.device(addr));
    }

    /** Over a function found by the caller (the RFC's test searches by vendor and device ID); maps BAR0. */
    public QSmmuTestdev(QPciDevice dev) {
        this.dev = dev;
        this.bar0 = dev.iomap(0);
    }

    public static void register(QosGraph<QTestState> graph) {
        graph.createDriverNamed(NODE, QOM_TYPE, (parent, alloc, arg) -> new QSmmuTestdev((QPciBus) parent,
                (QPciAddress) arg));
        graph.consumes(NODE, "pci-bus", QosEdgeOptions.extraDeviceOpts("addr=04.0,device=0x0,function=0x1")
                .withEdgeName(QOM_TYPE).withArg(ADDRESS));
        graph.produces(NODE, INTERFACE);
    }

    public QPciDevice pci() {
        return dev;
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

    /** TRANS_MODE = {@code mode}, then TRANS_DBELL = build (status cleared first); returns TRANS_STATUS. */
    public int buildTranslation(int mode) {
        write(TRANS_MODE, mode);
        write(TRANS_DBELL, 0x3);
        return read(TRANS_STATUS);
    }

    /** Programs IOVA, length and direction, rings the doorbell, reads ID to run it; returns DMA_RESULT. */
    public int runDma(long iova, int len, int dir) {
        write(DMA_IOVA_LO, (int) iova);
        write(DMA_IOVA_HI, (int) (iova >>> 32));
        write(DMA_LEN, len);
        write(DMA_DIR, dir);
        write(DMA_DOORBELL, 1);
        read(ID);
        return read(DMA_RESULT);
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
        return "smmu-testdev at " + dev;
    }
}
