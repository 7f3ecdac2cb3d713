package io.qtestjvm.qos.libqos.pci;

import io.qtestjvm.qos.libqtest.QTestState;

import java.util.function.BiConsumer;

/**
 * libqos' {@code QPCIBus} (tests/qtest/libqos/pci.h, pci.c; reference 4.1): what a machine's PCI bus provides
 * (configuration space, port I/O, guest memory, the windows {@code qpci_iomap} allocates BARs from) plus the generic
 * operations every bus shares (find, foreach). One subclass per bus: {@link PciBusPc} here, pseries and virt later.
 * The allocation cursors belong to the bus object, which the graph builds anew for each test, as libqos does.
 */
public abstract class QPciBus {
    private final QTestState qts;
    private final long pioLimit;
    private final long mmioLimit;
    private long pioAlloc;
    private long mmioAlloc;

    /**
     * @param pioStart  first port {@code qpci_iomap} hands out for I/O BARs
     * @param pioLimit  end (exclusive) of the I/O window
     * @param mmioStart first address for memory BARs
     * @param mmioLimit end (exclusive) of the memory window
     */
    protected QPciBus(QTestState qts, long pioStart, long pioLimit, long mmioStart, long mmioLimit) {
        this.qts = qts;
        this.pioAlloc = pioStart;
        this.pioLimit = pioLimit;
        this.mmioAlloc = mmioStart;
        this.mmioLimit = mmioLimit;
    }

    public final QTestState qts() {
        return qts;
    }

    // ---- bus accessors (QPCIBus function pointers) ----

    public abstract int configReadb(int devfn, int offset);

    public abstract int configReadw(int devfn, int offset);

    public abstract int configReadl(int devfn, int offset);

    public abstract void configWriteb(int devfn, int offset, int value);

    public abstract void configWritew(int devfn, int offset, int value);

    public abstract void configWritel(int devfn, int offset, int value);

    public abstract int pioReadb(long addr);

    public abstract int pioReadw(long addr);

    public abstract int pioReadl(long addr);

    public abstract long pioReadq(long addr);

    public abstract void pioWriteb(long addr, int value);

    public abstract void pioWritew(long addr, int value);

    public abstract void pioWritel(long addr, int value);

    public abstract void pioWriteq(long addr, long value);

    /** {@code memread}: guest memory as the bus sees it; identity-mapped on every bus libqos has. */
    public byte[] memread(long addr, int len) {
        return qts.memread(addr, len);
    }

    public void memwrite(long addr, byte[] data) {
        qts.memwrite(addr, data);
    }

    /** libqos' {@code has_buggy_msi}: true where MSI-X tests are skipped (pseries). */
    public boolean hasBuggyMsi() {
        return false;
    }

    /**
     * Whether bus-master DMA goes through an IOMMU that no libqos path programs (pseries: the bridge's TCE tables,
     * empty in a guest-less machine), so DMA a test starts does not reach guest RAM.
     */
    public boolean dmaTranslated() {
        return false;
    }

    // ---- generic operations (pci.c) ----

    /** {@code qpci_device_find}: the function at {@code devfn}, or null when its vendor ID reads 0xffff. */
    public final QPciDevice deviceAt(int devfn) {
        if (configReadw(devfn, PciConfig.VENDOR_ID) == 0xffff) {
            return null;
        }
        return new QPciDevice(this, devfn);
    }

    /**
     * {@code qpci_device_foreach}: every present function of the 32 slots x 8 functions whose IDs match ({@code -1}
     * matches anything), with its devfn.
     */
    public final void foreach(int vendorId, int deviceId, BiConsumer<QPciDevice, Integer> fn) {
        for (int devfn = 0; devfn < 256; devfn++) {
            QPciDevice dev = deviceAt(devfn);
            if (dev == null) {
                continue;
            }
            if (vendorId != -1 && dev.vendorId() != vendorId) {
                continue;
            }
            if (deviceId != -1 && dev.deviceId() != deviceId) {
                continue;
            }
            fn.accept(dev, devfn);
        }
    }

    /** The first function with these IDs in devfn order, or null. */
    public final QPciDevice find(int vendorId, int deviceId) {
        QPciDevice[] found = new QPciDevice[1];
        foreach(vendorId, deviceId, (dev, devfn) -> {
            if (found[0] == null) {
                found[0] = dev;
            }
        });
        return found[0];
    }

    /**
     * {@code qpci_device_init}: the function at {@code addr.devfn()} with its IDs checked when non-zero; fails with
     * the found IDs when the function is absent or different.
     */
    public final QPciDevice device(QPciAddress addr) {
        QPciDevice dev = deviceAt(addr.devfn());
        if (dev == null) {
            throw new AssertionError("no PCI function at devfn 0x" + Integer.toHexString(addr.devfn()));
        }
        if (addr.vendorId() != 0 && dev.vendorId() != addr.vendorId()) {
            throw new AssertionError("PCI devfn 0x" + Integer.toHexString(addr.devfn()) + ": vendor 0x"
                    + Integer.toHexString(dev.vendorId()) + ", expected 0x" + Integer.toHexString(addr.vendorId()));
        }
        if (addr.deviceId() != 0 && dev.deviceId() != addr.deviceId()) {
            throw new AssertionError("PCI devfn 0x" + Integer.toHexString(addr.devfn()) + ": device 0x"
                    + Integer.toHexString(dev.deviceId()) + ", expected 0x" + Integer.toHexString(addr.deviceId()));
        }
        return dev;
    }

    /** {@code qpci_iomap}'s allocation: aligned up to {@code size} within the window of the BAR's kind. */
    final long allocate(boolean io, long size, int devfn, int bar) {
        long cursor = io ? pioAlloc : mmioAlloc;
        long limit = io ? pioLimit : mmioLimit;
        long loc = (cursor + size - 1) & -size;
        if (loc + size > limit) {
            throw new IllegalStateException((io ? "I/O" : "memory") + " window exhausted mapping devfn 0x"
                    + Integer.toHexString(devfn) + " BAR" + bar + ": 0x" + Long.toHexString(size) + " bytes at 0x"
                    + Long.toHexString(loc) + ", limit 0x" + Long.toHexString(limit));
        }
        if (io) {
            pioAlloc = loc + size;
        } else {
            mmioAlloc = loc + size;
        }
        return loc;
    }
}
