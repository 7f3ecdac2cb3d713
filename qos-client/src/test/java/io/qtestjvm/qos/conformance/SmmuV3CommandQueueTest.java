package io.qtestjvm.qos.conformance;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.smmu.SmmuCommandQueue;
import io.qtestjvm.qos.libqos.smmu.SmmuRegs;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The SMMUv3 of {@code virt-7.2,iommu=smmuv3} on every backend, Debian's QEMU 7.2 included: QEMU processes the
 * command queue with the VM stopped ({@code -S}), so the queue tests run on {@code [qemu]} as well.
 */
class SmmuV3CommandQueueTest {
    private static final long SMMU = 0x0905_0000L;
    private static final long CMDQ = 0x4010_0000L;

    private static QtestTransport start(Backend b) {
        return b.start("aarch64", "-machine virt-7.2,iommu=smmuv3", "7.2");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void resetValuesAndBaseRegistersIn32And64BitAccesses(Backend b) {
        try (QtestTransport t = start(b)) {
            QTestState q = new QTestState(t);
            assertEquals(0x0d40101a, q.readl(SMMU + SmmuRegs.IDR0));
            assertEquals(0x74, q.readl(SMMU + SmmuRegs.IDR5));
            assertEquals(1, q.readl(SMMU + SmmuRegs.AIDR));
            assertEquals(0, q.readl(SMMU + SmmuRegs.CR0));
            q.writeq(SMMU + SmmuRegs.STRTAB_BASE, 0x4020_0000L);
            assertEquals(0x4020_0000L, q.readq(SMMU + SmmuRegs.STRTAB_BASE));
            assertEquals(0, q.readl(SMMU + SmmuRegs.STRTAB_BASE + 4));
            q.writel(SMMU + SmmuRegs.STRTAB_BASE_CFG, 5);
            assertEquals(5, q.readl(SMMU + SmmuRegs.STRTAB_BASE_CFG));
            q.writeq(SMMU + SmmuRegs.EVENTQ_BASE, 0x4030_0003L);
            q.writel(SMMU + SmmuRegs.EVENTQ_BASE + 4, 0x12);
            assertEquals(0x12_4030_0003L, q.readq(SMMU + SmmuRegs.EVENTQ_BASE));
            q.writel(SMMU + SmmuRegs.IRQ_CTRL, 7);
            assertEquals(7, q.readl(SMMU + SmmuRegs.IRQ_CTRLACK));
            q.writel(SMMU + SmmuRegs.CR0, SmmuRegs.CR0_CMDQEN);
            assertEquals(SmmuRegs.CR0_CMDQEN, q.readl(SMMU + SmmuRegs.CR0ACK));
        }
    }

    /** QEMU 7.2's SMMU has no GBPA (a later QEMU added it, resetting to 0x1000): it reads 0 and ignores writes. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void gbpaOfQemu72ReadsZeroAndIgnoresUpdateWrites(Backend b) {
        try (QtestTransport t = start(b)) {
            QTestState q = new QTestState(t);
            assertEquals(0, q.readl(SMMU + SmmuRegs.GBPA));
            q.writel(SMMU + SmmuRegs.GBPA, SmmuRegs.GBPA_UPDATE | SmmuRegs.GBPA_ABORT);
            assertEquals(0, q.readl(SMMU + SmmuRegs.GBPA));
            q.writel(SMMU + SmmuRegs.GBPA, SmmuRegs.GBPA_ABORT);
            assertEquals(0, q.readl(SMMU + SmmuRegs.GBPA));
        }
    }

    /** Under the newest QEMU GBPA is there (reset 0x1000, Update writes) whatever the machine version. */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"JVM", "JVM_PROCESS"})
    void gbpaOfTheNewestQemuResetsTo0x1000OnVirt72Too(Backend b) {
        for (String machine : new String[] {"virt-7.2", "virt"}) {
            try (QtestTransport t = b.start("aarch64", "-machine " + machine + ",iommu=smmuv3", "10.2")) {
                QTestState q = new QTestState(t);
                assertEquals(0x1000, q.readl(SMMU + SmmuRegs.GBPA), machine);
                q.writel(SMMU + SmmuRegs.GBPA, SmmuRegs.GBPA_UPDATE | SmmuRegs.GBPA_ABORT);
                assertEquals(SmmuRegs.GBPA_ABORT, q.readl(SMMU + SmmuRegs.GBPA), machine);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void illegalOpcodeStopsTheQueueUntilGerrornAcknowledges(Backend b) {
        try (QtestTransport t = start(b)) {
            QTestState q = new QTestState(t);
            SmmuCommandQueue cq = new SmmuCommandQueue(q, SMMU, CMDQ, 3);
            q.writel(SMMU + SmmuRegs.CR0, SmmuRegs.CR0_CMDQEN);
            cq.submit(SmmuCommandQueue.CMD_CFGI_STE | (5L << 32), 0);
            cq.submit(SmmuCommandQueue.CMD_TLBI_NH_ALL, 0);
            cq.submit(SmmuCommandQueue.CMD_SYNC, 0);
            assertEquals(3, cq.cons());
            cq.submit(0xff, 0);
            assertEquals(3 | (SmmuRegs.CERROR_ILL << SmmuRegs.CMDQ_CONS_ERR_SHIFT), cq.cons());
            assertEquals(SmmuRegs.GERROR_CMDQ_ERR, q.readl(SMMU + SmmuRegs.GERROR));
            q.writel(SMMU + SmmuRegs.GERRORN, SmmuRegs.GERROR_CMDQ_ERR);
            assertEquals(SmmuRegs.GERROR_CMDQ_ERR, q.readl(SMMU + SmmuRegs.GERRORN));
        }
    }
}
