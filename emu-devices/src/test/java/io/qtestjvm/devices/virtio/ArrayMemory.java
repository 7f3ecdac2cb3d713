package io.qtestjvm.devices.virtio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Guest RAM for tests: a byte array at address 0, with the device's limit at its end; its multi-byte accessors are
 * little-endian unless {@link #bigEndian} switched them (a legacy driver on a big-endian guest).
 */
final class ArrayMemory implements GuestMemory {
    final byte[] ram;
    private ByteBuffer le;

    ArrayMemory(int size) {
        ram = new byte[size];
        le = ByteBuffer.wrap(ram).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The accessors write and read the guest's big-endian order from now on. */
    ArrayMemory bigEndian() {
        le = ByteBuffer.wrap(ram).order(ByteOrder.BIG_ENDIAN);
        return this;
    }

    @Override
    public void read(long address, byte[] dst, int offset, int length) {
        for (int i = 0; i < length; i++) {
            long a = address + i;
            dst[offset + i] = a >= 0 && a < ram.length ? ram[(int) a] : 0;
        }
    }

    @Override
    public void write(long address, byte[] src, int offset, int length) {
        for (int i = 0; i < length; i++) {
            long a = address + i;
            if (a >= 0 && a < ram.length) {
                ram[(int) a] = src[offset + i];
            }
        }
    }

    @Override
    public long limit() {
        return ram.length;
    }

    int u16(long a) {
        return le.getShort((int) a) & 0xffff;
    }

    long u32(long a) {
        return le.getInt((int) a) & 0xffffffffL;
    }

    void put16(long a, int v) {
        le.putShort((int) a, (short) v);
    }

    void put32(long a, long v) {
        le.putInt((int) a, (int) v);
    }

    void put64(long a, long v) {
        le.putLong((int) a, v);
    }

    /** Writes a split-ring descriptor (virtio 1.2 §2.7.5). */
    void desc(long table, int i, long addr, long len, int flags, int next) {
        long d = table + 16L * i;
        put64(d, addr);
        put32(d + 8, len);
        put16(d + 12, flags);
        put16(d + 14, next);
    }
}
