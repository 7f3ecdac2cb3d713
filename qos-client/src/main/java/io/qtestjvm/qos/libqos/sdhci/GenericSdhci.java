package io.qtestjvm.qos.libqos.sdhci;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * The {@code generic-sdhci} driver node (tests/qtest/libqos/sdhci.c {@code qos_init_sdhci_mm}): a controller on the
 * system bus, reached with qtest {@code readX}/{@code writeX} at its base (raspi2b: 0x3f300000, reference 4.4). It is
 * built into its machine (contained, no {@code -device}) and produces {@code sdhci} (this object).
 */
public final class GenericSdhci implements QosGraphObject, QSdhci {
    public static final String NODE = "generic-sdhci";
    public static final String INTERFACE = "sdhci";

    private final QTestState qts;
    private final long base;
    private final SdhciProps props;

    public GenericSdhci(QTestState qts, long base, SdhciProps props) {
        this.qts = qts;
        this.base = base;
        this.props = props;
    }

    /** {@code generic-sdhci} producing {@code sdhci}; machines add their CONTAINS edge. */
    public static void register(QosGraph<QTestState> graph) {
        graph.createDriver(NODE, null);
        graph.produces(NODE, INTERFACE);
    }

    @Override
    public QTestState qts() {
        return qts;
    }

    @Override
    public SdhciProps props() {
        return props;
    }

    @Override
    public int readb(int reg) {
        return qts.readb(base + reg);
    }

    @Override
    public int readw(int reg) {
        return qts.readw(base + reg);
    }

    @Override
    public int readl(int reg) {
        return qts.readl(base + reg);
    }

    @Override
    public long readq(int reg) {
        return qts.readq(base + reg);
    }

    @Override
    public void writeb(int reg, int value) {
        qts.writeb(base + reg, value);
    }

    @Override
    public void writew(int reg, int value) {
        qts.writew(base + reg, value);
    }

    @Override
    public void writel(int reg, int value) {
        qts.writel(base + reg, value);
    }

    @Override
    public void writeq(int reg, long value) {
        qts.writeq(base + reg, value);
    }

    @Override
    public Object getDriver(String iface) {
        if (iface.equals(INTERFACE)) {
            return this;
        }
        return QosGraphObject.super.getDriver(iface);
    }

    @Override
    public String toString() {
        return NODE + " at 0x" + Long.toHexString(base);
    }
}
