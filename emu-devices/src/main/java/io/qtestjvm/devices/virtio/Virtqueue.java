package io.qtestjvm.devices.virtio;

/**
 * One virtqueue as the transport configures it (virtio 1.2 §2.6: queue size, the three area addresses, enable,
 * MSI-X vector, notification offset) over the ring engine the negotiated features pick: {@link SplitRing} (§2.7)
 * or {@link PackedRing} (§2.8, VIRTIO_F_RING_PACKED).
 */
public final class Virtqueue {
    /** §4.1.4.3 / §4.1.5.1.4: VIRTIO_MSI_NO_VECTOR. */
    public static final int NO_VECTOR = 0xffff;
    /** §4.1.4.3.2 legacy: queues are page-aligned, PFN in 4096-byte units. */
    public static final int LEGACY_ALIGN = 4096;

    private final int index;
    private final int maxSize;
    private final SplitRing split;
    private final PackedRing packed;
    private int size;
    private long desc;
    private long driverArea;
    private long deviceArea;
    private boolean enabled;
    private boolean isPacked;
    private int vector = NO_VECTOR;

    Virtqueue(int index, int maxSize, RingAccess ring) {
        this.index = index;
        this.maxSize = maxSize;
        this.size = maxSize;
        this.split = new SplitRing(ring);
        this.packed = new PackedRing(ring);
    }

    public int index() {
        return index;
    }

    public int maxSize() {
        return maxSize;
    }

    public int size() {
        return size;
    }

    /** §4.1.4.3.2: the driver may write a smaller size before enabling; 0 or above the maximum is ignored. */
    public void setSize(int size) {
        setSize(size, maxSize);
    }

    /**
     * As {@link #setSize(int)} with a transport's own maximum in place of the device's (virtio-mmio's
     * QueueNumMax): 0 or above {@code max} is ignored.
     */
    public void setSize(int size, int max) {
        if (size > 0 && size <= max) {
            this.size = size;
        }
    }

    public long desc() {
        return desc;
    }

    public long driverArea() {
        return driverArea;
    }

    public long deviceArea() {
        return deviceArea;
    }

    public void setDesc(long a) {
        desc = a;
    }

    public void setDriverArea(long a) {
        driverArea = a;
    }

    public void setDeviceArea(long a) {
        deviceArea = a;
    }

    public boolean enabled() {
        return enabled;
    }

    public int vector() {
        return vector;
    }

    public void setVector(int vector) {
        this.vector = vector & 0xffff;
    }

    /** The legacy queue address register (§4.1.5.1.4.1 "Legacy Interface"): page frame of the descriptor table. */
    public long legacyPfn() {
        return desc / LEGACY_ALIGN;
    }

    /**
     * Legacy queue address: the table at pfn × 4096, the available ring right after it, the used ring at the next
     * 4096 boundary (§2.7.2); 0 disables the queue.
     */
    void setLegacyPfn(long pfn, boolean eventIdx) {
        size = maxSize;
        desc = pfn * LEGACY_ALIGN;
        driverArea = desc + (long) SplitRingLayout.DESC_SIZE * size;
        deviceArea = SplitRingLayout.legacyUsed(desc, size, LEGACY_ALIGN);
        if (pfn == 0) {
            disable();
        } else {
            enable(false, eventIdx);
        }
    }

    /** §4.1.4.3.2 queue_enable, or a legacy PFN: the device starts using the areas. */
    void enable(boolean packedRing, boolean eventIdx) {
        enabled = true;
        isPacked = packedRing;
        if (packedRing) {
            packed.configure(size, desc, driverArea, deviceArea, eventIdx);
            packed.enableNotifications();
        } else {
            split.configure(size, desc, driverArea, deviceArea, eventIdx);
        }
    }

    private void disable() {
        enabled = false;
        split.reset();
        packed.reset();
    }

    /** Device or queue reset (§2.1, §2.6.1 VIRTIO_F_RING_RESET): back to the state after power-on. */
    void reset() {
        disable();
        size = maxSize;
        desc = 0;
        driverArea = 0;
        deviceArea = 0;
        vector = NO_VECTOR;
    }

    /** @return 1 with a request, 0 when empty or disabled, -1 on a malformed ring ({@link #fault()}) */
    int pop(ChainRequest req) {
        if (!enabled) {
            return 0;
        }
        return isPacked ? packed.pop(req) : split.pop(req);
    }

    void push(ChainRequest req, long written) {
        if (isPacked) {
            packed.push(req.head(), written, req.descriptorCount());
        } else {
            split.push(req.head(), written);
        }
    }

    /** The ring position of the next pop, for {@link #rewind}. */
    int position() {
        return isPacked ? packed.position() : split.position();
    }

    /** Gives back every chain popped since {@code position} was taken; none of them was pushed. */
    void rewind(int position) {
        if (isPacked) {
            packed.rewind(position);
        } else {
            split.rewind(position);
        }
    }

    /** Pushes a chain by its id and descriptor count (a device that kept several chains of one frame). */
    void push(int id, long written, int descriptors) {
        if (isPacked) {
            packed.push(id, written, descriptors);
        } else {
            split.push(id, written);
        }
    }

    boolean hasAvailable() {
        return enabled && (isPacked ? packed.hasAvailable() : split.hasAvailable());
    }

    boolean shouldInterrupt(boolean notifyOnEmpty) {
        return isPacked ? packed.shouldInterrupt() : split.shouldInterrupt(notifyOnEmpty);
    }

    RingFault fault() {
        return isPacked ? packed.fault() : split.fault();
    }
}
