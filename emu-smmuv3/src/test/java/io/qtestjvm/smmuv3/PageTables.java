package io.qtestjvm.smmuv3;

import io.qtestjvm.smmuv3.spec.ArrayGuestMemory;
import io.qtestjvm.smmuv3.walk.TableParams;
import java.util.ArrayList;
import java.util.List;

/** Builds VMSAv8-64 translation tables (Arm ARM D8.3) in the fixture's RAM for one regime. */
final class PageTables {
    static final long AF = 1L << 10;
    static final long NG = 1L << 11;
    /** Stage-1 leaves are non-global (nG = 1, ASID-tagged) unless a test asks for a global one. */
    static final long S1_RW = AF | NG;
    static final long S1_RO = AF | NG | 1L << 7;
    static final long S1_GLOBAL_RW = AF;
    static final long S2_RW = AF | 3L << 6;
    static final long S2_RO = AF | 1L << 6;
    static final long S2_WO = AF | 2L << 6;

    final SmmuFixture f;
    final int shift;
    final int inputBits;
    final int start;
    final long root;
    final List<long[]> regions = new ArrayList<>();
    private final int stride;

    PageTables(SmmuFixture f, int shift, int inputBits, int start) {
        this.f = f;
        this.shift = shift;
        this.inputBits = inputBits;
        this.start = start;
        this.stride = shift - 3;
        int top = TableParams.bitsAtLevel(inputBits, shift, start);
        long size = Math.max(64, 8L << top);
        root = f.alloc(size);
        regions.add(new long[] {root, size});
    }

    /** Stage-1 tables: the start level follows from the input size. */
    static PageTables stage1(SmmuFixture f, int shift, int inputBits) {
        return new PageTables(f, shift, inputBits, TableParams.stage1StartLevel(inputBits, shift));
    }

    ArrayGuestMemory memory() {
        return f.memory;
    }

    private long descriptorAddress(long table, int level, long in, int bits) {
        int indexShift = shift + stride * (3 - level);
        return table + (((in >>> indexShift) & ((1L << bits) - 1)) << 3);
    }

    /** The address of the descriptor for {@code in} at {@code level}, creating tables above it. */
    long slot(long in, int level) {
        long table = root;
        int bits = TableParams.bitsAtLevel(inputBits, shift, start);
        for (int l = start; l < level; l++) {
            long da = descriptorAddress(table, l, in, bits);
            long d = f.memory.peek64(da);
            if ((d & 3) != 3) {
                long t = f.alloc(1L << shift);
                regions.add(new long[] {t, 1L << shift});
                d = t | 3;
                f.memory.write64(da, d);
            }
            table = d & 0x0000_ffff_ffff_f000L & (-1L << shift);
            bits = stride;
        }
        return descriptorAddress(table, level, in, bits);
    }

    /** Maps {@code in} to {@code out} with a leaf at {@code level} (page at 3, block above). */
    void map(long in, long out, int level, long attrs) {
        long oa = out & (-1L << (shift + stride * (3 - level)));
        long desc = oa | attrs | (level == 3 ? 3 : 1);
        if (shift == 16) {
            desc = (desc & ~(0xfL << 48)) | ((oa >>> 48) & 0xf) << 12;
        }
        f.memory.write64(slot(in, level), desc);
    }

    void set(long in, int level, long descriptor) {
        f.memory.write64(slot(in, level), descriptor);
    }

    /** Identity-maps, with pages, every page of {@code regions} (stage-1 tables, CDs) for nested walks. */
    void identity(List<long[]> regionsToMap, long attrs) {
        for (long[] r : regionsToMap) {
            for (long a = r[0] & (-1L << shift); a < r[0] + r[1]; a += 1L << shift) {
                if ((f.memory.peek64(slot(a, 3)) & 1) == 0) {
                    map(a, a, 3, attrs);
                }
            }
        }
    }
}
