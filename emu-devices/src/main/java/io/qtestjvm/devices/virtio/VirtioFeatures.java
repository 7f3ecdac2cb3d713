package io.qtestjvm.devices.virtio;

/** Feature bits shared by every device type (virtio 1.2 §6 "Reserved Feature Bits", §6.3 legacy bits). */
public final class VirtioFeatures {
    /** §6.3 legacy: VIRTIO_F_NOTIFY_ON_EMPTY. */
    public static final int NOTIFY_ON_EMPTY = 24;
    /** §6.3 legacy: VIRTIO_F_ANY_LAYOUT. */
    public static final int ANY_LAYOUT = 27;
    public static final int INDIRECT_DESC = 28;
    public static final int EVENT_IDX = 29;
    /** Legacy: a bit the device offers and a correct driver never accepts (QEMU's "bad feature" probe). */
    public static final int BAD_FEATURE = 30;
    public static final int VERSION_1 = 32;
    public static final int ACCESS_PLATFORM = 33;
    public static final int RING_PACKED = 34;
    public static final int RING_RESET = 40;

    /** Bits QEMU 7.2 offers only through the legacy interface (observed: BAR0 host features vs BAR4). */
    public static final long LEGACY_ONLY = bit(NOTIFY_ON_EMPTY) | bit(ANY_LAYOUT) | bit(BAD_FEATURE);

    private VirtioFeatures() {
    }

    public static long bit(int n) {
        return 1L << n;
    }

    public static boolean has(long features, int n) {
        return (features & bit(n)) != 0;
    }
}
