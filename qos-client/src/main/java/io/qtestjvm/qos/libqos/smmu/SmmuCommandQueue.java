package io.qtestjvm.qos.libqos.smmu;

import io.qtestjvm.qos.libqtest.QTestState;

/**
 * The SMMUv3 command queue as a driver sees it (Arm IHI 0070 3.5 queues, 4.1 command format): a ring of
 * 16-byte commands in guest memory at {@code base} with {@code 2^log2Size} entries; PROD/CONS carry the index
 * and a wrap bit just above it. Commands are written with qtest memory writes and published through CMDQ_PROD.
 */
public final class SmmuCommandQueue {
    // 4.1 opcodes (bits [7:0] of the first word)
    public static final int CMD_PREFETCH_CONFIG = 0x01;
    public static final int CMD_CFGI_STE = 0x03;
    public static final int CMD_CFGI_STE_RANGE = 0x04;
    public static final int CMD_CFGI_CD = 0x05;
    public static final int CMD_CFGI_CD_ALL = 0x06;
    public static final int CMD_TLBI_NH_ALL = 0x10;
    public static final int CMD_TLBI_NH_ASID = 0x11;
    public static final int CMD_TLBI_NH_VA = 0x12;
    public static final int CMD_TLBI_NSNH_ALL = 0x30;
    public static final int CMD_SYNC = 0x46;
    /** CMD_SYNC.CS (4.7.3): 1 = signal completion by interrupt. */
    public static final long SYNC_CS_IRQ = 1L << 12;

    private final QTestState qts;
    private final long smmu;
    private final long base;
    private final int log2Size;
    private int prod;

    /** Points CMDQ_BASE at {@code base} (must be 2^(log2Size + 4)-aligned) and resets PROD/CONS to 0. */
    public SmmuCommandQueue(QTestState qts, long smmu, long base, int log2Size) {
        this.qts = qts;
        this.smmu = smmu;
        this.base = base;
        this.log2Size = log2Size;
        qts.writeq(smmu + SmmuRegs.CMDQ_BASE, base | log2Size);
        qts.writel(smmu + SmmuRegs.CMDQ_PROD, 0);
        qts.writel(smmu + SmmuRegs.CMDQ_CONS, 0);
    }

    /** Writes one command (two 64-bit words) at PROD and advances CMDQ_PROD past it. */
    public void submit(long word0, long word1) {
        int entries = 1 << log2Size;
        long slot = base + 16L * (prod & (entries - 1));
        qts.writeq(slot, word0);
        qts.writeq(slot + 8, word1);
        prod = (prod + 1) & ((entries << 1) - 1);
        qts.writel(smmu + SmmuRegs.CMDQ_PROD, prod);
    }

    /** CMDQ_CONS as the SMMU left it. */
    public int cons() {
        return qts.readl(smmu + SmmuRegs.CMDQ_CONS);
    }

    /** CMDQ_CONS.ERR (6.3.27). */
    public int error() {
        return (cons() >>> SmmuRegs.CMDQ_CONS_ERR_SHIFT) & 0x7f;
    }

    public int prod() {
        return prod;
    }
}
