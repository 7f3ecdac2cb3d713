package io.qtestjvm.smmuv3.walk;

/**
 * One set of translation tables as a walk needs it (Arm ARM D8.2 "translation process"): granule, input size, the
 * start level and how many index bits it resolves (more than a normal level when stage-2 tables are concatenated,
 * D8.2.x "concatenated translation tables"), the table base and the output size limit. Filled from a CD (stage 1,
 * one per TTB) or an STE (stage 2); mutable so that a cached configuration reuses it. The walk parameters change
 * only through {@link #set}, which also empties the walk memo ({@link WalkMemo}) of these tables.
 */
public final class TableParams {
    /** EPDn = 1: walks of this half fault (F_TRANSLATION). */
    public boolean disabled;
    public int granuleShift;
    public int stride;
    public int inputBits;
    public int startLevel;
    /** Index bits resolved at the start level (stride, fewer, or up to stride + 4 when concatenated). */
    public int topBits;
    public int outputBits;
    public long ttb;
    /** Hierarchical attribute disable (CD.HADn): APTable bits are ignored. */
    public boolean hierarchyDisabled;
    public boolean tbi;
    // Derived from the fields above by set(), so that the translation path does no variable-shift arithmetic:
    /** Input bits that must equal VA[55] (D8.2), without and with the top byte ignored (TBI). */
    long rangeMask;
    long rangeMaskTbi;
    /** The walk memo's key of an input: {@code (in >>> keyShift) & keyMask} (the bits above the last level). */
    int keyShift;
    long keyMask;
    /** A last-level table's index bits: {@code (in >>> granuleShift) & indexMask}. */
    long indexMask;
    /** What walks of these tables found above the last level; made on the first walk that can use it. */
    private WalkMemo memo;

    /** Stage 1: the start level follows from the input size (D8.2: as many levels as the input bits need). */
    public static int stage1StartLevel(int inputBits, int granuleShift) {
        int stride = granuleShift - 3;
        int levels = (inputBits - granuleShift + stride - 1) / stride;
        return 4 - levels;
    }

    /** Index bits above the levels below {@code level}. */
    public static int bitsAtLevel(int inputBits, int granuleShift, int level) {
        return inputBits - (granuleShift + (granuleShift - 3) * (3 - level));
    }

    /** The walk memo of these tables (emptied by {@link #set}, the only way the walk parameters change). */
    WalkMemo memo() {
        WalkMemo m = memo;
        if (m == null) {
            m = new WalkMemo();
            memo = m;
        }
        return m;
    }

    /** The walk memo if a walk made one, else null. */
    WalkMemo memoIfMade() {
        return memo;
    }

    public void set(int granuleShift, int inputBits, int startLevel, long ttb, int outputBits) {
        if (memo != null) {
            memo.clear();
        }
        this.disabled = false;
        this.granuleShift = granuleShift;
        this.stride = granuleShift - 3;
        this.inputBits = inputBits;
        this.startLevel = startLevel;
        this.topBits = bitsAtLevel(inputBits, granuleShift, startLevel);
        this.outputBits = outputBits;
        // Table bases are aligned to the start table's size (at least 64 bytes); lower bits are ignored.
        long align = Math.max(64L, 8L << topBits);
        this.ttb = ttb & ~(align - 1);
        this.rangeMask = -1L << Math.min(63, inputBits);
        this.rangeMaskTbi = 0x00ff_ffff_ffff_ffffL & rangeMask;
        this.keyShift = granuleShift + stride;
        this.keyMask = (1L << (inputBits - keyShift)) - 1;
        this.indexMask = (1L << stride) - 1;
    }

    public void disable() {
        disabled = true;
    }
}
