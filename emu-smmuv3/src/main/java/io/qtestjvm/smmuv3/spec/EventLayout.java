package io.qtestjvm.smmuv3.spec;

import static io.qtestjvm.smmuv3.spec.Field.bit;
import static io.qtestjvm.smmuv3.spec.Field.bits;

/**
 * Event records (IHI 0070 7.3): 32 bytes, event type in [7:0]. The translation-fault records (F_TRANSLATION,
 * F_ADDR_SIZE, F_ACCESS, F_PERMISSION, 7.3.10 .. 7.3.13) and F_WALK_EABT (7.3.9) share the fields below; the fetch
 * faults (F_STE_FETCH, F_CD_FETCH) carry FetchAddr.
 */
public final class EventLayout {
    private EventLayout() {
    }

    public static final int SIZE = 32;
    public static final int WORDS = 4;

    public static final int EVENT_TYPE = bits(7, 0);
    public static final int SSV = bit(11);
    public static final int SUBSTREAM_ID = bits(31, 12);
    public static final int STREAM_ID = bits(63, 32);
    public static final int STAG = bits(79, 64);
    public static final int STALL = bit(95);
    public static final int PNU = bit(97);
    public static final int IND = bit(98);
    public static final int RNW = bit(99);
    public static final int S2 = bit(103);
    public static final int CLASS = bits(105, 104);
    public static final int INPUT_ADDR = bits(191, 128);
    /** IPA[51:12] of the stage-2 faults (naturally aligned in the last word). */
    public static final int IPA = bits(243, 204);
    /** FetchAddr[51:3] of F_STE_FETCH, F_CD_FETCH and F_WALK_EABT. */
    public static final int FETCH_ADDR = bits(243, 195);

    /** CLASS (7.3.10): what the faulting stage-2 access was for. */
    public static final int CLASS_CD = 0b00;
    public static final int CLASS_TT = 0b01;
    public static final int CLASS_IN = 0b10;
}
