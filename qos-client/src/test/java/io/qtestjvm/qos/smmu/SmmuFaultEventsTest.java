package io.qtestjvm.qos.smmu;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.iommu.QIommuTestdev;
import io.qtestjvm.qos.libqos.iommu.QSmmuTestdev;
import io.qtestjvm.qos.libqos.pci.PciBusGeneric;
import io.qtestjvm.qos.libqos.pci.QPciDevice;
import io.qtestjvm.qos.libqos.smmu.SmmuCd;
import io.qtestjvm.qos.libqos.smmu.SmmuCommandQueue;
import io.qtestjvm.qos.libqos.smmu.SmmuEvent;
import io.qtestjvm.qos.libqos.smmu.SmmuPageTable;
import io.qtestjvm.qos.libqos.smmu.SmmuSte;
import io.qtestjvm.qos.libqos.smmu.SmmuStreamTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each fault an iommu-testdev DMA can meet behind virt's SMMU, and the event record it leaves (Arm IHI 0070 7.3):
 * type, StreamID, RnW (the device writes), S2 and CLASS for stage-2 faults, InputAddr, IPA and FetchAddr. The DMA
 * itself reports 0xdead0002. F_STREAM_DISABLED needs SubstreamIDs, which QEMU's SMMU (and so virt's here) does not
 * support: the STE that would raise it (S1CDMax != 0, S1DSS terminate) is C_BAD_STE, as QEMU answers.
 * [jvm] and [jvm-process]; not applicable on [qemu] ({@link SmmuRig#DMA_NEEDS_VIRTUAL_TIME}).
 */
class SmmuFaultEventsTest {
    static final long IOVA = 0x0000_1234_5678_9000L;

    /** A 4K, 48-bit stage-1 stream for device 0 mapping {@link #IOVA} to a buffer with {@code flags}. */
    private static long stage1(SmmuRig r, int flags, UnaryOperator<SmmuCd> cd) {
        SmmuPageTable s1 = r.stage1(12, 48);
        long pa = r.buffer();
        s1.mapPage(IOVA, pa, flags);
        r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S1).s1ContextPtr(r.cd(cd.apply(SmmuCd.forTable(s1, 7)))));
        return pa;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void stage1FaultsTranslationAddressSizeAccessAndPermission(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            long pa = stage1(r, 0, c -> c);
            r.assertLands(0, IOVA + 0x10, pa + 0x10, "mapped");
            SmmuEvent t = r.assertFaults(0, IOVA + 0x1000, SmmuEvent.F_TRANSLATION, "unmapped page");
            assertEquals(IOVA + 0x1000, t.inputAddress());
            assertFalse(t.read(), "the device writes: RnW 0");
            assertFalse(t.stage2());

            SmmuPageTable s1 = r.stage1(12, 48);
            s1.mapPage(IOVA, 0x1_0000_0000L, 0);
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S1).s1ContextPtr(r.cd(SmmuCd.forTable(s1, 7)
                    .ips(SmmuCd.PS_32))));
            assertEquals(IOVA, r.assertFaults(0, IOVA, SmmuEvent.F_ADDR_SIZE, "output above CD.IPS (32 bits)")
                    .inputAddress());

            stage1(r, SmmuPageTable.NO_AF, c -> c);
            r.assertFaults(0, IOVA, SmmuEvent.F_ACCESS, "AF = 0");
            long affd = stage1(r, SmmuPageTable.NO_AF, c -> c.affd(true));
            r.assertLands(0, IOVA, affd, "AF = 0 with CD.AFFD");

            stage1(r, SmmuPageTable.PERM_READ_ONLY, c -> c);
            SmmuEvent p = r.assertFaults(0, IOVA + 8, SmmuEvent.F_PERMISSION, "write to AP[2] = 1");
            assertEquals(IOVA + 8, p.inputAddress());

            stage1(r, 0, c -> c.r(false));
            assertEquals(QIommuTestdev.ERR_TX_FAIL, r.dma(0, IOVA + 0x2000, r.buffer(), 8), "CD.R = 0 still aborts");
            assertEquals(List.of(), r.smmu.events().drain(), "but records nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void stage2FaultsCarryS2ClassAndIpa(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            SmmuPageTable s2 = r.stage2(12, 40, 1);
            long pa = r.buffer();
            long ipa = 0x12_3456_7000L;
            s2.mapPage(ipa, pa, SmmuPageTable.PERM_READ_ONLY);
            s2.mapPage(ipa + 0x1000, 0x1000_0000_0000L, 0);
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S2).s2Vmid(3).stage2(s2, SmmuCd.PS_44));
            SmmuEvent p = r.assertFaults(0, ipa + 0x20, SmmuEvent.F_PERMISSION, "write to S2AP read-only");
            assertTrue(p.stage2() && p.faultClass() == SmmuEvent.CLASS_IN, p.toString());
            assertEquals(ipa, p.ipa());
            SmmuEvent t = r.assertFaults(0, ipa + 0x2000, SmmuEvent.F_TRANSLATION, "unmapped IPA");
            assertTrue(t.stage2() && t.faultClass() == SmmuEvent.CLASS_IN, t.toString());
            assertEquals(ipa + 0x2000, t.ipa());
            SmmuEvent s = r.assertFaults(0, ipa + 0x1000, SmmuEvent.F_ADDR_SIZE, "output above S2PS/OAS (44 bits)");
            assertTrue(s.stage2(), s.toString());

            long noAf = r.buffer();
            s2.mapPage(ipa + 0x4000, noAf, SmmuPageTable.NO_AF);
            SmmuEvent a = r.assertFaults(0, ipa + 0x4000 + (noAf & 0xfff), SmmuEvent.F_ACCESS, "stage-2 AF = 0");
            assertTrue(a.stage2() && a.faultClass() == SmmuEvent.CLASS_IN, a.toString());
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S2).s2Vmid(3).stage2(s2, SmmuCd.PS_44).s2Affd(true));
            r.assertLands(0, ipa + 0x4000 + (noAf & 0xfff), noAf, "stage-2 AF = 0 with S2AFFD");

            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S2).s2Vmid(3).stage2(s2, SmmuCd.PS_44).s2R(false));
            assertEquals(QIommuTestdev.ERR_TX_FAIL, r.dma(0, ipa + 0x3000, r.buffer(), 8), "S2R = 0 aborts");
            assertEquals(List.of(), r.smmu.events().drain(), "without a record");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void nestedStage2FaultsOnTheCdAndOnStage1Tables(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            SmmuPageTable s2 = r.stage2(12, 40, 1);
            SmmuTranslationMatrixTest.identityMapRam(s2);
            SmmuPageTable s1 = r.stage1(12, 48);
            long unmappedIpa = 0x20_0000_0000L;
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_NESTED).s1ContextPtr(unmappedIpa).s2Vmid(9)
                    .stage2(s2, SmmuCd.PS_44));
            SmmuEvent cd = r.assertFaults(0, IOVA, SmmuEvent.F_TRANSLATION, "CD at an IPA stage 2 does not map");
            assertTrue(cd.stage2() && cd.faultClass() == SmmuEvent.CLASS_CD, cd.toString());
            assertEquals(unmappedIpa, cd.ipa());

            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_NESTED).s1ContextPtr(r.cd(SmmuCd.forTable(s1, 4)
                    .ttb0(unmappedIpa))).s2Vmid(9).stage2(s2, SmmuCd.PS_44));
            SmmuEvent tt = r.assertFaults(0, IOVA, SmmuEvent.F_TRANSLATION, "stage-1 table at an unmapped IPA");
            assertTrue(tt.stage2() && tt.faultClass() == SmmuEvent.CLASS_TT, tt.toString());
            assertEquals(IOVA, tt.inputAddress());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void configurationFaultsBadSteBadCdAndStreamDisabledAsQemu(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            r.install(0, new SmmuSte().config(SmmuSte.CONFIG_BYPASS));
            r.assertFaults(0, IOVA, SmmuEvent.C_BAD_STE, "STE.V = 0");
            SmmuPageTable s2 = r.stage2(12, 40, 1);
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S2).stage2(s2, SmmuCd.PS_44).s2T0sz(0x3f));
            r.assertFaults(0, IOVA, SmmuEvent.C_BAD_STE, "S2T0SZ outside 20..39");
            SmmuPageTable s1 = r.stage1(12, 48);
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S1).s1ContextPtr(r.cd(SmmuCd.forTable(s1, 1))).s1CdMax(1)
                    .s1Dss(0));
            r.assertFaults(0, IOVA, SmmuEvent.C_BAD_STE, "S1CDMax 1, S1DSS terminate (spec: F_STREAM_DISABLED)");

            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S1).s1ContextPtr(r.cd(SmmuCd.forTable(s1, 1).v(false))));
            r.assertFaults(0, IOVA, SmmuEvent.C_BAD_CD, "CD.V = 0");
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S1).s1ContextPtr(r.cd(SmmuCd.forTable(s1, 1).t0sz(0x3f))));
            r.assertFaults(0, IOVA, SmmuEvent.C_BAD_CD, "T0SZ 63");

            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_ABORT));
            assertEquals(QIommuTestdev.ERR_TX_FAIL, r.dma(0, IOVA, r.buffer(), 8), "Config abort");
            assertEquals(List.of(), r.smmu.events().drain(), "aborts without an event (5.2)");
            long buf = r.buffer();
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_BYPASS));
            r.assertLands(0, buf, buf, "Config bypass: identity");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void streamIdOutsideALinearTableIsBadStreamId(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, (q, a) -> SmmuStreamTable.linear(q, a, 5), 4, 4, 3, 4)) {
            assertEquals(List.of(0x18, 0x20), List.of(r.sid(0), r.sid(1)));
            long buf = r.buffer();
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_BYPASS));
            r.assertLands(0, buf, buf, "StreamID 0x18 inside a table of 32");
            SmmuEvent e = r.assertFaults(1, buf, SmmuEvent.C_BAD_STREAMID, "StreamID 0x20 past a table of 32");
            assertEquals(0x20, e.streamId());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void walkExternalAbortReportsTheFetchAddress(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            SmmuPageTable s1 = r.stage1(12, 48);
            long pa = r.buffer();
            s1.mapPage(IOVA, pa, 0);
            r.installStage1(0, s1, 2);
            r.assertLands(0, IOVA, pa, "before");
            s1.writeDescriptor(IOVA, 1, SmmuRig.HOLE | 0b11);
            r.smmu.invalidate(SmmuCommandQueue.tlbiNsnhAll());
            SmmuEvent e = r.assertFaults(0, IOVA, SmmuEvent.F_WALK_EABT, "level-2 table where nothing decodes");
            assertEquals(SmmuRig.HOLE + 8 * ((IOVA >>> 21) & 0x1ff), e.fetchAddress(), e.toString());
            assertEquals(IOVA, e.inputAddress());
        }
    }

    /**
     * The RFC's smmu-testdev reads as well as writes (host to device): a read through a stage-2 leaf that allows
     * writes only is an F_PERMISSION with RnW = 1, carrying the StreamID its device/function properties give.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void readsFaultWithRnWSetAndTheRequesterIdAsStreamId(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, "-device smmu-testdev,addr=06.0,device=0x3,function=0x2",
                (q, a) -> SmmuStreamTable.linear(q, a, 8), 4, 4, 4)) {
            QPciDevice pci = new PciBusGeneric(r.qts).deviceAt(6 << 3);
            pci.enable();
            QSmmuTestdev dev = new QSmmuTestdev(pci);
            int sid = 3 << 3 | 2;
            SmmuPageTable s2 = r.stage2(12, 40, 1);
            long pa = r.buffer();
            long ipa = 0x33_0000_0000L + (pa & 0xfff);
            s2.mapPage(ipa, pa, SmmuPageTable.PERM_WRITE_ONLY);
            s2.mapPage(ipa + 0x1000, pa, SmmuPageTable.PERM_READ_ONLY);
            r.table.write(sid, SmmuSte.valid(SmmuSte.CONFIG_S2).s2Vmid(2).stage2(s2, SmmuCd.PS_44));
            r.smmu.invalidate(SmmuCommandQueue.cfgiSte(sid), SmmuCommandQueue.tlbiNsnhAll());
            assertEquals(0, dev.runDma(ipa + 0x1000, 16, QSmmuTestdev.DIR_HOST_TO_DEVICE), "read through S2AP 01");
            assertEquals(List.of(), r.smmu.events().drain());
            assertEquals(QSmmuTestdev.ERR_TX_FAIL, dev.runDma(ipa, 16, QSmmuTestdev.DIR_HOST_TO_DEVICE),
                    "read through S2AP 10");
            List<SmmuEvent> ev = r.smmu.events().drain();
            assertEquals(1, ev.size(), ev.toString());
            SmmuEvent e = ev.get(0);
            assertEquals(SmmuEvent.name(SmmuEvent.F_PERMISSION), SmmuEvent.name(e.type()), e.toString());
            assertEquals(sid, e.streamId(), e.toString());
            assertTrue(e.read() && e.stage2() && e.faultClass() == SmmuEvent.CLASS_IN, e.toString());
            assertEquals(0, dev.runDma(ipa, 16, QSmmuTestdev.DIR_DEVICE_TO_HOST), "a write there is allowed");
        }
    }
}
