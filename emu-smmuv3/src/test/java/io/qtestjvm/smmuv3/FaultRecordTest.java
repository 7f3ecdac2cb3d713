package io.qtestjvm.smmuv3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.smmuv3.spec.CdLayout;
import io.qtestjvm.smmuv3.spec.CommandLayout;
import io.qtestjvm.smmuv3.spec.Opcode;
import io.qtestjvm.smmuv3.spec.EventLayout;
import io.qtestjvm.smmuv3.spec.EventType;
import io.qtestjvm.smmuv3.spec.Registers;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.SteLayout;
import io.qtestjvm.smmuv3.spec.Structure;
import io.qtestjvm.smmuv3.walk.Access;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each fault and configuration error ends the transaction and writes the record IHI 0070 7.3 describes. */
class FaultRecordTest {
    static final int SID = 8;
    static final long IOVA = 0x0000_0080_8060_4567L;
    static final long PA = 0x0000_0012_3456_7000L;

    final SmmuFixture f = new SmmuFixture(SmmuModel.QEMU_NESTED).enable();

    private PageTables s1With(Structure cdWords, long leafAttrs) {
        PageTables t = PageTables.stage1(f, 12, 48);
        t.map(IOVA, PA, 3, leafAttrs);
        Structure cd = SmmuFixture.s1Cd(t, 7);
        for (int i = 0; i < 8; i++) {
            cd.setWord(i, cd.word(i) | (cdWords == null ? 0 : cdWords.word(i)));
        }
        f.writeSte(SID, SmmuFixture.s1Ste(f.writeCd(cd)));
        return t;
    }

    private Structure faultOf(long iova, int access) {
        assertEquals(Translator.ABORTED, f.smmu.translate(SID, iova, access));
        return f.onlyEvent();
    }

    private static void assertType(int type, Structure e) {
        assertEquals(EventType.name(type), EventType.name((int) e.get(EventLayout.EVENT_TYPE)));
    }

    @Test
    void invalidSteIsCBadSteWithTheStreamId() {
        f.writeSte(SID, new Structure(8));
        Structure e = faultOf(IOVA, Access.READ);
        assertType(EventType.C_BAD_STE, e);
        assertEquals(SID, e.get(EventLayout.STREAM_ID));
    }

    @Test
    void streamIdBeyondTheTableIsCBadStreamId() {
        assertEquals(Translator.ABORTED, f.smmu.translate(1 << SmmuFixture.STRTAB_LOG2, IOVA, Access.READ));
        Structure e = f.onlyEvent();
        assertType(EventType.C_BAD_STREAMID, e);
        assertEquals(1 << SmmuFixture.STRTAB_LOG2, e.get(EventLayout.STREAM_ID));
    }

    @Test
    void abortConfigTerminatesWithoutAnEventAndBypassPassesThrough() {
        f.writeSte(SID, SmmuFixture.ste().set(SteLayout.CONFIG, SteLayout.CONFIG_ABORT));
        assertEquals(Translator.ABORTED, f.smmu.translate(SID, IOVA, Access.READ));
        assertEquals(0, f.drainEvents().size());
        f.writeSte(SID + 1, SmmuFixture.ste().set(SteLayout.CONFIG, SteLayout.CONFIG_BYPASS));
        assertEquals(IOVA, f.smmu.translate(SID + 1, IOVA, Access.WRITE));
    }

    @Test
    void stage2StreamOnTheStage1OnlyModelIsCBadSte() {
        SmmuFixture old = new SmmuFixture(SmmuModel.QEMU_7_2).enable();
        PageTables t = new PageTables(old, 12, 40, 1);
        old.writeSte(SID, SmmuFixture.withStage2(SmmuFixture.ste().set(SteLayout.CONFIG, SteLayout.CONFIG_S2), t, 1));
        assertEquals(Translator.ABORTED, old.smmu.translate(SID, 0x1000, Access.READ));
        assertType(EventType.C_BAD_STE, old.onlyEvent());
    }

    @Test
    void disabledSmmuBypassesUnlessGbpaAborts() {
        SmmuFixture off = new SmmuFixture(SmmuModel.QEMU_NESTED);
        assertEquals(IOVA, off.smmu.translate(SID, IOVA, Access.READ));
        off.w32(Registers.GBPA, 0x8000_0000L | 1 << 20);
        assertEquals(1 << 20, off.r32(Registers.GBPA));
        assertEquals(Translator.ABORTED, off.smmu.translate(SID, IOVA, Access.READ));
    }

    @Test
    void illegalCdIsCBadCd() {
        for (int field : new int[] {CdLayout.ENDI, CdLayout.S, CdLayout.HA, CdLayout.HD}) {
            SmmuFixture g = new SmmuFixture(SmmuModel.QEMU_NESTED).enable();
            PageTables t = PageTables.stage1(g, 12, 48);
            g.writeSte(SID, SmmuFixture.s1Ste(g.writeCd(SmmuFixture.s1Cd(t, 1).set(field, 1))));
            assertEquals(Translator.ABORTED, g.smmu.translate(SID, IOVA, Access.READ));
            assertType(EventType.C_BAD_CD, g.onlyEvent());
        }
        PageTables t = PageTables.stage1(f, 12, 48);
        f.writeSte(SID, SmmuFixture.s1Ste(f.writeCd(SmmuFixture.s1Cd(t, 1).set(CdLayout.T0SZ, 40))));
        assertType(EventType.C_BAD_CD, faultOf(IOVA, Access.READ));
    }

    @Test
    void cdFetchAbortIsFCdFetchWithTheAddress() {
        f.writeSte(SID, SmmuFixture.s1Ste(0x7000_0000L));
        Structure e = faultOf(IOVA, Access.READ);
        assertType(EventType.F_CD_FETCH, e);
        assertEquals(0x7000_0000L >>> 3, e.get(EventLayout.FETCH_ADDR));
    }

    @Test
    void invalidDescriptorIsFTranslationWithTheInputAddressAndRnW() {
        s1With(null, PageTables.S1_RW);
        Structure e = faultOf(IOVA + 0x1000, Access.READ);
        assertType(EventType.F_TRANSLATION, e);
        assertEquals(IOVA + 0x1000, e.get(EventLayout.INPUT_ADDR));
        assertEquals(1, e.get(EventLayout.RNW));
        assertEquals(0, e.get(EventLayout.S2));
    }

    @Test
    void epd0AndNonCanonicalAddressesAreFTranslationAndTbiIgnoresTheTopByte() {
        s1With(null, PageTables.S1_RW);
        assertType(EventType.F_TRANSLATION, faultOf(IOVA | 0x0100_0000_0000_0000L, Access.READ));
        SmmuFixture g = new SmmuFixture(SmmuModel.QEMU_NESTED).enable();
        PageTables t = PageTables.stage1(g, 12, 48);
        t.map(IOVA, PA, 3, PageTables.S1_RW);
        g.writeSte(SID, SmmuFixture.s1Ste(g.writeCd(SmmuFixture.s1Cd(t, 1).set(CdLayout.TBI, 1))));
        assertEquals(PA | 0x567, g.smmu.translate(SID, IOVA | 0xab00_0000_0000_0000L, Access.READ));
        SmmuFixture h = new SmmuFixture(SmmuModel.QEMU_NESTED).enable();
        PageTables u = PageTables.stage1(h, 12, 48);
        u.map(IOVA, PA, 3, PageTables.S1_RW);
        h.writeSte(SID, SmmuFixture.s1Ste(h.writeCd(SmmuFixture.s1Cd(u, 1).set(CdLayout.EPD0, 1))));
        assertEquals(Translator.ABORTED, h.smmu.translate(SID, IOVA, Access.READ));
        assertType(EventType.F_TRANSLATION, h.onlyEvent());
    }

    @Test
    void outputBeyondIpsIsFAddrSize() {
        PageTables t = PageTables.stage1(f, 12, 48);
        t.map(IOVA, 1L << 40, 3, PageTables.S1_RW);
        f.writeSte(SID, SmmuFixture.s1Ste(f.writeCd(SmmuFixture.s1Cd(t, 1).set(CdLayout.IPS, 2))));
        assertType(EventType.F_ADDR_SIZE, faultOf(IOVA, Access.READ));
    }

    @Test
    void clearAccessFlagIsFAccessUnlessAffd() {
        s1With(null, 0);
        assertType(EventType.F_ACCESS, faultOf(IOVA, Access.READ));
        SmmuFixture g = new SmmuFixture(SmmuModel.QEMU_NESTED).enable();
        PageTables t = PageTables.stage1(g, 12, 48);
        t.map(IOVA, PA, 3, 0);
        g.writeSte(SID, SmmuFixture.s1Ste(g.writeCd(SmmuFixture.s1Cd(t, 1).set(CdLayout.AFFD, 1))));
        assertEquals(PA | 0x567, g.smmu.translate(SID, IOVA, Access.READ));
    }

    @Test
    void writeToReadOnlyStage1PageIsFPermissionButReadsPass() {
        s1With(null, PageTables.S1_RO);
        assertEquals(PA | 0x567, f.smmu.translate(SID, IOVA, Access.READ));
        Structure e = faultOf(IOVA, Access.WRITE);
        assertType(EventType.F_PERMISSION, e);
        assertEquals(0, e.get(EventLayout.RNW));
    }

    @Test
    void apTableOneForbidsWritesAtLowerLevels() {
        PageTables t = s1With(null, PageTables.S1_RW);
        long l2 = t.slot(IOVA, 2);
        f.memory.write64(l2, f.memory.peek64(l2) | 1L << 62);
        assertType(EventType.F_PERMISSION, faultOf(IOVA, Access.WRITE));
    }

    @Test
    void unrecordedFaultTerminatesSilently() {
        s1With(null, PageTables.S1_RO);
        SmmuFixture g = new SmmuFixture(SmmuModel.QEMU_NESTED).enable();
        PageTables t = PageTables.stage1(g, 12, 48);
        t.map(IOVA, PA, 3, PageTables.S1_RO);
        g.writeSte(SID, SmmuFixture.s1Ste(g.writeCd(SmmuFixture.s1Cd(t, 1).set(CdLayout.R, 0))));
        assertEquals(Translator.ABORTED, g.smmu.translate(SID, IOVA, Access.WRITE));
        assertEquals(EventType.F_PERMISSION, g.smmu.lastFault().type);
        assertEquals(0, g.drainEvents().size());
    }

    @Test
    void tablePointerOutsideRamIsFWalkEabtWithTheFetchAddress() {
        PageTables t = s1With(null, PageTables.S1_RW);
        long l1 = t.slot(IOVA, 1);
        f.memory.write64(l1, 0x0000_0000_7000_0000L | 3);
        Structure e = faultOf(IOVA, Access.READ);
        assertType(EventType.F_WALK_EABT, e);
        assertEquals((0x7000_0000L + ((IOVA >>> 21) & 511) * 8) >>> 3, e.get(EventLayout.FETCH_ADDR));
    }

    @Test
    void stage2FaultsCarryS2TheIpaAndTheClass() {
        PageTables s1 = PageTables.stage1(f, 12, 48);
        long ipa = 0x0000_00c0_0000_0000L;
        s1.map(IOVA, ipa, 3, PageTables.S1_RW);
        long cd = f.writeCd(SmmuFixture.s1Cd(s1, 3));
        PageTables s2 = new PageTables(f, 12, 44, 0);
        List<long[]> regions = new ArrayList<>(s1.regions);
        regions.add(new long[] {cd, 64});
        s2.identity(regions, PageTables.S2_RW);
        s2.map(ipa, PA, 3, PageTables.S2_RO);
        f.writeSte(SID, SmmuFixture.withStage2(SmmuFixture.s1Ste(cd).set(SteLayout.CONFIG, SteLayout.CONFIG_NESTED),
                s2, 9));
        assertEquals(PA | 0x567, f.smmu.translate(SID, IOVA, Access.READ));
        Structure e = faultOf(IOVA, Access.WRITE);
        assertType(EventType.F_PERMISSION, e);
        assertEquals(1, e.get(EventLayout.S2));
        assertEquals(EventLayout.CLASS_IN, e.get(EventLayout.CLASS));
        assertEquals((ipa | 0x567) >>> 12, e.get(EventLayout.IPA));
        assertEquals(IOVA, e.get(EventLayout.INPUT_ADDR));
        // Unmap the stage-1 level-2 table page in stage 2: the walk's fetch faults at stage 2 with CLASS_TT.
        long l1 = s1.slot(IOVA, 1);
        long l2Table = f.memory.peek64(l1) & 0x0000_ffff_ffff_f000L;
        s2.set(l2Table, 3, 0);
        // The stage-2 translation of that table page is cached until the guest invalidates its IPA.
        f.command(SmmuFixture.cmd(Opcode.TLBI_S2_IPA).set(CommandLayout.TLBI_VMID, 9)
                .set(CommandLayout.TLBI_IPA, l2Table >>> 12));
        Structure tt = faultOf(IOVA + 0x1000, Access.READ);
        assertType(EventType.F_TRANSLATION, tt);
        assertEquals(1, tt.get(EventLayout.S2));
        assertEquals(EventLayout.CLASS_TT, tt.get(EventLayout.CLASS));
        assertEquals(l2Table >>> 12, tt.get(EventLayout.IPA));
    }

    @Test
    void nestedCdFetchFaultIsStage2ClassCd() {
        PageTables s1 = PageTables.stage1(f, 12, 48);
        long cd = f.writeCd(SmmuFixture.s1Cd(s1, 3));
        PageTables s2 = new PageTables(f, 12, 44, 0);
        s2.identity(s1.regions, PageTables.S2_RW);
        f.writeSte(SID, SmmuFixture.withStage2(SmmuFixture.s1Ste(cd).set(SteLayout.CONFIG, SteLayout.CONFIG_NESTED),
                s2, 9));
        Structure e = faultOf(IOVA, Access.READ);
        assertType(EventType.F_TRANSLATION, e);
        assertEquals(1, e.get(EventLayout.S2));
        assertEquals(EventLayout.CLASS_CD, e.get(EventLayout.CLASS));
        assertEquals(cd >>> 12, e.get(EventLayout.IPA));
    }

    @Test
    void stage2InputBeyondT0szIsFTranslation() {
        PageTables s2 = new PageTables(f, 12, 32, 1);
        f.writeSte(SID, SmmuFixture.withStage2(SmmuFixture.ste().set(SteLayout.CONFIG, SteLayout.CONFIG_S2), s2, 1));
        Structure e = faultOf(1L << 32, Access.READ);
        assertType(EventType.F_TRANSLATION, e);
        assertEquals(1, e.get(EventLayout.S2));
        assertEquals((1L << 32) >>> 12, e.get(EventLayout.IPA));
    }

    @Test
    void inconsistentS2Sl0AndT0szIsCBadSte() {
        PageTables s2 = new PageTables(f, 12, 44, 0);
        f.writeSte(SID, SmmuFixture.withStage2(SmmuFixture.ste().set(SteLayout.CONFIG, SteLayout.CONFIG_S2), s2, 1)
                .set(SteLayout.S2SL0, 0));
        assertType(EventType.C_BAD_STE, faultOf(0x1000, Access.READ));
    }

    @Test
    void substreamModelResolvesCdTablesAndRejectsOutOfRangeSubstreams() {
        SmmuFixture g = new SmmuFixture(SmmuModel.QEMU_NESTED.withSubstreams()).enable();
        PageTables t = PageTables.stage1(g, 12, 48);
        t.map(IOVA, PA, 3, PageTables.S1_RW);
        long table = g.alloc(64 * 4);
        SmmuFixture.s1Cd(t, 5).store(g.memory, table);
        Structure ste = SmmuFixture.s1Ste(table).set(SteLayout.S1CDMAX, 2)
                .set(SteLayout.S1DSS, SteLayout.S1DSS_SUBSTREAM0);
        g.writeSte(SID, ste);
        assertEquals(PA | 0x567, g.smmu.translate(SID, IOVA, Access.READ));
        g.writeSte(SID + 1, SmmuFixture.s1Ste(table).set(SteLayout.S1CDMAX, 2));
        assertEquals(Translator.ABORTED, g.smmu.translate(SID + 1, IOVA, Access.READ));
        assertType(EventType.F_STREAM_DISABLED, g.onlyEvent());
        assertTrue(f.drainEvents().isEmpty());
    }
}
