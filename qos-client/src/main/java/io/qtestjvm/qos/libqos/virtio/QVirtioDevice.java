package io.qtestjvm.qos.libqos.virtio;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestException;

/**
 * A virtio device as its driver sees it (virtio 1.2 3.1 "Device Initialization"), over any {@link QVirtioBus}:
 * reset and the status handshake, feature negotiation, queue set-up in either layout, and the waits a test needs.
 * <p>
 * Waiting: a test waits for a used buffer together with its interrupt, as a guest would. Each round first looks, then
 * moves the virtual clock by 100 ns ({@code clock_step}); a backend without the command (QEMU under
 * {@code -accel tcg -S}) gets plain polling instead, since its I/O completes in its main loop between commands. The
 * limit is wall-clock time, {@link #TIMEOUT_NS}.
 */
public final class QVirtioDevice {
    public static final long TIMEOUT_NS = 30_000_000_000L;
    private static final long STEP_NS = 100;

    private final QVirtioBus bus;
    private long features;
    private boolean featuresNegotiated;
    private boolean clockMoves = true;

    public QVirtioDevice(QVirtioBus bus) {
        this.bus = bus;
    }

    public QVirtioBus bus() {
        return bus;
    }

    public QTestState qts() {
        return bus.qts();
    }

    public int deviceType() {
        return bus.deviceType();
    }

    /** 2.4.1 / 2.7.1: rings and config are little-endian once VERSION_1 is negotiated (always on modern buses). */
    public boolean littleEndianRings() {
        return bus.modern() || (features & VirtioSpec.F_VERSION_1) != 0;
    }

    public boolean negotiated(long feature) {
        return featuresNegotiated && (features & feature) == feature;
    }

    public long driverFeatures() {
        return features;
    }

    // ---- 3.1.1 Driver Requirements: Device Initialization ----

    /** Steps 1-3: reset (and check it read back 0), ACKNOWLEDGE, DRIVER, each checked. */
    public void start() {
        bus.status(0);
        expectStatus(0, "after reset");
        bus.status(VirtioSpec.STATUS_ACKNOWLEDGE);
        expectStatus(VirtioSpec.STATUS_ACKNOWLEDGE, "after ACKNOWLEDGE");
        bus.status(VirtioSpec.STATUS_ACKNOWLEDGE | VirtioSpec.STATUS_DRIVER);
        expectStatus(VirtioSpec.STATUS_ACKNOWLEDGE | VirtioSpec.STATUS_DRIVER, "after DRIVER");
        features = 0;
        featuresNegotiated = false;
    }

    public long deviceFeatures() {
        return bus.deviceFeatures();
    }

    /**
     * Steps 4-6: writes {@code f} (never bit 30) and, on a modern interface, sets FEATURES_OK and checks the device
     * kept it. A modern interface requires VERSION_1 (6.1), which is added when missing.
     */
    public void setFeatures(long f) {
        if ((f & VirtioSpec.F_BAD_FEATURE) != 0) {
            throw new AssertionError("driver features 0x" + Long.toHexString(f) + " include bit 30");
        }
        if (bus.modern()) {
            f |= VirtioSpec.F_VERSION_1;
        }
        bus.driverFeatures(f);
        features = f;
        featuresNegotiated = true;
        if (bus.modern()) {
            bus.status(bus.status() | VirtioSpec.STATUS_FEATURES_OK);
            int s = bus.status();
            if ((s & VirtioSpec.STATUS_FEATURES_OK) == 0) {
                throw new AssertionError(bus + ": FEATURES_OK not kept for features 0x" + Long.toHexString(f)
                        + ", status 0x" + Integer.toHexString(s));
            }
        }
    }

    /** Step 8: DRIVER_OK, checked (with FEATURES_OK on modern interfaces). */
    public void driverOk() {
        bus.status(bus.status() | VirtioSpec.STATUS_DRIVER_OK);
        int want = VirtioSpec.STATUS_ACKNOWLEDGE | VirtioSpec.STATUS_DRIVER | VirtioSpec.STATUS_DRIVER_OK
                | (bus.modern() ? VirtioSpec.STATUS_FEATURES_OK : 0);
        expectStatus(want, "after DRIVER_OK");
    }

    public int status() {
        return bus.status();
    }

    private void expectStatus(int want, String when) {
        int s = bus.status();
        if (s != want) {
            throw new AssertionError(bus + ": status 0x" + Integer.toHexString(s) + " " + when + ", expected 0x"
                    + Integer.toHexString(want));
        }
    }

    // ---- step 7: virtqueues ----

    /** A split queue {@code index} of the size the device offers, live on the device. */
    public SplitVirtQueue setupQueue(GuestAllocator alloc, int index) {
        int size = bus.queueMaxSize(index);
        int align = bus.queueAlign();
        long base = alloc.alloc(SplitVirtQueue.bytes(size, align) + align);
        base = (base + align - 1) & -(long) align;
        SplitVirtQueue vq = new SplitVirtQueue(this, index, size, base, align);
        bus.queueActivate(vq);
        return vq;
    }

    /** A packed queue (needs RING_PACKED negotiated, 2.8). */
    public PackedVirtQueue setupPackedQueue(GuestAllocator alloc, int index) {
        if (!negotiated(VirtioSpec.F_RING_PACKED)) {
            throw new IllegalStateException("RING_PACKED not negotiated");
        }
        int size = bus.queueMaxSize(index);
        long base = alloc.alloc(PackedVirtQueue.bytes(size) + 16);
        base = (base + 15) & -16L;
        PackedVirtQueue vq = new PackedVirtQueue(this, index, size, base);
        bus.queueActivate(vq);
        return vq;
    }

    /** The queue in the layout the negotiated features ask for. */
    public QVirtQueue setupAnyQueue(GuestAllocator alloc, int index) {
        return negotiated(VirtioSpec.F_RING_PACKED) ? setupPackedQueue(alloc, index) : setupQueue(alloc, index);
    }

    public void cleanupQueue(QVirtQueue vq) {
        bus.queueDeactivate(vq.index());
    }

    // ---- waits ----

    /** Lets the device run: 100 ns of virtual time, or a short pause where the clock does not move. */
    public void step() {
        if (clockMoves) {
            try {
                qts().clockStep(STEP_NS);
                return;
            } catch (QtestException e) {
                if (!String.valueOf(e.getMessage()).contains("Unknown command")) {
                    throw e;
                }
                clockMoves = false;
            }
        }
        Thread.onSpinWait();
        try {
            Thread.sleep(0, 200_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the device", e);
        }
    }

    /**
     * The wait of a poll whose look failed: {@link #step()}, and the transport is told the poll looks again (a
     * recorder marks the failed look; trace-diff compares a poll by its last look). A poll starts with
     * {@link QTestState#pollBegin()}.
     */
    public void retry() {
        step();
        qts().pollRetry();
    }

    /**
     * Waits for a queue interrupt, then for the used buffer {@code id} (the device makes a buffer used before it
     * interrupts, 2.7.14); fails on another ID or after
     * {@link #TIMEOUT_NS}.
     */
    public UsedElem waitUsed(QVirtQueue vq, int id) {
        qts().pollBegin();
        long end = System.nanoTime() + TIMEOUT_NS;
        boolean interrupted = false;
        while (true) {
            interrupted |= bus.queueInterrupt(vq);
            if (interrupted) {
                UsedElem e = vq.getBuf();
                if (e != null) {
                    if (e.id() != id) {
                        throw new AssertionError(vq + ": used buffer " + e.id() + ", expected " + id);
                    }
                    return e;
                }
            }
            if (System.nanoTime() > end) {
                throw new AssertionError(vq + ": buffer " + id + " not signalled within 30 s (interrupt "
                        + interrupted + ", used buffer waiting " + vq.hasUsed() + ")");
            }
            retry();
        }
    }

    /** Waits until the queue interrupt of {@code vq} arrives. */
    public void waitQueueInterrupt(QVirtQueue vq) {
        qts().pollBegin();
        long end = System.nanoTime() + TIMEOUT_NS;
        while (!bus.queueInterrupt(vq)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(vq + ": no queue interrupt within 30 s");
            }
            retry();
        }
    }

    /** Waits for a configuration-change interrupt. */
    public void waitConfigInterrupt() {
        qts().pollBegin();
        long end = System.nanoTime() + TIMEOUT_NS;
        while (!bus.configInterrupt()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(bus + ": no configuration interrupt within 30 s");
            }
            retry();
        }
    }

    /** Waits until the byte at {@code addr} changes from 0xff while the queue raises no interrupt; answers it. */
    public int waitStatusByteNoInterrupt(QVirtQueue vq, long addr) {
        qts().pollBegin();
        long end = System.nanoTime() + TIMEOUT_NS;
        int b;
        while ((b = qts().readb(addr) & 0xff) == 0xff) {
            if (System.nanoTime() > end) {
                throw new AssertionError(vq + ": status byte still 0xff after 30 s");
            }
            step();
            if (bus.queueInterrupt(vq)) {
                throw new AssertionError(vq + ": interrupt while the driver asked for none");
            }
            qts().pollRetry(); // the wait and its check belong to the failed look
        }
        return b;
    }

    /** Waits until the device sets NEEDS_RESET (2.1.2); answers the status. */
    public int waitNeedsReset() {
        qts().pollBegin();
        long end = System.nanoTime() + TIMEOUT_NS;
        int s;
        while (((s = bus.status()) & VirtioSpec.STATUS_NEEDS_RESET) == 0) {
            if (System.nanoTime() > end) {
                throw new AssertionError(bus + ": NEEDS_RESET not set within 30 s, status 0x"
                        + Integer.toHexString(s));
            }
            retry();
        }
        return s;
    }

    @Override
    public String toString() {
        return bus.toString();
    }
}
