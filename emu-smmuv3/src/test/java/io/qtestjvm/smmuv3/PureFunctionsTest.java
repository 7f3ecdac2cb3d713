package io.qtestjvm.smmuv3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.smmuv3.spec.ArrayGuestMemory;
import io.qtestjvm.smmuv3.spec.CdLayout;
import io.qtestjvm.smmuv3.spec.EventLayout;
import io.qtestjvm.smmuv3.spec.EventType;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.SteLayout;
import io.qtestjvm.smmuv3.spec.Structure;
import io.qtestjvm.smmuv3.walk.Access;
import io.qtestjvm.smmuv3.walk.CdDecoder;
import io.qtestjvm.smmuv3.walk.Fault;
import io.qtestjvm.smmuv3.walk.PageTableWalker;
import io.qtestjvm.smmuv3.walk.Stage1Config;
import io.qtestjvm.smmuv3.walk.SteDecoder;
import io.qtestjvm.smmuv3.walk.StreamConfig;
import io.qtestjvm.smmuv3.walk.WalkResult;
import org.junit.jupiter.api.Test;

/** The decode and walk functions on their own: words in, a configuration, a result or a fault out. */
class PureFunctionsTest {
    @Test
    void steDecodeGivesTheStage2ParametersOfTheUpstreamNestedTest() {
        // The STE of upstream's iommu-smmuv3-test (reference 6.3): S2T0SZ 20, S2SL0 2, 4K, S2PS 5.
        Structure ste = SmmuFixture.ste().set(SteLayout.CONFIG, SteLayout.CONFIG_NESTED)
                .set(SteLayout.S1_CONTEXT_PTR, 0x4e17_8fc0L >>> 6).set(SteLayout.S2T0SZ, 20)
                .set(SteLayout.S2SL0, 2).set(SteLayout.S2PS, 5).set(SteLayout.S2AA64, 1)
                .set(SteLayout.S2TTB, 0x4e4d_0000L >>> 4);
        StreamConfig cfg = new StreamConfig();
        assertTrue(SteDecoder.decode(SmmuModel.QEMU_NESTED, ste, 8, cfg, new Fault()));
        assertEquals(0, cfg.s2.tt.startLevel);
        assertEquals(44, cfg.s2.tt.inputBits);
        assertEquals(44, cfg.s2.tt.outputBits, "S2PS 48 bits capped at OAS 44");
        assertEquals(0x4e17_8fc0L, cfg.contextPtr);
        Fault f = new Fault();
        assertFalse(SteDecoder.decode(SmmuModel.QEMU_7_2, ste, 8, cfg, f), "no stage 2 on 7.2");
        assertEquals(EventType.C_BAD_STE, f.type);
    }

    @Test
    void cdDecodeGivesTheStage1ParametersAndHadDisablesApTable() {
        Structure cd = SmmuFixture.cd().set(CdLayout.T0SZ, 16).set(CdLayout.ASID, 0x1e20)
                .set(CdLayout.TTB0, 0x4e4d_0000L >>> 4).set(CdLayout.HAD0, 1);
        Stage1Config s1 = new Stage1Config();
        assertTrue(CdDecoder.decode(SmmuModel.QEMU_7_2, cd, s1));
        assertEquals(0, s1.tt0.startLevel);
        assertEquals(0x1e20, s1.asid);
        assertTrue(s1.tt1.disabled);
        assertTrue(s1.tt0.hierarchyDisabled);

        ArrayGuestMemory mem = new ArrayGuestMemory(0x4e40_0000L, 1 << 20);
        // L0..L3 tables at 0x4e4d_0000.. with APTable[1] on the L1 entry; leaf RW.
        long iova = 0x0000_0080_8060_4567L;
        long[] tables = {0x4e4d_0000L, 0x4e4d_1000L, 0x4e4d_2000L, 0x4e4d_3000L};
        for (int level = 0; level < 3; level++) {
            long idx = (iova >>> (39 - 9 * level)) & 511;
            long desc = tables[level + 1] | 3 | (level == 1 ? 1L << 62 : 0);
            mem.write64(tables[level] + idx * 8, desc);
        }
        mem.write64(tables[3] + ((iova >>> 12) & 511) * 8, 0x4ecb_a000L | 1 << 10 | 3);
        PageTableWalker walker = new PageTableWalker(mem);
        WalkResult r = new WalkResult();
        Fault f = new Fault();
        assertTrue(walker.stage1(s1, null, iova, Access.WRITE, r, f), () -> f.toString());
        assertEquals(0x4ecb_a567L, r.outputAddress);
        assertEquals(12, r.blockShift);
        cd.set(CdLayout.HAD0, 0);
        assertTrue(CdDecoder.decode(SmmuModel.QEMU_7_2, cd, s1));
        assertFalse(walker.stage1(s1, null, iova, Access.WRITE, r, f));
        assertEquals(EventType.F_PERMISSION, f.type);
        assertEquals(3, f.level);
        assertTrue(walker.stage1(s1, null, iova, Access.READ, r, f));
    }

    @Test
    void faultRecordLayoutPlacesEachField() {
        Fault f = new Fault();
        f.clear();
        f.type = EventType.F_PERMISSION;
        f.streamId = 0x1234;
        f.stage2 = true;
        f.faultClass = EventLayout.CLASS_TT;
        f.inputAddress = 0xdead_beef_0000L;
        f.ipa = 0x12_3456_7000L;
        f.read = true;
        Structure e = new Structure(EventLayout.WORDS);
        f.writeRecord(e);
        assertEquals(0x0000_1234_0000_0013L, e.word(0));
        assertEquals(1L << (99 - 64) | 1L << (103 - 64) | 1L << (104 - 64), e.word(1));
        assertEquals(0xdead_beef_0000L, e.word(2));
        assertEquals(0x12_3456_7000L, e.word(3));
    }

    @Test
    void cdTablesResolveSubstreamsAndRejectThoseOutOfRange() {
        SmmuModel model = SmmuModel.QEMU_NESTED.withSubstreams();
        ArrayGuestMemory mem = new ArrayGuestMemory(0x4000_0000L, 1 << 20);
        PageTableWalker walker = new PageTableWalker(mem);
        CdDecoder decoder = new CdDecoder();
        Structure cd = new Structure(CdLayout.WORDS);
        Fault f = new Fault();
        // Two-level CD table, 64 CDs per leaf: SSID 70 is leaf 1, entry 6.
        long l1 = 0x4000_0000L;
        long leaf = 0x4000_2000L;
        mem.write64(l1 + 8, leaf | 1);
        SmmuFixture.cd().set(CdLayout.T0SZ, 25).set(CdLayout.ASID, 70).set(CdLayout.TTB0, 0x4001_0000L >>> 4)
                .store(mem, leaf + 6 * 64);
        Structure ste = SmmuFixture.s1Ste(l1).set(SteLayout.S1CDMAX, 8).set(SteLayout.S1FMT, SteLayout.S1FMT_64_CDS);
        StreamConfig cfg = new StreamConfig();
        assertTrue(SteDecoder.decode(model, ste, 3, cfg, f));
        assertEquals(CdDecoder.OK, decoder.locateAndDecode(model, walker, cfg, true, 70, cd, f));
        assertEquals(70, cfg.s1.asid);
        assertEquals(CdDecoder.FAULT, decoder.locateAndDecode(model, walker, cfg, true, 1 << 8, cd, f));
        assertEquals(EventType.C_BAD_SUBSTREAMID, f.type);
        assertEquals(CdDecoder.FAULT, decoder.locateAndDecode(model, walker, cfg, true, 5, cd, f));
        assertEquals(EventType.C_BAD_SUBSTREAMID, f.type, "L1CD 0 is invalid");
        // A single CD (S1CDMax 0) takes no SubstreamID.
        assertTrue(SteDecoder.decode(model, SmmuFixture.s1Ste(leaf + 6 * 64), 3, cfg, f));
        assertEquals(CdDecoder.FAULT, decoder.locateAndDecode(model, walker, cfg, true, 1, cd, f));
        assertEquals(EventType.C_BAD_SUBSTREAMID, f.type);
        assertEquals(CdDecoder.OK, decoder.locateAndDecode(model, walker, cfg, false, 0, cd, f));
        // QEMU's models reject CD tables in the STE.
        assertFalse(SteDecoder.decode(SmmuModel.QEMU_NESTED, ste, 3, cfg, f));
        assertEquals(EventType.C_BAD_STE, f.type);
    }
}
