package io.qtestjvm.devices.virtio;

import static io.qtestjvm.devices.virtio.VirtioFeatures.*;

/**
 * The transport-independent part of a virtio device (virtio 1.2 §2 "Basic Facilities of a Virtio Device"): the
 * device status field (§2.1), feature bits and their negotiation (§2.2, §3.1.1), notifications (§2.3), the device
 * configuration space with its generation count (§2.5), the virtqueues (§2.6) and device reset (§2.4), plus queue
 * reset (§2.6.1). Device types extend it with their configuration layout and request handling.
 *
 * <p>Facts of QEMU 7.2 kept here (observed on Debian's QEMU or noted from its behaviour):
 * <ul>
 * <li>Driver feature writes keep only offered bits; FEATURES_OK is then accepted (the spec's "may refuse" is not
 * used by the block, rng and net devices).</li>
 * <li>A configuration change sets ISR bits 0 and 1 together (ISR |= 3) and bumps the generation; it is only
 * signalled after DRIVER_OK.</li>
 * <li>A malformed ring marks the device broken: with VERSION_1 negotiated, status gets DEVICE_NEEDS_RESET and a
 * configuration change is signalled; a broken device ignores notifications until reset. Other devices and
 * machines are untouched.</li>
 * <li>A notification for a queue the device does not have, or one not set up, is ignored.</li>
 * </ul>
 */
public abstract class VirtioDevice {
    /** §2.1 device status bits. */
    public static final int ACKNOWLEDGE = 1;
    public static final int DRIVER = 2;
    public static final int DRIVER_OK = 4;
    public static final int FEATURES_OK = 8;
    public static final int DEVICE_NEEDS_RESET = 0x40;
    public static final int FAILED = 0x80;
    /** §4.1.4.5 ISR bits. */
    public static final int ISR_QUEUE = 1;
    public static final int ISR_CONFIG = 2;
    /** {@link #process} result: the request stays with the device, which stops taking requests for now. */
    protected static final long KEPT = -1;
    /** {@link #process} result: the request went to the host and completes later; the device takes the next. */
    protected static final long IN_FLIGHT = -2;

    private final int deviceId;
    private final RingAccess ring;
    private final Virtqueue[] queues;
    private final ChainRequest request = new ChainRequest();
    private VirtioSignals signals = VirtioSignals.NONE;
    private long hostFeatures;
    private long driverFeatures;
    private int status;
    private int isr;
    private int generation;
    private boolean broken;
    private RingFault lastFault = RingFault.NONE;
    private boolean guestBigEndian;
    private int configVector = Virtqueue.NO_VECTOR;

    /**
     * @param deviceId §5 device ID (2 block, 4 entropy, 1 network)
     * @param queueSizes the maximum size of each queue the device has
     */
    protected VirtioDevice(int deviceId, GuestMemory memory, int[] queueSizes) {
        this.deviceId = deviceId;
        this.ring = new RingAccess(memory);
        this.queues = new Virtqueue[queueSizes.length];
        for (int i = 0; i < queueSizes.length; i++) {
            queues[i] = new Virtqueue(i, queueSizes[i], ring);
        }
    }

    public final int deviceId() {
        return deviceId;
    }

    public final void setSignals(VirtioSignals signals) {
        this.signals = signals;
    }

    /** The features the device offers, transport bits included. */
    public final long hostFeatures() {
        return hostFeatures;
    }

    /** Offered bits a VERSION_1 driver does not see (§6.3 and the device's legacy-only bits). */
    public long legacyOnlyFeatures() {
        return LEGACY_ONLY;
    }

    /**
     * The transport cannot offer VIRTIO_F_VERSION_1 (a legacy-only transport, §4.1.2.3 / §6); a device whose
     * offer differs for legacy drivers adjusts it here.
     */
    public void offeredWithoutVersion1() {
    }

    protected final void setHostFeatures(long features) {
        this.hostFeatures = features;
    }

    public final long driverFeatures() {
        return driverFeatures;
    }

    /** §2.2: the driver's acceptance; bits the device did not offer are dropped. */
    public final void setDriverFeatures(long features) {
        if ((status & FEATURES_OK) != 0) {
            return;
        }
        driverFeatures = features & hostFeatures;
        ring.setBigEndian(legacyBigEndian());
    }

    public final boolean negotiated(int bit) {
        return has(driverFeatures, bit);
    }

    public final int status() {
        return status;
    }

    /**
     * §2.1, §3.1.1: writes the device status. Zero resets the device (§2.4). FEATURES_OK is kept when the device
     * accepts the driver's features ({@link #acceptFeatures()}), otherwise the bit reads back clear.
     */
    public final void setStatus(int value) {
        value &= 0xff;
        if (value == 0) {
            reset();
            return;
        }
        if ((value & FEATURES_OK) != 0 && (status & FEATURES_OK) == 0 && !acceptFeatures()) {
            value &= ~FEATURES_OK;
        }
        int old = status;
        status = value | (status & DEVICE_NEEDS_RESET);
        if ((status & DRIVER_OK) != 0 && (old & DRIVER_OK) == 0) {
            driverReady();
        }
    }

    /** §3.1.1 step 5: whether the device can work with the features the driver accepted. */
    protected boolean acceptFeatures() {
        return true;
    }

    /** Called when the driver sets DRIVER_OK; a device may start work that waited for it. */
    protected void driverReady() {
    }

    /** §4.1.4.5: reads the ISR status and clears it (read-to-clear). */
    public final int readAndClearIsr() {
        int v = isr;
        isr = 0;
        if (v != 0) {
            signals.isrChanged();
        }
        return v;
    }

    public final int isr() {
        return isr;
    }

    /** §4.2.2 InterruptACK (MMIO transport): clears the interrupt status bits set in {@code bits}. */
    public final void acknowledgeIsr(int bits) {
        int old = isr;
        isr &= ~bits;
        if (isr != old) {
            signals.isrChanged();
        }
    }

    /** §2.5: the configuration generation, bumped on every change of the configuration space. */
    public final int configGeneration() {
        return generation & 0xff;
    }

    public final int configVector() {
        return configVector;
    }

    public final void setConfigVector(int vector) {
        configVector = vector & 0xffff;
    }

    public final int queueCount() {
        return queues.length;
    }

    /** The queue at {@code index}, or null when the device has no such queue. */
    public final Virtqueue queue(int index) {
        return index >= 0 && index < queues.length ? queues[index] : null;
    }

    public final boolean broken() {
        return broken;
    }

    public final RingFault lastFault() {
        return lastFault;
    }

    /** Legacy queue address (§4.1.5.1.4.1). */
    public final void setLegacyQueuePfn(int index, long pfn) {
        Virtqueue q = queue(index);
        if (q != null) {
            q.setLegacyPfn(pfn & 0xffffffffL, negotiated(EVENT_IDX));
        }
    }

    /** §4.1.4.3.2 queue_enable = 1. */
    public final void enableQueue(int index) {
        Virtqueue q = queue(index);
        if (q != null) {
            q.enable(negotiated(RING_PACKED), negotiated(EVENT_IDX));
        }
    }

    /** §2.6.1 VIRTIO_F_RING_RESET: the driver resets one queue; the others go on. */
    public final void resetQueue(int index) {
        Virtqueue q = queue(index);
        if (q != null) {
            finishInflight();
            q.reset();
            queueReset(q);
        }
    }

    /** A device's own state tied to one queue, dropped on a queue reset. */
    protected void queueReset(Virtqueue q) {
    }

    /** §2.4 device reset: back to the state after power-on. */
    public final void reset() {
        finishInflight();
        status = 0;
        driverFeatures = 0;
        isr = 0;
        broken = false;
        lastFault = RingFault.NONE;
        configVector = Virtqueue.NO_VECTOR;
        for (Virtqueue q : queues) {
            q.reset();
        }
        ring.setBigEndian(legacyBigEndian());
        deviceReset();
        signals.isrChanged();
    }

    protected void deviceReset() {
    }

    /** Before a device or queue reset: requests the host is still working on finish first (their used entries). */
    protected void finishInflight() {
    }

    /**
     * §2.3 / §4.1.4.4 available buffer notification for queue {@code index}. Takes every available chain and
     * hands it to {@link #process}; a malformed ring marks the device broken.
     */
    public final void notifyQueue(int index) {
        Virtqueue q = queue(index);
        if (q == null || broken || !q.enabled()) {
            return;
        }
        queueNotified(q);
    }

    /** The default: requests complete inside the notification. Devices that wait for the host override it. */
    protected void queueNotified(Virtqueue q) {
        drain(q);
    }

    /** Takes and completes every available request of {@code q}; false when the ring was malformed. */
    protected final boolean drain(Virtqueue q) {
        boolean pushed = false;
        int rc;
        while (!broken && (rc = q.pop(request)) != 0) {
            if (rc < 0) {
                markBroken(q.fault());
                break;
            }
            long written = process(q, request);
            if (written == IN_FLIGHT) {
                continue;
            }
            if (written < 0) {
                // The device keeps the request for later (e.g. no host data yet); it completes it itself.
                break;
            }
            q.push(request, written);
            pushed = true;
        }
        if (pushed) {
            interruptIfWanted(q);
        }
        return !broken;
    }

    /** Returns one request taken earlier and kept ({@link #process} returned -1). */
    protected final void complete(Virtqueue q, ChainRequest r, long written) {
        q.push(r, written);
        interruptIfWanted(q);
    }

    /** Completes a request that was {@link #IN_FLIGHT}: its used entry, then the interrupt if the driver wants it. */
    protected final void publishUsed(Virtqueue q, int head, long written, int descriptors) {
        if (!q.enabled()) {
            return;
        }
        q.push(head, written, descriptors);
        interruptIfWanted(q);
    }

    /** After several {@link Virtqueue#push}es of one unit of work: one interrupt, if the driver wants it. */
    protected final void signalUsed(Virtqueue q) {
        interruptIfWanted(q);
    }

    protected final ChainRequest currentRequest() {
        return request;
    }

    protected final int pop(Virtqueue q, ChainRequest r) {
        int rc = q.pop(r);
        if (rc < 0) {
            markBroken(q.fault());
        }
        return rc;
    }

    /**
     * Handles one request. @return the number of bytes written into the device-writable half (the used length),
     * {@link #KEPT} when the request stays with the device, or {@link #IN_FLIGHT} when the device completes it later
     * with {@link #publishUsed}
     */
    protected abstract long process(Virtqueue q, ChainRequest r);

    private void interruptIfWanted(Virtqueue q) {
        if (q.shouldInterrupt(negotiated(NOTIFY_ON_EMPTY))) {
            isr |= ISR_QUEUE;
            signals.usedBuffer(q);
        }
    }

    /**
     * §2.1.2: the device found an error it cannot recover from. As QEMU: a VERSION_1 driver sees
     * DEVICE_NEEDS_RESET and a configuration change notification; the device stops processing until reset.
     */
    public final void markBroken(RingFault fault) {
        lastFault = fault;
        if (negotiated(VERSION_1)) {
            status |= DEVICE_NEEDS_RESET;
            configChanged();
        }
        broken = true;
    }

    /** §2.5.1 / §4.1.4.5: the configuration space changed; ISR |= 3 as QEMU, signalled after DRIVER_OK. */
    public final void configChanged() {
        generation++;
        if ((status & DRIVER_OK) == 0) {
            return;
        }
        isr |= ISR_QUEUE | ISR_CONFIG;
        signals.configChange();
    }

    /**
     * The machine's CPU is big-endian (pseries): a legacy driver is then big-endian too. Virtio 1.2 §2.4.3/§7.4
     * "Legacy Interface": without VIRTIO_F_VERSION_1 the rings, the request headers and the device configuration
     * are in the guest's native byte order; a driver that negotiated VERSION_1 uses little-endian everywhere.
     */
    public final void setGuestBigEndian(boolean bigEndian) {
        guestBigEndian = bigEndian;
        ring.setBigEndian(legacyBigEndian());
    }

    /** Whether the driver's structures are big-endian: a legacy driver (no VERSION_1) on a big-endian guest. */
    protected final boolean legacyBigEndian() {
        return guestBigEndian && !has(driverFeatures, VirtioFeatures.VERSION_1);
    }

    /**
     * A field of a structure the driver wrote ({@code n} bytes at {@code off}): little-endian, or big-endian from a
     * legacy driver on a big-endian guest (§2.4.3 and the legacy notes of each device: the guest's native order).
     */
    protected final long driverField(byte[] b, int off, int n) {
        long v = 0;
        boolean big = legacyBigEndian();
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[off + (big ? i : n - 1 - i)] & 0xff);
        }
        return v;
    }

    /** Puts {@code v} into a field of a structure the driver reads, in the order {@link #driverField} reads it. */
    protected final void putDriverField(byte[] b, int off, int n, long v) {
        boolean big = legacyBigEndian();
        for (int i = 0; i < n; i++) {
            b[off + (big ? n - 1 - i : i)] = (byte) (v >>> (8 * i));
        }
    }

    /**
     * The configuration field that holds byte {@code offset}, as {@code start << 8 | size}: a device whose
     * configuration has multi-byte fields says where they are, so that a legacy big-endian driver sees each field
     * in its own byte order (a byte array such as a MAC address stays as it is). Default: single bytes.
     */
    protected int configField(int offset) {
        return offset << 8 | 1;
    }

    /**
     * Where the byte a legacy big-endian driver sees at {@code offset} sits in the little-endian layout: the same
     * place in its field, counted from the other end.
     */
    private int bigEndianPlace(int offset) {
        int f = configField(offset);
        int start = f >>> 8;
        return start + (f & 0xff) - 1 - (offset - start);
    }

    /**
     * Reads through the legacy interface (§4.1.4.8 legacy I/O BAR): as {@link #readConfig}, but each field in the
     * driver's byte order, big-endian for a legacy driver on a big-endian guest (as Debian's QEMU 7.2 shows it on
     * pseries: the legacy-basic path of {@code TraceDiffRunnerTest} answers byte for byte as QEMU).
     */
    public final long readLegacyConfig(int offset, int size) {
        if (!legacyBigEndian() || offset < 0 || size <= 0 || offset + size > configSize()) {
            return readConfig(offset, size);
        }
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (configByte(bigEndianPlace(offset + i)) & 0xff);
        }
        return v;
    }

    /** Writes through the legacy interface, each field in the driver's byte order (see {@link #readLegacyConfig}). */
    public final void writeLegacyConfig(int offset, long value, int size) {
        if (!legacyBigEndian() || offset < 0 || size <= 0 || offset + size > configSize()) {
            writeConfig(offset, value, size);
            return;
        }
        for (int i = 0; i < size; i++) {
            writeConfigByte(bigEndianPlace(offset + i), (int) (value >>> (8 * i)) & 0xff);
        }
    }

    /** Size of the device configuration space (§2.5) in bytes. */
    public abstract int configSize();

    /** Reads {@code size} bytes of the configuration space at {@code offset}, little-endian (§2.5, §4.1.4.6). */
    public final long readConfig(int offset, int size) {
        if (offset < 0 || size <= 0 || offset + size > configSize()) {
            return -1L >>> (64 - 8 * Math.max(1, Math.min(size, 8)));
        }
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (configByte(offset + i) & 0xff);
        }
        return v;
    }

    /** Writes {@code size} bytes at {@code offset}; read-only fields ignore it. */
    public final void writeConfig(int offset, long value, int size) {
        if (offset < 0 || size <= 0 || offset + size > configSize()) {
            return;
        }
        for (int i = 0; i < size; i++) {
            writeConfigByte(offset + i, (int) (value >>> (8 * i)) & 0xff);
        }
    }

    protected abstract int configByte(int offset);

    protected void writeConfigByte(int offset, int value) {
    }
}
