package io.qtestjvm.qos.libqos.arm;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.sdhci.GenericSdhci;
import io.qtestjvm.qos.libqos.sdhci.SdhciProps;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * The {@code arm/raspi2b} machine node (tests/qtest/libqos/arm-raspi2-machine.c; reference 4.4, 4.7): allocator
 * {@code [1 MiB, 512 MiB)} with 4 KiB pages, no hardware touched at construction; it contains {@code generic-sdhci},
 * the BCM2835 EMMC at 0x3f300000 with spec version 3, a 52 MHz base clock, no SDMA and capareg 0x052134b4.
 */
public final class Raspi2bMachine implements QosGraphObject {
    public static final String NODE = "arm/raspi2b";
    public static final long ALLOC_START = 0x10_0000L;
    public static final long ALLOC_END = 0x2000_0000L;
    public static final long PAGE_SIZE = 4096;
    public static final long SDHCI_BASE = 0x3f30_0000L;
    public static final SdhciProps SDHCI_PROPS = new SdhciProps(3, 52, false, 0x0521_34b4L);

    private final GuestAllocator alloc = new GuestAllocator(ALLOC_START, ALLOC_END, PAGE_SIZE);
    private final GenericSdhci sdhci;

    public Raspi2bMachine(QTestState qts) {
        this.sdhci = new GenericSdhci(qts, SDHCI_BASE, SDHCI_PROPS);
    }

    public static void register(QosGraph<QTestState> graph) {
        graph.createMachine(NODE, Raspi2bMachine::new);
        graph.contains(NODE, GenericSdhci.NODE);
    }

    public GuestAllocator allocator() {
        return alloc;
    }

    @Override
    public QosGraphObject getDevice(String device) {
        if (device.equals(GenericSdhci.NODE)) {
            return sdhci;
        }
        return QosGraphObject.super.getDevice(device);
    }

    @Override
    public Object getDriver(String iface) {
        if (iface.equals("memory")) {
            return alloc;
        }
        return QosGraphObject.super.getDriver(iface);
    }

    @Override
    public String toString() {
        return NODE;
    }
}
