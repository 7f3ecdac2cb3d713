package io.qtestjvm.qos.libqos.virtio;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqtest.QTestState;

/**
 * The driver's side of one virtqueue (virtio 1.2 2.6): it pushes buffers to the device ({@link #add}, then
 * {@link #kick}) and pops the used ones ({@link #getBuf}), as a guest driver does. Guest memory is reached through
 * qtest reads and writes; the structures are little-endian (2.4.1, legacy interfaces: the guest's order, which is
 * what qtest's {@code readw}/{@code writew} use). Two layouts: {@link SplitVirtQueue} (2.7) and
 * {@link PackedVirtQueue} (2.8).
 */
public abstract sealed class QVirtQueue permits SplitVirtQueue, PackedVirtQueue {
    protected final QVirtioDevice dev;
    protected final QTestState qts;
    protected final int index;
    protected final int size;
    private final boolean swap;
    /** MSI-X table entry of this queue, or {@link VirtioSpec#NO_VECTOR}. */
    private int msixEntry = VirtioSpec.NO_VECTOR;
    private long msixAddr;
    private int msixData;

    protected QVirtQueue(QVirtioDevice dev, int index, int size) {
        if (size == 0 || (size & (size - 1)) != 0 || size > 32768) {
            throw new AssertionError("queue " + index + " has size " + size + ": not a power of two in 1..32768"
                    + " (2.7: split; 2.8 packed allows any size but QEMU's devices offer powers of two)");
        }
        this.dev = dev;
        this.qts = dev.bus().qts();
        this.index = index;
        this.size = size;
        // modern interfaces: little-endian rings (2.4.1); legacy: the guest's order, i.e. qtest's own order
        this.swap = qts.bigEndian() && dev.littleEndianRings();
    }

    public final int index() {
        return index;
    }

    public final int size() {
        return size;
    }

    /** Descriptor area (2.6: "Descriptor Area"). */
    public abstract long descArea();

    /** Driver area (split: available ring; packed: driver event suppression). */
    public abstract long driverArea();

    /** Device area (split: used ring; packed: device event suppression). */
    public abstract long deviceArea();

    public abstract boolean packed();

    /** Free descriptors (split) or free ring slots (packed). */
    public abstract int numFree();

    /** Makes {@code chain} available with one descriptor per buffer; answers its head / buffer ID. */
    public abstract int add(DescChain chain);

    /** Makes {@code chain} available as one indirect descriptor over a table allocated from {@code alloc}. */
    public abstract int addIndirect(DescChain chain, GuestAllocator alloc);

    /** Publishes what {@link #add} queued and notifies the device unless it suppressed notifications. */
    public abstract void kick();

    /** Whether the device has returned a buffer not yet taken with {@link #getBuf}. */
    public abstract boolean hasUsed();

    /** The next used buffer, or null. */
    public abstract UsedElem getBuf();

    /**
     * Asks the device to interrupt only when the used buffer count reaches {@code usedEvent} (EVENT_IDX, 2.7.7.2
     * used_event / 2.8.10 descriptor event).
     */
    public abstract void setUsedEvent(int usedEvent);

    /** The queue's MSI-X table entry and where its message lands (set by the PCI transport). */
    public final void msix(int entry, long addr, int data) {
        this.msixEntry = entry;
        this.msixAddr = addr;
        this.msixData = data;
    }

    public final int msixEntry() {
        return msixEntry;
    }

    public final long msixAddr() {
        return msixAddr;
    }

    public final int msixData() {
        return msixData;
    }

    // ---- guest memory in the ring's byte order ----

    protected final int r16(long addr) {
        int v = qts.readw(addr);
        return swap ? Short.reverseBytes((short) v) & 0xffff : v & 0xffff;
    }

    protected final long r32(long addr) {
        int v = qts.readl(addr);
        return (swap ? Integer.reverseBytes(v) : v) & 0xffff_ffffL;
    }

    protected final void w16(long addr, int v) {
        qts.writew(addr, swap ? Short.reverseBytes((short) v) & 0xffff : v & 0xffff);
    }

    protected final void w32(long addr, long v) {
        qts.writel(addr, swap ? Integer.reverseBytes((int) v) : (int) v);
    }

    protected final void w64(long addr, long v) {
        qts.writeq(addr, swap ? Long.reverseBytes(v) : v);
    }

    @Override
    public String toString() {
        return (packed() ? "packed" : "split") + " queue " + index + " of " + size;
    }
}
