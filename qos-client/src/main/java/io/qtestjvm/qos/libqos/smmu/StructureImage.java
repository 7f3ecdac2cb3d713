package io.qtestjvm.qos.libqos.smmu;

import io.qtestjvm.qos.libqtest.QTestState;

/**
 * The image of a little-endian SMMU structure a driver writes to guest memory (Arm IHI 0070 5: STE and CD are 64
 * bytes, an event record 32, a command 16), kept as 64-bit words; fields are named by the spec's bit range
 * {@code [hi:lo]} counted over the whole structure. None of the fields used here crosses a 64-bit word.
 */
public class StructureImage {
    protected final long[] words;

    protected StructureImage(int bytes) {
        this.words = new long[bytes / 8];
    }

    protected StructureImage(long[] words) {
        this.words = words.clone();
    }

    /** Sets bits {@code [hi:lo]} to {@code value} (extra high bits of {@code value} are dropped). */
    public final void set(int hi, int lo, long value) {
        int w = lo >>> 6;
        if (hi >>> 6 != w) {
            throw new IllegalArgumentException("[" + hi + ":" + lo + "] crosses a 64-bit word");
        }
        int shift = lo & 63;
        int width = hi - lo + 1;
        long mask = width == 64 ? -1L : (1L << width) - 1;
        words[w] = (words[w] & ~(mask << shift)) | ((value & mask) << shift);
    }

    /** Bits {@code [hi:lo]}. */
    public final long get(int hi, int lo) {
        int shift = lo & 63;
        int width = hi - lo + 1;
        long mask = width == 64 ? -1L : (1L << width) - 1;
        return (words[lo >>> 6] >>> shift) & mask;
    }

    /** The 64-bit word {@code n} (little-endian position {@code 8 * n}). */
    public final long word(int n) {
        return words[n];
    }

    public final void setWord(int n, long value) {
        words[n] = value;
    }

    public final int bytes() {
        return words.length * 8;
    }

    /** Writes the image at {@code address} with qtest 64-bit writes. */
    public final void writeTo(QTestState qts, long address) {
        for (int i = 0; i < words.length; i++) {
            qts.writeq(address + 8L * i, words[i]);
        }
    }
}
