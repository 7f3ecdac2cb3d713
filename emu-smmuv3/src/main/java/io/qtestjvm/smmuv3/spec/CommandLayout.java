package io.qtestjvm.smmuv3.spec;

import static io.qtestjvm.smmuv3.spec.Field.bit;
import static io.qtestjvm.smmuv3.spec.Field.bits;

/** Command queue entries (IHI 0070 4.1 .. 4.7): 16 bytes, opcode in bits [7:0]; fields per command family. */
public final class CommandLayout {
    private CommandLayout() {
    }

    public static final int SIZE = 16;
    public static final int WORDS = 2;

    public static final int OPCODE = bits(7, 0);
    // 4.2 prefetch, 4.3 configuration invalidation
    public static final int SSEC = bit(10);
    public static final int SSV = bit(11);
    public static final int SUBSTREAM_ID = bits(31, 12);
    public static final int SID = bits(63, 32);
    public static final int CFGI_LEAF = bit(64);
    public static final int CFGI_RANGE = bits(68, 64);
    public static final int PREFETCH_SIZE = bits(68, 64);
    // 4.4 TLB invalidation
    public static final int TLBI_NUM = bits(16, 12);
    public static final int TLBI_SCALE = bits(24, 20);
    public static final int TLBI_VMID = bits(47, 32);
    public static final int TLBI_ASID = bits(63, 48);
    public static final int TLBI_LEAF = bit(64);
    public static final int TLBI_TTL = bits(73, 72);
    public static final int TLBI_TG = bits(75, 74);
    /** Address[63:12] of TLBI_NH_VA/VAA, TLBI_EL2_VA/VAA and PREFETCH_ADDR. */
    public static final int TLBI_ADDRESS = bits(127, 76);
    /** IPA[51:12] of TLBI_S2_IPA. */
    public static final int TLBI_IPA = bits(115, 76);
    // 4.7 CMD_SYNC
    public static final int SYNC_CS = bits(13, 12);
    public static final int SYNC_MSH = bits(23, 22);
    public static final int SYNC_MSIATTR = bits(27, 24);
    public static final int SYNC_MSIDATA = bits(63, 32);
    /** MSIAddress[51:2]. */
    public static final int SYNC_MSIADDRESS = bits(115, 66);

    public static final int CS_SIG_NONE = 0b00;
    public static final int CS_SIG_IRQ = 0b01;
    public static final int CS_SIG_SEV = 0b10;

    /** The CFGI_STE_RANGE Range value that makes it CMD_CFGI_ALL (4.3). */
    public static final int CFGI_ALL_RANGE = 31;
}
