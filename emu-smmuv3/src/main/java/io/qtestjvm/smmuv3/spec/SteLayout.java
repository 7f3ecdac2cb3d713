package io.qtestjvm.smmuv3.spec;

import static io.qtestjvm.smmuv3.spec.Field.bit;
import static io.qtestjvm.smmuv3.spec.Field.bits;

/**
 * Stream Table Entry (IHI 0070 5.2), 64 bytes, and the Level 1 Stream Table Descriptor of a two-level stream table
 * (5.1, L1STD, 8 bytes). Bit numbers are the spec's, counted over the whole structure.
 */
public final class SteLayout {
    private SteLayout() {
    }

    public static final int SIZE = 64;
    public static final int WORDS = 8;

    public static final int V = bit(0);
    public static final int CONFIG = bits(3, 1);
    public static final int S1FMT = bits(5, 4);
    public static final int S1_CONTEXT_PTR = bits(51, 6);
    public static final int S1CDMAX = bits(63, 59);
    public static final int S1DSS = bits(65, 64);
    public static final int S1CIR = bits(67, 66);
    public static final int S1COR = bits(69, 68);
    public static final int S1CSH = bits(71, 70);
    public static final int S1STALLD = bit(91);
    public static final int EATS = bits(93, 92);
    public static final int STRW = bits(95, 94);
    public static final int S2VMID = bits(143, 128);
    public static final int S2T0SZ = bits(165, 160);
    public static final int S2SL0 = bits(167, 166);
    public static final int S2IR0 = bits(169, 168);
    public static final int S2OR0 = bits(171, 170);
    public static final int S2SH0 = bits(173, 172);
    public static final int S2TG = bits(175, 174);
    public static final int S2PS = bits(178, 176);
    public static final int S2AA64 = bit(179);
    public static final int S2ENDI = bit(180);
    public static final int S2AFFD = bit(181);
    public static final int S2PTW = bit(182);
    public static final int S2HD = bit(183);
    public static final int S2HA = bit(184);
    public static final int S2S = bit(185);
    public static final int S2R = bit(186);
    /** S2TTB[51:4]. */
    public static final int S2TTB = bits(243, 196);

    /** STE.Config (5.2): bit 2 set means "not abort"; bit 0 stage 1 translates, bit 1 stage 2 translates. */
    public static final int CONFIG_ABORT = 0b000;
    public static final int CONFIG_BYPASS = 0b100;
    public static final int CONFIG_S1 = 0b101;
    public static final int CONFIG_S2 = 0b110;
    public static final int CONFIG_NESTED = 0b111;

    /** STE.S1DSS (5.2): what a transaction without a SubstreamID gets when S1CDMax &gt; 0. */
    public static final int S1DSS_TERMINATE = 0b00;
    public static final int S1DSS_BYPASS = 0b01;
    public static final int S1DSS_SUBSTREAM0 = 0b10;

    /** STE.S1Fmt (5.2): linear CD table, or two-level with 4 KiB / 64 KiB leaf tables. */
    public static final int S1FMT_LINEAR = 0;
    public static final int S1FMT_64_CDS = 1;
    public static final int S1FMT_1024_CDS = 2;

    // 5.1 L1STD
    public static final int L1STD_SIZE = 8;
    public static final int L1STD_SPAN = bits(4, 0);
    public static final int L1STD_L2PTR = bits(51, 6);

    // 5.3 L1CD (two-level CD tables)
    public static final int L1CD_V = bit(0);
    public static final int L1CD_L2PTR = bits(51, 12);
}
