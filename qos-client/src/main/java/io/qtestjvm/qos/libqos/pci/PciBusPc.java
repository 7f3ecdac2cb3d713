package io.qtestjvm.qos.libqos.pci;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * libqos' {@code pci-pc.c} ({@code qpci_init_pc}; reference 4.2): configuration mechanism #1 (0xcf8 address, 0xcfc
 * data; the low two bits of the latched address choose the byte lane), port I/O with qtest {@code in}/{@code out},
 * I/O BARs from 0xc000 and memory BARs from 0xe0000000. As the {@code pci-bus-pc} graph node it produces
 * {@code pci-bus}.
 */
public final class PciBusPc extends QPciBus implements QosGraphObject {
    public static final long MMIO_WINDOW_START = 0xe000_0000L;
    public static final long MMIO_WINDOW_END = 0x1_0000_0000L;
    public static final int PIO_WINDOW_START = 0xc000;
    public static final int PIO_WINDOW_END = 0x10000;
    private static final int CONFIG_ADDRESS = 0xcf8;
    private static final int CONFIG_DATA = 0xcfc;

    public PciBusPc(QTestState qts) {
        super(qts, PIO_WINDOW_START, PIO_WINDOW_END, MMIO_WINDOW_START, MMIO_WINDOW_END);
    }

    private void select(int devfn, int offset) {
        qts().outl(CONFIG_ADDRESS, 1 << 31 | devfn << 8 | offset);
    }

    @Override
    public int configReadb(int devfn, int offset) {
        select(devfn, offset);
        return qts().inb(CONFIG_DATA);
    }

    @Override
    public int configReadw(int devfn, int offset) {
        select(devfn, offset);
        return qts().inw(CONFIG_DATA);
    }

    @Override
    public int configReadl(int devfn, int offset) {
        select(devfn, offset);
        return qts().inl(CONFIG_DATA);
    }

    @Override
    public void configWriteb(int devfn, int offset, int value) {
        select(devfn, offset);
        qts().outb(CONFIG_DATA, value);
    }

    @Override
    public void configWritew(int devfn, int offset, int value) {
        select(devfn, offset);
        qts().outw(CONFIG_DATA, value);
    }

    @Override
    public void configWritel(int devfn, int offset, int value) {
        select(devfn, offset);
        qts().outl(CONFIG_DATA, value);
    }

    @Override
    public int pioReadb(long addr) {
        return qts().inb(port(addr));
    }

    @Override
    public int pioReadw(long addr) {
        return qts().inw(port(addr));
    }

    @Override
    public int pioReadl(long addr) {
        return qts().inl(port(addr));
    }

    /** pci-pc.c: two {@code inl}, low dword first. */
    @Override
    public long pioReadq(long addr) {
        long lo = qts().inl(port(addr)) & 0xffff_ffffL;
        long hi = qts().inl(port(addr + 4)) & 0xffff_ffffL;
        return hi << 32 | lo;
    }

    @Override
    public void pioWriteb(long addr, int value) {
        qts().outb(port(addr), value);
    }

    @Override
    public void pioWritew(long addr, int value) {
        qts().outw(port(addr), value);
    }

    @Override
    public void pioWritel(long addr, int value) {
        qts().outl(port(addr), value);
    }

    @Override
    public void pioWriteq(long addr, long value) {
        qts().outl(port(addr), (int) value);
        qts().outl(port(addr + 4), (int) (value >>> 32));
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
        return "pci-bus-pc";
    }

    private static int port(long addr) {
        if (addr < 0 || addr >= PIO_WINDOW_END) {
            throw new IllegalArgumentException("port 0x" + Long.toHexString(addr) + " is outside 0..0xffff");
        }
        return (int) addr;
    }
}
