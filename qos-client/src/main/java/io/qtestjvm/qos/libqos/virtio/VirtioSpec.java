package io.qtestjvm.qos.libqos.virtio;

/**
 * Numbers of the virtio 1.2 specification the driver side needs: device status bits (2.1), reserved feature bits
 * (6), device IDs (5), virtqueue descriptor and event-suppression flags (2.7.5, 2.7.7, 2.8.1, 2.8.10) and the
 * interrupt status bits (4.1.4.5, 4.2.2).
 */
public final class VirtioSpec {
    private VirtioSpec() {
    }

    // 2.1 Device Status Field
    public static final int STATUS_ACKNOWLEDGE = 1;
    public static final int STATUS_DRIVER = 2;
    public static final int STATUS_DRIVER_OK = 4;
    public static final int STATUS_FEATURES_OK = 8;
    public static final int STATUS_NEEDS_RESET = 0x40;
    public static final int STATUS_FAILED = 0x80;

    // 6 Reserved Feature Bits (as bit masks of the 64-bit feature word)
    public static final long F_NOTIFY_ON_EMPTY = 1L << 24;
    public static final long F_ANY_LAYOUT = 1L << 27;
    public static final long F_INDIRECT_DESC = 1L << 28;
    public static final long F_EVENT_IDX = 1L << 29;
    /** Bit 30: legacy "bad feature", which a driver must never acknowledge (QEMU offers it on legacy transports). */
    public static final long F_BAD_FEATURE = 1L << 30;
    public static final long F_VERSION_1 = 1L << 32;
    public static final long F_ACCESS_PLATFORM = 1L << 33;
    public static final long F_RING_PACKED = 1L << 34;

    // 5 Device Types
    public static final int ID_NET = 1;
    public static final int ID_BLOCK = 2;
    public static final int ID_RNG = 4;

    // 2.7.5 The Virtqueue Descriptor Table (split) and 2.8.1 (packed)
    public static final int DESC_F_NEXT = 1;
    public static final int DESC_F_WRITE = 2;
    public static final int DESC_F_INDIRECT = 4;
    public static final int DESC_F_AVAIL = 1 << 7;
    public static final int DESC_F_USED = 1 << 15;

    // 2.7.7 Used Buffer Notification Suppression / 2.7.10 Available Buffer Notification Suppression (split)
    public static final int AVAIL_F_NO_INTERRUPT = 1;
    public static final int USED_F_NO_NOTIFY = 1;

    // 2.8.10 Event Suppression Structure Format (packed)
    public static final int EVENT_FLAGS_ENABLE = 0;
    public static final int EVENT_FLAGS_DISABLE = 1;
    public static final int EVENT_FLAGS_DESC = 2;

    // 4.1.4.5 ISR status capability / 4.2.2 InterruptStatus
    public static final int ISR_QUEUE = 1;
    public static final int ISR_CONFIG = 2;

    /** 4.1.4.3 / 4.1.5.1.2: the "no vector" value of msix_config and queue_msix_vector. */
    public static final int NO_VECTOR = 0xffff;

    /**
     * 2.7.7.1 / 2.7.10: {@code vring_need_event} written out from the spec's text: notify when the new index has
     * passed the event index since the old one, all in 16-bit arithmetic.
     */
    public static boolean needEvent(int eventIdx, int newIdx, int oldIdx) {
        return ((newIdx - eventIdx - 1) & 0xffff) < ((newIdx - oldIdx) & 0xffff);
    }
}
