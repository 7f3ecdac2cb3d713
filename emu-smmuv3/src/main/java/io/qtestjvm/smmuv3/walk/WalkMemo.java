package io.qtestjvm.smmuv3.walk;

import io.qtestjvm.smmuv3.spec.GuestMemory;

/**
 * What the upper levels of walks through one set of translation tables found (Arm ARM D8.2: every level above the
 * last resolves a table descriptor, D8.3): for an input address region that one last-level table covers, the
 * address of that table and whether an APTable[1] on the way removes write permission. A walk that finds its
 * region here reads only the last-level descriptor.
 *
 * <p>This is a memo, not an architectural walk cache: an entry is used only while nothing it stands for can have
 * changed, so a walk through it answers exactly what a walk from the start level would, and no TLBI is needed to
 * drop it (the architecture lets an SMMU keep intermediate entries until a TLBI without Leaf, IHI 0070 4.4; QEMU's
 * model keeps none, and that is the behaviour kept here). An entry holds while
 * <ul>
 *   <li>the table parameters are those it was made with ({@link TableParams#set} empties the memo), and so are the
 *       memory, nesting, the VMID and the stage-2 granule of a nested walk ({@link #nestedTag});</li>
 *   <li>the memory's {@link GuestMemory#mappingEpoch()} is unchanged (nothing mapped, moved or removed);</li>
 *   <li>its {@link GuestMemory#watchEpoch()} is unchanged: the descriptors the entry stands for are watched, and
 *       no watched memory has been written since;</li>
 *   <li>for a nested stage 1, the stage-2 TLB has dropped no stage-2 entry since: the stage-2 translations of the
 *       skipped table addresses were all in it, so a fresh walk would find the same ones.</li>
 * </ul>
 * Memory that cannot be watched (MMIO, an unassigned address) is never memoised. Direct-mapped, {@value #ENTRIES}
 * entries, made for a {@link TableParams} on its first walk and reused: walks do not allocate, and a hit costs a
 * few compares that do not depend on one another, instead of a chain of dependent descriptor reads.
 */
final class WalkMemo {
    static final int ENTRIES = 8;
    private static final long NO_KEY = -1;

    /** The memory the entries were read from (a configuration walked by another walker starts afresh). */
    private GuestMemory owner;
    /** Per entry, {@value #WORDS} words: key, nested tag, last-level table | APTable[1] seen, and three epochs. */
    private final long[] entries = new long[ENTRIES * WORDS];
    private static final int WORDS = 8;
    private static final int KEY = 0;
    private static final int TAG = 1;
    private static final int TABLE = 2;
    private static final int MAPPING = 3;
    private static final int WATCH = 4;
    private static final int STAGE2 = 5;
    /**
     * The entry a walk that is not nested found last ({@link #recent}), in plain fields: the common case of many
     * walks in one region reads these instead of indexing the table (a copy, dropped by every change to the table).
     */
    private long recentKey = NO_KEY;
    private long recentTable;
    private long recentWatch;
    private long recentMapping;
    private int recentEntry;
    // the entry a walk from the start level is recording
    private boolean pendingOk;
    private boolean pendingApTable;
    private long pendingMapping;

    WalkMemo() {
        clear();
    }

    void clear() {
        for (int i = 0; i < entries.length; i += WORDS) {
            entries[i + KEY] = NO_KEY;
        }
        recentKey = NO_KEY;
    }

    /** 0 for a walk that is not a nested stage 1; else what decides the stage-2 TLB entries its tables go through. */
    static long nestedTag(Stage2Config nested) {
        return nested == null ? 0 : 1L | (long) (nested.vmid & 0xffff) << 1 | (long) nested.tt.granuleShift << 17;
    }

    /** The input address bits the levels above the last one index (those below the input size only). */
    static long keyOf(TableParams t, long in) {
        return (in >>> t.keyShift) & t.keyMask;
    }

    /** The entry of {@code keyNow} if it still holds, or -1. */
    int find(long keyNow, long tagNow, GuestMemory memory, long stage2EpochNow) {
        int e = ((int) keyNow & (ENTRIES - 1)) * WORDS;
        long[] a = entries;
        if (a[e + KEY] == keyNow && a[e + TAG] == tagNow && owner == memory && a[e + WATCH] == memory.watchEpoch()
                && a[e + MAPPING] == memory.mappingEpoch() && a[e + STAGE2] == stage2EpochNow) {
            return e;
        }
        return -1;
    }

    /**
     * For a walk that is not nested: the entry of {@code keyNow} if it still holds ({@link #find} with no nesting),
     * or -1; the last one found is checked first, from plain fields.
     */
    int recent(long keyNow, GuestMemory memory) {
        if (recentKey == keyNow && owner == memory && recentWatch == memory.watchEpoch()
                && recentMapping == memory.mappingEpoch()) {
            return recentEntry;
        }
        int e = find(keyNow, 0, memory, 0);
        if (e >= 0) {
            long[] a = entries;
            recentKey = keyNow;
            recentTable = a[e + TABLE];
            recentWatch = a[e + WATCH];
            recentMapping = a[e + MAPPING];
            recentEntry = e;
        }
        return e;
    }

    /** {@link #lastTable} and {@link #apTable} of the entry {@link #recent} returned, as one word (bit 0). */
    long recentTable() {
        return recentTable;
    }

    /** The last-level table's address (aligned to at least 64 bytes, D8.3). */
    long lastTable(int e) {
        return entries[e + TABLE] & ~1L;
    }

    /** Whether the table descriptors above the last level had APTable[1] set anywhere. */
    boolean apTable(int e) {
        return (entries[e + TABLE] & 1) != 0;
    }

    /** A walk from the start level begins recording. */
    void begin(GuestMemory memory) {
        if (owner != memory) {
            clear();
            owner = memory;
        }
        pendingOk = true;
        pendingApTable = false;
        pendingMapping = memory.mappingEpoch();
    }

    /** The walk accepted table descriptor {@code d}, read at {@code fetch} (a PA). */
    void tableDescriptor(GuestMemory memory, long fetch, long d) {
        pendingOk &= memory.watch(fetch);
        pendingApTable |= (d >>> 62 & 1) != 0;
    }

    /** The walk reached the last level's table {@code table}: keep what it recorded, if it all can be. */
    void commit(long keyNow, long tagNow, long table, GuestMemory memory, long stage2EpochAtStart,
            long stage2EpochNow) {
        long mapping = memory.mappingEpoch();
        if (!pendingOk || mapping != pendingMapping || stage2EpochAtStart != stage2EpochNow) {
            return;
        }
        int e = ((int) keyNow & (ENTRIES - 1)) * WORDS;
        long[] a = entries;
        recentKey = NO_KEY;
        a[e + KEY] = keyNow;
        a[e + TAG] = tagNow;
        a[e + TABLE] = table | (pendingApTable ? 1 : 0);
        a[e + MAPPING] = mapping;
        a[e + WATCH] = memory.watchEpoch();
        a[e + STAGE2] = stage2EpochNow;
    }
}
