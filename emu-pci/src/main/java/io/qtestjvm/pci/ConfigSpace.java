package io.qtestjvm.pci;

import java.util.Arrays;

/**
 * The 256-byte configuration space of one function (PCI Local Bus Specification 3.0, 6.1) with the access attribute
 * of every bit, as the PCI Express Base Specification names them (7.4, "Configuration Register Types"): a bit is
 * read-only unless it is marked read-write ({@link #makeReadWrite}) or write-1-to-clear ({@link #makeWriteOneToClear}).
 * A third attribute, {@link #markHardwareInitialized}, records the bytes that identify the function or describe its
 * resources (6.2.1 identification, 6.2.5 base address registers, 6.7 capabilities): read-only to software,
 * set by the device model.
 *
 * <p>Values are little-endian (6.1: "the configuration space is little-endian"). Accessors take an offset and a
 * width of 1, 2, 4 or 8 bytes; the caller keeps {@code offset + width <= 256}.
 */
final class ConfigSpace {
    static final int SIZE = PciRegs.CONFIG_SPACE_SIZE;

    private final byte[] value = new byte[SIZE];
    private final byte[] readWrite = new byte[SIZE];
    private final byte[] writeOneToClear = new byte[SIZE];
    private final byte[] hardwareInitialized = new byte[SIZE];

    /** The current value of {@code width} bytes at {@code offset}. */
    long get(int offset, int width) {
        return load(value, offset, width);
    }

    /** Sets {@code width} bytes at {@code offset} as the device does: no attribute applies. */
    void set(int offset, int width, long v) {
        store(value, offset, width, v);
    }

    int getByte(int offset) {
        return value[offset] & 0xff;
    }

    void setByte(int offset, int v) {
        value[offset] = (byte) v;
    }

    void setBits(int offset, int width, long bits) {
        set(offset, width, get(offset, width) | bits);
    }

    void clearBits(int offset, int width, long bits) {
        set(offset, width, get(offset, width) & ~bits);
    }

    /** Marks {@code bits} of the {@code width} bytes at {@code offset} read-write (the other bits read-only). */
    void makeReadWrite(int offset, int width, long bits) {
        store(readWrite, offset, width, bits);
    }

    /** Makes the {@code len} bytes from {@code offset} read-only. */
    void makeReadOnly(int offset, int len) {
        Arrays.fill(readWrite, offset, offset + len, (byte) 0);
    }

    /** Makes every byte from {@code offset} to the end read-write. */
    void makeReadWriteFrom(int offset) {
        Arrays.fill(readWrite, offset, SIZE, (byte) 0xff);
    }

    void makeWriteOneToClear(int offset, int width, long bits) {
        store(writeOneToClear, offset, width, bits);
    }

    void markHardwareInitialized(int offset, int width, long bits) {
        store(hardwareInitialized, offset, width, bits);
    }

    void markHardwareInitializedRange(int offset, int len) {
        Arrays.fill(hardwareInitialized, offset, offset + len, (byte) 0xff);
    }

    long readWriteBits(int offset, int width) {
        return load(readWrite, offset, width);
    }

    long writeOneToClearBits(int offset, int width) {
        return load(writeOneToClear, offset, width);
    }

    int hardwareInitializedBits(int offset) {
        return hardwareInitialized[offset] & 0xff;
    }

    /**
     * A write by software: read-write bits take the new value, write-1-to-clear bits written as 1 clear, read-only
     * bits keep theirs.
     */
    void write(int offset, int width, long v) {
        for (int i = 0; i < width; i++) {
            int at = offset + i;
            int in = (int) (v >>> (8 * i)) & 0xff;
            int rw = readWrite[at] & 0xff;
            int kept = (value[at] & 0xff) & ~rw;
            value[at] = (byte) ((kept | (in & rw)) & ~(in & writeOneToClear[at] & 0xff));
        }
    }

    /** Whether {@code [a, a + alen)} and {@code [b, b + blen)} share a byte. */
    static boolean overlap(int a, int alen, int b, int blen) {
        return a < b + blen && b < a + alen;
    }

    static long load(byte[] bytes, int offset, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = (v << 8) | (bytes[offset + i] & 0xff);
        }
        return v;
    }

    static void store(byte[] bytes, int offset, int width, long v) {
        for (int i = 0; i < width; i++) {
            bytes[offset + i] = (byte) (v >>> (8 * i));
        }
    }
}
