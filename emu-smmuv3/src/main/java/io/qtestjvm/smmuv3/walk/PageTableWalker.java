package io.qtestjvm.smmuv3.walk;

import io.qtestjvm.smmuv3.cache.Iotlb;
import io.qtestjvm.smmuv3.spec.EventLayout;
import io.qtestjvm.smmuv3.spec.EventType;
import io.qtestjvm.smmuv3.spec.GuestMemory;

/**
 * VMSAv8-64 translation table walks for the SMMU (IHI 0070 3.4 and 5.4/5.2 point to the Arm ARM, DDI 0487 D8):
 * stage 1, stage 2, and nested stage 1 whose table fetches and output go through stage 2 (IHI 0070 3.4.2). Each
 * walk visits at most four levels (start level 0..3, one descriptor read per level), so a table that points to
 * itself or an absurdly deep chain ends at level 3 by construction.
 *
 * <p>Faults (D8.x fault priority: translation, then address size, then access flag, then permission) are written to
 * the caller's {@link Fault} with what the event record needs. Permissions modelled: stage 1 AP[2] (read-only) and
 * APTable[1] unless CD.HADn; stage 2 S2AP. Transactions are treated as privileged data accesses, so AP[1] (EL0),
 * PXN/UXN and XN are not checked: QEMU's model does the same, and PCIe DMA is never an instruction fetch here.
 */
public final class PageTableWalker {
    private final GuestMemory memory;
    private final Iotlb stage2Tlb;
    private final long[] descriptor = new long[1];
    private final WalkResult stage2Scratch = new WalkResult();
    /**
     * What {@link #lastLevelPage} found in the memo when it could not serve the walk ({@link #NO_HINT}: it did not
     * look), so that the {@link #walk} it hands over to does not look again.
     */
    private int memoHint = NO_HINT;
    private static final int NO_HINT = -2;

    public PageTableWalker(GuestMemory memory) {
        this(memory, null);
    }

    /**
     * A walker whose nested walks keep the stage-2 translations they make (of stage-1 table addresses and of the
     * stage-1 output) in {@code stage2Tlb} as stage-2 entries of the VMID, as a TLB may (IHI 0070 3.17); they go
     * with TLBI_S2_IPA, TLBI_S12_VMALL and TLBI_NSNH_ALL like the entries of stage-2-only streams.
     */
    public PageTableWalker(GuestMemory memory, Iotlb stage2Tlb) {
        this.memory = memory;
        this.stage2Tlb = stage2Tlb;
    }

    public GuestMemory memory() {
        return memory;
    }

    /**
     * Stage 2 alone: translates {@code ipa}. {@code faultClass} and {@code inputAddress} are what a fault reports
     * (CLASS_IN with the client's address for the final output, CLASS_TT / CLASS_CD for a nested fetch).
     */
    public boolean stage2(Stage2Config s2, long ipa, int access, int faultClass, long inputAddress, WalkResult out,
            Fault fault) {
        TableParams t = s2.tt;
        if (ipa >>> t.inputBits != 0) {
            return stage2Fault(fault, EventType.F_TRANSLATION, s2, t.startLevel, faultClass, inputAddress, ipa,
                    access);
        }
        return lastLevelPage(t, true, s2.affd, ipa, access, out)
                || walk(t, true, s2.affd, s2.record, null, ipa, access, faultClass, inputAddress, out, fault);
    }

    /**
     * Stage 1, and nested when {@code s2} is not null: translates the client address {@code va}.
     *
     * <p>This method holds only the common case (not nested, in range, answered by the walk memo's last-level
     * table) and hands everything else to {@link #stage1Walk}: kept that small, its compiled code stays under the
     * JIT's limit for inlining an already compiled method, so a caller's loop inlines the whole fast path.
     */
    public boolean stage1(Stage1Config s1, Stage2Config s2, long va, int access, WalkResult out, Fault fault) {
        if (s2 == null) {
            TableParams t = ((va >>> 55) & 1) != 0 ? s1.tt1 : s1.tt0;
            if (!t.disabled && inRange(t, va) && lastLevelPage(t, false, s1.affd, va, access, out)) {
                return true;
            }
        }
        return stage1Walk(s1, s2, va, access, out, fault);
    }

    /** D8.2 VA range check: bits above the input size must all equal VA[55] (the top byte is ignored with TBI). */
    private static boolean inRange(TableParams t, long va) {
        long check = t.tbi ? t.rangeMaskTbi : t.rangeMask;
        return (va & check) == ((((va >>> 55) & 1) != 0) ? check : 0);
    }

    /** {@link #stage1} from the range check on: faults, the walk from the start level, nested walks. */
    private boolean stage1Walk(Stage1Config s1, Stage2Config s2, long va, int access, WalkResult out, Fault fault) {
        TableParams t = ((va >>> 55) & 1) != 0 ? s1.tt1 : s1.tt0;
        if (t.disabled || !inRange(t, va)) {
            return stage1Fault(fault, EventType.F_TRANSLATION, s1, t.disabled ? 0 : t.startLevel, va, access);
        }
        if (s2 == null) {
            // stage1 has asked the memo (memoHint says what it found) unless the range check sent it here
            return walk(t, false, s1.affd, s1.record, null, va, access, EventLayout.CLASS_IN, va, out, fault);
        }
        return nested(s1, s2, t, va, access, out, fault);
    }

    /** IHI 0070 3.4.2: stage 1 with every table address and the output translated by stage 2. */
    private boolean nested(Stage1Config s1, Stage2Config s2, TableParams t, long va, int access, WalkResult out,
            Fault fault) {
        if (!walk(t, false, s1.affd, s1.record, s2, va, access, EventLayout.CLASS_IN, va, out, fault)) {
            return false;
        }
        long ipa = out.outputAddress;
        int s1Shift = out.blockShift;
        int s1Level = out.level;
        int s1Granule = out.granuleShift;
        boolean r = out.readable;
        boolean w = out.writable;
        boolean global = out.global;
        if (!stage2Cached(s2, ipa, access, EventLayout.CLASS_IN, va, out, fault)) {
            return false;
        }
        // IHI 0070 3.4.2: the combined permission is the intersection, the combined mapping the smaller one.
        out.readable &= r;
        out.writable &= w;
        out.global = global;
        if (s1Shift < out.blockShift) {
            out.blockShift = s1Shift;
            out.level = s1Level;
        }
        out.granuleShift = s1Granule;
        return true;
    }

    /** Stage 2 through the stage-2 TLB when the walker has one (hits fill {@code out} from the entry). */
    private boolean stage2Cached(Stage2Config s2, long ipa, int access, int faultClass, long inputAddress,
            WalkResult out, Fault fault) {
        if (stage2Tlb == null) {
            return stage2(s2, ipa, access, faultClass, inputAddress, out, fault);
        }
        int shift = s2.tt.granuleShift;
        long pageTag = Iotlb.pageTag(ipa, shift);
        long contextTag = Iotlb.contextTag(s2.vmid, Iotlb.NO_ASID);
        int slot = stage2Tlb.lookup(pageTag, contextTag);
        if (slot >= 0 && stage2Tlb.permits(slot, access == Access.WRITE)) {
            out.outputAddress = stage2Tlb.pagePa(slot) | (ipa & ((1L << shift) - 1));
            out.blockShift = stage2Tlb.blockShift(slot);
            out.level = stage2Tlb.level(slot);
            out.granuleShift = shift;
            out.readable = stage2Tlb.permits(slot, false);
            out.writable = stage2Tlb.permits(slot, true);
            out.global = false;
            return true;
        }
        if (!stage2(s2, ipa, access, faultClass, inputAddress, out, fault)) {
            return false;
        }
        stage2Tlb.fill(pageTag, contextTag, out.outputAddress & (-1L << shift), out.readable, out.writable, false,
                out.blockShift, out.level, shift);
        return true;
    }

    /**
     * The common case of a walk that is not nested, in few instructions: the walk memo knows the last-level table
     * of {@code in}'s region, and the last-level descriptor there (D8.3) is a page with the access flag set (or
     * AFFD), inside the output size, that permits the access. Then {@code out} is filled as {@link #walk} fills it
     * and the answer is true; otherwise false, and {@link #walk} answers from the start level (the same, faults
     * included, since the memo is exact).
     */
    private boolean lastLevelPage(TableParams t, boolean isStage2, boolean affd, long in, int access,
            WalkResult out) {
        WalkMemo memo = t.memoIfMade();
        if (memo == null) {
            return false;
        }
        int e = memo.recent(WalkMemo.keyOf(t, in), memory);
        if (e < 0) {
            memoHint = e;
            return false;
        }
        int shift = t.granuleShift;
        long table = memo.recentTable();
        long d = memory.read64OrZero((table & ~1L) + (((in >>> shift) & t.indexMask) << 3));
        if ((d & 3) == 3 && ((d & (1L << 10)) != 0 || affd)
                && page(d, shift, t.outputBits, isStage2, t.hierarchyDisabled || (table & 1) == 0, in, access, out)) {
            return true;
        }
        memoHint = e;
        return false;
    }

    /**
     * A valid page descriptor {@code d} (D8.3) whose access flag passed: its output address inside
     * {@code outputBits} and the access permitted ({@code tableWrite}: no APTable[1] above it counts) fill
     * {@code out}; otherwise false.
     */
    private static boolean page(long d, int shift, int outputBits, boolean isStage2, boolean tableWrite, long in,
            int access, WalkResult out) {
        long oa = (d & 0x000f_ffff_ffff_ffffL) & (-1L << shift);
        if (shift == 16) {
            oa = (oa & 0x0000_ffff_ffff_ffffL) | ((d >>> 12) & 0xf) << 48;
        }
        boolean readable = !isStage2 || (d & (1L << 6)) != 0;
        boolean writable = isStage2 ? (d & (1L << 7)) != 0 : (d & (1L << 7)) == 0 && tableWrite;
        if (oa >>> outputBits != 0 || (access == Access.WRITE ? !writable : !readable)) {
            return false;
        }
        out.outputAddress = oa | (in & ((1L << shift) - 1));
        out.blockShift = shift;
        out.level = 3;
        out.granuleShift = shift;
        out.readable = readable;
        out.writable = writable;
        out.global = !isStage2 && (d & (1L << 11)) == 0;
        return true;
    }

    private boolean walk(TableParams t, boolean isStage2, boolean affd, boolean record, Stage2Config nested,
            long in, int access, int faultClass, long inputAddress, WalkResult out, Fault fault) {
        int hint = memoHint;
        memoHint = NO_HINT;
        final int shift = t.granuleShift;
        final int stride = t.stride;
        long table = t.ttb;
        if (table >>> t.outputBits != 0) {
            return addressSize(fault, isStage2, affd, record, t.startLevel, faultClass, inputAddress, in, access);
        }
        boolean noWrite = false;
        int level = t.startLevel;
        int bits = t.topBits;
        // The levels above the last are looked up in the walk memo first (exact: see WalkMemo).
        WalkMemo memo = null;
        long memoKey = 0;
        long memoTag = 0;
        long stage2Epoch = 0;
        if (level < 3 && (nested == null || stage2Tlb != null)) {
            memo = t.memo();
            memoKey = WalkMemo.keyOf(t, in);
            if (nested != null) {
                memoTag = WalkMemo.nestedTag(nested);
                stage2Epoch = stage2Tlb.stage2Epoch();
            }
            int e = hint;
            if (e == NO_HINT) {
                e = memo.find(memoKey, memoTag, memory, stage2Epoch);
            }
            if (e >= 0) {
                table = memo.lastTable(e);
                noWrite = !isStage2 && !t.hierarchyDisabled && memo.apTable(e);
                level = 3;
                bits = stride;
                memo = null;
            } else {
                memo.begin(memory);
            }
        }
        for (int depth = 0; depth < 4 && level <= 3; depth++, level++) {
            int indexShift = shift + stride * (3 - level);
            long index = (in >>> indexShift) & ((1L << bits) - 1);
            long descAddress = table + (index << 3);
            long fetchAddress = descAddress;
            if (nested != null) {
                // IHI 0070 3.4.2: stage-1 table addresses are IPAs, translated by stage 2 (CLASS_TT).
                if (!stage2Cached(nested, descAddress, Access.READ, EventLayout.CLASS_TT, inputAddress,
                        stage2Scratch, fault)) {
                    fault.read = access == Access.READ;
                    return false;
                }
                fetchAddress = stage2Scratch.outputAddress;
            }
            if (!memory.read(fetchAddress, descriptor, 0, 1)) {
                fault.clear();
                fault.type = EventType.F_WALK_EABT;
                fault.stage2 = isStage2;
                fault.faultClass = isStage2 ? faultClass : EventLayout.CLASS_TT;
                fault.inputAddress = inputAddress;
                fault.fetchAddress = fetchAddress;
                fault.read = access == Access.READ;
                fault.level = level;
                fault.record = true;
                return false;
            }
            long d = descriptor[0];
            bits = stride;
            if ((d & 1) == 0) {
                return translation(fault, isStage2, record, level, faultClass, inputAddress, in, access);
            }
            boolean tableOrPage = (d & 2) != 0;
            long oa = (d & 0x000f_ffff_ffff_ffffL) & (-1L << shift);
            if (shift == 16) {
                oa = (oa & 0x0000_ffff_ffff_ffffL) | ((d >>> 12) & 0xf) << 48;
            }
            if (level < 3 && tableOrPage) {
                if (oa >>> t.outputBits != 0) {
                    return addressSize(fault, isStage2, affd, record, level, faultClass, inputAddress, in, access);
                }
                if (!isStage2 && !t.hierarchyDisabled && (d >>> 62 & 1) != 0) {
                    noWrite = true;
                }
                table = oa;
                if (memo != null) {
                    memo.tableDescriptor(memory, fetchAddress, d);
                    if (level == 2) {
                        memo.commit(memoKey, memoTag, table, memory, stage2Epoch,
                                nested == null ? 0 : stage2Tlb.stage2Epoch());
                    }
                }
                continue;
            }
            if (level == 3 ? !tableOrPage : !blockAllowed(shift, level)) {
                return translation(fault, isStage2, record, level, faultClass, inputAddress, in, access);
            }
            int blockShift = shift + stride * (3 - level);
            oa &= -1L << blockShift;
            if (oa >>> t.outputBits != 0) {
                return addressSize(fault, isStage2, affd, record, level, faultClass, inputAddress, in, access);
            }
            if ((d & (1L << 10)) == 0 && !affd) {
                return leafFault(fault, EventType.F_ACCESS, isStage2, record, level, faultClass, inputAddress, in,
                        access);
            }
            boolean readable;
            boolean writable;
            if (isStage2) {
                readable = (d & (1L << 6)) != 0;
                writable = (d & (1L << 7)) != 0;
            } else {
                readable = true;
                writable = (d & (1L << 7)) == 0 && !noWrite;
            }
            if (access == Access.WRITE ? !writable : !readable) {
                return leafFault(fault, EventType.F_PERMISSION, isStage2, record, level, faultClass, inputAddress,
                        in, access);
            }
            out.outputAddress = oa | (in & ((1L << blockShift) - 1));
            out.blockShift = blockShift;
            out.level = level;
            out.granuleShift = shift;
            out.readable = readable;
            out.writable = writable;
            out.global = !isStage2 && (d & (1L << 11)) == 0;
            return true;
        }
        // Unreachable for valid parameters: a start level below 0 is rejected when the configuration is decoded.
        return translation(fault, isStage2, record, 3, faultClass, inputAddress, in, access);
    }

    /** Blocks exist at level 1 and 2 with 4 KiB, at level 2 with 16 and 64 KiB (D8.3, without FEAT_LPA/LPA2). */
    static boolean blockAllowed(int granuleShift, int level) {
        return level == 2 || (level == 1 && granuleShift == 12);
    }

    private static boolean translation(Fault f, boolean isStage2, boolean record, int level, int faultClass,
            long inputAddress, long in, int access) {
        return leafFault(f, EventType.F_TRANSLATION, isStage2, record, level, faultClass, inputAddress, in, access);
    }

    private static boolean addressSize(Fault f, boolean isStage2, boolean affd, boolean record, int level,
            int faultClass, long inputAddress, long in, int access) {
        return leafFault(f, EventType.F_ADDR_SIZE, isStage2, record, level, faultClass, inputAddress, in, access);
    }

    private static boolean leafFault(Fault f, int type, boolean isStage2, boolean record, int level, int faultClass,
            long inputAddress, long in, int access) {
        f.clear();
        f.type = type;
        f.stage2 = isStage2;
        f.faultClass = isStage2 ? faultClass : EventLayout.CLASS_IN;
        f.inputAddress = inputAddress;
        f.ipa = isStage2 ? in : 0;
        f.read = access == Access.READ;
        f.level = level;
        f.record = record;
        return false;
    }

    private static boolean stage2Fault(Fault f, int type, Stage2Config s2, int level, int faultClass,
            long inputAddress, long ipa, int access) {
        return leafFault(f, type, true, s2.record, level, faultClass, inputAddress, ipa, access);
    }

    private static boolean stage1Fault(Fault f, int type, Stage1Config s1, int level, long va, int access) {
        return leafFault(f, type, false, s1.record, level, EventLayout.CLASS_IN, va, va, access);
    }
}
