package io.qtestjvm.devices.virtio;

/**
 * One request as the device sees it: the device-readable bytes and the device-writable bytes of a descriptor chain
 * (virtio 1.2 §2.7.4, §2.8.9 "Message Framing": the device must not assume how the driver cut a request into
 * descriptors). Device code reads and writes through byte positions relative to the start of each half; where the
 * descriptors are cut does not matter. Reused from request to request: nothing here allocates after construction.
 */
public final class ChainRequest {
    /** QEMU caps a chain at 1024 buffers (VIRTQUEUE_MAX_SIZE); more is a malformed request. */
    public static final int MAX_SEGMENTS = 1024;
    /** The one bounce buffer QEMU 7.2 has for memory it cannot map directly: one 4 KiB page. */
    static final long BOUNCE_BYTES = 4096;

    private final long[] address = new long[MAX_SEGMENTS];
    private final long[] length = new long[MAX_SEGMENTS];
    private int segments;
    private int firstWritable;
    private long readableBytes;
    private long writableBytes;
    private int head;
    /** Packed ring only: descriptors the chain used, for the used-ring skip (§2.8.6). */
    private int descriptorCount;
    private GuestMemory memory;
    private boolean bounceTaken;

    void start(GuestMemory memory, int head) {
        this.memory = memory;
        this.head = head;
        segments = 0;
        firstWritable = 0;
        readableBytes = 0;
        writableBytes = 0;
        descriptorCount = 0;
        bounceTaken = false;
    }

    /**
     * Whether the device can map the buffer {@code [addr, addr + len)} (§2.7.4: a descriptor refers to a buffer
     * in guest memory). QEMU's departure, observed on Debian's QEMU 7.2: RAM maps directly; anything else goes
     * through its single bounce buffer, which covers at most one page and serves one piece per request, so a
     * request whose non-RAM pieces need more than that is a malformed ring ("bogus descriptor or out of
     * resources"). A small buffer outside RAM is served as unassigned memory (reads zeros, writes dropped).
     */
    boolean map(long addr, long len) {
        while (len > 0) {
            long direct = memory.ramBytes(addr, len);
            addr += direct;
            len -= direct;
            if (len == 0) {
                return true;
            }
            if (bounceTaken) {
                return false;
            }
            bounceTaken = true;
            long piece = Math.min(len, BOUNCE_BYTES);
            addr += piece;
            len -= piece;
        }
        return true;
    }

    /** Adds one buffer; false when the chain breaks §2.7.4.2 ordering or the segment cap. */
    boolean add(long addr, long len, boolean writable) {
        if (segments == MAX_SEGMENTS) {
            return false;
        }
        if (!writable && writableBytes > 0) {
            return false;
        }
        address[segments] = addr;
        length[segments] = len;
        segments++;
        if (writable) {
            writableBytes += len;
        } else {
            readableBytes += len;
            firstWritable = segments;
        }
        return true;
    }

    void setId(int id) {
        this.head = id;
    }

    void countDescriptor() {
        descriptorCount++;
    }

    int descriptorCount() {
        return descriptorCount;
    }

    /** The buffer id the device returns in the used ring: the head index (split) or buffer id (packed). */
    public int head() {
        return head;
    }

    public long readableBytes() {
        return readableBytes;
    }

    public long writableBytes() {
        return writableBytes;
    }

    /**
     * Copies up to {@code len} device-readable bytes starting at byte {@code position} of the readable half.
     * @return the bytes copied (fewer when the readable half ends)
     */
    public int read(long position, byte[] dst, int off, int len) {
        return transfer(0, firstWritable, position, dst, off, len, false);
    }

    /**
     * Copies up to {@code len} bytes into the device-writable half at byte {@code position}.
     * @return the bytes copied (fewer when the writable half ends)
     */
    public int write(long position, byte[] src, int off, int len) {
        return transfer(firstWritable, segments, position, src, off, len, true);
    }

    /** The guest address of byte {@code position} of the device-writable half, or -1 past its end. */
    public long writableAddress(long position) {
        long skip = position;
        for (int s = firstWritable; s < segments; s++) {
            if (skip < length[s]) {
                return address[s] + skip;
            }
            skip -= length[s];
        }
        return -1;
    }

    private int transfer(int from, int to, long position, byte[] buf, int off, int len, boolean toGuest) {
        int done = 0;
        long skip = position;
        for (int s = from; s < to && done < len; s++) {
            long segLen = length[s];
            if (skip >= segLen) {
                skip -= segLen;
                continue;
            }
            int n = (int) Math.min(len - done, segLen - skip);
            if (toGuest) {
                memory.write(address[s] + skip, buf, off + done, n);
            } else {
                memory.read(address[s] + skip, buf, off + done, n);
            }
            done += n;
            skip = 0;
        }
        return done;
    }
}
