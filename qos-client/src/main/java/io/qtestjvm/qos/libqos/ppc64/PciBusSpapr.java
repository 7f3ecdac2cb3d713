package io.qtestjvm.qos.libqos.ppc64;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.pci.QPciBus;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * libqos' {@code pci-spapr.c} ({@code pci-bus-spapr}; reference 4.3): the default pseries bridge seen from a test.
 * Configuration space through RTAS ({@code ibm,read-pci-config}/{@code ibm,write-pci-config} with big-endian cells
 * taken from the machine's allocator for each call and given back after it); port I/O as CPU accesses at
 * 2^45 + port, byte swapped since the target is big-endian and PCI little-endian; memory BARs through the 32-bit
 * window, PCI address A at CPU 2^45 + A. I/O BARs from 0xc000, memory BARs from PCI 0x80000000 up to 4 GiB. A
 * failing configuration read gives all-ones, so an absent function reads vendor 0xffff.
 */
public final class PciBusSpapr extends QPciBus implements QosGraphObject {
    public static final String NODE = "pci-bus-spapr";
    /** BUID of the default bridge. */
    public static final long BUID = 0x800000020000000L;
    public static final long WINDOWS_BASE = 1L << 45;
    public static final long PIO_START = 0xc000;
    public static final long PIO_LIMIT = 0x10000;
    public static final long MMIO_START = 0x8000_0000L;
    public static final long MMIO_LIMIT = 0x1_0000_0000L;
    private final GuestAllocator alloc;

    /** @param alloc the machine's allocator, which the RTAS cells of each configuration access come from */
    public PciBusSpapr(QTestState qts, GuestAllocator alloc) {
        super(qts, PIO_START, PIO_LIMIT, MMIO_START, MMIO_LIMIT);
        this.alloc = alloc;
    }

    private static int configAddress(int devfn, int offset) {
        return devfn << 8 | offset;
    }

    private int readConfig(int devfn, int offset, int size) {
        QTestState q = qts();
        long args = alloc.alloc(4 * 4);
        long rets = alloc.alloc(2 * 4);
        try {
            return readConfig(q, args, rets, devfn, offset, size);
        } finally {
            alloc.free(rets);
            alloc.free(args);
        }
    }

    private static int readConfig(QTestState q, long args, long rets, int devfn, int offset, int size) {
        q.writel(args, configAddress(devfn, offset));
        q.writel(args + 4, (int) (BUID >>> 32));
        q.writel(args + 8, (int) BUID);
        q.writel(args + 12, size);
        q.rtas("ibm,read-pci-config", 4, args, 2, rets);
        if (q.readl(rets) != 0) {
            return -1;
        }
        return q.readl(rets + 4);
    }

    private void writeConfig(int devfn, int offset, int size, int value) {
        QTestState q = qts();
        long args = alloc.alloc(5 * 4);
        long rets = alloc.alloc(4);
        try {
            writeConfig(q, args, rets, devfn, offset, size, value);
        } finally {
            alloc.free(rets);
            alloc.free(args);
        }
    }

    private static void writeConfig(QTestState q, long args, long rets, int devfn, int offset, int size,
                                    int value) {
        q.writel(args, configAddress(devfn, offset));
        q.writel(args + 4, (int) (BUID >>> 32));
        q.writel(args + 8, (int) BUID);
        q.writel(args + 12, size);
        q.writel(args + 16, value);
        q.rtas("ibm,write-pci-config", 5, args, 1, rets);
    }

    @Override
    public int configReadb(int devfn, int offset) {
        return readConfig(devfn, offset, 1) & 0xff;
    }

    @Override
    public int configReadw(int devfn, int offset) {
        return readConfig(devfn, offset, 2) & 0xffff;
    }

    @Override
    public int configReadl(int devfn, int offset) {
        return readConfig(devfn, offset, 4);
    }

    @Override
    public void configWriteb(int devfn, int offset, int value) {
        writeConfig(devfn, offset, 1, value & 0xff);
    }

    @Override
    public void configWritew(int devfn, int offset, int value) {
        writeConfig(devfn, offset, 2, value & 0xffff);
    }

    @Override
    public void configWritel(int devfn, int offset, int value) {
        writeConfig(devfn, offset, 4, value);
    }

    @Override
    public int pioReadb(long addr) {
        return qts().readb(WINDOWS_BASE + addr);
    }

    @Override
    public int pioReadw(long addr) {
        return Short.reverseBytes((short) qts().readw(WINDOWS_BASE + addr)) & 0xffff;
    }

    @Override
    public int pioReadl(long addr) {
        return Integer.reverseBytes(qts().readl(WINDOWS_BASE + addr));
    }

    @Override
    public long pioReadq(long addr) {
        return Long.reverseBytes(qts().readq(WINDOWS_BASE + addr));
    }

    @Override
    public void pioWriteb(long addr, int value) {
        qts().writeb(WINDOWS_BASE + addr, value);
    }

    @Override
    public void pioWritew(long addr, int value) {
        qts().writew(WINDOWS_BASE + addr, Short.reverseBytes((short) value) & 0xffff);
    }

    @Override
    public void pioWritel(long addr, int value) {
        qts().writel(WINDOWS_BASE + addr, Integer.reverseBytes(value));
    }

    @Override
    public void pioWriteq(long addr, long value) {
        qts().writeq(WINDOWS_BASE + addr, Long.reverseBytes(value));
    }

    /** Memory BARs: PCI address A is at CPU 2^45 + A. */
    @Override
    public byte[] memread(long addr, int len) {
        return qts().memread(WINDOWS_BASE + addr, len);
    }

    @Override
    public void memwrite(long addr, byte[] data) {
        qts().memwrite(WINDOWS_BASE + addr, data);
    }

    /** libqos' {@code has_buggy_msi}: MSI-X tests are skipped on this bus. */
    @Override
    public boolean hasBuggyMsi() {
        return true;
    }

    /** Bus masters go through the bridge's TCE tables (reference 4.3: only virtio bypasses them). */
    @Override
    public boolean dmaTranslated() {
        return true;
    }

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
