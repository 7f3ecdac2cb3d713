package io.qtestjvm.devices.virtio;

/**
 * Loads and stores of the little fixed-size fields of the rings in guest memory, in the byte order the driver
 * uses: little-endian for a driver that negotiated VIRTIO_F_VERSION_1, the guest's native order for a legacy one
 * (virtio 1.2 §2.4 and §7.4 "Legacy Interface: Basic Facilities of a Virtio Device"). One scratch buffer, so no
 * field access allocates.
 */
final class RingAccess {
    private final GuestMemory memory;
    private final byte[] scratch = new byte[8];
    private boolean bigEndian;

    RingAccess(GuestMemory memory) {
        this.memory = memory;
    }

    GuestMemory memory() {
        return memory;
    }

    void setBigEndian(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    int u16(long address) {
        return (int) load(address, 2);
    }

    long u32(long address) {
        return load(address, 4);
    }

    long u64(long address) {
        return load(address, 8);
    }

    void putU16(long address, int value) {
        store(address, value, 2);
    }

    void putU32(long address, long value) {
        store(address, value, 4);
    }

    private long load(long address, int size) {
        memory.read(address, scratch, 0, size);
        long v = 0;
        for (int i = 0; i < size; i++) {
            int b = scratch[bigEndian ? i : size - 1 - i] & 0xff;
            v = (v << 8) | b;
        }
        return v;
    }

    private void store(long address, long value, int size) {
        for (int i = 0; i < size; i++) {
            scratch[bigEndian ? size - 1 - i : i] = (byte) (value >>> (8 * i));
        }
        memory.write(address, scratch, 0, size);
    }
}
