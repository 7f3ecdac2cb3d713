package io.qtestjvm.devices.virtio;

import static io.qtestjvm.devices.virtio.SplitRingLayout.*;

/**
 * The device side of a split virtqueue (virtio 1.2 §2.7): takes available chains (§2.7.13 "Receiving Used Buffers"
 * seen from the device: §2.7.6, §2.7.5 with indirect tables §2.7.5.3), returns used buffers (§2.7.8, §2.7.14),
 * and applies notification suppression both ways (§2.7.7 VIRTQ_AVAIL_F_NO_INTERRUPT, §2.7.10 VIRTIO_F_EVENT_IDX).
 *
 * <p>Every field comes from guest memory and is checked before use: a chain that leaves the table, loops, is
 * longer than its table, nests indirect tables, has a zero-length buffer or one reaching past the device's memory
 * or 2^64, puts readable after writable buffers, or an available index that moved by more than the queue size, ends
 * the walk with a {@link RingFault}; the walk is bounded by the table size, so it never hangs. Ring indexes are taken
 * modulo the size, so a size that is not a power of two (which QEMU 7.2 accepts from a modern driver) works too.
 */
final class SplitRing {
    private final RingAccess ring;
    private long desc;
    private long avail;
    private long used;
    private int size;
    private int lastAvail;
    private int usedIdx;
    private int signalledUsed;
    private boolean signalledValid;
    private boolean eventIdx;
    private RingFault fault = RingFault.NONE;

    SplitRing(RingAccess ring) {
        this.ring = ring;
    }

    void configure(int size, long desc, long avail, long used, boolean eventIdx) {
        this.size = size;
        this.desc = desc;
        this.avail = avail;
        this.used = used;
        this.eventIdx = eventIdx;
        this.lastAvail = 0;
        this.usedIdx = 0;
        this.signalledValid = false;
    }

    /** Legacy (§4.1.5.1.4.1): the PFN gives the table; the rings follow in the legacy layout. */
    int lastAvail() {
        return lastAvail;
    }

    int usedIndex() {
        return usedIdx;
    }

    RingFault fault() {
        return fault;
    }

    /** Whether the driver made buffers available that the device has not taken. */
    boolean hasAvailable() {
        return size != 0 && ring.u16(avail + AVAIL_IDX) != lastAvail;
    }

    /**
     * Takes the next available chain into {@code req}.
     * @return 1 with a request, 0 when nothing is available, -1 on a malformed ring ({@link #fault()})
     */
    int pop(ChainRequest req) {
        if (size == 0) {
            return 0;
        }
        int availIdx = ring.u16(avail + AVAIL_IDX);
        int pending = (availIdx - lastAvail) & 0xffff;
        if (pending == 0) {
            return 0;
        }
        if (pending > size) {
            return fail(RingFault.AVAIL_INDEX_JUMP);
        }
        int head = ring.u16(availEntry(avail, Integer.remainderUnsigned(lastAvail, size)));
        lastAvail = (lastAvail + 1) & 0xffff;
        if (eventIdx) {
            // §2.7.10: the device asks to be notified when the driver passes the entries it has seen.
            ring.putU16(availEvent(used, size), lastAvail);
        }
        if (head >= size) {
            return fail(RingFault.HEAD_OUT_OF_RANGE);
        }
        req.start(ring.memory(), head);
        return walk(req, head);
    }

    private int walk(ChainRequest req, int head) {
        long table = desc;
        int tableSize = size;
        int index = head;
        int seen = 0;
        boolean indirect = false;
        while (true) {
            if (++seen > tableSize) {
                return fail(RingFault.LOOP);
            }
            long d = descriptor(table, index);
            long addr = ring.u64(d + DESC_ADDR);
            long len = ring.u32(d + DESC_LEN);
            int flags = ring.u16(d + DESC_FLAGS);
            int next = ring.u16(d + DESC_NEXT);
            if ((flags & F_INDIRECT) != 0) {
                // §2.7.5.3.1: no indirect inside an indirect table, and not together with NEXT.
                if (indirect) {
                    return fail(RingFault.NESTED_INDIRECT);
                }
                if ((flags & F_NEXT) != 0) {
                    return fail(RingFault.INDIRECT_WITH_NEXT);
                }
                if (len == 0 || len % DESC_SIZE != 0) {
                    return fail(RingFault.INDIRECT_SIZE);
                }
                if (!inMemory(addr, len)) {
                    return fail(RingFault.BAD_ADDRESS);
                }
                indirect = true;
                table = addr;
                tableSize = (int) Math.min(len / DESC_SIZE, Integer.MAX_VALUE);
                index = 0;
                seen = 0;
                continue;
            }
            RingFault f = addBuffer(req, addr, len, (flags & F_WRITE) != 0);
            if (f != RingFault.NONE) {
                return fail(f);
            }
            if ((flags & F_NEXT) == 0) {
                return 1;
            }
            if (next >= tableSize) {
                return fail(RingFault.NEXT_OUT_OF_RANGE);
            }
            index = next;
        }
    }

    private RingFault addBuffer(ChainRequest req, long addr, long len, boolean writable) {
        if (len == 0) {
            return RingFault.ZERO_LENGTH;
        }
        if (!inMemory(addr, len)) {
            return RingFault.BAD_ADDRESS;
        }
        if (!req.map(addr, len)) {
            return RingFault.BAD_ADDRESS;
        }
        if (!req.add(addr, len, writable)) {
            return req.writableBytes() > 0 && !writable ? RingFault.ORDER : RingFault.TOO_MANY_SEGMENTS;
        }
        return RingFault.NONE;
    }

    /** [addr, addr+len) lies below the memory limit and does not wrap past 2^64. */
    private boolean inMemory(long addr, long len) {
        return inMemory(ring.memory(), addr, len);
    }

    static boolean inMemory(GuestMemory memory, long addr, long len) {
        long end = addr + len;
        if (Long.compareUnsigned(end, addr) < 0 && end != 0) {
            return false;
        }
        long limit = memory.limit();
        return limit == 0 || (end != 0 && Long.compareUnsigned(end, limit) <= 0);
    }

    private int fail(RingFault f) {
        fault = f;
        return -1;
    }

    /** Where the next pop starts: a device that took chains it cannot use yet gives them back (virtio-net rx). */
    int position() {
        return lastAvail;
    }

    void rewind(int position) {
        lastAvail = position & 0xffff;
    }

    /** §2.7.8 / §2.7.14: puts (id, len) in the next used element and publishes the new used index. */
    void push(int id, long written) {
        long e = usedEntry(used, Integer.remainderUnsigned(usedIdx, size));
        ring.putU32(e, id);
        ring.putU32(e + 4, written);
        usedIdx = (usedIdx + 1) & 0xffff;
        ring.putU16(used + USED_IDX, usedIdx);
    }

    /**
     * §2.7.7 / §2.7.10: whether the driver wants an interrupt for the used buffers published since the last one.
     * {@code notifyOnEmpty} is VIRTIO_F_NOTIFY_ON_EMPTY (§6.3, legacy): interrupt when the ring ran empty.
     */
    boolean shouldInterrupt(boolean notifyOnEmpty) {
        if (notifyOnEmpty && !hasAvailable()) {
            return true;
        }
        if (!eventIdx) {
            return (ring.u16(avail + AVAIL_FLAGS) & AVAIL_F_NO_INTERRUPT) == 0;
        }
        int old = signalledUsed;
        boolean valid = signalledValid;
        signalledUsed = usedIdx;
        signalledValid = true;
        return !valid || needEvent(ring.u16(usedEvent(avail, size)), usedIdx, old);
    }

    /** Clears the driver-visible device state (§2.7: reset puts the indexes back to 0). */
    void reset() {
        size = 0;
        desc = 0;
        avail = 0;
        used = 0;
        lastAvail = 0;
        usedIdx = 0;
        signalledValid = false;
        fault = RingFault.NONE;
    }
}
