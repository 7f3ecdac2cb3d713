package io.qtestjvm.smmuv3.spec;

import static io.qtestjvm.smmuv3.spec.Field.bit;
import static io.qtestjvm.smmuv3.spec.Field.bits;

/** Context Descriptor (IHI 0070 5.4), 64 bytes. Bit numbers are the spec's, counted over the whole structure. */
public final class CdLayout {
    private CdLayout() {
    }

    public static final int SIZE = 64;
    public static final int WORDS = 8;

    public static final int T0SZ = bits(5, 0);
    public static final int TG0 = bits(7, 6);
    public static final int IR0 = bits(9, 8);
    public static final int OR0 = bits(11, 10);
    public static final int SH0 = bits(13, 12);
    public static final int EPD0 = bit(14);
    public static final int ENDI = bit(15);
    public static final int T1SZ = bits(21, 16);
    public static final int TG1 = bits(23, 22);
    public static final int EPD1 = bit(30);
    public static final int V = bit(31);
    public static final int IPS = bits(34, 32);
    public static final int AFFD = bit(35);
    public static final int WXN = bit(36);
    public static final int UWXN = bit(37);
    /** TBI[1:0]: bit 0 for the TTB0 half of the address space, bit 1 for TTB1. */
    public static final int TBI = bits(39, 38);
    public static final int PAN = bit(40);
    public static final int AA64 = bit(41);
    public static final int HD = bit(42);
    public static final int HA = bit(43);
    public static final int S = bit(44);
    public static final int R = bit(45);
    public static final int A = bit(46);
    public static final int ASET = bit(47);
    public static final int ASID = bits(63, 48);
    public static final int NSCFG0 = bit(64);
    public static final int HAD0 = bit(65);
    /** TTB0[51:4]. */
    public static final int TTB0 = bits(115, 68);
    public static final int NSCFG1 = bit(128);
    public static final int HAD1 = bit(129);
    /** TTB1[51:4]. */
    public static final int TTB1 = bits(179, 132);
    public static final int MAIR0 = bits(223, 192);
    public static final int MAIR1 = bits(255, 224);

    /** TG0 encodings (5.4). */
    public static final int TG0_4K = 0b00;
    public static final int TG0_64K = 0b01;
    public static final int TG0_16K = 0b10;
    /** TG1 encodings (5.4): a different code from TG0, as in TCR_EL1. */
    public static final int TG1_16K = 0b01;
    public static final int TG1_4K = 0b10;
    public static final int TG1_64K = 0b11;
}
