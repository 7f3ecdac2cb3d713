package io.qtestjvm.smmuv3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qtestjvm.smmuv3.spec.CdLayout;
import io.qtestjvm.smmuv3.spec.CommandLayout;
import io.qtestjvm.smmuv3.spec.Opcode;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.SteLayout;
import io.qtestjvm.smmuv3.spec.Structure;
import io.qtestjvm.smmuv3.walk.Access;
import org.junit.jupiter.api.Test;

/**
 * The config cache and the IOTLB keep stale entries after the guest changes its tables, exactly until a command
 * whose scope covers them (IHI 0070 4.3, 4.4), and not a command whose scope does not.
 */
class InvalidationTest {
    static final int SID = 8;
    static final int ASID = 0x1e;
    static final int VMID = 5;
    static final long IOVA = 0x0000_0080_8060_4567L;
    static final long PA = 0x0000_0012_3456_7000L;
    static final long NEW_PA = 0x0000_0022_2222_2000L;

    final SmmuFixture f = new SmmuFixture(SmmuModel.QEMU_NESTED).enable();
    PageTables t;
    long cdAddress;

    private void stage1() {
        t = PageTables.stage1(f, 12, 48);
        t.map(IOVA, PA, 3, PageTables.S1_RW);
        cdAddress = f.writeCd(SmmuFixture.s1Cd(t, ASID));
        f.writeSte(SID, SmmuFixture.s1Ste(cdAddress).set(SteLayout.S2VMID, VMID));
        assertEquals(PA | 0x567, f.smmu.translate(SID, IOVA, Access.READ));
        t.map(IOVA, NEW_PA, 3, PageTables.S1_RW);
        assertEquals(PA | 0x567, f.smmu.translate(SID, IOVA, Access.READ), "stale entry must stay");
    }

    private long now() {
        return f.smmu.translate(SID, IOVA, Access.READ);
    }

    private static Structure tlbiVa(int opcode, int vmid, int asid, long va) {
        return SmmuFixture.cmd(opcode).set(CommandLayout.TLBI_VMID, vmid).set(CommandLayout.TLBI_ASID, asid)
                .set(CommandLayout.TLBI_ADDRESS, va >>> 12);
    }

    @Test
    void tlbiNhVaOfTheAddressDropsTheStaleEntryOtherAsidsAndAddressesDoNot() {
        stage1();
        f.command(tlbiVa(Opcode.TLBI_NH_VA, VMID, ASID + 1, IOVA));
        f.command(tlbiVa(Opcode.TLBI_NH_VA, VMID, ASID, IOVA + 0x1000));
        f.command(tlbiVa(Opcode.TLBI_NH_VA, VMID + 1, ASID, IOVA));
        assertEquals(PA | 0x567, now());
        f.command(tlbiVa(Opcode.TLBI_NH_VA, VMID, ASID, IOVA));
        assertEquals(NEW_PA | 0x567, now());
    }

    @Test
    void tlbiNhVaRangeCoversThePagesItNamesAndTtlMustMatchTheLeafLevel() {
        stage1();
        // TG 4K, TTL 2: the leaf is at level 3, so nothing is invalidated.
        f.command(tlbiVa(Opcode.TLBI_NH_VA, VMID, ASID, IOVA - 0x3000).set(CommandLayout.TLBI_TG, 1)
                .set(CommandLayout.TLBI_TTL, 2).set(CommandLayout.TLBI_NUM, 3));
        assertEquals(PA | 0x567, now());
        // Range of 3 pages ending below the page: not covered.
        f.command(tlbiVa(Opcode.TLBI_NH_VA, VMID, ASID, IOVA - 0x3000).set(CommandLayout.TLBI_TG, 1)
                .set(CommandLayout.TLBI_NUM, 2));
        assertEquals(PA | 0x567, now());
        // Four pages from IOVA - 0x3000 with TTL 3: covers it.
        f.command(tlbiVa(Opcode.TLBI_NH_VA, VMID, ASID, IOVA - 0x3000).set(CommandLayout.TLBI_TG, 1)
                .set(CommandLayout.TLBI_TTL, 3).set(CommandLayout.TLBI_NUM, 3));
        assertEquals(NEW_PA | 0x567, now());
    }

    @Test
    void tlbiByAddressInsideABlockDropsTheWholeBlock() {
        t = PageTables.stage1(f, 12, 48);
        long block = IOVA & ~0x1f_ffffL;
        t.map(block, 0x0000_0040_0000_0000L, 2, PageTables.S1_RW);
        f.writeSte(SID, SmmuFixture.s1Ste(f.writeCd(SmmuFixture.s1Cd(t, ASID))).set(SteLayout.S2VMID, VMID));
        assertEquals(0x0000_0040_0000_0000L | (IOVA & 0x1f_ffffL), now());
        t.map(block, 0x0000_0060_0000_0000L, 2, PageTables.S1_RW);
        f.command(tlbiVa(Opcode.TLBI_NH_VA, VMID, ASID, block + 0x10_0000));
        assertEquals(0x0000_0060_0000_0000L | (IOVA & 0x1f_ffffL), now());
    }

    @Test
    void tlbiNhVaaIgnoresTheAsid() {
        stage1();
        f.command(tlbiVa(Opcode.TLBI_NH_VAA, VMID, 0, IOVA));
        assertEquals(NEW_PA | 0x567, now());
    }

    @Test
    void tlbiNhAsidDropsTheAsidOnly() {
        stage1();
        f.command(SmmuFixture.cmd(Opcode.TLBI_NH_ASID).set(CommandLayout.TLBI_VMID, VMID)
                .set(CommandLayout.TLBI_ASID, ASID + 1));
        assertEquals(PA | 0x567, now());
        f.command(SmmuFixture.cmd(Opcode.TLBI_NH_ASID).set(CommandLayout.TLBI_VMID, VMID)
                .set(CommandLayout.TLBI_ASID, ASID));
        assertEquals(NEW_PA | 0x567, now());
    }

    @Test
    void globalEntriesSurviveTlbiNhAsidButNotTlbiNhAll() {
        t = PageTables.stage1(f, 12, 48);
        t.map(IOVA, PA, 3, PageTables.S1_GLOBAL_RW);
        f.writeSte(SID, SmmuFixture.s1Ste(f.writeCd(SmmuFixture.s1Cd(t, ASID))).set(SteLayout.S2VMID, VMID));
        assertEquals(PA | 0x567, now());
        t.map(IOVA, NEW_PA, 3, PageTables.S1_GLOBAL_RW);
        f.command(SmmuFixture.cmd(Opcode.TLBI_NH_ASID).set(CommandLayout.TLBI_VMID, VMID)
                .set(CommandLayout.TLBI_ASID, ASID));
        assertEquals(PA | 0x567, now(), "nG = 0: not invalidated by ASID");
        f.command(SmmuFixture.cmd(Opcode.TLBI_NH_ALL).set(CommandLayout.TLBI_VMID, VMID + 1));
        assertEquals(PA | 0x567, now());
        f.command(SmmuFixture.cmd(Opcode.TLBI_NH_ALL).set(CommandLayout.TLBI_VMID, VMID));
        assertEquals(NEW_PA | 0x567, now());
    }

    @Test
    void tlbiEl2AndTlbiS2IpaLeaveStage1EntriesAndNsnhAllDropsThem() {
        stage1();
        f.command(SmmuFixture.cmd(Opcode.TLBI_EL2_ALL));
        f.command(SmmuFixture.cmd(Opcode.TLBI_S2_IPA).set(CommandLayout.TLBI_VMID, VMID)
                .set(CommandLayout.TLBI_IPA, IOVA >>> 12));
        assertEquals(PA | 0x567, now());
        f.command(SmmuFixture.cmd(Opcode.TLBI_NSNH_ALL));
        assertEquals(NEW_PA | 0x567, now());
    }

    @Test
    void stage2EntriesGoWithTlbiS2IpaOrS12VmallOfTheirVmid() {
        PageTables s2 = new PageTables(f, 12, 40, 1);
        long ipa = 0x12_3456_7000L;
        s2.map(ipa, PA, 3, PageTables.S2_RW);
        f.writeSte(SID, SmmuFixture.withStage2(SmmuFixture.ste().set(SteLayout.CONFIG, SteLayout.CONFIG_S2), s2,
                VMID));
        assertEquals(PA, f.smmu.translate(SID, ipa, Access.READ));
        s2.map(ipa, NEW_PA, 3, PageTables.S2_RW);
        f.command(SmmuFixture.cmd(Opcode.TLBI_NH_ALL).set(CommandLayout.TLBI_VMID, VMID));
        f.command(SmmuFixture.cmd(Opcode.TLBI_S2_IPA).set(CommandLayout.TLBI_VMID, VMID + 1)
                .set(CommandLayout.TLBI_IPA, ipa >>> 12));
        assertEquals(PA, f.smmu.translate(SID, ipa, Access.READ));
        f.command(SmmuFixture.cmd(Opcode.TLBI_S2_IPA).set(CommandLayout.TLBI_VMID, VMID)
                .set(CommandLayout.TLBI_IPA, ipa >>> 12));
        assertEquals(NEW_PA, f.smmu.translate(SID, ipa, Access.READ));
        s2.map(ipa, PA, 3, PageTables.S2_RW);
        f.command(SmmuFixture.cmd(Opcode.TLBI_S12_VMALL).set(CommandLayout.TLBI_VMID, VMID));
        assertEquals(PA, f.smmu.translate(SID, ipa, Access.READ));
    }

    @Test
    void qemu72AcceptsStage2TlbisAsNoOps() {
        SmmuFixture g = new SmmuFixture(SmmuModel.QEMU_7_2).enable();
        PageTables u = PageTables.stage1(g, 12, 48);
        u.map(IOVA, PA, 3, PageTables.S1_RW);
        g.writeSte(SID, SmmuFixture.s1Ste(g.writeCd(SmmuFixture.s1Cd(u, ASID))));
        assertEquals(PA | 0x567, g.smmu.translate(SID, IOVA, Access.READ));
        u.map(IOVA, NEW_PA, 3, PageTables.S1_RW);
        g.command(SmmuFixture.cmd(Opcode.TLBI_S12_VMALL));
        assertEquals(PA | 0x567, g.smmu.translate(SID, IOVA, Access.READ));
        assertEquals(0, g.r32(io.qtestjvm.smmuv3.spec.Registers.GERROR));
        // The stage-1-only model ignores the VMID field of NH commands.
        g.command(SmmuFixture.cmd(Opcode.TLBI_NH_ASID).set(CommandLayout.TLBI_VMID, 77)
                .set(CommandLayout.TLBI_ASID, ASID));
        assertEquals(NEW_PA | 0x567, g.smmu.translate(SID, IOVA, Access.READ));
    }

    @Test
    void steChangesStayInvisibleUntilCfgiSteOrACoveringRangeOrCfgiAll() {
        stage1();
        f.command(SmmuFixture.cmd(Opcode.TLBI_NSNH_ALL));
        f.writeSte(SID, SmmuFixture.ste().set(SteLayout.CONFIG, SteLayout.CONFIG_BYPASS));
        assertEquals(NEW_PA | 0x567, now(), "stale STE");
        f.command(SmmuFixture.cmd(Opcode.CFGI_STE).set(CommandLayout.SID, SID + 1));
        f.command(SmmuFixture.cmd(Opcode.CFGI_STE_RANGE).set(CommandLayout.SID, 0).set(CommandLayout.CFGI_RANGE, 2));
        assertEquals(NEW_PA | 0x567, now(), "range 0..7 does not cover SID 8");
        f.command(SmmuFixture.cmd(Opcode.CFGI_STE_RANGE).set(CommandLayout.SID, 9).set(CommandLayout.CFGI_RANGE, 0));
        assertEquals(IOVA, now(), "range 8..9 covers SID 8");
        f.writeSte(SID, SmmuFixture.ste().set(SteLayout.CONFIG, SteLayout.CONFIG_ABORT));
        f.command(SmmuFixture.cmd(Opcode.CFGI_STE_RANGE).set(CommandLayout.SID, 0)
                .set(CommandLayout.CFGI_RANGE, CommandLayout.CFGI_ALL_RANGE));
        assertEquals(Translator.ABORTED, now());
        f.writeSte(SID, SmmuFixture.ste().set(SteLayout.CONFIG, SteLayout.CONFIG_BYPASS));
        f.command(SmmuFixture.cmd(Opcode.CFGI_STE).set(CommandLayout.SID, SID));
        assertEquals(IOVA, now());
    }

    @Test
    void cdChangesStayInvisibleUntilCfgiCdOfItsSubstreamOrCfgiCdAll() {
        stage1();
        f.command(SmmuFixture.cmd(Opcode.TLBI_NSNH_ALL));
        SmmuFixture.s1Cd(t, ASID).set(CdLayout.EPD0, 1).store(f.memory, cdAddress);
        assertEquals(NEW_PA | 0x567, now(), "stale CD");
        f.command(SmmuFixture.cmd(Opcode.CFGI_CD).set(CommandLayout.SID, SID).set(CommandLayout.SUBSTREAM_ID, 1));
        f.command(SmmuFixture.cmd(Opcode.CFGI_CD_ALL).set(CommandLayout.SID, SID + 1));
        assertEquals(NEW_PA | 0x567, now());
        f.command(SmmuFixture.cmd(Opcode.CFGI_CD).set(CommandLayout.SID, SID).set(CommandLayout.SUBSTREAM_ID, 0));
        assertEquals(Translator.ABORTED, now());
        SmmuFixture.s1Cd(t, ASID).store(f.memory, cdAddress);
        assertEquals(Translator.ABORTED, now(), "an invalid CD half is not cached, but the EPD0 one is gone");
        f.drainEvents();
        f.command(SmmuFixture.cmd(Opcode.CFGI_CD_ALL).set(CommandLayout.SID, SID));
        assertEquals(NEW_PA | 0x567, now());
    }

    @Test
    void nestedNeedsBothTheStage2AndTheStage1InvalidationToSeeANewStage2Mapping() {
        t = PageTables.stage1(f, 12, 48);
        long ipa = 0x0000_00c0_0000_0000L;
        t.map(IOVA, ipa, 3, PageTables.S1_RW);
        long cd = f.writeCd(SmmuFixture.s1Cd(t, ASID));
        PageTables s2 = new PageTables(f, 12, 44, 0);
        java.util.List<long[]> regions = new java.util.ArrayList<>(t.regions);
        regions.add(new long[] {cd, 64});
        s2.identity(regions, PageTables.S2_RW);
        s2.map(ipa, PA, 3, PageTables.S2_RW);
        f.writeSte(SID, SmmuFixture.withStage2(SmmuFixture.s1Ste(cd).set(SteLayout.CONFIG, SteLayout.CONFIG_NESTED),
                s2, VMID));
        assertEquals(PA | 0x567, now());
        s2.map(ipa, NEW_PA, 3, PageTables.S2_RW);
        f.command(SmmuFixture.cmd(Opcode.TLBI_S2_IPA).set(CommandLayout.TLBI_VMID, VMID)
                .set(CommandLayout.TLBI_IPA, ipa >>> 12));
        assertEquals(PA | 0x567, now(), "the combined entry survives TLBI_S2_IPA");
        f.command(SmmuFixture.cmd(Opcode.TLBI_NH_ALL).set(CommandLayout.TLBI_VMID, VMID));
        assertEquals(NEW_PA | 0x567, now());
        s2.map(ipa, PA, 3, PageTables.S2_RW);
        f.command(SmmuFixture.cmd(Opcode.TLBI_NH_ALL).set(CommandLayout.TLBI_VMID, VMID));
        assertEquals(NEW_PA | 0x567, now(), "the stage-2 entry of the IPA survives TLBI_NH_ALL");
        f.command(SmmuFixture.cmd(Opcode.TLBI_S12_VMALL).set(CommandLayout.TLBI_VMID, VMID));
        assertEquals(PA | 0x567, now());
    }
}
