package io.qtestjvm.smmuv3.spec;

/**
 * A RAM window {@code [base, base + size)} in one {@code long[]}; every access outside it, and every access that is
 * not naturally aligned, is an external abort. It serves tests and benchmarks, and any caller that wants the SMMU
 * over a plain block of memory.
 */
public final class ArrayGuestMemory implements GuestMemory {
    private final long base;
    private final long[] words;
    /** One bit per 4 KiB page of the window: watched ({@link #watch}). */
    private final long[] watched;
    private long watchEpoch;

    public ArrayGuestMemory(long base, int sizeBytes) {
        if ((base & 7) != 0 || (sizeBytes & 7) != 0 || sizeBytes <= 0) {
            throw new IllegalArgumentException("RAM window 0x" + Long.toHexString(base) + "+" + sizeBytes
                    + " is not 8-byte aligned");
        }
        this.base = base;
        this.words = new long[sizeBytes >>> 3];
        this.watched = new long[(((sizeBytes + 4095) >>> 12) + 63) >>> 6];
    }

    public long base() {
        return base;
    }

    public long size() {
        return (long) words.length << 3;
    }

    private int index(long pa, int count) {
        long off = pa - base;
        if ((pa & 7) != 0 || off < 0 || (off >>> 3) + count > words.length) {
            return -1;
        }
        return (int) (off >>> 3);
    }

    @Override
    public boolean read(long pa, long[] dst, int index, int count) {
        int i = index(pa, count);
        if (i < 0) {
            return false;
        }
        if (count == 1) {
            dst[index] = words[i];
        } else {
            System.arraycopy(words, i, dst, index, count);
        }
        return true;
    }

    @Override
    public long read64OrZero(long pa) {
        int i = index(pa, 1);
        return i < 0 ? 0 : words[i];
    }

    @Override
    public boolean write64(long pa, long value) {
        int i = index(pa, 1);
        if (i < 0) {
            return false;
        }
        words[i] = value;
        written(i);
        return true;
    }

    @Override
    public boolean write32(long pa, int value) {
        long off = pa - base;
        if ((pa & 3) != 0 || off < 0 || (off >>> 3) >= words.length) {
            return false;
        }
        int i = (int) (off >>> 3);
        int sh = (int) (pa & 4) * 8;
        words[i] = (words[i] & ~(0xffffffffL << sh)) | ((value & 0xffffffffL) << sh);
        written(i);
        return true;
    }

    private void written(int word) {
        int page = word >>> 9;
        if ((watched[page >>> 6] & 1L << page) != 0) {
            watchEpoch++;
        }
    }

    @Override
    public boolean watch(long pa) {
        int i = index(pa, 1);
        if (i < 0) {
            return false;
        }
        int page = i >>> 9;
        watched[page >>> 6] |= 1L << page;
        return true;
    }

    @Override
    public long watchEpoch() {
        return watchEpoch;
    }

    /** Reads one word for test set-up; aborts read as 0. */
    public long peek64(long pa) {
        int i = index(pa, 1);
        return i < 0 ? 0 : words[i];
    }
}
