package io.qtestjvm.qos.smmu;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.iommu.QIommuTestdev;
import io.qtestjvm.qos.libqos.smmu.SmmuCd;
import io.qtestjvm.qos.libqos.smmu.SmmuCommandQueue;
import io.qtestjvm.qos.libqos.smmu.SmmuEvent;
import io.qtestjvm.qos.libqos.smmu.SmmuEventQueue;
import io.qtestjvm.qos.libqos.smmu.SmmuPageTable;
import io.qtestjvm.qos.libqos.smmu.SmmuRegs;
import io.qtestjvm.qos.libqos.smmu.SmmuSte;
import io.qtestjvm.qos.libqos.smmu.SmmuStreamTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static io.qtestjvm.qos.libqos.smmu.SmmuCommandQueue.cfgiCd;
import static io.qtestjvm.qos.libqos.smmu.SmmuCommandQueue.cfgiSte;
import static io.qtestjvm.qos.libqos.smmu.SmmuCommandQueue.tlbiNhAsid;
import static io.qtestjvm.qos.libqos.smmu.SmmuCommandQueue.tlbiNhVa;
import static io.qtestjvm.qos.libqos.smmu.SmmuCommandQueue.tlbiS2Ipa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Caches and queues of virt's SMMU seen through iommu-testdev DMA (Arm IHI 0070 3.16-3.17, 4.3, 4.4, 3.5, 7.1,
 * 7.2): a changed page table, STE or CD keeps being used, stale, until the matching invalidation (and one outside
 * its scope changes nothing), then the new one is; CMD_SYNC completes; both queues wrap; a full event queue loses
 * records and flags the overflow until it is acknowledged; an illegal command stops the queue with GERROR until
 * GERRORN acknowledges it. [jvm] and [jvm-process]; not applicable on [qemu]
 * ({@link SmmuRig#DMA_NEEDS_VIRTUAL_TIME}; the command-queue and GERROR register behaviour without DMA runs on
 * [qemu] in {@code SmmuV3CommandQueueTest}).
 */
class SmmuInvalidationAndQueuesTest {
    static final long IOVA = 0x0000_0abc_de00_0000L;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void staleStage1LeafUntilTlbiNhVaOfItsAsid(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            SmmuPageTable s1 = r.stage1(12, 48);
            long pa1 = r.buffer();
            long pa2 = r.buffer();
            s1.mapPage(IOVA, pa1, 0);
            r.installStage1(0, s1, 0x33);
            r.assertLands(0, IOVA, pa1, "first translation");
            s1.mapPage(IOVA, pa2, 0);
            r.assertLands(0, IOVA, pa1, "remapped, not invalidated: the IOTLB entry is used");
            r.smmu.invalidate(tlbiNhVa(0, 0x34, IOVA, true), tlbiNhAsid(0, 0x34), tlbiNhVa(0, 0x33, IOVA + 0x1000,
                    true));
            r.assertLands(0, IOVA, pa1, "TLBIs of another ASID or another page leave it");
            r.smmu.invalidate(tlbiNhVa(0, 0x33, IOVA, true));
            r.assertLands(0, IOVA, pa2, "after TLBI_NH_VA of its ASID and address");
            s1.mapPage(IOVA, pa1, 0);
            r.smmu.invalidate(tlbiNhAsid(0, 0x33));
            r.assertLands(0, IOVA, pa1, "after TLBI_NH_ASID");

            long global = IOVA + 0x10_0000;
            s1.mapPage(global, pa1, SmmuPageTable.GLOBAL);
            r.assertLands(0, global, pa1, "a global leaf");
            s1.mapPage(global, pa2, SmmuPageTable.GLOBAL);
            r.smmu.invalidate(tlbiNhAsid(0, 0x34), tlbiNhAsid(0, 0x33));
            r.assertLands(0, global, pa1, "TLBI_NH_ASID leaves global entries (4.4.3)");
            r.smmu.invalidate(tlbiNhVa(0, 0x34, global, true));
            r.assertLands(0, global, pa2, "TLBI_NH_VA of any ASID removes a global entry (4.4.4)");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void staleStage2LeafUntilTlbiS2IpaOfItsVmid(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            SmmuPageTable s2 = r.stage2(16, 40, 2);
            long pa1 = r.buffer();
            long pa2 = r.buffer();
            long ipa = 0x55_0000_0000L + (pa1 & 0xffff);
            s2.mapPage(ipa, pa1, 0);
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S2).s2Vmid(5).stage2(s2, SmmuCd.PS_44));
            r.assertLands(0, ipa, pa1, "first translation");
            s2.mapPage(ipa, pa2, 0);
            long moved = (pa2 & ~0xffffL) + (ipa & 0xffff);
            r.assertLands(0, ipa, pa1, "remapped, not invalidated");
            r.smmu.invalidate(tlbiS2Ipa(6, ipa));
            r.assertLands(0, ipa, pa1, "TLBI_S2_IPA of another VMID leaves it");
            r.smmu.invalidate(tlbiS2Ipa(5, ipa));
            r.assertLands(0, ipa, moved, "after TLBI_S2_IPA of its VMID");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void staleSteUntilCfgiSteAndStaleCdUntilCfgiCd(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4, 5)) {
            SmmuPageTable t1 = r.stage1(12, 48);
            SmmuPageTable t2 = r.stage1(12, 48);
            long pa1 = r.buffer();
            long pa2 = r.buffer();
            for (int i = 0; i < 4; i++) {
                t1.mapPage(IOVA + 0x1000L * i, pa1, 0);
                t2.mapPage(IOVA + 0x1000L * i, pa2, 0);
            }
            long cd = r.cd(SmmuCd.forTable(t1, 1));
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S1).s1ContextPtr(cd));
            r.assertLands(0, IOVA, pa1, "through CD 1");

            r.table.write(r.sid(0), SmmuSte.valid(SmmuSte.CONFIG_ABORT));
            r.assertLands(0, IOVA + 0x1000, pa1, "STE now aborts, not invalidated: the cached config walks on");
            r.smmu.invalidate(cfgiSte(r.sid(1)));
            r.assertLands(0, IOVA + 0x1000, pa1, "CFGI_STE of another StreamID leaves it");
            r.smmu.invalidate(cfgiSte(r.sid(0)));
            assertEquals(QIommuTestdev.ERR_TX_FAIL, r.dma(0, IOVA + 0x2000, r.buffer(), 8), "after CFGI_STE");
            assertEquals(List.of(), r.smmu.events().drain(), "an abort STE records nothing");

            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S1).s1ContextPtr(cd));
            r.assertLands(0, IOVA + 0x2000, pa1, "CD 1 again");
            SmmuCd.forTable(t2, 2).writeTo(r.qts, cd);
            r.assertLands(0, IOVA + 0x3000, pa1, "CD rewritten for ASID 2, not invalidated");
            r.smmu.invalidate(cfgiCd(r.sid(0), 0));
            r.assertLands(0, IOVA + 0x3000, pa2, "after CFGI_CD: ASID 2's table");
        }
    }

    /**
     * The scope of the wider invalidations (4.3.2, 4.4.2, 4.4.5, 4.4.8): CFGI_STE_RANGE covers the aligned block of
     * 2^(Range+1) StreamIDs and no more; TLBI_NH_VAA removes the address for every ASID of its VMID; TLBI_NH_ALL the
     * stage-1 entries of its VMID only; TLBI_S12_VMALL every entry of its VMID, nested ones included.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void rangeAndAllInvalidationsKeepToTheirScope(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4, 5)) {
            assertEquals(List.of(0x20, 0x28), List.of(r.sid(0), r.sid(1)));
            long[] pa = {r.buffer(), r.buffer()};
            for (int i = 0; i < 2; i++) {
                SmmuPageTable s1 = r.stage1(12, 48);
                s1.mapPage(IOVA, pa[i], 0);
                r.install(i, SmmuSte.valid(SmmuSte.CONFIG_S1).s2Vmid(10 + i).s1ContextPtr(r.cd(SmmuCd.forTable(s1,
                        0x40 + i))));
                r.assertLands(i, IOVA, pa[i], "stream " + i);
            }
            for (int i = 0; i < 2; i++) {
                r.table.write(r.sid(i), SmmuSte.valid(SmmuSte.CONFIG_ABORT));
            }
            r.smmu.invalidate(SmmuCommandQueue.cfgiSteRange(0x27, 2)); // 0x20..0x27
            assertEquals(QIommuTestdev.ERR_TX_FAIL, r.dma(0, IOVA + 0x1000, r.buffer(), 8), "0x20 in the range");
            r.assertLands(1, IOVA, pa[1], "0x28 outside it: stale");
            r.smmu.invalidate(SmmuCommandQueue.cfgiAll());
            assertEquals(QIommuTestdev.ERR_TX_FAIL, r.dma(1, IOVA + 0x1000, r.buffer(), 8), "after CFGI_ALL");

            // TLBI_NH_VAA / TLBI_NH_ALL on stage-1 streams of VMIDs 10 and 11
            SmmuPageTable[] t = new SmmuPageTable[2];
            for (int i = 0; i < 2; i++) {
                t[i] = r.stage1(12, 48);
                t[i].mapPage(IOVA, pa[i], 0);
                r.install(i, SmmuSte.valid(SmmuSte.CONFIG_S1).s2Vmid(10 + i).s1ContextPtr(r.cd(SmmuCd.forTable(t[i],
                        0x40 + i))));
            }
            for (int i = 0; i < 2; i++) {
                r.assertLands(i, IOVA, pa[i], "stream " + i + " again");
                t[i].mapPage(IOVA, pa[1 - i], 0);
            }
            r.smmu.invalidate(SmmuCommandQueue.tlbiNhVaa(11, IOVA));
            r.assertLands(0, IOVA, pa[0], "TLBI_NH_VAA of VMID 11 leaves VMID 10");
            r.assertLands(1, IOVA, pa[0], "and removes VMID 11's entry whatever its ASID");
            r.smmu.invalidate(SmmuCommandQueue.tlbiNhAll(10));
            r.assertLands(0, IOVA, pa[1], "TLBI_NH_ALL of VMID 10");

            // nested: a combined entry of VMID 12 goes with TLBI_S12_VMALL
            SmmuPageTable s2 = r.stage2(12, 40, 1);
            SmmuTranslationMatrixTest.identityMapRam(s2);
            SmmuPageTable s1 = r.stage1(12, 48);
            long window = 0x1_0000_0000L;
            s1.mapPage(IOVA, window, 0);
            s2.mapPage(window, pa[0], 0);
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_NESTED).s2Vmid(12).s1ContextPtr(r.cd(SmmuCd.forTable(s1, 5)))
                    .stage2(s2, SmmuCd.PS_44));
            long off = IOVA & 0xfff;
            r.assertLands(0, IOVA, pa[0] & ~0xfffL | off, "nested");
            s2.mapPage(window, pa[1], 0);
            r.smmu.invalidate(SmmuCommandQueue.tlbiS12Vmall(13));
            r.assertLands(0, IOVA, pa[0] & ~0xfffL | off, "TLBI_S12_VMALL of another VMID leaves it");
            r.smmu.invalidate(SmmuCommandQueue.tlbiS12Vmall(12));
            r.assertLands(0, IOVA, pa[1] & ~0xfffL | off, "TLBI_S12_VMALL of its VMID: the new stage 2");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void cmdSyncCompletesAndTheCommandQueueWraps(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, (q, a) -> SmmuStreamTable.linear(q, a, 8), 2, 4, 4)) {
            SmmuCommandQueue cq = r.smmu.commands();
            assertEquals(4, cq.entries());
            for (int i = 0; i < 11; i++) {
                cq.submit(i % 3 == 2 ? SmmuCommandQueue.sync(0) : cfgiSte(r.sid(0)));
                assertEquals(cq.prod(), cq.cons(), "CONS (index and wrap bit) follows PROD, command " + i);
            }
            assertEquals(0b011 | 0b100 * ((11 / 4) & 1), cq.cons(), "11 commands into a ring of 4: wrap bit set");
            long[] s = SmmuCommandQueue.sync(1);
            cq.enqueue(s[0], s[1]);
            cq.enqueue(s[0], s[1]);
            cq.enqueue(s[0], s[1]);
            cq.publish();
            assertEquals(cq.prod(), cq.cons(), "three CMD_SYNCs (CS = IRQ) across the wrap complete at once");
            assertEquals(0, r.smmu.readl(SmmuRegs.GERROR), "no global error");
        }
    }

    /**
     * With the GIC's inputs intercepted, a CMD_SYNC with CS = SIG_IRQ pulses the CMD_SYNC line (SPI 76) as it
     * completes, and a recorded event pulses the event queue line (SPI 74) once IRQ_CTRL.EVENTQ_IRQEN is set.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void cmdSyncInterruptAndEventInterruptPulseTheirLines(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            r.qts.irqInterceptIn("/machine/unattached/device[1]");
            SmmuCommandQueue cq = r.smmu.commands();
            long[] s = SmmuCommandQueue.sync(1);
            cq.enqueue(s[0], s[1]);
            List<String> lines = r.qts.transport().qtest("writel 0x" + Long.toHexString(r.smmu.base()
                    + SmmuRegs.CMDQ_PROD) + " 0x" + Integer.toHexString(cq.prod()));
            assertEquals(List.of("IRQ raise 76", "IRQ lower 76", "OK"), lines, "CMD_SYNC with CS = SIG_IRQ");
            assertEquals(cq.prod(), cq.cons());
            long[] quiet = SmmuCommandQueue.sync(0);
            cq.enqueue(quiet[0], quiet[1]);
            assertEquals(List.of("OK"), r.qts.transport().qtest("writel 0x" + Long.toHexString(r.smmu.base()
                    + SmmuRegs.CMDQ_PROD) + " 0x" + Integer.toHexString(cq.prod())), "CMD_SYNC with CS = SIG_NONE");

            r.smmu.writel(SmmuRegs.IRQ_CTRL, SmmuRegs.IRQ_EVENTQ_EN | SmmuRegs.IRQ_GERROR_EN);
            List<String> dma = new ArrayList<>();
            var d = r.dev(0);
            d.configure(IOVA, r.buffer(), 8, QIommuTestdev.ATTRS_NS_VALID);
            d.arm();
            long bar = d.bar0().addr();
            dma.addAll(r.qts.transport().qtest("readl 0x" + Long.toHexString(bar + QIommuTestdev.TRIGGERING)));
            assertTrue(dma.contains("IRQ raise 74"), "the event line on a recorded event: " + dma);
            assertEquals(1, r.smmu.events().drain().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eventQueueWrapsThenOverflowsUntilAcknowledged(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, (q, a) -> SmmuStreamTable.linear(q, a, 8), 4, 2, 4)) {
            SmmuEventQueue eq = r.smmu.events();
            SmmuPageTable s1 = r.stage1(12, 48);
            r.installStage1(0, s1, 1);
            int n = 0;
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 3; i++) {
                    fault(r, n++);
                }
                List<SmmuEvent> got = eq.drain();
                assertEquals(3, got.size(), "round " + round);
                for (int i = 0; i < 3; i++) {
                    assertEquals(IOVA + 0x1000L * (n - 3 + i), got.get(i).inputAddress(), "order, round " + round);
                }
            }
            assertEquals(6 | 0, eq.cons() & 7, "CONS past the wrap: index 2, wrap bit 1");
            assertFalse(eq.overflowed());
            int first = n;
            for (int i = 0; i < 6; i++) {
                fault(r, n++);
            }
            assertEquals(4, eq.pending(), "the queue holds 4");
            assertTrue(eq.overflowed(), "PROD.OVFLG differs from CONS.OVACKFLG");
            List<SmmuEvent> kept = eq.drain();
            assertEquals(4, kept.size());
            for (int i = 0; i < 4; i++) {
                assertEquals(IOVA + 0x1000L * (first + i), kept.get(i).inputAddress(), "the first four are kept");
            }
            assertFalse(eq.overflowed(), "acknowledged by the CONS write");
            fault(r, n);
            List<SmmuEvent> after = eq.drain();
            assertEquals(1, after.size(), "recording again");
            assertEquals(IOVA + 0x1000L * n, after.get(0).inputAddress());
        }
    }

    private static void fault(SmmuRig r, int n) {
        assertEquals(QIommuTestdev.ERR_TX_FAIL, r.dma(0, IOVA + 0x1000L * n, r.buffer(), 8), "fault " + n);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void illegalCommandStopsTheQueueWithGerrorUntilAcknowledged(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            SmmuCommandQueue cq = r.smmu.commands();
            cq.enqueue(cfgiSte(r.sid(0))[0], 1);
            cq.enqueue(0x7f, 0);
            long[] s = SmmuCommandQueue.sync(0);
            cq.enqueue(s[0], s[1]);
            cq.publish();
            assertEquals(1 | SmmuRegs.CERROR_ILL << SmmuRegs.CMDQ_CONS_ERR_SHIFT, cq.cons(),
                    "CONS stops on the illegal command with CERROR_ILL");
            int gerror = r.smmu.readl(SmmuRegs.GERROR);
            assertEquals(SmmuRegs.GERROR_CMDQ_ERR, (gerror ^ r.smmu.readl(SmmuRegs.GERRORN)) & 1, "CMDQ_ERR active");
            cq.publish();
            assertEquals(1, cq.cons() & 0xff, "still stopped while CMDQ_ERR is active");
            // the driver replaces the command (4.1) and acknowledges the error
            r.qts.writeq(r.smmu.commands() == cq ? commandSlot(r, 1) : 0, s[0]);
            r.smmu.writel(SmmuRegs.GERRORN, gerror);
            assertEquals(cq.prod(), cq.cons() & 0xff, "the queue resumes to PROD");
            assertEquals(0, (r.smmu.readl(SmmuRegs.GERROR) ^ r.smmu.readl(SmmuRegs.GERRORN)) & 1, "no error");
            long buf = r.buffer();
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_BYPASS));
            r.assertLands(0, buf, buf, "commands work again");
        }
    }

    private static long commandSlot(SmmuRig r, int index) {
        return (r.qts.readq(r.smmu.base() + SmmuRegs.CMDQ_BASE) & 0x000f_ffff_ffff_ffe0L) + 16L * index;
    }
}
