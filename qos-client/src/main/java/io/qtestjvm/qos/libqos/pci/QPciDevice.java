package io.qtestjvm.qos.libqos.pci;

import io.qtestjvm.qos.libqtest.QTestState;

/**
 * libqos' {@code QPCIDevice} (tests/qtest/libqos/pci.c; reference 4.1): one function on a {@link QPciBus}, with
 * enable, BAR mapping, BAR accessors (I/O BARs through the bus' port accessors, memory BARs through guest memory in
 * little-endian order), the capability walk and the MSI-X helpers.
 */
public final class QPciDevice {
    private final QPciBus bus;
    private final int devfn;
    private boolean msixEnabled;
    private QPciBar msixTableBar;
    private long msixTableOff;
    private QPciBar msixPbaBar;
    private long msixPbaOff;

    QPciDevice(QPciBus bus, int devfn) {
        this.bus = bus;
        this.devfn = devfn;
    }

    public QPciBus bus() {
        return bus;
    }

    public QTestState qts() {
        return bus.qts();
    }

    public int devfn() {
        return devfn;
    }

    public int vendorId() {
        return configReadw(PciConfig.VENDOR_ID);
    }

    public int deviceId() {
        return configReadw(PciConfig.DEVICE_ID);
    }

    // ---- configuration space ----

    public int configReadb(int offset) {
        return bus.configReadb(devfn, offset);
    }

    public int configReadw(int offset) {
        return bus.configReadw(devfn, offset);
    }

    public int configReadl(int offset) {
        return bus.configReadl(devfn, offset);
    }

    public void configWriteb(int offset, int value) {
        bus.configWriteb(devfn, offset, value);
    }

    public void configWritew(int offset, int value) {
        bus.configWritew(devfn, offset, value);
    }

    public void configWritel(int offset, int value) {
        bus.configWritel(devfn, offset, value);
    }

    // ---- pci.c ----

    /** {@code qpci_device_enable}: COMMAND |= IO | MEMORY | MASTER, re-read and all three asserted. */
    public void enable() {
        int bits = PciConfig.COMMAND_IO | PciConfig.COMMAND_MEMORY | PciConfig.COMMAND_MASTER;
        configWritew(PciConfig.COMMAND, configReadw(PciConfig.COMMAND) | bits);
        int back = configReadw(PciConfig.COMMAND);
        if ((back & bits) != bits) {
            throw new AssertionError("PCI devfn 0x" + Integer.toHexString(devfn) + ": COMMAND reads 0x"
                    + Integer.toHexString(back) + " after enabling IO|MEMORY|MASTER");
        }
    }

    /**
     * {@code qpci_iomap}: sizes BAR {@code barno} with all-ones, allocates it from the bus window aligned to its
     * size, programs it (only the low dword, even for a 64-bit BAR) and returns where it went.
     */
    public QPciBar iomap(int barno) {
        if (barno < 0 || barno > 5) {
            throw new IllegalArgumentException("BAR number " + barno + " is outside 0..5");
        }
        int reg = PciConfig.BAR0 + barno * 4;
        configWritel(reg, 0xffff_ffff);
        long probed = configReadl(reg) & 0xffff_ffffL;
        boolean io = (probed & 1) != 0;
        long mask = io ? probed & ~0x3L : probed & ~0xfL;
        long size = mask & -mask;
        if (size == 0) {
            throw new AssertionError("PCI devfn 0x" + Integer.toHexString(devfn) + " BAR" + barno
                    + " reads 0x" + Long.toHexString(probed) + " after all-ones: not implemented");
        }
        long loc = bus.allocate(io, size, devfn, barno);
        configWritel(reg, (int) (io ? loc | 1 : loc));
        return new QPciBar(loc, size, io);
    }

    /** {@code qpci_find_capability(dev, id, 0)}: the offset of the first capability {@code id}, or 0. */
    public int findCapability(int id) {
        return findCapability(id, 0);
    }

    /** {@code qpci_find_capability}: continues after {@code start} (a previous match) when non-zero. */
    public int findCapability(int id, int start) {
        int off = start != 0 ? configReadb(start + 1) : configReadb(PciConfig.CAPABILITY_LIST);
        for (int hops = 0; off != 0; hops++) {
            if (hops >= 48) {
                // 48 capabilities of 4 bytes fill the 192 bytes after the header: the list loops
                throw new AssertionError("PCI devfn 0x" + Integer.toHexString(devfn)
                        + ": capability list longer than 48 entries");
            }
            if (configReadb(off) == id) {
                return off;
            }
            off = configReadb(off + 1);
        }
        return 0;
    }

    // ---- BAR accessors (qpci_io_read*/write*, qpci_memread/memwrite) ----

    public int ioReadb(QPciBar bar, long off) {
        return bar.io() ? bus.pioReadb(bar.addr() + off) : (int) le(bus.memread(bar.addr() + off, 1));
    }

    public int ioReadw(QPciBar bar, long off) {
        return bar.io() ? bus.pioReadw(bar.addr() + off) : (int) le(bus.memread(bar.addr() + off, 2));
    }

    public int ioReadl(QPciBar bar, long off) {
        return bar.io() ? bus.pioReadl(bar.addr() + off) : (int) le(bus.memread(bar.addr() + off, 4));
    }

    public long ioReadq(QPciBar bar, long off) {
        return bar.io() ? bus.pioReadq(bar.addr() + off) : le(bus.memread(bar.addr() + off, 8));
    }

    public void ioWriteb(QPciBar bar, long off, int value) {
        if (bar.io()) {
            bus.pioWriteb(bar.addr() + off, value);
        } else {
            bus.memwrite(bar.addr() + off, leBytes(value, 1));
        }
    }

    public void ioWritew(QPciBar bar, long off, int value) {
        if (bar.io()) {
            bus.pioWritew(bar.addr() + off, value);
        } else {
            bus.memwrite(bar.addr() + off, leBytes(value, 2));
        }
    }

    public void ioWritel(QPciBar bar, long off, int value) {
        if (bar.io()) {
            bus.pioWritel(bar.addr() + off, value);
        } else {
            bus.memwrite(bar.addr() + off, leBytes(value, 4));
        }
    }

    public void ioWriteq(QPciBar bar, long off, long value) {
        if (bar.io()) {
            bus.pioWriteq(bar.addr() + off, value);
        } else {
            bus.memwrite(bar.addr() + off, leBytes(value, 8));
        }
    }

    /** {@code qpci_memread}: bytes of a memory BAR (not for I/O BARs, as in libqos). */
    public byte[] memread(QPciBar bar, long off, int len) {
        requireMemory(bar);
        return bus.memread(bar.addr() + off, len);
    }

    public void memwrite(QPciBar bar, long off, byte[] data) {
        requireMemory(bar);
        bus.memwrite(bar.addr() + off, data);
    }

    // ---- MSI-X (pci.c qpci_msix_*; PCI 3.0 6.8.2) ----

    /** {@code qpci_msix_enable}: maps the table's and the PBA's BARs (one mapping when shared) and sets Enable. */
    public void msixEnable() {
        int cap = requireMsix();
        int flags = configReadw(cap + PciConfig.MSIX_FLAGS);
        configWritew(cap + PciConfig.MSIX_FLAGS, flags | PciConfig.MSIX_FLAGS_ENABLE);
        int table = configReadl(cap + PciConfig.MSIX_TABLE);
        int pba = configReadl(cap + PciConfig.MSIX_PBA);
        int tableBir = table & PciConfig.MSIX_BIR_MASK;
        int pbaBir = pba & PciConfig.MSIX_BIR_MASK;
        msixTableBar = iomap(tableBir);
        msixTableOff = table & ~PciConfig.MSIX_BIR_MASK & 0xffff_ffffL;
        msixPbaBar = pbaBir == tableBir ? msixTableBar : iomap(pbaBir);
        msixPbaOff = pba & ~PciConfig.MSIX_BIR_MASK & 0xffff_ffffL;
        msixEnabled = true;
    }

    /** {@code qpci_msix_disable}: clears Enable; the BAR windows stay allocated (libqos' iounmap is a no-op). */
    public void msixDisable() {
        int cap = requireMsix();
        int flags = configReadw(cap + PciConfig.MSIX_FLAGS);
        configWritew(cap + PciConfig.MSIX_FLAGS, flags & ~PciConfig.MSIX_FLAGS_ENABLE);
        msixEnabled = false;
        msixTableBar = null;
        msixPbaBar = null;
    }

    public boolean msixEnabled() {
        return msixEnabled;
    }

    /** {@code qpci_msix_table_size}: number of table entries. */
    public int msixTableSize() {
        return (configReadw(requireMsix() + PciConfig.MSIX_FLAGS) & PciConfig.MSIX_FLAGS_QSIZE) + 1;
    }

    /** {@code qpci_msix_pending}: the entry's PBA bit, cleared by writing the dword back without it. */
    public boolean msixPending(int entry) {
        requireMsixEnabled();
        long off = msixPbaOff + (entry / 32) * 4L;
        int bit = 1 << (entry % 32);
        int word = ioReadl(msixPbaBar, off);
        ioWritel(msixPbaBar, off, word & ~bit);
        return (word & bit) != 0;
    }

    /** {@code qpci_msix_masked}: Function Mask set, or the entry's vector-control mask bit. */
    public boolean msixMasked(int entry) {
        requireMsixEnabled();
        int flags = configReadw(requireMsix() + PciConfig.MSIX_FLAGS);
        if ((flags & PciConfig.MSIX_FLAGS_MASKALL) != 0) {
            return true;
        }
        long ctrl = msixTableOff + (long) entry * PciConfig.MSIX_ENTRY_SIZE + PciConfig.MSIX_ENTRY_VECTOR_CTRL;
        return (ioReadl(msixTableBar, ctrl) & PciConfig.MSIX_ENTRY_CTRL_MASKBIT) != 0;
    }

    /** Programs table entry {@code entry} (address, data, unmasked), as virtio-pci's vector setup does. */
    public void msixSetEntry(int entry, long addr, int data) {
        requireMsixEnabled();
        long base = msixTableOff + (long) entry * PciConfig.MSIX_ENTRY_SIZE;
        ioWritel(msixTableBar, base, (int) addr);
        ioWritel(msixTableBar, base + 4, (int) (addr >>> 32));
        ioWritel(msixTableBar, base + 8, data);
        int ctrl = ioReadl(msixTableBar, base + PciConfig.MSIX_ENTRY_VECTOR_CTRL);
        ioWritel(msixTableBar, base + PciConfig.MSIX_ENTRY_VECTOR_CTRL, ctrl & ~PciConfig.MSIX_ENTRY_CTRL_MASKBIT);
    }

    @Override
    public String toString() {
        return "PCI " + String.format("%02x.%x", devfn >> 3, devfn & 7);
    }

    private int requireMsix() {
        int cap = findCapability(PciConfig.CAP_ID_MSIX);
        if (cap == 0) {
            throw new AssertionError(this + " has no MSI-X capability");
        }
        return cap;
    }

    private void requireMsixEnabled() {
        if (!msixEnabled) {
            throw new IllegalStateException(this + ": MSI-X helpers need msixEnable() first");
        }
    }

    private void requireMemory(QPciBar bar) {
        if (bar.io()) {
            throw new IllegalArgumentException("qpci_memread/memwrite on I/O BAR at port 0x"
                    + Long.toHexString(bar.addr()));
        }
    }

    private static long le(byte[] b) {
        long v = 0;
        for (int i = b.length - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    private static byte[] leBytes(long v, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }
}
