package io.qtestjvm.devices.virtio;

/**
 * The layout of the split virtqueue in guest memory (virtio 1.2 §2.7): the descriptor table (§2.7.5), the
 * available ring (driver area, §2.7.6) and the used ring (device area, §2.7.8), with their flag bits. Everything
 * that knows an offset inside these structures reads it here.
 */
final class SplitRingLayout {
    /** §2.7.5 struct virtq_desc: le64 addr, le32 len, le16 flags, le16 next. */
    static final int DESC_SIZE = 16;
    static final int DESC_ADDR = 0;
    static final int DESC_LEN = 8;
    static final int DESC_FLAGS = 12;
    static final int DESC_NEXT = 14;
    /** §2.7.5 VIRTQ_DESC_F_NEXT, _WRITE, _INDIRECT. */
    static final int F_NEXT = 1;
    static final int F_WRITE = 2;
    static final int F_INDIRECT = 4;

    /** §2.7.6 struct virtq_avail: le16 flags, le16 idx, le16 ring[size], le16 used_event. */
    static final int AVAIL_FLAGS = 0;
    static final int AVAIL_IDX = 2;
    static final int AVAIL_RING = 4;
    /** §2.7.6 VIRTQ_AVAIL_F_NO_INTERRUPT. */
    static final int AVAIL_F_NO_INTERRUPT = 1;

    /** §2.7.8 struct virtq_used: le16 flags, le16 idx, struct virtq_used_elem ring[size], le16 avail_event. */
    static final int USED_FLAGS = 0;
    static final int USED_IDX = 2;
    static final int USED_RING = 4;
    /** §2.7.8 struct virtq_used_elem: le32 id, le32 len. */
    static final int USED_ELEM_SIZE = 8;
    /** §2.7.8 VIRTQ_USED_F_NO_NOTIFY. */
    static final int USED_F_NO_NOTIFY = 1;

    /** §2.7 "Queue Size ... is always a power of 2. The maximum Queue Size value is 32768." */
    static final int MAX_QUEUE_SIZE = 32768;

    private SplitRingLayout() {
    }

    static long descriptor(long table, int index) {
        return table + (long) index * DESC_SIZE;
    }

    static long availEntry(long avail, int slot) {
        return avail + AVAIL_RING + 2L * slot;
    }

    /** §2.7.10 used_event sits after the size entries of the available ring. */
    static long usedEvent(long avail, int size) {
        return avail + AVAIL_RING + 2L * size;
    }

    static long usedEntry(long used, int slot) {
        return used + USED_RING + (long) USED_ELEM_SIZE * slot;
    }

    /** §2.7.10 avail_event sits after the size elements of the used ring. */
    static long availEvent(long used, int size) {
        return used + USED_RING + (long) USED_ELEM_SIZE * size;
    }

    /** Bytes of the driver area for {@code size} entries (§2.7 table "Virtqueue Part Alignment and Size"). */
    static long availBytes(int size) {
        return 6 + 2L * size;
    }

    static long usedBytes(int size) {
        return 6 + 8L * size;
    }

    /** Legacy layout (§2.7.2 "Legacy Interfaces: A Note on Virtqueue Layout"): used ring aligned to align. */
    static long legacyUsed(long desc, int size, int align) {
        long availEnd = desc + (long) DESC_SIZE * size + availBytes(size);
        return (availEnd + align - 1) & -(long) align;
    }

    /** §2.7.10 vring_need_event: whether moving the index from old to next passes event. */
    static boolean needEvent(int event, int next, int old) {
        return ((next - event - 1) & 0xffff) < ((next - old) & 0xffff);
    }
}
