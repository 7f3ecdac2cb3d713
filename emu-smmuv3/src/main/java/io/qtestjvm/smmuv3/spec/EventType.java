package io.qtestjvm.smmuv3.spec;

/** Event type numbers (IHI 0070 7.3, the table of event records). */
public final class EventType {
    private EventType() {
    }

    public static final int F_UUT = 0x01;
    public static final int C_BAD_STREAMID = 0x02;
    public static final int F_STE_FETCH = 0x03;
    public static final int C_BAD_STE = 0x04;
    public static final int F_BAD_ATS_TREQ = 0x05;
    public static final int F_STREAM_DISABLED = 0x06;
    public static final int F_TRANSL_FORBIDDEN = 0x07;
    public static final int C_BAD_SUBSTREAMID = 0x08;
    public static final int F_CD_FETCH = 0x09;
    public static final int C_BAD_CD = 0x0a;
    public static final int F_WALK_EABT = 0x0b;
    public static final int F_TRANSLATION = 0x10;
    public static final int F_ADDR_SIZE = 0x11;
    public static final int F_ACCESS = 0x12;
    public static final int F_PERMISSION = 0x13;
    public static final int F_TLB_CONFLICT = 0x20;
    public static final int F_CFG_CONFLICT = 0x21;

    public static String name(int type) {
        return switch (type) {
            case F_UUT -> "F_UUT";
            case C_BAD_STREAMID -> "C_BAD_STREAMID";
            case F_STE_FETCH -> "F_STE_FETCH";
            case C_BAD_STE -> "C_BAD_STE";
            case F_BAD_ATS_TREQ -> "F_BAD_ATS_TREQ";
            case F_STREAM_DISABLED -> "F_STREAM_DISABLED";
            case F_TRANSL_FORBIDDEN -> "F_TRANSL_FORBIDDEN";
            case C_BAD_SUBSTREAMID -> "C_BAD_SUBSTREAMID";
            case F_CD_FETCH -> "F_CD_FETCH";
            case C_BAD_CD -> "C_BAD_CD";
            case F_WALK_EABT -> "F_WALK_EABT";
            case F_TRANSLATION -> "F_TRANSLATION";
            case F_ADDR_SIZE -> "F_ADDR_SIZE";
            case F_ACCESS -> "F_ACCESS";
            case F_PERMISSION -> "F_PERMISSION";
            case F_TLB_CONFLICT -> "F_TLB_CONFLICT";
            case F_CFG_CONFLICT -> "F_CFG_CONFLICT";
            default -> "0x" + Integer.toHexString(type);
        };
    }
}
