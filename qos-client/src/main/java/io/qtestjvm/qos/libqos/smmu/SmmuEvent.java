package io.qtestjvm.qos.libqos.smmu;

/**
 * One event record decoded (Arm IHI 0070 7.3, 32 bytes): the type [7:0], SSV [11], SubstreamID [31:12], StreamID
 * [63:32], RnW [99], S2 [103], CLASS [105:104], InputAddr [191:128], IPA[51:12] at [243:204] (stage-2 faults) and
 * FetchAddr[51:3] at [243:195] (F_STE_FETCH, F_CD_FETCH, F_WALK_EABT). {@code raw} keeps the four words.
 */
public record SmmuEvent(int type, int streamId, boolean ssv, int substreamId, boolean read, boolean stage2,
        int faultClass, long inputAddress, long ipa, long fetchAddress, long[] raw) {
    // 7.3 event numbers
    public static final int C_BAD_STREAMID = 0x02;
    public static final int F_STE_FETCH = 0x03;
    public static final int C_BAD_STE = 0x04;
    public static final int F_STREAM_DISABLED = 0x06;
    public static final int C_BAD_SUBSTREAMID = 0x08;
    public static final int F_CD_FETCH = 0x09;
    public static final int C_BAD_CD = 0x0a;
    public static final int F_WALK_EABT = 0x0b;
    public static final int F_TRANSLATION = 0x10;
    public static final int F_ADDR_SIZE = 0x11;
    public static final int F_ACCESS = 0x12;
    public static final int F_PERMISSION = 0x13;
    // 7.3.10 CLASS
    public static final int CLASS_CD = 0;
    public static final int CLASS_TT = 1;
    public static final int CLASS_IN = 2;

    public static final int BYTES = 32;

    /** Decodes the four 64-bit words of a record. */
    public static SmmuEvent decode(long[] w) {
        return new SmmuEvent((int) (w[0] & 0xff), (int) (w[0] >>> 32), (w[0] >>> 11 & 1) != 0,
                (int) (w[0] >>> 12 & 0xfffff), (w[1] >>> 35 & 1) != 0, (w[1] >>> 39 & 1) != 0,
                (int) (w[1] >>> 40 & 3), w[2], (w[3] >>> 12 & ((1L << 40) - 1)) << 12,
                (w[3] >>> 3 & ((1L << 49) - 1)) << 3, w.clone());
    }

    /** The event's name as 7.3 spells it. */
    public static String name(int type) {
        return switch (type) {
            case C_BAD_STREAMID -> "C_BAD_STREAMID";
            case F_STE_FETCH -> "F_STE_FETCH";
            case C_BAD_STE -> "C_BAD_STE";
            case F_STREAM_DISABLED -> "F_STREAM_DISABLED";
            case C_BAD_SUBSTREAMID -> "C_BAD_SUBSTREAMID";
            case F_CD_FETCH -> "F_CD_FETCH";
            case C_BAD_CD -> "C_BAD_CD";
            case F_WALK_EABT -> "F_WALK_EABT";
            case F_TRANSLATION -> "F_TRANSLATION";
            case F_ADDR_SIZE -> "F_ADDR_SIZE";
            case F_ACCESS -> "F_ACCESS";
            case F_PERMISSION -> "F_PERMISSION";
            default -> "0x" + Integer.toHexString(type);
        };
    }

    @Override
    public String toString() {
        return name(type) + "[sid=0x" + Integer.toHexString(streamId) + (ssv ? " ssid=" + substreamId : "")
                + (read ? " read" : " write") + (stage2 ? " S2 class=" + faultClass : "") + " input=0x"
                + Long.toHexString(inputAddress) + " ipa=0x" + Long.toHexString(ipa) + " fetch=0x"
                + Long.toHexString(fetchAddress) + "]";
    }
}
