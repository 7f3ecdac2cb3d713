package io.qtestjvm.devices.virtio;

import static io.qtestjvm.devices.virtio.PackedRingLayout.*;

/**
 * The device side of a packed virtqueue (virtio 1.2 §2.8, negotiated with VIRTIO_F_RING_PACKED): available
 * descriptors are recognised by their AVAIL/USED bits against the device's wrap counter (§2.8.1, §2.8.21.1), a
 * chain is consecutive ring entries linked by NEXT (§2.8.6) or one indirect table (§2.8.7), used buffers are written
 * back over the ring with the buffer id of the chain's last descriptor (§2.8.8, §2.8.22), and driver notifications
 * to the device and interrupts to the driver are suppressed through the event structures (§2.8.10, §2.8.14).
 *
 * <p>Malformed rings end the walk with a {@link RingFault}, bounded by the ring size, as in {@link SplitRing}.
 */
final class PackedRing {
    private final RingAccess ring;
    private long desc;
    private long driverArea;
    private long deviceArea;
    private int size;
    private int nextAvail;
    private boolean availWrap = true;
    private int nextUsed;
    private boolean usedWrap = true;
    private int signalledUsed;
    private boolean signalledWrap = true;
    private boolean signalledValid;
    private boolean eventIdx;
    private RingFault fault = RingFault.NONE;

    PackedRing(RingAccess ring) {
        this.ring = ring;
    }

    void configure(int size, long desc, long driverArea, long deviceArea, boolean eventIdx) {
        this.size = size;
        this.desc = desc;
        this.driverArea = driverArea;
        this.deviceArea = deviceArea;
        this.eventIdx = eventIdx;
        nextAvail = 0;
        availWrap = true;
        nextUsed = 0;
        usedWrap = true;
        signalledValid = false;
    }

    RingFault fault() {
        return fault;
    }

    private boolean isAvailable(int flags, boolean wrap) {
        boolean a = (flags & F_AVAIL) != 0;
        boolean u = (flags & F_USED) != 0;
        return a == wrap && u != wrap;
    }

    boolean hasAvailable() {
        return size != 0 && isAvailable(ring.u16(descriptor(desc, nextAvail) + DESC_FLAGS), availWrap);
    }

    /** @return 1 with a request, 0 when nothing is available, -1 on a malformed ring */
    int pop(ChainRequest req) {
        if (!hasAvailable()) {
            if (size != 0) {
                enableNotifications(); // the device has seen everything: notify it from the next descriptor on
            }
            return 0;
        }
        int index = nextAvail;
        boolean wrap = availWrap;
        req.start(ring.memory(), 0);
        for (int seen = 0; ; seen++) {
            if (seen >= size) {
                return fail(RingFault.LOOP);
            }
            long d = descriptor(desc, index);
            int flags = ring.u16(d + DESC_FLAGS);
            if (seen > 0 && !isAvailable(flags, wrap)) {
                // §2.8.6: the driver makes the whole chain available before the head; a gap is malformed.
                return fail(RingFault.LOOP);
            }
            long addr = ring.u64(d + DESC_ADDR);
            long len = ring.u32(d + DESC_LEN);
            int id = ring.u16(d + DESC_ID);
            req.countDescriptor();
            index++;
            if (index == size) {
                index = 0;
                wrap = !wrap;
            }
            RingFault f;
            if ((flags & F_INDIRECT) != 0) {
                f = (flags & F_NEXT) != 0 ? RingFault.INDIRECT_WITH_NEXT : indirect(req, addr, len);
            } else {
                f = add(req, addr, len, (flags & F_WRITE) != 0);
            }
            if (f != RingFault.NONE) {
                nextAvail = index;
                availWrap = wrap;
                return fail(f);
            }
            if ((flags & F_NEXT) == 0 || (flags & F_INDIRECT) != 0) {
                nextAvail = index;
                availWrap = wrap;
                req.setId(id);
                return 1;
            }
        }
    }

    /** Where the next pop starts (index and wrap counter): a device may give back chains it took. */
    int position() {
        return nextAvail | (availWrap ? 1 << 16 : 0);
    }

    void rewind(int position) {
        nextAvail = position & 0xffff;
        availWrap = (position & (1 << 16)) != 0;
    }

    /** §2.8.7: an indirect table is a sequence of packed descriptors; NEXT is not used inside it. */
    private RingFault indirect(ChainRequest req, long table, long len) {
        if (len == 0 || len % DESC_SIZE != 0) {
            return RingFault.INDIRECT_SIZE;
        }
        if (!SplitRing.inMemory(ring.memory(), table, len)) {
            return RingFault.BAD_ADDRESS;
        }
        long n = len / DESC_SIZE;
        if (n > ChainRequest.MAX_SEGMENTS) {
            return RingFault.TOO_MANY_SEGMENTS;
        }
        for (int i = 0; i < n; i++) {
            long d = descriptor(table, i);
            int flags = ring.u16(d + DESC_FLAGS);
            if ((flags & F_INDIRECT) != 0) {
                return RingFault.NESTED_INDIRECT;
            }
            RingFault f = add(req, ring.u64(d + DESC_ADDR), ring.u32(d + DESC_LEN), (flags & F_WRITE) != 0);
            if (f != RingFault.NONE) {
                return f;
            }
        }
        return RingFault.NONE;
    }

    private RingFault add(ChainRequest req, long addr, long len, boolean writable) {
        if (len == 0) {
            return RingFault.ZERO_LENGTH;
        }
        if (!SplitRing.inMemory(ring.memory(), addr, len)) {
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

    private int fail(RingFault f) {
        fault = f;
        return -1;
    }

    /**
     * §2.8.8, §2.8.22: writes the used descriptor (buffer id, bytes written, AVAIL and USED both equal to the
     * used wrap counter, flags last) and skips the descriptors the chain took.
     *
     * <p>Departure from the spec, as Debian's QEMU 7.2 does it: §2.8.4 reads as if a used descriptor that reports
     * written bytes carries VIRTQ_DESC_F_WRITE (its Element Length is "reserved" without it), but QEMU's used
     * descriptors carry AVAIL and USED only, for a read of 513 bytes as for a write (flags 0x8080 in the first lap;
     * the packed virtio-blk paths of {@code TraceDiffRunnerTest}). Drivers take the length from every used
     * descriptor, so we write QEMU's flags.
     */
    void push(int id, long written, int descriptors) {
        long d = descriptor(desc, nextUsed);
        ring.putU16(d + DESC_ID, id);
        ring.putU32(d + DESC_LEN, written);
        int flags = usedWrap ? (F_AVAIL | F_USED) : 0;
        ring.putU16(d + DESC_FLAGS, flags);
        int n = Math.max(1, descriptors);
        nextUsed += n;
        while (nextUsed >= size) {
            nextUsed -= size;
            usedWrap = !usedWrap;
        }
    }

    /** §2.8.10, §2.8.14: the driver's event suppression decides whether used buffers raise an interrupt. */
    boolean shouldInterrupt() {
        int flags = ring.u16(driverArea + EVENT_FLAGS) & 3;
        int old = signalledUsed;
        boolean oldWrap = signalledWrap;
        boolean valid = signalledValid;
        signalledUsed = nextUsed;
        signalledWrap = usedWrap;
        signalledValid = true;
        if (flags == EVENT_DISABLE) {
            return false;
        }
        if (flags != EVENT_DESC_SPECIFIC || !eventIdx) {
            return true;
        }
        if (!valid) {
            return true;
        }
        int off = ring.u16(driverArea + EVENT_DESC);
        boolean eventWrap = (off & 0x8000) != 0;
        int event = off & 0x7fff;
        // Express event, old and new in one index space spanning two laps of the ring.
        int newIdx = nextUsed;
        int oldIdx = old;
        if (oldWrap != usedWrap) {
            oldIdx -= size;
        }
        if (eventWrap != usedWrap) {
            event -= size;
        }
        return SplitRingLayout.needEvent(event & 0xffff, newIdx & 0xffff, oldIdx & 0xffff);
    }

    /**
     * §2.8.10, §2.8.14: the device's event suppression structure, written when the device has taken every available
     * descriptor (and when the queue is enabled). Without VIRTIO_F_EVENT_IDX it asks for every notification
     * (ENABLE); with it, for the notification of the next descriptor it will look at (DESC, off_wrap = that index
     * and the driver's wrap counter in bit 15), as Debian's QEMU 7.2 does (flags 2, off_wrap 0x8000 on a fresh queue:
     * the packed-idx path of {@code TraceDiffRunnerTest}).
     */
    void enableNotifications() {
        if (eventIdx) {
            ring.putU16(deviceArea + EVENT_DESC, nextAvail | (availWrap ? 0x8000 : 0));
            ring.putU16(deviceArea + EVENT_FLAGS, EVENT_DESC_SPECIFIC);
        } else {
            ring.putU16(deviceArea + EVENT_FLAGS, EVENT_ENABLE);
        }
    }

    void reset() {
        configure(0, 0, 0, 0, false);
        fault = RingFault.NONE;
    }
}
