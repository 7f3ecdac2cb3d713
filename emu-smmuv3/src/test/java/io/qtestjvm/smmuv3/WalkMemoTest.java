package io.qtestjvm.smmuv3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qtestjvm.smmuv3.spec.CommandLayout;
import io.qtestjvm.smmuv3.spec.Opcode;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.SteLayout;
import io.qtestjvm.smmuv3.walk.Access;
import io.qtestjvm.smmuv3.walk.Fault;
import io.qtestjvm.smmuv3.walk.PageTableWalker;
import io.qtestjvm.smmuv3.walk.Stage1Config;
import io.qtestjvm.smmuv3.walk.WalkResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The walker's memo of upper-level table descriptors is invisible: a descriptor rewritten in guest memory is seen
 * by the next walk without any invalidation (QEMU's model caches no intermediate entries, and neither does this
 * one in effect), while the leaf entries in the IOTLB stay stale until a TLBI as before.
 */
class WalkMemoTest {
    static final int SID = 8;
    static final int ASID = 0x1e;
    static final int VMID = 5;
    static final long IOVA = 0x0000_0080_8060_4567L;
    static final long PA = 0x0000_0012_3456_7000L;
    static final long NEW_PA = 0x0000_0022_2222_2000L;

    final SmmuFixture f = new SmmuFixture(SmmuModel.QEMU_NESTED).enable();

    @ParameterizedTest(name = "granule 2^{0}, upper level {1}")
    @ValueSource(ints = {12, 14, 16})
    void anUpperLevelTableDescriptorRewrittenWithoutInvalidationIsSeenByTheNextWalk(int shift) {
        PageTables t = PageTables.stage1(f, shift, 48);
        long granule = 1L << shift;
        long other = (IOVA & -granule) + granule; // the next page: same last-level table, not in the IOTLB
        t.map(IOVA, PA, 3, PageTables.S1_RW);
        t.map(other, PA + granule, 3, PageTables.S1_RW);
        f.writeSte(SID, SmmuFixture.s1Ste(f.writeCd(SmmuFixture.s1Cd(t, ASID))));
        assertEquals((PA & -granule) | (IOVA & (granule - 1)), f.smmu.translate(SID, IOVA, Access.READ));
        for (int level = 2; level >= t.start; level--) {
            // A fresh chain of tables from this level down maps the other page to NEW_PA.
            long table = f.alloc(Math.max(64, granule));
            t.set(other, level, table | 3);
            long out = (NEW_PA & -granule) + ((long) level << shift);
            t.map(other, out, 3, PageTables.S1_RW);
            assertEquals(Long.toHexString(out),
                    Long.toHexString(f.smmu.translate(SID, other, Access.READ)), "rewritten at level " + level);
            f.command(SmmuFixture.cmd(Opcode.TLBI_NH_ASID).set(CommandLayout.TLBI_ASID, ASID));
        }
        assertEquals(0, f.drainEvents().size());
    }

    @Test
    void aTableDescriptorMadeInvalidFaultsTheNextWalkAtItsLevel() {
        PageTables t = PageTables.stage1(f, 12, 48);
        t.map(IOVA, PA, 3, PageTables.S1_RW);
        t.map(IOVA + 0x1000, PA, 3, PageTables.S1_RW);
        f.writeSte(SID, SmmuFixture.s1Ste(f.writeCd(SmmuFixture.s1Cd(t, ASID))));
        assertEquals(PA | 0x567, f.smmu.translate(SID, IOVA, Access.READ));
        t.set(IOVA, 1, 0);
        assertEquals(Translator.ABORTED, f.smmu.translate(SID, IOVA + 0x1000, Access.READ));
        assertEquals(1, f.smmu.lastFault().level);
        assertEquals(PA | 0x567, f.smmu.translate(SID, IOVA, Access.READ), "the leaf entry stays until a TLBI");
    }

    @Test
    void nestedWalksSeeANewStage2MappingOfAStage1TableAfterTlbiS2Ipa() {
        PageTables t = PageTables.stage1(f, 12, 48);
        long ipa = 0x0000_00c0_0000_0000L;
        t.map(IOVA, ipa, 3, PageTables.S1_RW);
        t.map(IOVA + 0x1000, ipa + 0x1000, 3, PageTables.S1_RW);
        long cd = f.writeCd(SmmuFixture.s1Cd(t, ASID));
        PageTables s2 = new PageTables(f, 12, 44, 0);
        List<long[]> regions = new ArrayList<>(t.regions);
        regions.add(new long[] {cd, 64});
        s2.identity(regions, PageTables.S2_RW);
        s2.map(ipa, PA, 3, PageTables.S2_RW);
        s2.map(ipa + 0x1000, PA + 0x1000, 3, PageTables.S2_RW);
        s2.map(ipa + 0x2000, NEW_PA, 3, PageTables.S2_RW);
        f.writeSte(SID, SmmuFixture.withStage2(SmmuFixture.s1Ste(cd).set(SteLayout.CONFIG, SteLayout.CONFIG_NESTED),
                s2, VMID));
        assertEquals(PA | 0x567, f.smmu.translate(SID, IOVA, Access.READ));
        // Copy the level-2 table (its IPA is identity-mapped) with its entry for IOVA pointing at a new level-3
        // table that maps IOVA + 0x1000 to ipa + 0x2000; then let stage 2 map the level-2 table's IPA to the copy.
        long level2 = t.slot(IOVA, 2) & ~0xfffL;
        long copy = f.alloc(4096);
        for (int i = 0; i < 512; i++) {
            f.memory.write64(copy + 8L * i, f.memory.peek64(level2 + 8L * i));
        }
        long newLevel3 = f.alloc(4096);
        s2.map(newLevel3, newLevel3, 3, PageTables.S2_RW);
        f.memory.write64(newLevel3 + (((IOVA + 0x1000) >>> 12) & 511) * 8, (ipa + 0x2000) | PageTables.S1_RW | 3);
        f.memory.write64(copy + ((IOVA >>> 21) & 511) * 8, newLevel3 | 3);
        s2.map(level2, copy, 3, PageTables.S2_RW);
        assertEquals(PA + 0x1000 | 0x567, f.smmu.translate(SID, IOVA + 0x1000, Access.READ),
                "the stage-2 entry of the table's IPA is still cached");
        f.command(SmmuFixture.cmd(Opcode.TLBI_NH_ASID).set(CommandLayout.TLBI_ASID, ASID)
                .set(CommandLayout.TLBI_VMID, VMID));
        f.command(SmmuFixture.cmd(Opcode.TLBI_S2_IPA).set(CommandLayout.TLBI_VMID, VMID)
                .set(CommandLayout.TLBI_IPA, level2 >>> 12));
        assertEquals(NEW_PA | 0x567, f.smmu.translate(SID, IOVA + 0x1000, Access.READ));
        assertEquals(0, f.drainEvents().size());
    }

    /**
     * Random walks through one configuration (memoised) and through a fresh copy of it each time (never memoised)
     * agree on every result and fault while random descriptors of the tables are rewritten between walks.
     */
    @Test
    void memoisedWalksAnswerAsWalksFromTheStartLevelUnderRandomRewrites() {
        Random rnd = new Random(12);
        for (int shift : new int[] {12, 14, 16}) {
            SmmuFixture g = new SmmuFixture(SmmuModel.QEMU_NESTED);
            PageTables t = PageTables.stage1(g, shift, 48);
            long granule = 1L << shift;
            long[] vas = new long[24];
            for (int i = 0; i < vas.length; i++) {
                // clustered so that most share their upper tables
                vas[i] = (IOVA & -(granule << (2 * (shift - 3)))) + (rnd.nextInt(64) << shift)
                        + ((long) rnd.nextInt(3) << (shift + 2 * (shift - 3))) + rnd.nextInt((int) granule);
                t.map(vas[i], PA + ((long) i << shift), 3, rnd.nextBoolean() ? PageTables.S1_RW : PageTables.S1_RO);
            }
            List<Long> slots = new ArrayList<>();
            for (long va : vas) {
                for (int level = t.start; level <= 3; level++) {
                    slots.add(t.slot(va, level));
                }
            }
            Stage1Config memoised = config(t);
            PageTableWalker walker = new PageTableWalker(g.memory);
            WalkResult r1 = new WalkResult();
            WalkResult r2 = new WalkResult();
            Fault f1 = new Fault();
            Fault f2 = new Fault();
            for (int step = 0; step < 3000; step++) {
                if (rnd.nextInt(8) == 0) {
                    long slot = slots.get(rnd.nextInt(slots.size()));
                    long d = g.memory.peek64(slot);
                    long[] choices = {0, d ^ 2, d ^ (1L << 62), d ^ (1L << 10), d ^ (1L << 7),
                        (d & ~(0xffffL << shift)) | (d & (0xffL << shift)) << 8};
                    g.memory.write64(slot, choices[rnd.nextInt(choices.length)]);
                }
                long va = vas[rnd.nextInt(vas.length)];
                int access = rnd.nextBoolean() ? Access.READ : Access.WRITE;
                boolean ok1 = walker.stage1(memoised, null, va, access, r1, f1);
                boolean ok2 = walker.stage1(config(t), null, va, access, r2, f2);
                assertEquals(ok2, ok1, "step " + step);
                if (ok1) {
                    assertEquals(r2.outputAddress, r1.outputAddress, "step " + step);
                    assertEquals(r2.writable, r1.writable, "step " + step);
                    assertEquals(r2.blockShift, r1.blockShift, "step " + step);
                } else {
                    assertEquals(f2.toString(), f1.toString(), "step " + step);
                }
            }
        }
    }

    private static Stage1Config config(PageTables t) {
        Stage1Config s1 = new Stage1Config();
        s1.tt0.set(t.shift, t.inputBits, t.start, t.root, 44);
        s1.tt1.disable();
        s1.outputBits = 44;
        s1.record = true;
        return s1;
    }
}
