package io.qtestjvm.qos.libqos.virtio;

import static io.qtestjvm.qos.libqos.virtio.VirtqLayout.*;

import io.qtestjvm.qos.libqos.GuestAllocator;

/**
 * A packed virtqueue (virtio 1.2 2.8): one descriptor ring the driver and the device both write, with the driver's
 * and device's event suppression structures (2.8.10). The driver keeps its wrap counters (2.8.1), the next slot to
 * fill and the next slot the device will mark used, buffer IDs with the number of slots each buffer took (2.8.7: the
 * device writes one used descriptor per buffer and skips the rest of its slots).
 */
public final class PackedVirtQueue extends QVirtQueue {
    private final long ring;
    private final long driverEvent;
    private final long deviceEvent;
    private final int[] slotsOfId;
    private final int[] nextFreeId;
    private int freeId;
    private int numFree;
    private int nextAvail;
    private boolean availWrap = true;
    private int nextUsed;
    private boolean usedWrap = true;
    /** Slot and wrap counter at the last kick, for the 2.8.10 descriptor-event check. */
    private int kickedAvail;
    private boolean kickedWrap = true;

    PackedVirtQueue(QVirtioDevice dev, int index, int size, long base) {
        super(dev, index, size);
        this.ring = base;
        this.driverEvent = base + descTableSize(size);
        this.deviceEvent = driverEvent + EVENT_SIZE;
        this.slotsOfId = new int[size];
        this.nextFreeId = new int[size];
        for (int i = 0; i < size; i++) {
            nextFreeId[i] = i + 1;
        }
        this.numFree = size;
        qts.memset(base, 0, bytes(size));
    }

    /** Bytes to allocate: the ring and both event suppression structures. */
    public static long bytes(int size) {
        return descTableSize(size) + 2L * EVENT_SIZE;
    }

    @Override
    public long descArea() {
        return ring;
    }

    @Override
    public long driverArea() {
        return driverEvent;
    }

    @Override
    public long deviceArea() {
        return deviceEvent;
    }

    @Override
    public boolean packed() {
        return true;
    }

    @Override
    public int numFree() {
        return numFree;
    }

    /** 2.8.1: AVAIL equal to the driver's wrap counter, USED its inverse. */
    private static int availFlags(boolean wrap) {
        return wrap ? VirtioSpec.DESC_F_AVAIL : VirtioSpec.DESC_F_USED;
    }

    private void writeSlot(int slot, long addr, int len, int id, int flags) {
        long d = ring + (long) DESC_SIZE * slot;
        w64(d + DESC_ADDR, addr);
        w32(d + DESC_LEN, len & 0xffff_ffffL);
        w16(d + PACKED_DESC_ID, id);
        w16(d + PACKED_DESC_FLAGS, flags);
    }

    private int takeId(int slots) {
        if (numFree < slots || freeId >= size) {
            throw new IllegalStateException(this + ": " + slots + " slots wanted, " + numFree + " free");
        }
        int id = freeId;
        freeId = nextFreeId[id];
        slotsOfId[id] = slots;
        numFree -= slots;
        return id;
    }

    @Override
    public int add(DescChain chain) {
        int n = chain.size();
        if (n == 0) {
            throw new IllegalArgumentException("empty chain");
        }
        int id = takeId(n);
        int headSlot = nextAvail;
        int headFlags = 0;
        int slot = nextAvail;
        boolean wrap = availWrap;
        for (int k = 0; k < n; k++) {
            DescChain.Segment s = chain.segments().get(k);
            int flags = availFlags(wrap) | (s.writable() ? VirtioSpec.DESC_F_WRITE : 0)
                    | (k < n - 1 ? VirtioSpec.DESC_F_NEXT : 0);
            if (k == 0) {
                // 2.8.21.1: the head's flags are written last, making the whole chain available at once
                headFlags = flags;
                writeSlot(slot, s.addr(), s.len(), id, 0);
                w16(ring + (long) DESC_SIZE * slot + PACKED_DESC_FLAGS, availFlags(!wrap));
            } else {
                writeSlot(slot, s.addr(), s.len(), id, flags);
            }
            slot++;
            if (slot == size) {
                slot = 0;
                wrap = !wrap;
            }
        }
        w16(ring + (long) DESC_SIZE * headSlot + PACKED_DESC_FLAGS, headFlags);
        nextAvail = slot;
        availWrap = wrap;
        return id;
    }

    @Override
    public int addIndirect(DescChain chain, GuestAllocator alloc) {
        int n = chain.size();
        long table = alloc.alloc((long) DESC_SIZE * n);
        // 2.8.19: the table holds packed-layout descriptors; only WRITE matters in their flags
        for (int k = 0; k < n; k++) {
            DescChain.Segment s = chain.segments().get(k);
            long d = table + (long) DESC_SIZE * k;
            w64(d + DESC_ADDR, s.addr());
            w32(d + DESC_LEN, s.len() & 0xffff_ffffL);
            w16(d + PACKED_DESC_ID, 0);
            w16(d + PACKED_DESC_FLAGS, s.writable() ? VirtioSpec.DESC_F_WRITE : 0);
        }
        int id = takeId(1);
        writeSlot(nextAvail, table, DESC_SIZE * n, id, availFlags(availWrap) | VirtioSpec.DESC_F_INDIRECT);
        if (++nextAvail == size) {
            nextAvail = 0;
            availWrap = !availWrap;
        }
        return id;
    }

    @Override
    public void kick() {
        int oldSlot = kickedAvail;
        boolean oldWrap = kickedWrap;
        kickedAvail = nextAvail;
        kickedWrap = availWrap;
        int flags = r16(deviceEvent + EVENT_FLAGS) & 3;
        boolean notify;
        if (flags == VirtioSpec.EVENT_FLAGS_DISABLE) {
            notify = false;
        } else if (flags == VirtioSpec.EVENT_FLAGS_DESC) {
            // 2.8.10: notify when the slot the device named (with its wrap counter) was made available by this kick
            int offWrap = r16(deviceEvent + EVENT_OFF_WRAP);
            long event = (offWrap & 0x7fff) + ((offWrap >>> 15) != 0 ? 0 : (long) size);
            long from = oldSlot + (oldWrap ? 0 : (long) size);
            long to = nextAvail + (availWrap ? 0 : (long) size);
            long span = 2L * size;
            notify = Math.floorMod(event - from, span) < Math.floorMod(to - from, span);
        } else {
            notify = true;
        }
        if (notify) {
            dev.bus().notifyQueue(index);
        }
    }

    @Override
    public boolean hasUsed() {
        int flags = r16(ring + (long) DESC_SIZE * nextUsed + PACKED_DESC_FLAGS);
        boolean avail = (flags & VirtioSpec.DESC_F_AVAIL) != 0;
        boolean used = (flags & VirtioSpec.DESC_F_USED) != 0;
        // 2.8.1: used when AVAIL and USED both equal the driver's used wrap counter
        return avail == used && used == usedWrap;
    }

    @Override
    public UsedElem getBuf() {
        if (!hasUsed()) {
            return null;
        }
        long d = ring + (long) DESC_SIZE * nextUsed;
        int id = r16(d + PACKED_DESC_ID);
        long len = r32(d + DESC_LEN);
        int slots = id < size && slotsOfId[id] > 0 ? slotsOfId[id] : 1;
        nextUsed += slots;
        if (nextUsed >= size) {
            nextUsed -= size;
            usedWrap = !usedWrap;
        }
        if (id < size && slotsOfId[id] > 0) {
            numFree += slotsOfId[id];
            slotsOfId[id] = 0;
            nextFreeId[id] = freeId;
            freeId = id;
        }
        return new UsedElem(id, len);
    }

    /**
     * 2.8.10 with EVENT_IDX: interrupt when the device marks slot {@code usedEvent} (counted in used buffers from the
     * start, mapped to a ring slot and wrap counter) used. Buffers of one slot each are assumed, as in the tests.
     */
    @Override
    public void setUsedEvent(int usedEvent) {
        int slot = usedEvent % size;
        boolean wrap = ((usedEvent / size) & 1) == 0;
        w16(driverEvent + EVENT_OFF_WRAP, slot | (wrap ? 0x8000 : 0));
        w16(driverEvent + EVENT_FLAGS, VirtioSpec.EVENT_FLAGS_DESC);
    }

    /** 2.8.10: the driver's event suppression flags (ENABLE, DISABLE, DESC). */
    public void driverEventFlags(int flags) {
        w16(driverEvent + EVENT_FLAGS, flags);
    }
}
