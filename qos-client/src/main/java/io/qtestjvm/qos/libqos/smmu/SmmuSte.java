package io.qtestjvm.qos.libqos.smmu;

/**
 * A Stream Table Entry as a driver builds it (Arm IHI 0070 5.2, 64 bytes): V, Config (abort, bypass, stage 1,
 * stage 2, nested), the stage-1 context pointer and CD table format, and the stage-2 translation controls
 * (VMID, S2T0SZ, S2SL0, S2TG, S2PS, S2AA64, S2AFFD, S2R, S2TTB). Setters return {@code this}; {@link #set} reaches
 * any other field (reserved ones included, for hostile-input tests).
 */
public final class SmmuSte extends StructureImage {
    public static final int BYTES = 64;
    // 5.2 STE.Config
    public static final int CONFIG_ABORT = 0b000;
    public static final int CONFIG_BYPASS = 0b100;
    public static final int CONFIG_S1 = 0b101;
    public static final int CONFIG_S2 = 0b110;
    public static final int CONFIG_NESTED = 0b111;
    // 5.2 STE.S2TG
    public static final int S2TG_4K = 0b00;
    public static final int S2TG_64K = 0b01;
    public static final int S2TG_16K = 0b10;

    public SmmuSte() {
        super(BYTES);
    }

    /** V = 1 with {@code config} (the usual start). */
    public static SmmuSte valid(int config) {
        return new SmmuSte().v(true).config(config);
    }

    public SmmuSte v(boolean valid) {
        set(0, 0, valid ? 1 : 0);
        return this;
    }

    public SmmuSte config(int config) {
        set(3, 1, config);
        return this;
    }

    /** S1Fmt [5:4] (0 linear CD table / single CD). */
    public SmmuSte s1Fmt(int fmt) {
        set(5, 4, fmt);
        return this;
    }

    /** S1ContextPtr[51:6] (a PA, or an IPA when stage 2 also translates). */
    public SmmuSte s1ContextPtr(long address) {
        set(51, 6, address >>> 6);
        return this;
    }

    /** S1CDMax [63:59]: log2 of the number of CDs (0 = one CD, no SubstreamIDs). */
    public SmmuSte s1CdMax(int log2) {
        set(63, 59, log2);
        return this;
    }

    /** S1DSS [65:64]. */
    public SmmuSte s1Dss(int dss) {
        set(65, 64, dss);
        return this;
    }

    public SmmuSte s2Vmid(int vmid) {
        set(143, 128, vmid);
        return this;
    }

    /**
     * The stage-2 translation of {@code table} (S2T0SZ, S2SL0, S2TG, S2TTB), with S2AA64 = 1, S2PS = {@code ps}
     * (the 3-bit PS encoding: 4 = 44 bits, 5 = 48 bits) and S2R = 1 (record faults).
     */
    public SmmuSte stage2(SmmuPageTable table, int ps) {
        if (!table.isStage2()) {
            throw new IllegalArgumentException("a stage-1 table");
        }
        s2T0sz(64 - table.inputBits());
        s2Sl0(table.sl0());
        s2Tg(switch (table.granuleShift()) {
            case 12 -> S2TG_4K;
            case 14 -> S2TG_16K;
            default -> S2TG_64K;
        });
        s2Ps(ps);
        s2Aa64(true);
        s2R(true);
        return s2Ttb(table.root());
    }

    public SmmuSte s2T0sz(int t0sz) {
        set(165, 160, t0sz);
        return this;
    }

    public SmmuSte s2Sl0(int sl0) {
        set(167, 166, sl0);
        return this;
    }

    public SmmuSte s2Tg(int tg) {
        set(175, 174, tg);
        return this;
    }

    public SmmuSte s2Ps(int ps) {
        set(178, 176, ps);
        return this;
    }

    public SmmuSte s2Aa64(boolean aa64) {
        set(179, 179, aa64 ? 1 : 0);
        return this;
    }

    public SmmuSte s2Affd(boolean affd) {
        set(181, 181, affd ? 1 : 0);
        return this;
    }

    /** S2R (bit 186): stage-2 translation faults are recorded in the event queue. */
    public SmmuSte s2R(boolean record) {
        set(186, 186, record ? 1 : 0);
        return this;
    }

    /** S2TTB[51:4]. */
    public SmmuSte s2Ttb(long address) {
        set(243, 196, address >>> 4);
        return this;
    }
}
