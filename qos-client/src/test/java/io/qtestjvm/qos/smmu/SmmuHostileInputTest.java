package io.qtestjvm.qos.smmu;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.iommu.QIommuTestdev;
import io.qtestjvm.qos.libqos.smmu.SmmuCd;
import io.qtestjvm.qos.libqos.smmu.SmmuCommandQueue;
import io.qtestjvm.qos.libqos.smmu.SmmuEvent;
import io.qtestjvm.qos.libqos.smmu.SmmuPageTable;
import io.qtestjvm.qos.libqos.smmu.SmmuRegs;
import io.qtestjvm.qos.libqos.smmu.SmmuSte;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile guest structures and register values against virt's SMMU, each answered by the architected event or
 * GERROR (Arm IHI 0070 7.1, 7.3), never an exception or a hang: tables that point at themselves, table and queue
 * pointers past the address size or where nothing decodes, CMDQ_PROD written past CONS by more than the queue holds.
 * [jvm] and [jvm-process]; not applicable on [qemu] ({@link SmmuRig#DMA_NEEDS_VIRTUAL_TIME}).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SmmuHostileInputTest {
    static final long IOVA = 0x0000_0040_0020_1000L;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void selfReferencingTablesEndAtLevelThree(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            SmmuPageTable s1 = r.stage1(12, 48);
            s1.mapPage(IOVA, r.buffer(), 0);
            r.installStage1(0, s1, 1);
            // every level's descriptor for IOVA points back at the start table
            for (int level = 0; level < 3; level++) {
                s1.writeDescriptor(IOVA, level, s1.root() | 0b11);
            }
            r.smmu.invalidate(SmmuCommandQueue.tlbiNsnhAll());
            long pa = r.buffer();
            int res = r.dma(0, IOVA, pa, 8);
            List<SmmuEvent> ev = r.smmu.events().drain();
            // the level-3 read finds the start table's entry for IOVA's level-3 index: a page or an invalid entry
            assertTrue(res == QIommuTestdev.ERR_MISMATCH || res == QIommuTestdev.ERR_TX_FAIL, "RESULT 0x"
                    + Integer.toHexString(res));
            if (res == QIommuTestdev.ERR_TX_FAIL) {
                assertEquals(1, ev.size(), ev.toString());
                assertEquals(SmmuEvent.F_TRANSLATION, ev.get(0).type(), ev.toString());
            } else {
                assertEquals(List.of(), ev);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void pointersPastTheAddressSizeAreAddressSizeFaults(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            SmmuPageTable s1 = r.stage1(12, 48);
            s1.mapPage(IOVA, r.buffer(), 0);
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S1).s1ContextPtr(r.cd(SmmuCd.forTable(s1, 1)
                    .ttb0(0x1_0000_0000L).ips(SmmuCd.PS_32))));
            r.assertFaults(0, IOVA, SmmuEvent.F_ADDR_SIZE, "TTB0 above CD.IPS");
            r.installStage1(0, s1, 1);
            s1.writeDescriptor(IOVA, 1, 0x8000_0000_0000L | 0b11); // bit 47: past the 44-bit OAS
            r.smmu.invalidate(SmmuCommandQueue.tlbiNsnhAll());
            r.assertFaults(0, IOVA, SmmuEvent.F_ADDR_SIZE, "next-level table past the OAS");
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S1).s1ContextPtr(0x8000_0000_0000L));
            int res = r.dma(0, IOVA, r.buffer(), 8);
            assertEquals(QIommuTestdev.ERR_TX_FAIL, res);
            List<SmmuEvent> ev = r.smmu.events().drain();
            assertEquals(1, ev.size(), ev.toString());
            assertEquals(SmmuEvent.name(SmmuEvent.C_BAD_STE), SmmuEvent.name(ev.get(0).type()),
                    "S1ContextPtr past the OAS: " + ev);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void cdWhereNothingDecodesIsACdFetchFault(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            r.install(0, SmmuSte.valid(SmmuSte.CONFIG_S1).s1ContextPtr(SmmuRig.HOLE));
            SmmuEvent e = r.assertFaults(0, IOVA, SmmuEvent.F_CD_FETCH, "CD in the hole after RAM");
            assertEquals(SmmuRig.HOLE, e.fetchAddress());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void commandQueueWhereNothingDecodesOrPastTheAddressSizeStopsWithCerrorAbt(Backend b) {
        for (long base : new long[] {SmmuRig.HOLE, 1L << 50}) {
            commandQueueAt(b, base);
        }
    }

    private static void commandQueueAt(Backend b, long base) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            r.smmu.writel(SmmuRegs.CR0, SmmuRegs.CR0_SMMUEN | SmmuRegs.CR0_EVENTQEN);
            r.qts.writeq(r.smmu.base() + SmmuRegs.CMDQ_BASE, base | 4);
            r.smmu.writel(SmmuRegs.CMDQ_PROD, 0);
            r.smmu.writel(SmmuRegs.CMDQ_CONS, 0);
            r.smmu.writel(SmmuRegs.CR0, SmmuRegs.CR0_SMMUEN | SmmuRegs.CR0_EVENTQEN | SmmuRegs.CR0_CMDQEN);
            r.smmu.writel(SmmuRegs.CMDQ_PROD, 1);
            assertEquals(SmmuRegs.CERROR_ABT, r.smmu.commands().error(), "CMDQ_CONS.ERR, base 0x"
                    + Long.toHexString(base));
            assertEquals(0, r.smmu.commands().cons() & 0xff, "CONS stays on the command");
            assertEquals(SmmuRegs.GERROR_CMDQ_ERR, (r.smmu.readl(SmmuRegs.GERROR) ^ r.smmu.readl(SmmuRegs.GERRORN))
                    & SmmuRegs.GERROR_CMDQ_ERR);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eventQueueWhereNothingDecodesOrPastTheAddressSizeRaisesEventqAbtErr(Backend b) {
        for (long base : new long[] {SmmuRig.HOLE, 1L << 50}) {
            eventQueueAt(b, base);
        }
    }

    private static void eventQueueAt(Backend b, long base) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            r.smmu.writel(SmmuRegs.CR0, SmmuRegs.CR0_SMMUEN | SmmuRegs.CR0_CMDQEN);
            r.qts.writeq(r.smmu.base() + SmmuRegs.EVENTQ_BASE, base | 4);
            r.qts.writel(r.smmu.base() + SmmuRegs.PAGE1 + SmmuRegs.EVENTQ_PROD, 0);
            r.qts.writel(r.smmu.base() + SmmuRegs.PAGE1 + SmmuRegs.EVENTQ_CONS, 0);
            r.smmu.writel(SmmuRegs.CR0, SmmuRegs.CR0_SMMUEN | SmmuRegs.CR0_EVENTQEN | SmmuRegs.CR0_CMDQEN);
            assertEquals(QIommuTestdev.ERR_TX_FAIL, r.dma(0, IOVA, r.buffer(), 8), "an invalid STE: C_BAD_STE");
            int active = r.smmu.readl(SmmuRegs.GERROR) ^ r.smmu.readl(SmmuRegs.GERRORN);
            assertEquals(1 << 2, active & (1 << 2), "GERROR.EVENTQ_ABT_ERR, base 0x" + Long.toHexString(base));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void prodWrittenPastConsByMoreThanTheQueueIsBounded(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, 4)) {
            SmmuCommandQueue cq = r.smmu.commands();
            long[] sync = SmmuCommandQueue.sync(0);
            for (int i = 0; i < cq.entries(); i++) {
                cq.enqueue(sync[0], sync[1]);
            }
            for (int prod : new int[] {0x7fff_ffff, 0x13, 0x1f, -1, 0x10, 5}) {
                r.smmu.writel(SmmuRegs.CMDQ_PROD, prod);
                int cons = cq.cons();
                int err = cons >>> SmmuRegs.CMDQ_CONS_ERR_SHIFT & 0x7f;
                assertTrue(err <= SmmuRegs.CERROR_ABT, "CERROR code " + err + " after PROD 0x"
                        + Integer.toHexString(prod));
            }
            long buf = r.buffer();
            r.table.write(r.sid(0), SmmuSte.valid(SmmuSte.CONFIG_BYPASS));
            int res = r.dma(0, buf, buf, 8);
            assertTrue(res == QIommuTestdev.RESULT_OK || res == QIommuTestdev.ERR_TX_FAIL, "machine still answers");
        }
    }
}
