package io.qtestjvm.smmuv3.walk;

/** The outcome of a successful walk: reused, never allocated per translation. */
public final class WalkResult {
    /** Output address of the input address (not of the block base). */
    public long outputAddress;
    /** log2 of the mapping size: the page or block the leaf describes (for nested, the smaller of the two). */
    public int blockShift;
    public int level;
    /** Granule of the leaf's tables (the TG a range TLBI names). */
    public int granuleShift;
    public boolean readable;
    public boolean writable;
    /** nG = 0 in a stage-1 leaf: the entry is not ASID-tagged. */
    public boolean global;

    public void copyFrom(WalkResult o) {
        outputAddress = o.outputAddress;
        blockShift = o.blockShift;
        level = o.level;
        granuleShift = o.granuleShift;
        readable = o.readable;
        writable = o.writable;
        global = o.global;
    }
}
