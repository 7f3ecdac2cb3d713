package io.qtestjvm.smmuv3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.SteLayout;
import io.qtestjvm.smmuv3.walk.Access;
import io.qtestjvm.smmuv3.walk.TableParams;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Granule x start level x leaf level x stage: every start level each granule allows (stage 2 with and without
 * concatenated start tables), pages and every block level, for stage 1, stage 2 and nested. Each case checks the
 * PA of a walk, then that the same translation hits the IOTLB (no further walk).
 */
class TranslationMatrixTest {
    static final long IOVA_PATTERN = 0x0000_a5a5_5a5a_5567L;
    static final long OUT_BASE = 0x0000_0ab0_0000_0000L;
    static final long IPA_BASE = 0x0000_00c0_0000_0000L;
    static final long PA2_BASE = 0x0000_0de0_0000_0000L;
    static final int SID = 8;

    static List<Integer> leafLevels(int shift, int start) {
        List<Integer> out = new ArrayList<>();
        for (int l = start; l <= 3; l++) {
            if (l == 3 || l == 2 || (l == 1 && shift == 12)) {
                out.add(l);
            }
        }
        return out;
    }

    /** Largest input size (25..48) per stage-1 start level. */
    static List<int[]> stage1Sizes(int shift) {
        List<int[]> out = new ArrayList<>();
        int last = -1;
        for (int ia = 48; ia >= 25; ia--) {
            int s = TableParams.stage1StartLevel(ia, shift);
            if (s != last) {
                out.add(new int[] {ia, s});
                last = s;
            }
        }
        return out;
    }

    /** Smallest and largest valid input size (25..44) per stage-2 start level: the largest concatenates. */
    static List<int[]> stage2Sizes(int shift) {
        List<int[]> out = new ArrayList<>();
        int stride = shift - 3;
        for (int sl0 = 0; sl0 <= 2; sl0++) {
            int start = (shift == 12 ? 2 : 3) - sl0;
            int min = -1;
            int max = -1;
            for (int ia = 25; ia <= 44; ia++) {
                int top = TableParams.bitsAtLevel(ia, shift, start);
                if (top >= 1 && top <= stride + 4 && (start != 0 || top <= stride)) {
                    if (min < 0) {
                        min = ia;
                    }
                    max = ia;
                }
            }
            if (min > 0) {
                out.add(new int[] {min, start});
                if (max != min) {
                    out.add(new int[] {max, start});
                }
            }
        }
        return out;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int shift : new int[] {12, 14, 16}) {
            for (int[] size : stage1Sizes(shift)) {
                for (int leaf : leafLevels(shift, size[1])) {
                    out.add(Arguments.of("S1", shift, size[0], size[1], leaf));
                    out.add(Arguments.of("NESTED", shift, size[0], size[1], leaf));
                }
            }
            for (int[] size : stage2Sizes(shift)) {
                for (int leaf : leafLevels(shift, size[1])) {
                    out.add(Arguments.of("S2", shift, size[0], size[1], leaf));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} granule 2^{1} ia {2} start L{3} leaf L{4}")
    @MethodSource("cases")
    void walkFindsTheMappedAddressAndTheSecondAccessHitsTheIotlb(String stage, int shift, int ia, int start,
            int leaf) {
        SmmuFixture f = new SmmuFixture(SmmuModel.QEMU_NESTED).enable();
        long iova = IOVA_PATTERN & ((1L << ia) - 1);
        long blockMask = (1L << (shift + (shift - 3) * (3 - leaf))) - 1;
        long expected;
        if (stage.equals("S2")) {
            PageTables s2 = new PageTables(f, shift, ia, start);
            s2.map(iova, OUT_BASE, leaf, PageTables.S2_RW);
            f.writeSte(SID, SmmuFixture.withStage2(SmmuFixture.ste().set(SteLayout.CONFIG, SteLayout.CONFIG_S2),
                    s2, 3));
            expected = OUT_BASE | (iova & blockMask);
        } else {
            PageTables s1 = new PageTables(f, shift, ia, start);
            boolean nested = stage.equals("NESTED");
            long s1Out = nested ? IPA_BASE : OUT_BASE;
            s1.map(iova, s1Out, leaf, PageTables.S1_RW);
            long cd = f.writeCd(SmmuFixture.s1Cd(s1, 0x1e20));
            expected = s1Out | (iova & blockMask);
            if (nested) {
                int s2Start = TableParams.stage1StartLevel(44, shift);
                PageTables s2 = new PageTables(f, shift, 44, s2Start);
                List<long[]> s1Regions = new ArrayList<>(s1.regions);
                s1Regions.add(new long[] {cd, 64});
                s2.identity(s1Regions, PageTables.S2_RW);
                long ipa = expected;
                long pa = PA2_BASE | (ipa & 0x0fff_ffffL);
                s2.map(ipa, pa, 3, PageTables.S2_RW);
                expected = pa;
                f.writeSte(SID, SmmuFixture.withStage2(SmmuFixture.s1Ste(cd).set(SteLayout.CONFIG,
                        SteLayout.CONFIG_NESTED), s2, 5));
            } else {
                f.writeSte(SID, SmmuFixture.s1Ste(cd));
            }
        }
        assertEquals(Long.toHexString(expected), Long.toHexString(f.smmu.translate(SID, iova, Access.WRITE)),
                () -> "fault " + f.smmu.lastFault());
        long walks = f.smmu.translator().walks();
        assertEquals(expected, f.smmu.translate(SID, iova, Access.READ));
        assertEquals(walks, f.smmu.translator().walks(), "second access must hit the IOTLB");
        assertEquals(0, f.drainEvents().size());
    }
}
