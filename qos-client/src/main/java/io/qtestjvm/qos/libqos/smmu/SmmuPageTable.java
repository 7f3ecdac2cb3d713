package io.qtestjvm.qos.libqos.smmu;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqtest.QTestState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One VMSAv8-64 translation regime built in guest memory for the SMMU to walk (Arm ARM DDI 0487 D8.2 - D8.4, as
 * IHI 0070 5.4 / 5.2 use it for stage 1 / stage 2): a granule (4, 16 or 64 KiB), an input size in bits, and a start
 * level. Stage 1 derives its start level from the input size (D8.2.6: each level resolves granule-3 bits); stage 2
 * takes it as STE.S2SL0 chooses it, with up to 16 concatenated start tables when the input size needs more bits
 * than one table resolves (D8.2.7). Tables are allocated through the guest allocator, aligned to their size and
 * zeroed with qtest writes; descriptors are written with qtest 64-bit writes.
 *
 * <p>Leaves: {@link #mapPage} writes a page descriptor at level 3, {@link #mapBlock} a block descriptor at
 * {@code level} (1 or 2 for 4K, 2 for 16K and 64K). Leaf attributes (D8.3.2): AF, inner shareable, and either
 * stage-1 AP[2:1] = 00 (read/write), AttrIndx 0 and nG = 1 (tagged with the ASID, as SMMU drivers map), or
 * stage-2 S2AP = 11 with MemAttr normal write-back; the {@code PERM_*}, {@code NO_AF} and {@code GLOBAL} flags
 * change them. Table descriptors carry no hierarchical attributes.
 */
public final class SmmuPageTable {
    /** Stage 1: AP[2] = 1 (read-only). Stage 2: S2AP = 01 (read-only). */
    public static final int PERM_READ_ONLY = 1;
    /** Stage 2 only: S2AP = 10 (write-only). */
    public static final int PERM_WRITE_ONLY = 2;
    /** Stage 2: S2AP = 00 (no access). */
    public static final int PERM_NONE = 4;
    /** AF = 0 (F_ACCESS unless AFFD). */
    public static final int NO_AF = 8;
    /** Stage 1 only: nG = 0, a global entry (not tagged with the ASID; every ASID's TLBI_NH_VA removes it). */
    public static final int GLOBAL = 16;

    static final long TABLE = 0b11;
    static final long PAGE = 0b11;
    static final long BLOCK = 0b01;
    static final long AF = 1L << 10;
    static final long SH_INNER = 3L << 8;
    static final long NG = 1L << 11;
    static final long S2_MEMATTR_NORMAL_WB = 0xfL << 2;

    private final QTestState qts;
    private final GuestAllocator alloc;
    private final boolean stage2;
    private final int granuleShift;
    private final int inputBits;
    private final int startLevel;
    private final long root;
    private final Map<Long, Long> tables = new HashMap<>();

    private SmmuPageTable(QTestState qts, GuestAllocator alloc, boolean stage2, int granuleShift, int inputBits,
            int startLevel) {
        if (granuleShift != 12 && granuleShift != 14 && granuleShift != 16) {
            throw new IllegalArgumentException("granule shift " + granuleShift);
        }
        this.qts = qts;
        this.alloc = alloc;
        this.stage2 = stage2;
        this.granuleShift = granuleShift;
        this.inputBits = inputBits;
        this.startLevel = startLevel;
        int startBits = inputBits - shift(startLevel);
        int bitsPerLevel = granuleShift - 3;
        if (startBits < 1 || startBits > bitsPerLevel + (stage2 && startLevel > 0 ? 4 : 0)) {
            throw new IllegalArgumentException("start level " + startLevel + " cannot resolve " + inputBits
                    + "-bit inputs with a " + (1 << granuleShift) + "-byte granule");
        }
        long size = 8L << startBits;
        this.root = allocTable(Math.max(size, 1L << granuleShift));
    }

    /** A stage-1 table: the start level follows from {@code inputBits} (64 - CD.T0SZ). */
    public static SmmuPageTable stage1(QTestState qts, GuestAllocator alloc, int granuleShift, int inputBits) {
        int bitsPerLevel = granuleShift - 3;
        int levels = (inputBits - granuleShift + bitsPerLevel - 1) / bitsPerLevel;
        return new SmmuPageTable(qts, alloc, false, granuleShift, inputBits, 4 - levels);
    }

    /** A stage-2 table starting at {@code startLevel} (concatenated start tables where the input size needs them). */
    public static SmmuPageTable stage2(QTestState qts, GuestAllocator alloc, int granuleShift, int inputBits,
            int startLevel) {
        return new SmmuPageTable(qts, alloc, true, granuleShift, inputBits, startLevel);
    }

    /** Whether {@code startLevel} can start a stage-2 walk of {@code inputBits} with this granule. */
    public static boolean stage2Fits(int granuleShift, int inputBits, int startLevel) {
        int startBits = inputBits - (granuleShift + (3 - startLevel) * (granuleShift - 3));
        boolean sl0Exists = granuleShift == 12 ? startLevel <= 2 : startLevel >= 1;
        return sl0Exists && startBits >= 1 && startBits <= (granuleShift - 3) + (startLevel > 0 ? 4 : 0);
    }

    public boolean isStage2() {
        return stage2;
    }

    public int granuleShift() {
        return granuleShift;
    }

    public long granule() {
        return 1L << granuleShift;
    }

    public int inputBits() {
        return inputBits;
    }

    public int startLevel() {
        return startLevel;
    }

    /** The start table's address (TTB0 / S2TTB). */
    public long root() {
        return root;
    }

    /** STE.S2SL0 for this start level (5.2: 4K 0/1/2 = level 2/1/0; 16K and 64K 0/1/2 = level 3/2/1). */
    public int sl0() {
        return granuleShift == 12 ? 2 - startLevel : 3 - startLevel;
    }

    /** The number of input bits below one entry of {@code level} (the block or page size is 2^shift). */
    public int shift(int level) {
        return granuleShift + (3 - level) * (granuleShift - 3);
    }

    /** The size a leaf at {@code level} maps. */
    public long leafSize(int level) {
        return 1L << shift(level);
    }

    /** Whether a block descriptor may be used at {@code level} (D8.3.1, without FEAT_LPA/LPA2). */
    public boolean blockAllowed(int level) {
        return granuleShift == 12 ? level == 1 || level == 2 : level == 2;
    }

    /** Maps one granule at {@code va} to {@code pa} with a level-3 page descriptor. */
    public void mapPage(long va, long pa, int flags) {
        writeLeaf(va, 3, (pa & ~(granule() - 1)) | PAGE | attributes(flags));
    }

    /** Maps the block of {@code level} containing {@code va} to the block at {@code pa}. */
    public void mapBlock(long va, long pa, int level, int flags) {
        if (!blockAllowed(level)) {
            throw new IllegalArgumentException("no block descriptor at level " + level);
        }
        writeLeaf(va, level, (pa & ~(leafSize(level) - 1)) | BLOCK | attributes(flags));
    }

    /** Maps {@code [va, va + len)} to {@code [pa, pa + len)} with leaves of {@code level} (3 = pages). */
    public void mapRange(long va, long pa, long len, int level, int flags) {
        long step = leafSize(level);
        for (long off = 0; off < len; off += step) {
            if (level == 3) {
                mapPage(va + off, pa + off, flags);
            } else {
                mapBlock(va + off, pa + off, level, flags);
            }
        }
    }

    /** The address of the descriptor for {@code va} at {@code level} (the tables above it must exist). */
    public long descriptorAddress(long va, int level) {
        long table = tableFor(va, level, false);
        if (table == 0) {
            throw new IllegalStateException("no level-" + level + " table for 0x" + Long.toHexString(va));
        }
        return table + 8 * index(va, level);
    }

    /** Overwrites the descriptor for {@code va} at {@code level} (to make a walk fault). */
    public void writeDescriptor(long va, int level, long descriptor) {
        qts.writeq(descriptorAddress(va, level), descriptor);
    }

    public long readDescriptor(long va, int level) {
        return qts.readq(descriptorAddress(va, level));
    }

    /** Every table this regime uses (the root first), for a stage 2 that must map them in nested walks. */
    public List<Long> tableAddresses() {
        List<Long> all = new ArrayList<>();
        all.add(root);
        all.addAll(tables.values());
        return all;
    }

    private void writeLeaf(long va, int level, long descriptor) {
        long table = tableFor(va, level, true);
        qts.writeq(table + 8 * index(va, level), descriptor);
    }

    private long attributes(int flags) {
        long a = SH_INNER | ((flags & NO_AF) != 0 ? 0 : AF);
        if (stage2) {
            long s2ap = (flags & PERM_NONE) != 0 ? 0b00 : (flags & PERM_READ_ONLY) != 0 ? 0b01
                    : (flags & PERM_WRITE_ONLY) != 0 ? 0b10 : 0b11;
            return a | S2_MEMATTR_NORMAL_WB | s2ap << 6;
        }
        return a | ((flags & PERM_READ_ONLY) != 0 ? 1L << 7 : 0) | ((flags & GLOBAL) != 0 ? 0 : NG);
    }

    /** The index of {@code va} in its table at {@code level}; the start table takes every bit left above. */
    private long index(long va, int level) {
        long bits = level == startLevel ? inputBits - shift(level) : granuleShift - 3;
        return (va >>> shift(level)) & ((1L << bits) - 1);
    }

    /** The table at {@code level} on the way to {@code va}, made (and linked) when {@code create}; 0 if absent. */
    private long tableFor(long va, int level, boolean create) {
        if (level < startLevel || level > 3) {
            throw new IllegalArgumentException("level " + level + " outside " + startLevel + "..3");
        }
        long table = root;
        for (int l = startLevel; l < level; l++) {
            long key = (long) (l + 1) << 58 | (va & ((1L << inputBits) - 1)) >>> shift(l);
            Long next = tables.get(key);
            if (next == null) {
                if (!create) {
                    return 0;
                }
                next = allocTable(granule());
                tables.put(key, next);
                qts.writeq(table + 8 * index(va, l), next | TABLE);
            }
            table = next;
        }
        return table;
    }

    /** A zeroed table of {@code size} bytes aligned to its size. */
    private long allocTable(long size) {
        long raw = alloc.alloc(size * 2);
        long aligned = (raw + size - 1) & ~(size - 1);
        qts.memset(aligned, 0, size);
        return aligned;
    }
}
