package io.qtestjvm.devices.virtio;

/**
 * The device's path to the driver's memory (virtio 1.2 §2.7, §2.8: the rings and the buffers they describe live
 * in guest memory). Addresses where nothing is mapped read as zeros and drop writes; an implementation never throws
 * for a guest address. The ring engine checks ranges against {@link #limit()} and 2^64 wrap-around before calling.
 */
public interface GuestMemory {
    void read(long address, byte[] dst, int offset, int length);

    void write(long address, byte[] src, int offset, int length);

    /**
     * The first address past the memory the device may address, as an unsigned value; {@code 0} means the whole
     * 64-bit space. A buffer reaching past it is a malformed request (virtio 1.2 §2.7.4: a descriptor refers to a
     * buffer in guest memory).
     */
    default long limit() {
        return 0;
    }

    /**
     * How many bytes from {@code address} on, up to {@code length}, are RAM the device can map directly; the rest
     * starts with MMIO or unassigned space, which only a bounce buffer reaches ({@link ChainRequest#map}).
     */
    default long ramBytes(long address, long length) {
        return length;
    }
}
