package io.qtestjvm.qos.libqos.pci;

import io.qtestjvm.qos.libqtest.QTestState;

/**
 * libqos' {@code pci-pc.c}: configuration space through mechanism #1 (0xcf8 address, 0xcfc data, the low two
 * address bits choose the byte lane), I/O BARs from 0xc000 and memory BARs from 0xe0000000, as {@code
 * qpci_init_pc} sets the windows.
 */
public final class PciBusPc {
    public static final long MMIO_WINDOW_START = 0xe000_0000L;
    public static final long MMIO_WINDOW_END = 0x1_0000_0000L;
    public static final int PIO_WINDOW_START = 0xc000;
    public static final int PIO_WINDOW_END = 0x10000;

    private final QTestState qts;
    private long mmioAlloc = MMIO_WINDOW_START;
    private int pioAlloc = PIO_WINDOW_START;

    public PciBusPc(QTestState qts) {
        this.qts = qts;
    }

    public QTestState qts() {
        return qts;
    }

    private void select(int devfn, int offset) {
        qts.outl(0xcf8, (1 << 31) | (devfn << 8) | offset);
    }

    public int configReadb(int devfn, int offset) {
        select(devfn, offset);
        return qts.inb(0xcfc);
    }

    public int configReadw(int devfn, int offset) {
        select(devfn, offset);
        return qts.inw(0xcfc);
    }

    public int configReadl(int devfn, int offset) {
        select(devfn, offset);
        return qts.inl(0xcfc);
    }

    public void configWriteb(int devfn, int offset, int v) {
        select(devfn, offset);
        qts.outb(0xcfc, v);
    }

    public void configWritew(int devfn, int offset, int v) {
        select(devfn, offset);
        qts.outw(0xcfc, v);
    }

    public void configWritel(int devfn, int offset, int v) {
        select(devfn, offset);
        qts.outl(0xcfc, v);
    }

    /** {@code qpci_device_find}: the devfn whose vendor/device match, probing every function; -1 if none. */
    public int find(int vendor, int device) {
        for (int devfn = 0; devfn < 256; devfn++) {
            int id = configReadl(devfn, 0);
            if ((id & 0xffff) == vendor && (id >>> 16) == device) {
                return devfn;
            }
        }
        return -1;
    }

    /** {@code qpci_device_enable}: IO | MEMORY | MASTER, re-read and checked. */
    public void enable(int devfn) {
        int cmd = configReadw(devfn, 0x04) | 0x7;
        configWritew(devfn, 0x04, cmd);
        int back = configReadw(devfn, 0x04);
        if ((back & 0x7) != 0x7) {
            throw new IllegalStateException("PCI device " + devfn + ": command 0x" + Integer.toHexString(back)
                    + " lacks IO|MEMORY|MASTER");
        }
    }

    /**
     * {@code qpci_iomap}: sizes BAR {@code bar} by writing all-ones, allocates it from the bus window (aligned to
     * its size) and programs it; returns the address (a port for an I/O BAR).
     */
    public long iomap(int devfn, int bar) {
        int reg = 0x10 + bar * 4;
        configWritel(devfn, reg, 0xffff_ffff);
        int addr = configReadl(devfn, reg);
        boolean io = (addr & 1) != 0;
        long mask = io ? (addr & ~0x3L) & 0xffff_ffffL : (addr & ~0xfL) & 0xffff_ffffL;
        long size = mask & -mask;
        if (size == 0) {
            throw new IllegalStateException("PCI device " + devfn + " BAR" + bar + " has no size");
        }
        long loc;
        if (io) {
            loc = (pioAlloc + size - 1) & -size;
            if (loc + size > PIO_WINDOW_END) {
                throw new IllegalStateException("I/O window exhausted mapping BAR" + bar);
            }
            pioAlloc = (int) (loc + size);
            configWritel(devfn, reg, (int) loc | 1);
        } else {
            loc = (mmioAlloc + size - 1) & -size;
            if (loc + size > MMIO_WINDOW_END) {
                throw new IllegalStateException("memory window exhausted mapping BAR" + bar);
            }
            mmioAlloc = loc + size;
            configWritel(devfn, reg, (int) loc);
        }
        return loc;
    }

    /** {@code qpci_find_capability}: the offset of the first capability with {@code id}, or 0. */
    public int findCapability(int devfn, int id) {
        int off = configReadb(devfn, 0x34);
        while (off != 0) {
            if (configReadb(devfn, off) == id) {
                return off;
            }
            off = configReadb(devfn, off + 1);
        }
        return 0;
    }
}
