package io.qtestjvm.smmuv3.walk;

/**
 * A decoded stream configuration: what the STE (IHI 0070 5.2) and, for stage 1, the CD (5.4) say about one
 * StreamID. The config cache holds these and reuses them; {@link #steValid} / {@link #cdValid} say which half is
 * current, so a CFGI_CD drops the CD half only.
 */
public final class StreamConfig {
    public static final int ABORT = 0;
    public static final int BYPASS = 1;
    public static final int TRANSLATE = 2;

    public int streamId = -1;
    public boolean steValid;
    public boolean cdValid;
    public int kind;
    /** STE.Config[0]: the STE enables stage 1 (a CD is needed). */
    public boolean steStage1;
    /** Stage 1 translates (Config[0] and not bypassed by S1DSS). */
    public boolean stage1;
    /** Stage 2 translates (Config[1]). */
    public boolean stage2;
    /** The tag TLB entries of this stream carry (S2VMID when stage 2 exists in the SMMU, else 0). */
    public int vmidTag;
    // STE stage-1 pointers (5.2)
    public long contextPtr;
    public int s1Format;
    public int s1CdMax;
    public int s1Dss;
    /** The SubstreamID whose CD is loaded (0 for transactions without one). */
    public int substreamId;
    public final Stage1Config s1 = new Stage1Config();
    public final Stage2Config s2 = new Stage2Config();
    /** Smallest granule of the enabled stages: the IOTLB's page for this stream. */
    public int tlbShift;
    /** The IOTLB context tag (VMID, ASID or none) of this stream's entries. */
    public long tlbContext;
    /** Any TBI bit set: the top byte of a client address is replaced by the sign extension of bit 55. */
    public boolean tbi;

    public void invalidate() {
        steValid = false;
        cdValid = false;
    }

    /** Recomputes the derived fields once both halves are decoded. */
    public void finish() {
        int shift = 16;
        if (stage1) {
            if (!s1.tt0.disabled) {
                shift = Math.min(shift, s1.tt0.granuleShift);
            }
            if (!s1.tt1.disabled) {
                shift = Math.min(shift, s1.tt1.granuleShift);
            }
        }
        if (stage2) {
            shift = Math.min(shift, s2.tt.granuleShift);
        }
        tlbShift = shift;
        tlbContext = io.qtestjvm.smmuv3.cache.Iotlb.contextTag(vmidTag,
                stage1 ? s1.asid : io.qtestjvm.smmuv3.cache.Iotlb.NO_ASID);
        tbi = stage1 && ((s1.tt0.tbi && !s1.tt0.disabled) || (s1.tt1.tbi && !s1.tt1.disabled));
    }
}
