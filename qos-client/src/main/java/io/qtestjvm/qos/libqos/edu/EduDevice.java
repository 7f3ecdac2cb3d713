package io.qtestjvm.qos.libqos.edu;

import io.qtestjvm.qos.libqos.pci.QPciAddress;
import io.qtestjvm.qos.libqos.pci.QPciBar;
import io.qtestjvm.qos.libqos.pci.QPciBus;
import io.qtestjvm.qos.libqos.pci.QPciDevice;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosEdgeOptions;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * The {@code edu} driver node: our own libqos node for QEMU's edu device (hw/misc/edu.c), shaped like libqos'
 * sdhci-pci (tests/qtest/libqos/sdhci.c): it consumes {@code pci-bus} at 04.0, its constructor finds the function,
 * asserts the IDs and maps BAR0, {@code startHw} enables it, and it produces {@code edu} (this object) and
 * {@code pci-device} (the PCI function).
 *
 * <p>The interface is called {@code edu} so tests are {@code edu-tests/<name>}; node names are unique, so the
 * driver node is {@value #NODE} with QOM type {@code edu} ({@code qos_node_create_driver_named}) and its
 * CONSUMED_BY edge is named {@code edu}: the path reads {@code .../pci-bus/edu/edu/edu-tests/<name>} and the
 * command line gets {@code -device edu,addr=04.0}.
 */
public final class EduDevice implements QosGraphObject {
    public static final String NODE = "edu-pci";
    public static final String QOM_TYPE = "edu";
    public static final String INTERFACE = "edu";
    /** Slot 4: pc's default devices take 0-3 (reference 4.2). */
    public static final QPciAddress ADDRESS = new QPciAddress(QPciAddress.devfn(4, 0), EduRegs.VENDOR_ID,
            EduRegs.DEVICE_ID);

    private final QPciDevice dev;
    private final QPciBar bar0;

    public EduDevice(QPciBus bus, QPciAddress addr) {
        this.dev = bus.device(addr);
        this.bar0 = dev.iomap(0);
    }

    public static void register(QosGraph<QTestState> graph) {
        graph.createDriverNamed(NODE, QOM_TYPE, (parent, alloc, arg) -> new EduDevice((QPciBus) parent,
                (QPciAddress) arg));
        graph.consumes(NODE, "pci-bus", QosEdgeOptions.extraDeviceOpts("addr=04.0").withEdgeName(QOM_TYPE)
                .withArg(ADDRESS));
        graph.produces(NODE, INTERFACE);
        graph.produces(NODE, "pci-device");
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

    /** A 4-byte register read. */
    public int read(int reg) {
        return dev.ioReadl(bar0, reg);
    }

    /** A 4-byte register write. */
    public void write(int reg, int value) {
        dev.ioWritel(bar0, reg, value);
    }

    /** An 8-byte write (the DMA registers are 64-bit from 0x80 on). */
    public void write64(int reg, long value) {
        dev.ioWriteq(bar0, reg, value);
    }

    public long read64(int reg) {
        return dev.ioReadq(bar0, reg);
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
        return "edu at " + dev;
    }
}
