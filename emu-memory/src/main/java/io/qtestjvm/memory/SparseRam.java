package io.qtestjvm.memory;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Guest RAM the way QEMU has it: address space reserved outside the Java heap ({@link AnonymousMapping}: a
 * private mapping of an unlinked sparse file, or an anonymous {@code mmap} with {@code MAP_NORESERVE}), committed by
 * the host kernel page by page on first write, so
 * that a large {@code -m} costs nothing until the guest (or a test) touches it and the Java heap stays small.
 * Untouched memory reads as zero.
 *
 * <p>The reservation is made on the first write (reads before it answer zero without it), so that a machine nobody
 * writes to pays for no mapping. Accesses go through Agrona
 * {@link UnsafeBuffer} flyweights, one per 1 GiB window of the mapping (a buffer's capacity is an {@code int});
 * only an access straddling two windows takes the byte-by-byte path. A bitmap records which 64 KiB chunks have
 * been written ({@link #allocatedChunks()}), so that zero fills skip memory never written and never commit it.
 *
 * <p>{@link #close()} unmaps the memory; RAM nobody closed is unmapped when it becomes unreachable.
 */
public final class SparseRam implements AutoCloseable {
    /**
     * The system property by which a process asks for file-backed guest RAM ({@code file}; see
     * {@link AnonymousMapping}): the stand-in's process sets it, one machine per JVM, where linking FFM's
     * {@code mmap} would cost every process tens of milliseconds of CPU.
     */
    public static final String BACKING_PROPERTY = "qtestjvm.ram-backing";

    static final int CHUNK_SHIFT = 16;
    static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;
    static final int CHUNK_MASK = CHUNK_SIZE - 1;
    static final int WINDOW_SHIFT = 30;
    static final int WINDOW_SIZE = 1 << WINDOW_SHIFT;
    static final int WINDOW_MASK = WINDOW_SIZE - 1;
    /** Watched pages ({@link #watchPage}) are 4 KiB, hashed into this many bits. */
    static final int WATCH_SLOTS = 1 << 15;
    static final int WATCH_PAGE_SHIFT = 12;

    private final long size;
    /** Null until the first write maps the RAM, and again after {@link #close()}. */
    private final UnsafeBuffer[] windows;
    /** One bit per 64 KiB chunk written. */
    private final long[] written;
    private int allocatedChunks;
    /** Null until a page is first watched; then one bit per slot of watched pages. */
    private long[] watched;
    private long watchEpoch;
    private AnonymousMapping mapping;
    private boolean closed;

    public SparseRam(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("RAM size " + size + " must be positive");
        }
        long count = (size + CHUNK_MASK) >>> CHUNK_SHIFT;
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("RAM size " + size + " exceeds the supported maximum");
        }
        this.size = size;
        this.windows = new UnsafeBuffer[(int) ((size + WINDOW_MASK) >>> WINDOW_SHIFT)];
        this.written = new long[(int) ((count + 63) >>> 6)];
    }

    /** Links the mapping call ahead of the first write (tens of milliseconds of CPU), e.g. on a background thread. */
    public static void linkNativeCalls() {
        AnonymousMapping.link();
    }

    public long size() {
        return size;
    }

    /** 64 KiB chunks written so far: an upper bound of the memory committed, in units of 64 KiB. */
    public int allocatedChunks() {
        return allocatedChunks;
    }

    /** Whether the address space is reserved (after the first write, until {@link #close()}). */
    public boolean mapped() {
        return mapping != null;
    }

    /**
     * Watches the 4 KiB page holding {@code offset}: from now on every write to it (and, rarely, to a page sharing
     * its hash slot) changes {@link #watchEpoch()}, as does {@link #close()}. A cache of something read from guest
     * RAM (the SMMU's memo of translation table walks) watches what it read and is exact while the epoch stands.
     */
    public void watchPage(long offset) {
        long[] w = watched;
        if (w == null) {
            w = new long[WATCH_SLOTS / 64];
            watched = w;
        }
        int slot = (int) (offset >>> WATCH_PAGE_SHIFT) & (WATCH_SLOTS - 1);
        w[slot >>> 6] |= 1L << slot;
    }

    /** Changes whenever a watched page may have been written. */
    public long watchEpoch() {
        return watchEpoch;
    }

    private void written(long offset, long len) {
        long[] w = watched;
        if (w == null) {
            return;
        }
        long first = offset >>> WATCH_PAGE_SHIFT;
        long last = (offset + len - 1) >>> WATCH_PAGE_SHIFT;
        if (last - first >= WATCH_SLOTS) {
            watchEpoch++;
            return;
        }
        for (long p = first; p <= last; p++) {
            int slot = (int) p & (WATCH_SLOTS - 1);
            if ((w[slot >>> 6] & 1L << slot) != 0) {
                watchEpoch++;
                return;
            }
        }
    }

    /** Unmaps the RAM; idempotent. Reads answer zero afterwards and writes throw {@link IllegalStateException}. */
    @Override
    public void close() {
        watchEpoch++;
        closed = true;
        java.util.Arrays.fill(windows, null);
        if (mapping != null) {
            AnonymousMapping m = mapping;
            mapping = null;
            m.release();
        }
    }

    private void map() {
        if (closed) {
            throw new IllegalStateException("guest RAM was released");
        }
        AnonymousMapping m = AnonymousMapping.reserve(this, size);
        for (int i = 0; i < windows.length; i++) {
            long start = (long) i << WINDOW_SHIFT;
            windows[i] = new UnsafeBuffer(m.address() + start, (int) Math.min(WINDOW_SIZE, size - start));
        }
        mapping = m;
    }

    private UnsafeBuffer windowForWrite(long offset) {
        UnsafeBuffer w = windows[(int) (offset >>> WINDOW_SHIFT)];
        if (w == null) {
            map();
            w = windows[(int) (offset >>> WINDOW_SHIFT)];
        }
        return w;
    }

    private void markWritten(long offset) {
        int chunk = (int) (offset >>> CHUNK_SHIFT);
        long bit = 1L << chunk;
        int word = chunk >>> 6;
        if ((written[word] & bit) == 0) {
            written[word] |= bit;
            allocatedChunks++;
        }
    }

    private void markWritten(long offset, long len) {
        long last = offset + len - 1;
        for (long c = offset >>> CHUNK_SHIFT; c <= last >>> CHUNK_SHIFT; c++) {
            markWritten(c << CHUNK_SHIFT);
        }
    }

    private boolean chunkWritten(long offset) {
        int chunk = (int) (offset >>> CHUNK_SHIFT);
        return (written[chunk >>> 6] & (1L << chunk)) != 0;
    }

    public byte readByte(long offset) {
        UnsafeBuffer w = windows[(int) (offset >>> WINDOW_SHIFT)];
        return w == null ? 0 : w.getByte((int) (offset & WINDOW_MASK));
    }

    public void writeByte(long offset, byte value) {
        windowForWrite(offset).putByte((int) (offset & WINDOW_MASK), value);
        markWritten(offset);
        written(offset, 1);
    }

    /** Reads {@code size} (1, 2, 4, 8) bytes at {@code offset} as an unsigned value in the given byte order. */
    public long load(long offset, int size, boolean bigEndian) {
        int within = (int) (offset & WINDOW_MASK);
        if (within + size <= WINDOW_SIZE) {
            UnsafeBuffer w = windows[(int) (offset >>> WINDOW_SHIFT)];
            if (w == null) {
                return 0;
            }
            ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            return switch (size) {
                case 1 -> w.getByte(within) & 0xffL;
                case 2 -> w.getShort(within, order) & 0xffffL;
                case 4 -> w.getInt(within, order) & 0xffff_ffffL;
                default -> w.getLong(within, order);
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
        int within = (int) (offset & WINDOW_MASK);
        if (within + size <= WINDOW_SIZE) {
            UnsafeBuffer w = windowForWrite(offset);
            ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            switch (size) {
                case 1 -> w.putByte(within, (byte) value);
                case 2 -> w.putShort(within, (short) value, order);
                case 4 -> w.putInt(within, (int) value, order);
                default -> w.putLong(within, value, order);
            }
            markWritten(offset);
            markWritten(offset + size - 1);
            written(offset, size);
            return;
        }
        for (int i = 0; i < size; i++) {
            int shift = bigEndian ? (size - 1 - i) * 8 : i * 8;
            writeByte(offset + i, (byte) (value >>> shift));
        }
    }

    public void read(long offset, byte[] dst, int dstOff, int len) {
        while (len > 0) {
            int within = (int) (offset & WINDOW_MASK);
            int n = (int) Math.min(len, (long) WINDOW_SIZE - within);
            UnsafeBuffer w = windows[(int) (offset >>> WINDOW_SHIFT)];
            if (w == null) {
                java.util.Arrays.fill(dst, dstOff, dstOff + n, (byte) 0);
            } else {
                w.getBytes(within, dst, dstOff, n);
            }
            offset += n;
            dstOff += n;
            len -= n;
        }
    }

    public void write(long offset, byte[] src, int srcOff, int len) {
        if (len <= 0) {
            return;
        }
        markWritten(offset, len);
        written(offset, len);
        while (len > 0) {
            int within = (int) (offset & WINDOW_MASK);
            int n = (int) Math.min(len, (long) WINDOW_SIZE - within);
            windowForWrite(offset).putBytes(within, src, srcOff, n);
            offset += n;
            srcOff += n;
            len -= n;
        }
    }

    /** Fills {@code len} bytes with {@code value}; zeros over chunks never written are skipped (they read zero). */
    public void fill(long offset, long len, byte value) {
        if (len > 0) {
            written(offset, len);
        }
        while (len > 0) {
            int within = (int) (offset & CHUNK_MASK);
            int n = (int) Math.min(len, CHUNK_SIZE - within);
            if (value != 0 || chunkWritten(offset)) {
                windowForWrite(offset).setMemory((int) (offset & WINDOW_MASK), n, value);
                markWritten(offset);
            }
            offset += n;
            len -= n;
        }
    }
}
