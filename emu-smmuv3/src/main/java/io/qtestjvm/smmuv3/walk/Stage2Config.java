package io.qtestjvm.smmuv3.walk;

/** A decoded stage-2 configuration (IHI 0070 5.2 STE S2* fields). */
public final class Stage2Config {
    public final TableParams tt = new TableParams();
    public int vmid;
    public boolean affd;
    /** STE.S2R: stage-2 faults of the four translation kinds are recorded. */
    public boolean record;
}
