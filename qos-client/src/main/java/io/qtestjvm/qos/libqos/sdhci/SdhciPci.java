package io.qtestjvm.qos.libqos.sdhci;

import io.qtestjvm.qos.libqos.pci.QPciAddress;
import io.qtestjvm.qos.libqos.pci.QPciBar;
import io.qtestjvm.qos.libqos.pci.QPciBus;
import io.qtestjvm.qos.libqos.pci.QPciDevice;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosEdgeOptions;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * The {@code sdhci-pci} driver node (tests/qtest/libqos/sdhci.c {@code sdhci_pci_create}; reference 4.6): consumes
 * {@code pci-bus} at 04.0 (1b36:0007, asserted), maps BAR0 in its constructor, enables the function in
 * {@code startHw}, and produces {@code sdhci}: registers through the memory BAR (qtest {@code read}/{@code write},
 * little-endian).
 */
public final class SdhciPci implements QosGraphObject, QSdhci {
    public static final String NODE = "sdhci-pci";
    public static final QPciAddress ADDRESS = new QPciAddress(QPciAddress.devfn(4, 0), 0x1b36, 0x0007);
    /** sdhci.c: spec version 2, base clock not checked, SDMA, capareg 0x057834b4 (QEMU's default). */
    public static final SdhciProps PROPS = new SdhciProps(2, 0, true, 0x0578_34b4L);

    private final QPciDevice dev;
    private final QPciBar bar0;

    public SdhciPci(QPciBus bus, QPciAddress addr) {
        this.dev = bus.device(addr);
        this.bar0 = dev.iomap(0);
    }

    public static void register(QosGraph<QTestState> graph) {
        graph.createDriver(NODE, (parent, alloc, arg) -> new SdhciPci((QPciBus) parent, (QPciAddress) arg));
        graph.consumes(NODE, "pci-bus", QosEdgeOptions.extraDeviceOpts("addr=04.0").withArg(ADDRESS));
        graph.produces(NODE, GenericSdhci.INTERFACE);
    }

    @Override
    public boolean dmaReachesRam() {
        return !pci().bus().dmaTranslated();
    }

    public QPciDevice pci() {
        return dev;
    }

    @Override
    public QTestState qts() {
        return dev.qts();
    }

    @Override
    public SdhciProps props() {
        return PROPS;
    }

    @Override
    public int readb(int reg) {
        return dev.ioReadb(bar0, reg);
    }

    @Override
    public int readw(int reg) {
        return dev.ioReadw(bar0, reg);
    }

    @Override
    public int readl(int reg) {
        return dev.ioReadl(bar0, reg);
    }

    @Override
    public long readq(int reg) {
        return dev.ioReadq(bar0, reg);
    }

    @Override
    public void writeb(int reg, int value) {
        dev.ioWriteb(bar0, reg, value);
    }

    @Override
    public void writew(int reg, int value) {
        dev.ioWritew(bar0, reg, value);
    }

    @Override
    public void writel(int reg, int value) {
        dev.ioWritel(bar0, reg, value);
    }

    @Override
    public void writeq(int reg, long value) {
        dev.ioWriteq(bar0, reg, value);
    }

    @Override
    public void startHw() {
        dev.enable();
    }

    @Override
    public Object getDriver(String iface) {
        return switch (iface) {
            case GenericSdhci.INTERFACE -> this;
            case "pci-device" -> dev;
            default -> QosGraphObject.super.getDriver(iface);
        };
    }

    @Override
    public String toString() {
        return NODE + " at " + dev;
    }
}
