package io.qtestjvm.qos.libqos.pci;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * libqos' generic PCI bus over a PCI Express host bridge ({@code pci-bus-generic}, tests/qtest/libqos/
 * generic-pcihost.c; reference 4.5) as the arm {@code virt} machine has it. Configuration space through the
 * Enhanced Configuration Access Mechanism (PCI Express Base Specification 7.2.2): function {@code devfn} of bus 0 at
 * {@code ECAM + (devfn << 12) + offset}, reached with qtest {@code read}/{@code write} of 1, 2 or 4 bytes,
 * little-endian. Port I/O is memory-mapped: port {@code p} is CPU address {@code 0x3eff0000 + p}, with qtest
 * {@code readX}/{@code writeX} of the access's own size (8-byte accesses stay one access). The allocator hands out
 * I/O BARs from 0 to 0x10000 and memory BARs from 0x1000_0000 to 0x2eff_0000 (the 32-bit window is identity-mapped).
 * libqos treats this bus as not hot-pluggable and its MSI as working.
 */
public final class PciBusGeneric extends QPciBus implements QosGraphObject {
    public static final String NODE = "pci-bus-generic";
    public static final long ECAM_BASE = 0x40_1000_0000L;
    public static final long PIO_BASE = 0x3eff_0000L;
    public static final long PIO_WINDOW_END = 0x1_0000L;
    public static final long MMIO_WINDOW_START = 0x1000_0000L;
    public static final long MMIO_WINDOW_END = 0x2eff_0000L;
    /** PCIe Base 7.2.2: the function number field starts at address bit 12 (bus 0 only here). */
    private static final int DEVFN_SHIFT = 12;

    public PciBusGeneric(QTestState qts) {
        super(qts, 0, PIO_WINDOW_END, MMIO_WINDOW_START, MMIO_WINDOW_END);
    }

    /** Registers {@code pci-bus-generic} producing {@code pci-bus}. */
    public static void register(QosGraph<QTestState> graph) {
        graph.createDriver(NODE, null);
        graph.produces(NODE, "pci-bus");
    }

    private static long ecam(int devfn, int offset) {
        return ECAM_BASE + ((long) devfn << DEVFN_SHIFT) + offset;
    }

    private long readLe(int devfn, int offset, int len) {
        byte[] b = qts().memread(ecam(devfn, offset), len);
        long v = 0;
        for (int i = len - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    private void writeLe(int devfn, int offset, long value, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        qts().memwrite(ecam(devfn, offset), b);
    }

    @Override
    public int configReadb(int devfn, int offset) {
        return (int) readLe(devfn, offset, 1);
    }

    @Override
    public int configReadw(int devfn, int offset) {
        return (int) readLe(devfn, offset, 2);
    }

    @Override
    public int configReadl(int devfn, int offset) {
        return (int) readLe(devfn, offset, 4);
    }

    @Override
    public void configWriteb(int devfn, int offset, int value) {
        writeLe(devfn, offset, value, 1);
    }

    @Override
    public void configWritew(int devfn, int offset, int value) {
        writeLe(devfn, offset, value, 2);
    }

    @Override
    public void configWritel(int devfn, int offset, int value) {
        writeLe(devfn, offset, value, 4);
    }

    @Override
    public int pioReadb(long addr) {
        return qts().readb(PIO_BASE + addr);
    }

    @Override
    public int pioReadw(long addr) {
        return qts().readw(PIO_BASE + addr);
    }

    @Override
    public int pioReadl(long addr) {
        return qts().readl(PIO_BASE + addr);
    }

    @Override
    public long pioReadq(long addr) {
        return qts().readq(PIO_BASE + addr);
    }

    @Override
    public void pioWriteb(long addr, int value) {
        qts().writeb(PIO_BASE + addr, value);
    }

    @Override
    public void pioWritew(long addr, int value) {
        qts().writew(PIO_BASE + addr, value);
    }

    @Override
    public void pioWritel(long addr, int value) {
        qts().writel(PIO_BASE + addr, value);
    }

    @Override
    public void pioWriteq(long addr, long value) {
        qts().writeq(PIO_BASE + addr, value);
    }

    /** PRODUCES {@code pci-bus}: this bus. */
    @Override
    public Object getDriver(String iface) {
        if (iface.equals("pci-bus")) {
            return this;
        }
        return QosGraphObject.super.getDriver(iface);
    }

    @Override
    public String toString() {
        return NODE;
    }
}
