package io.qtestjvm.smmuv3.walk;

import io.qtestjvm.smmuv3.spec.GuestMemory;

/**
 * What the upper levels of walks through one set of translation tables found (Arm ARM D8.2: every level above the
 * last resolves a table descriptor, D8.3): for an input address region that one last-level table covers, the
 * address of that table and whether an APTable[1] on the way removed write permission. A walk that finds its region
 * here reads only the last-level descriptor.
 *
 * <p>This is a memo, not an architectural walk cache: an entry is used only while nothing it stands for can have
 * changed, so a walk through it answers exactly what a walk from the start level would, and no TLBI is needed to
 * drop it (the architecture lets an SMMU keep intermediate entries until a TLBI without Leaf, IHI 0070 4.4; QEMU's
 * model keeps none, and that is the behaviour kept here). An entry holds while
 * <ul>
 *   <li>the table parameters, the stage, nesting, the VMID and the stage-2 granule are those it was made with
 *       ({@link #shapeOf});</li>
 *   <li>the memory's {@link GuestMemory#mappingEpoch()} is unchanged (nothing mapped, moved or removed);</li>
 *   <li>the {@link GuestMemory#writeStamp} of every descriptor it stands for is unchanged (not written since);</li>
 *   <li>for a nested stage 1, the stage-2 TLB has dropped no stage-2 entry since: the stage-2 translations of the
 *       skipped table addresses were all in it, so a fresh walk would find the same ones.</li>
 * </ul>
 * Memory that cannot stamp (MMIO, an unassigned address) is never memoised. Direct-mapped, {@value #ENTRIES}
 * entries; made for a {@link TableParams} on its first walk and reused, so walks do not allocate.
 */
final class WalkMemo {
    static final int ENTRIES = 8;
    /** Levels a 4-level walk resolves above its last one. */
    static final int MAX_SKIPPED = 3;
    private static final long NO_KEY = -1;

    /** {@link #shapeOf} of the parameters every entry was made with; entries are dropped when it changes. */
    private long shape = NO_KEY;
    private long ttb;
    private final long[] key = new long[ENTRIES];
    private final long[] lastTable = new long[ENTRIES];
    private final boolean[] noWrite = new boolean[ENTRIES];
    private final long[] mappingEpoch = new long[ENTRIES];
    private final long[] stage2Epoch = new long[ENTRIES];
    private final int[] skipped = new int[ENTRIES];
    private final long[] fetchAddress = new long[ENTRIES * MAX_SKIPPED];
    private final long[] stamp = new long[ENTRIES * MAX_SKIPPED];
    // the entry a walk from the start level is recording
    private final long[] pendingFetch = new long[MAX_SKIPPED];
    private final long[] pendingStamp = new long[MAX_SKIPPED];
    private int pendingCount;
    private boolean pendingOk;

    WalkMemo() {
        java.util.Arrays.fill(key, NO_KEY);
    }

    /**
     * Everything besides the table base that decides what the upper levels of a walk do; for a nested stage 1 also
     * the VMID and stage-2 granule, which decide the stage-2 TLB entries the table addresses are translated by.
     */
    static long shapeOf(TableParams t, boolean isStage2, Stage2Config nested) {
        long s = t.granuleShift | (long) t.inputBits << 5 | (long) (t.startLevel & 0xf) << 12 | (long) t.topBits << 16
                | (long) t.outputBits << 24 | (t.hierarchyDisabled ? 1L << 32 : 0) | (isStage2 ? 1L << 33 : 0);
        if (nested != null) {
            s |= 1L << 34 | (long) (nested.vmid & 0xffff) << 40 | (long) nested.tt.granuleShift << 56;
        }
        return s;
    }

    /** The input address bits the levels above the last one index (those below the input size only). */
    static long keyOf(TableParams t, long in) {
        int low = t.granuleShift + t.stride;
        return (in >>> low) & ((1L << (t.inputBits - low)) - 1);
    }

    /** The entry of {@code key} if it still holds, or -1; drops every entry when the parameters changed. */
    int find(TableParams t, long shapeNow, long keyNow, GuestMemory memory, long stage2EpochNow) {
        if (shapeNow != shape || t.ttb != ttb) {
            java.util.Arrays.fill(key, NO_KEY);
            shape = shapeNow;
            ttb = t.ttb;
            return -1;
        }
        int e = (int) keyNow & (ENTRIES - 1);
        if (key[e] != keyNow || mappingEpoch[e] != memory.mappingEpoch() || stage2Epoch[e] != stage2EpochNow) {
            return -1;
        }
        int base = e * MAX_SKIPPED;
        for (int i = 0; i < skipped[e]; i++) {
            if (memory.writeStamp(fetchAddress[base + i]) != stamp[base + i]) {
                key[e] = NO_KEY;
                return -1;
            }
        }
        return e;
    }

    long lastTable(int e) {
        return lastTable[e];
    }

    boolean noWrite(int e) {
        return noWrite[e];
    }

    /** A walk from the start level begins recording. */
    void begin() {
        pendingCount = 0;
        pendingOk = true;
    }

    /** The walk accepted a table descriptor read at {@code fetch} (a PA). */
    void tableDescriptor(GuestMemory memory, long fetch) {
        long s = memory.writeStamp(fetch);
        if (s == GuestMemory.NO_STAMP || pendingCount == MAX_SKIPPED) {
            pendingOk = false;
            return;
        }
        pendingFetch[pendingCount] = fetch;
        pendingStamp[pendingCount] = s;
        pendingCount++;
    }

    /** The walk reached the last level's table {@code table}: keep what it recorded, if it all can be. */
    void commit(long keyNow, long table, boolean noWriteNow, GuestMemory memory, long stage2EpochAtStart,
            long stage2EpochNow) {
        if (!pendingOk || stage2EpochAtStart != stage2EpochNow) {
            return;
        }
        int e = (int) keyNow & (ENTRIES - 1);
        key[e] = keyNow;
        lastTable[e] = table;
        noWrite[e] = noWriteNow;
        mappingEpoch[e] = memory.mappingEpoch();
        stage2Epoch[e] = stage2EpochNow;
        skipped[e] = pendingCount;
        System.arraycopy(pendingFetch, 0, fetchAddress, e * MAX_SKIPPED, pendingCount);
        System.arraycopy(pendingStamp, 0, stamp, e * MAX_SKIPPED, pendingCount);
    }
}
