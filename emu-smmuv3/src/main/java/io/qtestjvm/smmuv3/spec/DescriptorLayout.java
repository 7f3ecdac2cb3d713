package io.qtestjvm.smmuv3.spec;

import static io.qtestjvm.smmuv3.spec.Field.bit;
import static io.qtestjvm.smmuv3.spec.Field.bits;

/**
 * VMSAv8-64 translation table descriptors (Arm ARM DDI 0487, D8.3 "Translation table descriptor formats", 64-bit
 * descriptors without FEAT_LPA2): bits[1:0] give invalid / block / table / page; the output address sits in
 * [47:granule shift] (with OA[51:48] in [15:12] for the 64 KiB granule); lower and upper attributes of leaves
 * (D8.3.2) and the hierarchical APTable of table descriptors (D8.4.1 hierarchical permissions).
 */
public final class DescriptorLayout {
    private DescriptorLayout() {
    }

    public static final int VALID = bit(0);
    /** bit 1: 1 = table (levels 0..2) or page (level 3), 0 = block (levels 1..2). */
    public static final int TYPE = bit(1);
    /** Stage 1 AP[2:1] (D8.4.1): AP[2] = read-only, AP[1] = EL0 access. */
    public static final int S1_AP = bits(7, 6);
    /** Stage 2 S2AP[1:0] (D8.4.2): bit 6 read allowed, bit 7 write allowed. */
    public static final int S2AP = bits(7, 6);
    public static final int SH = bits(9, 8);
    public static final int AF = bit(10);
    /** nG (stage 1 only): 0 = global, entry not tagged with an ASID. */
    public static final int NG = bit(11);
    public static final int OA_51_48_64K = bits(15, 12);
    public static final int XN = bit(54);
    /** APTable[1] (bit 62): no write at any subsequent level; APTable[0] (bit 61): no EL0 access. */
    public static final int AP_TABLE = bits(62, 61);
    public static final int NS_TABLE = bit(63);

    public static final long ADDRESS_MASK_48 = 0x0000_ffff_ffff_f000L;
}
