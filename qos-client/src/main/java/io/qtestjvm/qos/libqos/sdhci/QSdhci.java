package io.qtestjvm.qos.libqos.sdhci;

import io.qtestjvm.qos.libqtest.QTestState;

/**
 * The {@code sdhci} interface (tests/qtest/libqos/sdhci.h {@code QSDHCI}): register access to one SD Host
 * Controller however it is reached (system-bus MMIO or a PCI BAR), and the properties its machine gives it. Registers
 * are little-endian (SD Host Controller Simplified Specification 3.00, 2.1). libqos has readw/readq/writeq; the
 * other widths are ours, for the data-path tests.
 */
public interface QSdhci {
    QTestState qts();

    /** What the registers test expects of this controller. */
    SdhciProps props();

    int readb(int reg);

    int readw(int reg);

    int readl(int reg);

    long readq(int reg);

    void writeb(int reg, int value);

    void writew(int reg, int value);

    void writel(int reg, int value);

    void writeq(int reg, long value);

    /**
     * Whether the controller's DMA reaches guest RAM at the addresses a test programs: false behind a bridge whose
     * bus masters go through an IOMMU no libqos path sets up (the pseries TCE tables).
     */
    default boolean dmaReachesRam() {
        return true;
    }
}
