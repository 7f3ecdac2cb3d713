package io.qtestjvm.qos.libqos.virtio;

/**
 * The one place where the guest-memory layout of a virtqueue is written down (virtio 1.2 2.7 split, 2.8 packed).
 * Every accessor of {@link SplitVirtQueue} and {@link PackedVirtQueue} reads its offsets here.
 *
 * <pre>
 * split (2.7):  descriptor  16 bytes: addr le64 @0, len le32 @8, flags le16 @12, next le16 @14
 *               available   flags le16 @0, idx le16 @2, ring[size] le16 @4, used_event le16 @4+2*size
 *               used        flags le16 @0, idx le16 @2, ring[size] {id le32, len le32} @4, avail_event @4+8*size
 * packed (2.8): descriptor  16 bytes: addr le64 @0, len le32 @8, id le16 @12, flags le16 @14
 *               event suppression (driver and device areas) off_wrap le16 @0, flags le16 @2
 * </pre>
 * The split areas are laid out contiguously, the used ring aligned to {@link #LEGACY_ALIGN} as the legacy
 * interfaces require (4.1.5.1.4.1 legacy, 4.2.4): modern transports accept any placement, so one layout serves all.
 */
public final class VirtqLayout {
    private VirtqLayout() {
    }

    public static final int DESC_SIZE = 16;
    public static final int DESC_ADDR = 0;
    public static final int DESC_LEN = 8;
    public static final int SPLIT_DESC_FLAGS = 12;
    public static final int SPLIT_DESC_NEXT = 14;
    public static final int PACKED_DESC_ID = 12;
    public static final int PACKED_DESC_FLAGS = 14;

    public static final int RING_FLAGS = 0;
    public static final int RING_IDX = 2;
    public static final int RING_ENTRIES = 4;
    public static final int AVAIL_ENTRY_SIZE = 2;
    public static final int USED_ENTRY_SIZE = 8;
    public static final int USED_ENTRY_ID = 0;
    public static final int USED_ENTRY_LEN = 4;

    public static final int EVENT_OFF_WRAP = 0;
    public static final int EVENT_FLAGS = 2;
    public static final int EVENT_SIZE = 4;

    /** Legacy used-ring alignment (4.1.5.1.4.1: "QUEUE_ALIGN" of 4096 on PCI; virtio-mmio v1 is told it). */
    public static final int LEGACY_ALIGN = 4096;

    public static long descTableSize(int size) {
        return (long) DESC_SIZE * size;
    }

    public static long availSize(int size) {
        return RING_ENTRIES + (long) AVAIL_ENTRY_SIZE * size + 2;
    }

    public static long usedSize(int size) {
        return RING_ENTRIES + (long) USED_ENTRY_SIZE * size + 2;
    }

    /** Offset of the used ring from the descriptor table in the contiguous legacy layout. */
    public static long usedOffset(int size, int align) {
        long end = descTableSize(size) + availSize(size);
        return (end + align - 1) & -(long) align;
    }

    /** Bytes of the contiguous split layout (2.7: descriptor table, available ring, aligned used ring). */
    public static long splitSize(int size, int align) {
        return usedOffset(size, align) + usedSize(size);
    }

    public static long usedEventOffset(int size) {
        return RING_ENTRIES + (long) AVAIL_ENTRY_SIZE * size;
    }

    public static long availEventOffset(int size) {
        return RING_ENTRIES + (long) USED_ENTRY_SIZE * size;
    }
}
