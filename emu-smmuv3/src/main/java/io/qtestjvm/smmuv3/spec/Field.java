package io.qtestjvm.smmuv3.spec;

/**
 * A field of an SMMU structure named the way IHI 0070 names it: a bit range {@code [hi:lo]} counted from bit 0 of
 * the little-endian structure (STE bits 0..511, CD bits 0..511, commands 0..127, event records 0..255). A field is
 * packed into one {@code int} (64-bit word index, shift, width) so that a layout class is a list of constants and a
 * flyweight reads a field with one shift and one mask. No field of the structures modelled here straddles two
 * 64-bit words.
 */
public final class Field {
    private Field() {
    }

    /** The field at bits {@code [hi:lo]} of the structure. */
    public static int bits(int hi, int lo) {
        if (hi < lo || (hi >>> 6) != (lo >>> 6)) {
            throw new IllegalArgumentException("field [" + hi + ":" + lo + "] straddles a 64-bit word");
        }
        return (lo >>> 6) << 16 | (lo & 63) << 8 | (hi - lo + 1);
    }

    /** The one-bit field at bit {@code bit}. */
    public static int bit(int bit) {
        return bits(bit, bit);
    }

    public static int word(int field) {
        return field >>> 16;
    }

    public static int shift(int field) {
        return (field >>> 8) & 0xff;
    }

    public static int width(int field) {
        return field & 0xff;
    }

    public static long mask(int field) {
        int w = width(field);
        return w == 64 ? -1L : (1L << w) - 1;
    }

    public static long get(long[] words, int field) {
        return (words[word(field)] >>> shift(field)) & mask(field);
    }

    public static void set(long[] words, int field, long value) {
        int w = word(field);
        long m = mask(field) << shift(field);
        words[w] = (words[w] & ~m) | ((value << shift(field)) & m);
    }

    /** Reads a field of a single 64-bit register whose layout uses the same packing (word 0). */
    public static long get(long register, int field) {
        return (register >>> shift(field)) & mask(field);
    }

    public static long set(long register, int field, long value) {
        long m = mask(field) << shift(field);
        return (register & ~m) | ((value << shift(field)) & m);
    }
}
