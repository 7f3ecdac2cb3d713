package io.qtestjvm.qos.libqos.virtio;

import static io.qtestjvm.qos.libqos.virtio.VirtqLayout.*;

import io.qtestjvm.qos.libqos.GuestAllocator;

/**
 * A split virtqueue (virtio 1.2 2.7) in one contiguous allocation: descriptor table, available ring, used ring
 * aligned for legacy interfaces. The driver keeps its free descriptor list and the length of each chain in Java
 * (2.7.13: the driver owns the descriptor table until a buffer is used), and a shadow of the available index
 * published by {@link #kick} (2.7.13.3). Raw descriptor and ring writes ({@link #writeDesc}, {@link #publish},
 * {@link #setAvailIdx}) let tests build what a correct driver never would.
 */
public final class SplitVirtQueue extends QVirtQueue {
    private final long desc;
    private final long avail;
    private final long used;
    private final int[] nextFree;
    private final int[] chainLen;
    private int freeHead;
    private int numFree;
    private int shadowAvail;
    private int kickedAvail;
    private int lastUsed;

    SplitVirtQueue(QVirtioDevice dev, int index, int size, long base, int align) {
        super(dev, index, size);
        this.desc = base;
        this.avail = base + descTableSize(size);
        this.used = base + usedOffset(size, align);
        this.nextFree = new int[size];
        this.chainLen = new int[size];
        for (int i = 0; i < size; i++) {
            nextFree[i] = i + 1;
        }
        this.numFree = size;
        qts.memset(base, 0, splitSize(size, align));
    }

    /** 2.7: bytes to allocate for a queue of {@code size} with the used ring aligned to {@code align}. */
    public static long bytes(int size, int align) {
        return splitSize(size, align);
    }

    @Override
    public long descArea() {
        return desc;
    }

    @Override
    public long driverArea() {
        return avail;
    }

    @Override
    public long deviceArea() {
        return used;
    }

    @Override
    public boolean packed() {
        return false;
    }

    @Override
    public int numFree() {
        return numFree;
    }

    // ---- raw access (2.7.5, 2.7.6, 2.7.8) ----

    /** Writes descriptor {@code i} as given. */
    public void writeDesc(int i, long addr, int len, int flags, int next) {
        long d = desc + (long) DESC_SIZE * i;
        w64(d + DESC_ADDR, addr);
        w32(d + DESC_LEN, len & 0xffff_ffffL);
        w16(d + SPLIT_DESC_FLAGS, flags);
        w16(d + SPLIT_DESC_NEXT, next);
    }

    /** Puts {@code head} in the available ring at the shadow index and advances it (2.7.13.2). */
    public void publish(int head) {
        w16(avail + RING_ENTRIES + (long) AVAIL_ENTRY_SIZE * (shadowAvail % size), head);
        shadowAvail = (shadowAvail + 1) & 0xffff;
    }

    /** Writes the available index as given, without notifying. */
    public void setAvailIdx(int idx) {
        w16(avail + RING_IDX, idx);
        shadowAvail = idx & 0xffff;
        kickedAvail = shadowAvail;
    }

    public int availIdx() {
        return r16(avail + RING_IDX);
    }

    public int usedIdx() {
        return r16(used + RING_IDX);
    }

    public int usedFlags() {
        return r16(used + RING_FLAGS);
    }

    /** 2.7.7: sets or clears VIRTQ_AVAIL_F_NO_INTERRUPT. */
    public void noInterrupt(boolean on) {
        w16(avail + RING_FLAGS, on ? VirtioSpec.AVAIL_F_NO_INTERRUPT : 0);
    }

    // ---- the driver's operations ----

    @Override
    public int add(DescChain chain) {
        int n = chain.size();
        if (n == 0 || n > numFree) {
            throw new IllegalStateException(this + ": chain of " + n + " with " + numFree + " free descriptors");
        }
        int head = freeHead;
        int cur = head;
        for (int k = 0; k < n; k++) {
            DescChain.Segment s = chain.segments().get(k);
            int next = nextFree[cur];
            int flags = (s.writable() ? VirtioSpec.DESC_F_WRITE : 0) | (k < n - 1 ? VirtioSpec.DESC_F_NEXT : 0);
            writeDesc(cur, s.addr(), s.len(), flags, k < n - 1 ? next : 0);
            if (k < n - 1) {
                cur = next;
            }
        }
        freeHead = nextFree[cur];
        numFree -= n;
        chainLen[head] = n;
        publish(head);
        return head;
    }

    @Override
    public int addIndirect(DescChain chain, GuestAllocator alloc) {
        int n = chain.size();
        if (numFree < 1) {
            throw new IllegalStateException(this + ": no free descriptor for an indirect table");
        }
        long table = alloc.alloc((long) DESC_SIZE * n);
        // 2.7.5.3.1: the table's entries chain with NEXT from entry 0, in table order
        for (int k = 0; k < n; k++) {
            DescChain.Segment s = chain.segments().get(k);
            long d = table + (long) DESC_SIZE * k;
            int flags = (s.writable() ? VirtioSpec.DESC_F_WRITE : 0) | (k < n - 1 ? VirtioSpec.DESC_F_NEXT : 0);
            w64(d + DESC_ADDR, s.addr());
            w32(d + DESC_LEN, s.len() & 0xffff_ffffL);
            w16(d + SPLIT_DESC_FLAGS, flags);
            w16(d + SPLIT_DESC_NEXT, k < n - 1 ? k + 1 : 0);
        }
        int head = freeHead;
        writeDesc(head, table, DESC_SIZE * n, VirtioSpec.DESC_F_INDIRECT, 0);
        freeHead = nextFree[head];
        numFree--;
        chainLen[head] = 1;
        publish(head);
        return head;
    }

    @Override
    public void kick() {
        int old = kickedAvail;
        int now = shadowAvail;
        w16(avail + RING_IDX, now);
        kickedAvail = now;
        boolean notify;
        if (dev.negotiated(VirtioSpec.F_EVENT_IDX)) {
            // 2.7.10: avail_event in the used ring
            int event = r16(used + availEventOffset(size));
            notify = VirtioSpec.needEvent(event, now, old);
        } else {
            notify = (usedFlags() & VirtioSpec.USED_F_NO_NOTIFY) == 0;
        }
        if (notify) {
            dev.bus().notifyQueue(index);
        }
    }

    /** Notifies the device whatever it asked for (a driver may always notify, 2.7.10). */
    public void notifyDevice() {
        dev.bus().notifyQueue(index);
    }

    @Override
    public boolean hasUsed() {
        return usedIdx() != lastUsed;
    }

    @Override
    public UsedElem getBuf() {
        if (!hasUsed()) {
            return null;
        }
        long e = used + RING_ENTRIES + (long) USED_ENTRY_SIZE * (lastUsed % size);
        int id = (int) r32(e + USED_ENTRY_ID);
        long len = r32(e + USED_ENTRY_LEN);
        lastUsed = (lastUsed + 1) & 0xffff;
        if (id >= 0 && id < size && chainLen[id] > 0) {
            // return the chain to the free list in the order it was taken
            int last = id;
            for (int k = 1; k < chainLen[id]; k++) {
                last = nextFree[last];
            }
            nextFree[last] = freeHead;
            freeHead = id;
            numFree += chainLen[id];
            chainLen[id] = 0;
        }
        return new UsedElem(id, len);
    }

    @Override
    public void setUsedEvent(int usedEvent) {
        w16(avail + usedEventOffset(size), usedEvent);
    }
}
