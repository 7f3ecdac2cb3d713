package io.qtestjvm.devices.virtio;

/**
 * The layout of the packed virtqueue in guest memory (virtio 1.2 §2.8): the descriptor ring (§2.8.13 struct
 * pvirtq_desc) and the two event suppression structures (§2.8.10 struct pvirtq_event_suppress) of the driver and
 * device areas.
 */
final class PackedRingLayout {
    /** §2.8.13 struct pvirtq_desc: le64 addr, le32 len, le16 id, le16 flags. */
    static final int DESC_SIZE = 16;
    static final int DESC_ADDR = 0;
    static final int DESC_LEN = 8;
    static final int DESC_ID = 12;
    static final int DESC_FLAGS = 14;
    static final int F_NEXT = 1;
    static final int F_WRITE = 2;
    static final int F_INDIRECT = 4;
    /** §2.8.1 VIRTQ_DESC_F_AVAIL (bit 7) and VIRTQ_DESC_F_USED (bit 15). */
    static final int F_AVAIL = 1 << 7;
    static final int F_USED = 1 << 15;

    /** §2.8.10 struct pvirtq_event_suppress: le16 desc (offset bits 0..14, wrap bit 15), le16 flags. */
    static final int EVENT_DESC = 0;
    static final int EVENT_FLAGS = 2;
    static final int EVENT_ENABLE = 0;
    static final int EVENT_DISABLE = 1;
    static final int EVENT_DESC_SPECIFIC = 2;

    private PackedRingLayout() {
    }

    static long descriptor(long ring, int index) {
        return ring + (long) index * DESC_SIZE;
    }
}
