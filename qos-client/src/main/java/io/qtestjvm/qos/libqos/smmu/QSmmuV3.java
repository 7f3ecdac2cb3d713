package io.qtestjvm.qos.libqos.smmu;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqtest.QTestState;

/**
 * A minimal SMMUv3 driver over qtest (Arm IHI 0070 6.3, the programming order of 4.1 and 3.5): with the SMMU
 * disabled it programs CR1 (queue and table accesses cacheable, inner shareable), a command queue, an event queue and
 * a stream table, then enables SMMUEN, EVENTQEN and CMDQEN in CR0 and checks CR0ACK. The event queue and the stream
 * table are the caller's choice; the command queue is allocated here.
 */
public final class QSmmuV3 {
    /** virt's SMMU (QEMU's {@code VIRT_SMMU}). */
    public static final long VIRT_BASE = 0x0905_0000L;
    /** CR1 (6.3.10): queue and table accesses inner/outer write-back cacheable, inner shareable. */
    public static final int CR1_CACHEABLE = 0x0d75;

    private final QTestState qts;
    private final long smmu;
    private final SmmuCommandQueue cmdq;
    private final SmmuEventQueue evtq;

    private QSmmuV3(QTestState qts, long smmu, SmmuCommandQueue cmdq, SmmuEventQueue evtq) {
        this.qts = qts;
        this.smmu = smmu;
        this.cmdq = cmdq;
        this.evtq = evtq;
    }

    /**
     * Programs and enables the SMMU at {@code smmu}: CR0 = 0, CR1, a command queue of 2^cmdqLog2 entries and an
     * event queue of 2^evtqLog2 entries from {@code alloc}, {@code table}, then CR0 = SMMUEN | EVENTQEN | CMDQEN.
     */
    public static QSmmuV3 enable(QTestState qts, long smmu, GuestAllocator alloc, SmmuStreamTable table,
            int cmdqLog2, int evtqLog2) {
        qts.writel(smmu + SmmuRegs.CR0, 0);
        qts.writel(smmu + SmmuRegs.CR1, CR1_CACHEABLE);
        SmmuCommandQueue cmdq = new SmmuCommandQueue(qts, smmu, allocAligned(qts, alloc, 16L << cmdqLog2), cmdqLog2);
        SmmuEventQueue evtq = new SmmuEventQueue(qts, smmu, allocAligned(qts, alloc, 32L << evtqLog2), evtqLog2);
        table.program(smmu);
        int cr0 = SmmuRegs.CR0_SMMUEN | SmmuRegs.CR0_EVENTQEN | SmmuRegs.CR0_CMDQEN;
        qts.writel(smmu + SmmuRegs.CR0, cr0);
        if ((qts.readl(smmu + SmmuRegs.CR0ACK) & cr0) != cr0) {
            throw new IllegalStateException("CR0ACK does not acknowledge 0x" + Integer.toHexString(cr0));
        }
        return new QSmmuV3(qts, smmu, cmdq, evtq);
    }

    public QTestState qts() {
        return qts;
    }

    public long base() {
        return smmu;
    }

    public SmmuCommandQueue commands() {
        return cmdq;
    }

    public SmmuEventQueue events() {
        return evtq;
    }

    public int readl(int offset) {
        return qts.readl(smmu + offset);
    }

    public void writel(int offset, int value) {
        qts.writel(smmu + offset, value);
    }

    /** Submits the commands followed by CMD_SYNC; fails when the queue stopped on an error. */
    public void invalidate(long[]... commands) {
        if (!cmdq.submitAndSync(commands)) {
            throw new IllegalStateException("command queue stopped: CONS 0x" + Integer.toHexString(cmdq.cons()));
        }
    }

    /** A zeroed block of {@code size} bytes aligned to its size. */
    public static long allocAligned(QTestState qts, GuestAllocator alloc, long size) {
        long raw = alloc.alloc(size * 2);
        long aligned = (raw + size - 1) & ~(size - 1);
        qts.memset(aligned, 0, size);
        return aligned;
    }
}
