package io.qtestjvm.smmuv3.walk;

/** A decoded stage-1 context (IHI 0070 5.4 CD): both table halves, ASID and fault handling. */
public final class Stage1Config {
    public final TableParams tt0 = new TableParams();
    public final TableParams tt1 = new TableParams();
    public int asid;
    /** CD.AFFD: an access flag of 0 does not fault. */
    public boolean affd;
    /** CD.R: F_TRANSLATION, F_ADDR_SIZE, F_ACCESS and F_PERMISSION of this stage are recorded. */
    public boolean record;
    /** Intermediate (or physical, without stage 2) output size: min(CD.IPS, OAS). */
    public int outputBits;
}
