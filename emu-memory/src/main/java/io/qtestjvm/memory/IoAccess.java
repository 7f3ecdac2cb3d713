package io.qtestjvm.memory;

/**
 * How an access reaches the handlers of an I/O region, by the contract of {@link AccessRules}:
 * <ul>
 * <li>an access whose size or alignment the region does not accept ({@code valid}) never reaches it: a read gives
 *     0, a write is dropped;</li>
 * <li>an accepted access is served by handler calls of the access size clamped into the implemented sizes
 *     ({@code impl}): narrower than the smallest implemented size, one wider call, of which the access takes the
 *     low bytes of a little-endian region or the high bytes of a big-endian one; wider than the largest, several
 *     calls at ascending offsets whose values are joined in the region's byte order (the first call is the least
 *     significant part of a little-endian region, the most significant of a big-endian one);</li>
 * <li>a run of bytes is served by accesses as large as the run, the largest accepted size and (unless the region
 *     accepts misaligned accesses) the alignment of the offset all allow, rounded down to a power of two.</li>
 * </ul>
 * Values are in the region's byte order, as the handlers see them. Pinned by {@code AddressSpaceTest}.
 */
final class IoAccess {
    private IoAccess() {
    }

    /** Whether the region accepts an access of {@code size} bytes at {@code off}. */
    static boolean accepted(AccessRules rules, long off, int size) {
        boolean sizeOk = size >= rules.validMin() && size <= rules.validMax();
        return sizeOk && (rules.validUnaligned() || off % size == 0);
    }

    /** The handler call size serving an access of {@code size} bytes. */
    static int handlerSize(AccessRules rules, int size) {
        return Math.min(Math.max(size, rules.implMin()), rules.implMax());
    }

    /** The size of the next access of a run of {@code len} bytes starting at {@code off}. */
    static int runAccessSize(AccessRules rules, long off, int len) {
        int limit = rules.validMax();
        if (!rules.validUnaligned() && off != 0) {
            long alignment = Long.lowestOneBit(off);
            if (alignment < limit) {
                limit = (int) alignment;
            }
        }
        return Integer.highestOneBit(Math.min(len, limit));
    }

    /** Reads {@code size} bytes at {@code off}; the value in the region's byte order. */
    static long read(MemoryRegion mr, long off, int size, boolean targetBigEndian) {
        AccessRules rules = mr.rules;
        if (!accepted(rules, off, size)) {
            return 0;
        }
        int call = handlerSize(rules, size);
        boolean bigEndian = rules.endianness().isBig(targetBigEndian);
        if (call >= size) {
            long wide = mr.ops.read(off, call);
            return low(bigEndian ? wide >>> ((call - size) * 8) : wide, size);
        }
        int calls = size / call;
        long value = 0;
        for (int k = 0; k < calls; k++) {
            long part = low(mr.ops.read(off + (long) k * call, call), call);
            value |= part << (significance(k, calls, bigEndian) * call * 8);
        }
        return value;
    }

    /** Writes {@code size} bytes of {@code value} (in the region's byte order) at {@code off}. */
    static void write(MemoryRegion mr, long off, int size, long value, boolean targetBigEndian) {
        AccessRules rules = mr.rules;
        if (!accepted(rules, off, size)) {
            return;
        }
        int call = handlerSize(rules, size);
        boolean bigEndian = rules.endianness().isBig(targetBigEndian);
        if (call >= size) {
            long wide = bigEndian ? value << ((call - size) * 8) : value;
            mr.ops.write(off, low(wide, call), call);
            return;
        }
        int calls = size / call;
        for (int k = 0; k < calls; k++) {
            long part = value >>> (significance(k, calls, bigEndian) * call * 8);
            mr.ops.write(off + (long) k * call, low(part, call), call);
        }
    }

    /** Position, counted from the least significant part, of the {@code k}-th of {@code calls} parts. */
    private static int significance(int k, int calls, boolean bigEndian) {
        return bigEndian ? calls - 1 - k : k;
    }

    /** The low {@code bytes} bytes of {@code v}. */
    private static long low(long v, int bytes) {
        return bytes >= 8 ? v : v & ((1L << (bytes * 8)) - 1);
    }
}
