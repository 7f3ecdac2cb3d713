package io.qtestjvm.memory;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Guest RAM the way QEMU has it: address space reserved outside the Java heap ({@link AnonymousMapping}: a
 * private mapping of an unlinked sparse file, or an anonymous {@code mmap} with {@code MAP_NORESERVE}), committed by
 * the host kernel page by page on first write, so
 * that a large {@code -m} costs nothing until the guest (or a test) touches it and the Java heap stays small.
 * Untouched memory reads as zero.
 *
 * <p>The reservation is made on the first write (reads before it answer zero without it), so that a machine nobody
 * writes to pays for no mapping. Accesses go through the JDK's direct {@link ByteBuffer} views of the mapping, one
 * per 1 GiB window (a buffer's capacity is an {@code int}), little endian, swapped for a big-endian access; only an
 * access straddling two windows takes the byte-by-byte path. Not Agrona's {@code UnsafeBuffer}: Agrona binds each of
 * its accessors to the JDK's {@code Unsafe} through an {@code invokedynamic} bootstrap at its first use, whose method
 * handles the JDK spins as classes: 8-12 ms of CPU in every short-lived stand-in that touches RAM, more than its
 * whole qtest session otherwise costs (measured in docs/performance.md, sixth round). A bitmap records which 64 KiB
 * chunks have been written ({@link #allocatedChunks()}), so that zero fills skip memory never written and never
 * commit it.
 *
 * <p>A process that knows it will write its RAM may have the mapping made ahead, on another thread
 * ({@link #prepare()}): the first write then takes it over (or, if it comes first, makes its own and the prepared one
 * is given back).
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
    private final ByteBuffer[] windows;
    /** One bit per 64 KiB chunk written. */
    private final long[] written;
    private int allocatedChunks;
    /** Null until a page is first watched; then one bit per slot of watched pages. */
    private long[] watched;
    private long watchEpoch;
    private AnonymousMapping mapping;
    /**
     * A mapping made ahead by {@link #prepare()}, or {@link #TAKEN} once the first write or {@link #close()} has
     * looked here (a mapping prepared after that is given back); null before.
     */
    private final AtomicReference<Object> prepared = new AtomicReference<>();
    private static final Object TAKEN = new Object();
    /** Where the first writes of a test usually land (libqos' allocators start at 1 MiB): touched by prepare. */
    private static final long FIRST_WRITES = 1 << 20;
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
        this.windows = new ByteBuffer[(int) ((size + WINDOW_MASK) >>> WINDOW_SHIFT)];
        this.written = new long[(int) ((count + 63) >>> 6)];
    }

    /**
     * Readies the first write ahead of time, e.g. on a background thread: links the mapping call where one is needed
     * (tens of milliseconds of CPU) and has the JDK set up its memory-segment support, whose method handles it spins
     * as classes the first time (1-3 ms of CPU).
     */
    public static void linkNativeCalls() {
        AnonymousMapping.link();
        ByteBuffer unused = MemorySegment.ofArray(new byte[8]).asByteBuffer();
    }

    /**
     * Makes the mapping ahead of the first write, from any thread, and reads a byte of it where tests write first
     * (libqos' guest allocators start at 1 MiB), so that the host kernel's read-around of the file (up to the disk's
     * read-ahead size of zero-filled pages) happens here too. Does nothing once RAM is mapped or closed, or when the
     * host refuses the mapping (the first write reports that).
     */
    public void prepare() {
        if (prepared.get() != null) {
            return;
        }
        AnonymousMapping m;
        try {
            m = AnonymousMapping.reserve(this, size);
        } catch (IllegalStateException e) {
            return;
        }
        // touched before it is published: nobody else can release it meanwhile
        byte unused = m.segment().asSlice(Math.min(FIRST_WRITES, size - 1), 1).asByteBuffer().get(0);
        if (!prepared.compareAndSet(null, m)) {
            m.release();
        }
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
        if (prepared.getAndSet(TAKEN) instanceof AnonymousMapping unused) {
            unused.release(); // prepared and never written
        }
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
        AnonymousMapping m = prepared.getAndSet(TAKEN) instanceof AnonymousMapping ahead ? ahead
                : AnonymousMapping.reserve(this, size);
        MemorySegment all = m.segment();
        for (int i = 0; i < windows.length; i++) {
            long start = (long) i << WINDOW_SHIFT;
            windows[i] = all.asSlice(start, Math.min(WINDOW_SIZE, size - start)).asByteBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
        mapping = m;
    }

    private ByteBuffer windowForWrite(long offset) {
        ByteBuffer w = windows[(int) (offset >>> WINDOW_SHIFT)];
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
        ByteBuffer w = windows[(int) (offset >>> WINDOW_SHIFT)];
        return w == null ? 0 : w.get((int) (offset & WINDOW_MASK));
    }

    public void writeByte(long offset, byte value) {
        windowForWrite(offset).put((int) (offset & WINDOW_MASK), value);
        markWritten(offset);
        written(offset, 1);
    }

    /** Reads {@code size} (1, 2, 4, 8) bytes at {@code offset} as an unsigned value in the given byte order. */
    public long load(long offset, int size, boolean bigEndian) {
        int within = (int) (offset & WINDOW_MASK);
        if (within + size <= WINDOW_SIZE) {
            ByteBuffer w = windows[(int) (offset >>> WINDOW_SHIFT)];
            if (w == null) {
                return 0;
            }
            return switch (size) {
                case 1 -> w.get(within) & 0xffL;
                case 2 -> (bigEndian ? Short.reverseBytes(w.getShort(within)) : w.getShort(within)) & 0xffffL;
                case 4 -> (bigEndian ? Integer.reverseBytes(w.getInt(within)) : w.getInt(within)) & 0xffff_ffffL;
                default -> bigEndian ? Long.reverseBytes(w.getLong(within)) : w.getLong(within);
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
            ByteBuffer w = windowForWrite(offset);
            switch (size) {
                case 1 -> w.put(within, (byte) value);
                case 2 -> w.putShort(within, bigEndian ? Short.reverseBytes((short) value) : (short) value);
                case 4 -> w.putInt(within, bigEndian ? Integer.reverseBytes((int) value) : (int) value);
                default -> w.putLong(within, bigEndian ? Long.reverseBytes(value) : value);
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
            ByteBuffer w = windows[(int) (offset >>> WINDOW_SHIFT)];
            if (w == null) {
                java.util.Arrays.fill(dst, dstOff, dstOff + n, (byte) 0);
            } else {
                w.get(within, dst, dstOff, n);
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
            windowForWrite(offset).put(within, src, srcOff, n);
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
                windowForWrite(offset); // maps the RAM on its first write
                mapping.segment().asSlice(offset, n).fill(value);
                markWritten(offset);
            }
            offset += n;
            len -= n;
        }
    }
}
