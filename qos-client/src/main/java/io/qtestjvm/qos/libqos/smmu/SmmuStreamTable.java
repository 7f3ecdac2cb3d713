package io.qtestjvm.qos.libqos.smmu;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqtest.QTestState;

import java.util.HashMap;
import java.util.Map;

/**
 * A stream table in guest memory (Arm IHI 0070 3.3.2, 5.1, 6.3.24 STRTAB_BASE_CFG): linear, 2^log2Size STEs of 64
 * bytes aligned to the table's size; or two-level, an array of 8-byte L1 descriptors (L1STD: L2Ptr[51:6], Span
 * [4:0]) indexed by StreamID[log2Size-1:split], each pointing to an array of 2^(Span-1) STEs for the low {@code split}
 * bits. Level-2 arrays are made on first use with the largest Span (split + 1); {@link #setSpan} and
 * {@link #invalidateL1} make the smaller or invalid L1 descriptors the fault tests need.
 */
public final class SmmuStreamTable {
    public static final int FMT_LINEAR = 0;
    public static final int FMT_TWO_LEVEL = 1;

    private final QTestState qts;
    private final GuestAllocator alloc;
    private final int log2Size;
    private final int split;
    private final long base;
    private final Map<Integer, Long> level2 = new HashMap<>();

    private SmmuStreamTable(QTestState qts, GuestAllocator alloc, int log2Size, int split) {
        this.qts = qts;
        this.alloc = alloc;
        this.log2Size = log2Size;
        this.split = split;
        long size = split == 0 ? (long) SmmuSte.BYTES << log2Size : 8L << Math.max(0, log2Size - split);
        this.base = allocAligned(Math.max(size, 64));
    }

    /** A linear table of 2^log2Size STEs, all invalid (V = 0). */
    public static SmmuStreamTable linear(QTestState qts, GuestAllocator alloc, int log2Size) {
        return new SmmuStreamTable(qts, alloc, log2Size, 0);
    }

    /** A two-level table for StreamIDs below 2^log2Size, {@code split} (6, 8 or 10) low bits per level-2 array. */
    public static SmmuStreamTable twoLevel(QTestState qts, GuestAllocator alloc, int log2Size, int split) {
        if (split != 6 && split != 8 && split != 10) {
            throw new IllegalArgumentException("SPLIT " + split);
        }
        return new SmmuStreamTable(qts, alloc, log2Size, split);
    }

    public boolean twoLevel() {
        return split != 0;
    }

    public long base() {
        return base;
    }

    /** STRTAB_BASE (6.3.23): the address (RA clear). */
    public long baseRegister() {
        return base;
    }

    /** STRTAB_BASE_CFG (6.3.24): FMT [17:16], SPLIT [10:6], LOG2SIZE [5:0]. */
    public int baseCfgRegister() {
        return (twoLevel() ? FMT_TWO_LEVEL : FMT_LINEAR) << 16 | split << 6 | log2Size;
    }

    /** Writes STRTAB_BASE and STRTAB_BASE_CFG of the SMMU at {@code smmu} (only while SMMUEN is clear, 6.3.23). */
    public void program(long smmu) {
        qts.writeq(smmu + SmmuRegs.STRTAB_BASE, baseRegister());
        qts.writel(smmu + SmmuRegs.STRTAB_BASE_CFG, baseCfgRegister());
    }

    /** Where the STE of {@code sid} lives (making its level-2 array in a two-level table). */
    public long steAddress(int sid) {
        if (sid >>> log2Size != 0) {
            throw new IllegalArgumentException("StreamID " + sid + " outside a table of 2^" + log2Size);
        }
        if (!twoLevel()) {
            return base + (long) SmmuSte.BYTES * sid;
        }
        int l1 = sid >>> split;
        Long array = level2.get(l1);
        if (array == null) {
            array = allocAligned((long) SmmuSte.BYTES << split);
            level2.put(l1, array);
            setSpan(sid, split + 1);
        }
        return array + (long) SmmuSte.BYTES * (sid & ((1 << split) - 1));
    }

    /** Writes {@code ste} as the STE of {@code sid}. */
    public void write(int sid, SmmuSte ste) {
        ste.writeTo(qts, steAddress(sid));
    }

    /** The L1STD address of {@code sid} in a two-level table. */
    public long l1Address(int sid) {
        return base + 8L * (sid >>> split);
    }

    /** Rewrites the L1STD of {@code sid} with {@code span} (the array must exist: {@link #steAddress} first). */
    public void setSpan(int sid, int span) {
        Long array = level2.get(sid >>> split);
        qts.writeq(l1Address(sid), (array == null ? 0 : array) | (span & 0x1f));
    }

    /** Writes an L1STD with Span 0 (invalid) for {@code sid}'s group. */
    public void invalidateL1(int sid) {
        qts.writeq(l1Address(sid), 0);
    }

    private long allocAligned(long size) {
        long raw = alloc.alloc(size * 2);
        long aligned = (raw + size - 1) & ~(size - 1);
        qts.memset(aligned, 0, size);
        return aligned;
    }
}
