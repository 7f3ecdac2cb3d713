package io.qtestjvm.devices.testdev;

/**
 * The fixed translation set-up {@code smmu-testdev}'s builder writes into guest memory, as the RFC's interface
 * defines it: one StreamID (1, the default {@code device=0,function=1}), a linear stream table at
 * {@link #STREAM_TABLE}, its STE, one CD, and one set of four 4 KiB-granule tables at {@link #TABLES} that both
 * stages share, mapping {@link #IOVA} to {@link #DATA_PAGE} + 0x567. Every address is the RFC's layout plus the
 * Non-secure offset 0x4000_0000 (RAM on {@code virt}).
 *
 * <p>The words are composed from the architecture's field positions: the STE of Arm IHI 0070 5.2 (V, Config,
 * S1ContextPtr, S2T0SZ, S2SL0, S2TG, S2PS, S2AA64, S2TTB), the CD of 5.4 (T0SZ, TG0, EPD0/EPD1, V, IPS, AA64, R, A,
 * ASID, TTB0) and VMSAv8-64 stage 1 / stage 2 page and table descriptors (Arm ARM D8.3). Values: STE Config 5
 * (stage 1), 6 (stage 2) or 7 (nested); S2T0SZ 20, S2SL0 2 (start at level 0 with 4 KiB), S2PS 48 bits, S2AA64;
 * CD T0SZ 16, TG0 4 KiB, EPD1, IPS 44 bits, AA64, R, A, ASID 0x1e20, TTB0 = the shared tables. Leaves carry AF,
 * inner shareable, bit 58 (software use) and AP/S2AP: stage-1 leaves read-write at EL0/EL1 (AP = 01), stage-2
 * leaves read-write (S2AP = 11; the same bits read as a stage-1 read-only leaf).
 *
 * <p>Nested mode also maps, in the shared tables read as stage 2, the CD's page, each table page and the data page
 * onto themselves, so the stage-1 walk's table and CD fetches translate.
 */
public final class SmmuTestdevTables {
    private SmmuTestdevTables() {
    }

    static final long NS_OFFSET = 0x4000_0000L;
    public static final long IOVA = 0x80_8060_4567L;
    public static final long STREAM_TABLE = NS_OFFSET + 0x0e17_9000L;
    public static final int STREAM_ID = 1;
    public static final long STE = STREAM_TABLE + STREAM_ID * 64L;
    public static final long CD = STREAM_TABLE + 0x80;
    /** Level 0 table; levels 1, 2, 3 follow a page apart. */
    public static final long TABLES = NS_OFFSET + 0x0e4d_0000L;
    public static final long DATA_PAGE = NS_OFFSET + 0x0ecb_a000L;
    public static final long DATA = DATA_PAGE + (IOVA & 0xfff);
    public static final int ASID = 0x1e20;

    // VMSAv8-64 descriptor bits (Arm ARM D8.3)
    static final long VALID_TABLE_OR_PAGE = 0x3;
    static final long AP_RW = 0x1L << 6;
    static final long AP_OR_S2AP_RW = 0x3L << 6;
    static final long SH_INNER = 0x3L << 8;
    static final long AF = 1L << 10;
    static final long SOFTWARE_58 = 1L << 58;
    /** A stage-1 read-write page. */
    public static final long S1_LEAF = SOFTWARE_58 | AF | SH_INNER | AP_RW | VALID_TABLE_OR_PAGE;
    /** A stage-2 read-write page. */
    public static final long S2_LEAF = SOFTWARE_58 | AF | SH_INNER | AP_OR_S2AP_RW | VALID_TABLE_OR_PAGE;

    /** Receives the builder's writes. Returns whether the write completed. */
    interface Memory {
        boolean write64(long address, long value);

        boolean write32(long address, int value);
    }

    /** The STE's first eight words (IHI 0070 5.2) for {@code mode} (0 S1, 1 S2, 2 or 3 nested). */
    static void steWords(int mode, int[] w) {
        java.util.Arrays.fill(w, 0);
        int config = mode == SmmuTestdevRegisters.MODE_S1 ? 0b101 : mode == SmmuTestdevRegisters.MODE_S2 ? 0b110
                : 0b111;
        w[0] = 1 | config << 1 | (int) CD & 0xffff_ffc0;
        w[1] = (int) (CD >>> 32) & 0x00ff_ffff;
        int s2t0sz = 20;
        int s2sl0 = 2;
        int s2tg4k = 0;
        int s2ps48 = 5;
        w[5] = s2t0sz | s2sl0 << 6 | s2tg4k << 14 | s2ps48 << 16 | 1 << 19; // bit 19 S2AA64
        w[6] = (int) TABLES & 0xffff_fff0;
        w[7] = (int) (TABLES >>> 32) & 0x000f_ffff;
    }

    /** The CD's first eight words (IHI 0070 5.4). */
    static void cdWords(int[] w) {
        java.util.Arrays.fill(w, 0);
        int t0sz = 16;
        w[0] = t0sz | 1 << 30 | 1 << 31; // TG0 = 4 KiB, EPD0 = 0, EPD1 = 1, V
        int ips44 = 4;
        w[1] = ips44 | 1 << 9 | 1 << 13 | 1 << 14 | ASID << 16; // AA64, R, A
        w[2] = (int) TABLES & 0xffff_fff0;
        w[3] = (int) (TABLES >>> 32) & 0x0007_ffff;
    }

    /** Address of the level-{@code level} entry for {@code va} in the shared tables (4 KiB granule, 9 bits a level). */
    static long entryAddress(int level, long va) {
        int index = (int) (va >>> (39 - 9 * level)) & 0x1ff;
        return TABLES + level * 0x1000L + index * 8L;
    }

    /** The table descriptor the level-{@code level} entry holds: the next level's table. */
    static long tableDescriptor(int level) {
        return TABLES + (level + 1) * 0x1000L | VALID_TABLE_OR_PAGE;
    }

    /** Maps the page of {@code va} to that of {@code pa} with {@code leaf}'s attributes; the last write's status. */
    static boolean map(Memory m, long va, long pa, long leaf) {
        for (int level = 0; level < 3; level++) {
            m.write64(entryAddress(level, va), tableDescriptor(level));
        }
        return m.write64(entryAddress(3, va), pa & ~0xfffL | leaf);
    }

    /**
     * Builds for {@code mode}; returns TRANS_STATUS's new value, or {@link Integer#MIN_VALUE} when an STE word
     * could not be written (the builder stops there and leaves the status as it was). As the RFC defines it, the
     * status is that of the last write.
     */
    static int build(Memory m, int mode) {
        boolean ok = map(m, IOVA, DATA_PAGE, S2_LEAF);
        int[] words = new int[8];
        steWords(mode, words);
        for (int i = 0; i < 8; i++) {
            if (!m.write32(STE + 4L * i, words[i])) {
                return Integer.MIN_VALUE;
            }
            ok = true;
        }
        if (mode != SmmuTestdevRegisters.MODE_S2) {
            cdWords(words);
            for (int i = 0; i < 8; i++) {
                m.write32(CD + 4L * i, words[i]);
            }
            ok = m.write64(entryAddress(3, IOVA), DATA_PAGE | S1_LEAF);
        }
        if (mode == SmmuTestdevRegisters.MODE_NESTED) {
            map(m, CD, CD, S1_LEAF);
            for (int level = 0; level < 4; level++) {
                map(m, TABLES + level * 0x1000L, TABLES + level * 0x1000L, S1_LEAF);
            }
            ok = map(m, DATA_PAGE, DATA_PAGE, S2_LEAF);
        }
        return ok ? 0 : SmmuTestdevRegisters.ERR_TABLE_WRITE;
    }

    /** Zeroes the entries of the IOVA's walk and of the CD page's, the STE and the CD. */
    static void clear(Memory m) {
        for (int level = 0; level < 4; level++) {
            m.write64(entryAddress(level, IOVA), 0);
        }
        for (int level = 0; level < 4; level++) {
            m.write64(entryAddress(level, CD), 0);
        }
        for (int i = 0; i < 8; i++) {
            m.write32(STE + 4L * i, 0);
        }
        for (int i = 0; i < 8; i++) {
            m.write32(CD + 4L * i, 0);
        }
    }
}
