package io.qtestjvm.qos.libqos.virtio;

import io.qtestjvm.qos.libqtest.QTestState;

/**
 * The operations of one virtio transport, seen from the driver (virtio 1.2 chapter 4: 4.1 PCI, 4.2 MMIO). One
 * implementation per transport and interface version ({@link VirtioPciModern}, {@link VirtioPciLegacy},
 * {@link VirtioMmio}). As the review of the 2014 RFC says, a notification is a kick of a queue index
 * ({@link #notifyQueue}), not an interrupt; interrupts go the other way and are read with {@link #queueInterrupt}
 * and {@link #configInterrupt}.
 */
public interface QVirtioBus {
    QTestState qts();

    /** The virtio device ID (5) the transport reports. */
    int deviceType();

    /** Whether this interface is a virtio 1.x one (modern PCI, MMIO version 2): VERSION_1 must then be accepted. */
    boolean modern();

    // device configuration space (2.5): little-endian for modern interfaces, guest-endian for legacy ones
    int configReadb(int off);

    int configReadw(int off);

    int configReadl(int off);

    long configReadq(int off);

    /** 2.5.1: the configuration generation, 0 on interfaces without one. */
    int configGeneration();

    /** 2.2: all device feature bits (bits 0-31 only on legacy interfaces). */
    long deviceFeatures();

    /** 2.2: writes the driver's feature bits. */
    void driverFeatures(long features);

    /** 2.1 */
    int status();

    /** 2.1: writing 0 resets the device (2.4). */
    void status(int value);

    /** Queue interrupt pending for {@code vq} (ISR bit 0 read-to-clear, or its MSI-X vector fired); consumes it. */
    boolean queueInterrupt(QVirtQueue vq);

    /** Configuration-change interrupt pending (ISR bit 1 or the config MSI-X vector); consumes it. */
    boolean configInterrupt();

    /** Selects queue {@code index} and answers its maximum size (0: the queue does not exist). */
    int queueMaxSize(int index);

    /**
     * Programs the selected queue with {@code vq}'s size and addresses and makes it live (QueueReady / queue_enable
     * on modern interfaces, the page frame number on legacy ones).
     */
    void queueActivate(QVirtQueue vq);

    /** Selects queue {@code index} and makes it not live again (address 0 / QueueReady 0). */
    void queueDeactivate(int index);

    /** 2.7.13 / 2.8.23: the available-buffer notification of queue {@code index}. */
    void notifyQueue(int index);

    /** The alignment the used ring needs on this interface (legacy: 4096 or the page size told to the device). */
    default int queueAlign() {
        return VirtqLayout.LEGACY_ALIGN;
    }
}
