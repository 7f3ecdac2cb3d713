package io.qtestjvm.qos.smmu;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.smmu.SmmuCd;
import io.qtestjvm.qos.libqos.smmu.SmmuCommandQueue;
import io.qtestjvm.qos.libqos.smmu.SmmuPageTable;
import io.qtestjvm.qos.libqos.smmu.SmmuSte;
import io.qtestjvm.qos.libqos.smmu.SmmuStreamTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Translation through virt's SMMU by iommu-testdev DMA (Arm IHI 0070 3.3, 5.2, 5.4; DDI 0487 D8): every granule x
 * start level x page/block leaf for stage 1, stage 2 (with concatenated start tables) and nested, built by libqos in
 * guest memory; two-level stream tables with several StreamIDs. Each case installs its STE with CFGI_STE and
 * TLBI_NSNH_ALL, checks that the DMA lands at the mapped address with no event, and that an unmapped input address
 * of the same regime records F_TRANSLATION. [jvm] and [jvm-process]; not applicable on [qemu] (see
 * {@link SmmuRig#DMA_NEEDS_VIRTUAL_TIME}).
 */
class SmmuTranslationMatrixTest {
    static final int[] GRANULES = {12, 14, 16};

    /** Stage-1 input sizes that give each start level: 4K 0..2, 16K 0..3, 64K 1..3 (T0SZ 16..39). */
    static int[] stage1InputBits(int g) {
        return switch (g) {
            case 12 -> new int[] {48, 39, 30};
            case 14 -> new int[] {48, 47, 36, 25};
            default -> new int[] {48, 42, 29};
        };
    }

    /** An input address with bits set at every level of a {@code bits}-bit regime, aligned to {@code leaf}. */
    static long inputAddress(int bits, long leaf, long pa) {
        long pattern = 0x0000_a5c3_96e1_7b5aL & ((1L << bits) - 1);
        return (pattern & ~(leaf - 1)) | (pa & (leaf - 1));
    }

    /** The levels a leaf may sit at in {@code t}: 3 (page) and the block levels at or below the start level. */
    static int[] leafLevels(SmmuPageTable t) {
        return IntStream.rangeClosed(t.startLevel(), 3)
                .filter(l -> l == 3 || t.blockAllowed(l)).toArray();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void stage1EveryGranuleStartLevelAndLeafSize(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            int cases = 0;
            for (int g : GRANULES) {
                for (int bits : stage1InputBits(g)) {
                    SmmuPageTable probe = r.stage1(g, bits);
                    for (int level : leafLevels(probe)) {
                        SmmuPageTable s1 = r.stage1(g, bits);
                        long pa = r.buffer();
                        long iova = inputAddress(bits, s1.leafSize(level), pa);
                        map(s1, iova, pa, level, 0);
                        int asid = 0x100 + cases;
                        r.installStage1(0, s1, asid);
                        String what = "S1 " + (1 << g) + "B granule, " + bits + "-bit input, start level "
                                + s1.startLevel() + ", leaf level " + level;
                        r.assertLands(0, iova, pa, what);
                        long hole = iova ^ (1L << (bits - 1));
                        assertEquals(hole, r.assertFaults(0, hole, 0x10, what + ", unmapped").inputAddress());
                        cases++;
                    }
                }
            }
            assertEquals(20, cases, "stage-1 cases: 4K 8, 16K 7, 64K 5");
        }
    }

    /** Stage-2 input sizes for a start level: the largest the level takes (concatenated tables) and one full table. */
    static int[] stage2InputBits(int g, int startLevel) {
        return IntStream.rangeClosed(25, 44).filter(ib -> SmmuPageTable.stage2Fits(g, ib, startLevel))
                .filter(ib -> ib == 44 || !SmmuPageTable.stage2Fits(g, ib + 1, startLevel)
                        || ib - (g + (3 - startLevel) * (g - 3)) == g - 3).toArray();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void stage2EveryGranuleStartLevelLeafSizeAndConcatenation(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            int cases = 0;
            int concatenated = 0;
            for (int g : GRANULES) {
                for (int sl = 0; sl <= 3; sl++) {
                    for (int bits : stage2InputBits(g, sl)) {
                        SmmuPageTable probe = r.stage2(g, bits, sl);
                        for (int level : leafLevels(probe)) {
                            SmmuPageTable s2 = r.stage2(g, bits, sl);
                            long pa = r.buffer();
                            long ipa = inputAddress(bits, s2.leafSize(level), pa);
                            map(s2, ipa, pa, level, 0);
                            int vmid = 1 + cases;
                            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S2).s2Vmid(vmid).stage2(s2, SmmuCd.PS_44));
                            String what = "S2 " + (1 << g) + "B granule, " + bits + "-bit IPA, start level " + sl
                                    + ", leaf level " + level;
                            r.assertLands(0, ipa, pa, what);
                            long hole = ipa ^ (1L << (bits - 1));
                            var e = r.assertFaults(0, hole, 0x10, what + ", unmapped");
                            assertTrue(e.stage2(), what + ": S2 flag of " + e);
                            assertEquals(hole & ~0xfffL, e.ipa(), what + ": IPA of " + e);
                            cases++;
                        }
                        if (bits - s2Shift(g, sl) > g - 3) {
                            concatenated++;
                        }
                    }
                }
            }
            assertEquals(29, cases, "stage-2 cases (15 granule/start level/IPA size triples x their leaf levels)");
            assertEquals(6, concatenated, "IPA sizes that need concatenated start tables");
        }
    }

    private static int s2Shift(int g, int sl) {
        return g + (3 - sl) * (g - 3);
    }

    /**
     * Nested: stage 1 of every granule (page and block leaves) over stage 2 of every granule; stage 2 maps RAM onto
     * itself (so the stage-1 tables and the CD are reached at their own addresses) and the stage-1 output window at
     * 4 GiB onto the target buffer's page. A hole in stage 2 under the stage-1 output is an F_TRANSLATION with S2
     * and CLASS_IN.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void nestedEveryGranulePairAndLeafSize(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            int cases = 0;
            for (int g1 : GRANULES) {
                for (int g2 : GRANULES) {
                    int s2Bits = 40;
                    int sl = g2 == 12 ? 1 : 2;
                    SmmuPageTable probe = r.stage1(g1, 48);
                    for (int level : leafLevels(probe)) {
                        if (level < 3 && g2 != g1) {
                            continue; // block leaves once per granule, with a stage 2 of the same granule
                        }
                        SmmuPageTable s2 = r.stage2(g2, s2Bits, sl);
                        identityMapRam(s2);
                        SmmuPageTable s1 = r.stage1(g1, 48);
                        long pa = r.buffer();
                        long window = 0x1_0000_0000L;
                        long size = s1.leafSize(level);
                        long ipa = window + (pa & (Math.max(size, s2.granule()) - 1));
                        long iova = inputAddress(48, size, ipa);
                        map(s1, iova, ipa & ~(size - 1), level, 0);
                        s2.mapPage(ipa, pa, 0);
                        int asid = 0x200 + cases;
                        long cd = r.cd(SmmuCd.forTable(s1, asid));
                        r.install(0, SmmuSte.valid(SmmuSte.CONFIG_NESTED).s1ContextPtr(cd).s2Vmid(0x40 + cases)
                                .stage2(s2, SmmuCd.PS_44));
                        String what = "nested S1 " + (1 << g1) + "B leaf level " + level + " over S2 " + (1 << g2)
                                + "B";
                        r.assertLands(0, iova, pa, what);
                        long otherIpaPage = 0x8000_0000L;
                        long hole = inputAddress(48, s1.granule(), 0) ^ (1L << 40);
                        map(s1, hole, window + otherIpaPage, 3, 0);
                        var e = r.assertFaults(0, hole, 0x10, what + ", stage-2 hole under the output");
                        assertTrue(e.stage2() && e.faultClass() == 2, what + ": S2, CLASS_IN: " + e);
                        cases++;
                    }
                }
            }
            assertEquals(13, cases, "nested cases: 9 granule pairs with pages, 4 block leaves");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void twoLevelStreamTableWithSeveralStreamIds(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, (q, a) -> SmmuStreamTable.twoLevel(q, a, 8, 6), 4, 4, 2, 9, 0x1f)) {
            long[] pa = new long[3];
            long[] iova = new long[3];
            for (int i = 0; i < 3; i++) {
                SmmuPageTable s1 = r.stage1(12, 48);
                pa[i] = r.buffer();
                iova[i] = 0x1234_0000_0000L + pa[i] % 4096 + 0x1000L * i;
                s1.mapPage(iova[i], pa[i], 0);
                r.installStage1(i, s1, 0x10 + i);
            }
            assertEquals(List.of(0x10, 0x48, 0xf8), List.of(r.sid(0), r.sid(1), r.sid(2)));
            for (int i = 0; i < 3; i++) {
                r.assertLands(i, iova[i], pa[i], "StreamID 0x" + Integer.toHexString(r.sid(i)));
                r.assertFaults(i, iova[(i + 1) % 3], 0x10, "another stream's IOVA from StreamID " + r.sid(i));
            }
            // Span 1 covers StreamIDs 0..0 of the group: 0x48 (index 8 in its group) is past it
            r.table.setSpan(r.sid(1), 1);
            r.smmu.invalidate(SmmuCommandQueue.cfgiAll());
            r.assertFaults(1, iova[1], 0x02, "StreamID past the L1 descriptor's Span");
            r.table.invalidateL1(r.sid(2));
            r.smmu.invalidate(SmmuCommandQueue.cfgiAll());
            r.assertFaults(2, iova[2], 0x02, "StreamID under an invalid L1 descriptor");
            r.assertLands(0, iova[0], pa[0], "the untouched group");
        }
    }

    static void map(SmmuPageTable t, long va, long pa, int level, int flags) {
        if (level == 3) {
            t.mapPage(va, pa, flags);
        } else {
            t.mapBlock(va, pa, level, flags);
        }
    }

    /** Maps RAM onto itself in {@code s2} with the largest leaves the granule allows inside RAM's alignment. */
    static void identityMapRam(SmmuPageTable s2) {
        int level = s2.blockAllowed(1) && s2.startLevel() <= 1 ? 1 : 2;
        s2.mapRange(SmmuRig.RAM, SmmuRig.RAM, SmmuRig.RAM_END - SmmuRig.RAM, level, 0);
    }
}
