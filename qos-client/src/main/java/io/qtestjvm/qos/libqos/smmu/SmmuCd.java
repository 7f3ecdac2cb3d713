package io.qtestjvm.qos.libqos.smmu;

/**
 * A Context Descriptor as a driver builds it (Arm IHI 0070 5.4, 64 bytes): the TTB0 half of a stage-1 translation
 * regime (T0SZ, TG0, EPD0, TTB0), EPD1, IPS, AFFD, TBI, AA64, R, A, ASID and V. {@link #forTable} gives a valid
 * AArch64 CD for a stage-1 table with faults recorded (R = 1) and the TTB1 half disabled (EPD1 = 1).
 */
public final class SmmuCd extends StructureImage {
    public static final int BYTES = 64;
    // 5.4 CD.TG0
    public static final int TG0_4K = 0b00;
    public static final int TG0_64K = 0b01;
    public static final int TG0_16K = 0b10;
    /** CD.IPS / STE.S2PS encodings used by the tests (3-bit PA size: 0 = 32 bits, 4 = 44 bits, 5 = 48 bits). */
    public static final int PS_32 = 0;
    public static final int PS_44 = 4;
    public static final int PS_48 = 5;

    public SmmuCd() {
        super(BYTES);
    }

    /** V, AA64, A, R, EPD1, IPS 44 bits, ASID {@code asid}, and T0SZ/TG0/TTB0 of {@code table}. */
    public static SmmuCd forTable(SmmuPageTable table, int asid) {
        if (table.isStage2()) {
            throw new IllegalArgumentException("a stage-2 table");
        }
        return new SmmuCd().v(true).aa64(true).a(true).r(true).epd1(true).ips(PS_44).asid(asid)
                .t0sz(64 - table.inputBits()).tg0(switch (table.granuleShift()) {
                    case 12 -> TG0_4K;
                    case 14 -> TG0_16K;
                    default -> TG0_64K;
                }).ttb0(table.root());
    }

    public SmmuCd t0sz(int t0sz) {
        set(5, 0, t0sz);
        return this;
    }

    public SmmuCd tg0(int tg) {
        set(7, 6, tg);
        return this;
    }

    public SmmuCd epd0(boolean disabled) {
        set(14, 14, disabled ? 1 : 0);
        return this;
    }

    public SmmuCd epd1(boolean disabled) {
        set(30, 30, disabled ? 1 : 0);
        return this;
    }

    public SmmuCd v(boolean valid) {
        set(31, 31, valid ? 1 : 0);
        return this;
    }

    public SmmuCd ips(int ps) {
        set(34, 32, ps);
        return this;
    }

    /** AFFD: an access flag of 0 does not fault. */
    public SmmuCd affd(boolean affd) {
        set(35, 35, affd ? 1 : 0);
        return this;
    }

    /** TBI[1:0] (bits 39:38). */
    public SmmuCd tbi(int tbi) {
        set(39, 38, tbi);
        return this;
    }

    public SmmuCd aa64(boolean aa64) {
        set(41, 41, aa64 ? 1 : 0);
        return this;
    }

    /** R: stage-1 translation faults are recorded. */
    public SmmuCd r(boolean record) {
        set(45, 45, record ? 1 : 0);
        return this;
    }

    /** A: abort on a terminated transaction (RES1 where the SMMU has no stall model choice). */
    public SmmuCd a(boolean abort) {
        set(46, 46, abort ? 1 : 0);
        return this;
    }

    public SmmuCd asid(int asid) {
        set(63, 48, asid);
        return this;
    }

    /** TTB0[51:4]. */
    public SmmuCd ttb0(long address) {
        set(115, 68, address >>> 4);
        return this;
    }
}
