package io.qtestjvm.memory;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Guest RAM allocated lazily in 64 KiB chunks of Agrona {@link UnsafeBuffer}s, so that a large {@code -m} costs
 * nothing until the guest (or a test) touches it. Untouched memory reads as zero.
 */
public final class SparseRam {
    static final int CHUNK_SHIFT = 16;
    static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;
    static final int CHUNK_MASK = CHUNK_SIZE - 1;

    private final long size;
    private final UnsafeBuffer[] chunks;
    private int allocatedChunks;

    public SparseRam(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("RAM size " + size + " must be positive");
        }
        long count = (size + CHUNK_MASK) >>> CHUNK_SHIFT;
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("RAM size " + size + " exceeds the supported maximum");
        }
        this.size = size;
        this.chunks = new UnsafeBuffer[(int) count];
    }

    public long size() {
        return size;
    }

    /** Chunks allocated so far (memory actually in use is this times 64 KiB). */
    public int allocatedChunks() {
        return allocatedChunks;
    }

    private UnsafeBuffer chunkForWrite(int index) {
        UnsafeBuffer c = chunks[index];
        if (c == null) {
            c = new UnsafeBuffer(new byte[CHUNK_SIZE]);
            chunks[index] = c;
            allocatedChunks++;
        }
        return c;
    }

    public byte readByte(long offset) {
        UnsafeBuffer c = chunks[(int) (offset >>> CHUNK_SHIFT)];
        return c == null ? 0 : c.getByte((int) (offset & CHUNK_MASK));
    }

    public void writeByte(long offset, byte value) {
        chunkForWrite((int) (offset >>> CHUNK_SHIFT)).putByte((int) (offset & CHUNK_MASK), value);
    }

    /** Reads {@code size} (1, 2, 4, 8) bytes at {@code offset} as an unsigned value in the given byte order. */
    public long load(long offset, int size, boolean bigEndian) {
        int within = (int) (offset & CHUNK_MASK);
        if (within + size <= CHUNK_SIZE) {
            UnsafeBuffer c = chunks[(int) (offset >>> CHUNK_SHIFT)];
            if (c == null) {
                return 0;
            }
            ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            return switch (size) {
                case 1 -> c.getByte(within) & 0xffL;
                case 2 -> c.getShort(within, order) & 0xffffL;
                case 4 -> c.getInt(within, order) & 0xffff_ffffL;
                default -> c.getLong(within, order);
            };
        }
        long v = 0;
        for (int i = 0; i < size; i++) {
            long b = readByte(offset + i) & 0xffL;
            v |= bigEndian ? b << ((size - 1 - i) * 8) : b << (i * 8);
        }
        return v;
    }

    public void store(long offset, int size, long value, boolean bigEndian) {
        int within = (int) (offset & CHUNK_MASK);
        if (within + size <= CHUNK_SIZE) {
            UnsafeBuffer c = chunkForWrite((int) (offset >>> CHUNK_SHIFT));
            ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            switch (size) {
                case 1 -> c.putByte(within, (byte) value);
                case 2 -> c.putShort(within, (short) value, order);
                case 4 -> c.putInt(within, (int) value, order);
                default -> c.putLong(within, value, order);
            }
            return;
        }
        for (int i = 0; i < size; i++) {
            int shift = bigEndian ? (size - 1 - i) * 8 : i * 8;
            writeByte(offset + i, (byte) (value >>> shift));
        }
    }

    public void read(long offset, byte[] dst, int dstOff, int len) {
        while (len > 0) {
            int within = (int) (offset & CHUNK_MASK);
            int n = Math.min(len, CHUNK_SIZE - within);
            UnsafeBuffer c = chunks[(int) (offset >>> CHUNK_SHIFT)];
            if (c == null) {
                java.util.Arrays.fill(dst, dstOff, dstOff + n, (byte) 0);
            } else {
                c.getBytes(within, dst, dstOff, n);
            }
            offset += n;
            dstOff += n;
            len -= n;
        }
    }

    public void write(long offset, byte[] src, int srcOff, int len) {
        while (len > 0) {
            int within = (int) (offset & CHUNK_MASK);
            int n = Math.min(len, CHUNK_SIZE - within);
            chunkForWrite((int) (offset >>> CHUNK_SHIFT)).putBytes(within, src, srcOff, n);
            offset += n;
            srcOff += n;
            len -= n;
        }
    }

    public void fill(long offset, long len, byte value) {
        while (len > 0) {
            int within = (int) (offset & CHUNK_MASK);
            int n = (int) Math.min(len, CHUNK_SIZE - within);
            int index = (int) (offset >>> CHUNK_SHIFT);
            if (value != 0 || chunks[index] != null) {
                chunkForWrite(index).setMemory(within, n, value);
            }
            offset += n;
            len -= n;
        }
    }
}
