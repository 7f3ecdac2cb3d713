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
    public static final int CMD_TLBI_NH_VAA = 0x13;
    public static final int CMD_TLBI_S12_VMALL = 0x28;
    public static final int CMD_TLBI_S2_IPA = 0x2a;
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
        enqueue(word0, word1);
        publish();
    }

    /** Writes one command at the driver's PROD without telling the SMMU ({@link #publish} does). */
    public void enqueue(long word0, long word1) {
        int entries = 1 << log2Size;
        long slot = base + 16L * (prod & (entries - 1));
        qts.writeq(slot, word0);
        qts.writeq(slot + 8, word1);
        prod = (prod + 1) & ((entries << 1) - 1);
    }

    /** CMDQ_PROD = the driver's PROD (index and wrap bit). */
    public void publish() {
        qts.writel(smmu + SmmuRegs.CMDQ_PROD, prod);
    }

    public int entries() {
        return 1 << log2Size;
    }

    // ---- command encodings (IHI 0070 4.3 - 4.7); each returns {word0, word1} ----

    /** CMD_CFGI_STE (4.3.1): StreamID [63:32], Leaf (word 1 bit 0). */
    public static long[] cfgiSte(int sid) {
        return new long[] {CMD_CFGI_STE | (sid & 0xffff_ffffL) << 32, 1};
    }

    /** CMD_CFGI_STE_RANGE (4.3.2): the aligned block of 2^(range+1) StreamIDs containing {@code sid}. */
    public static long[] cfgiSteRange(int sid, int range) {
        return new long[] {CMD_CFGI_STE_RANGE | (sid & 0xffff_ffffL) << 32, range & 0x1f};
    }

    /** CMD_CFGI_ALL (4.3.3): CFGI_STE_RANGE with Range 31. */
    public static long[] cfgiAll() {
        return cfgiSteRange(0, 31);
    }

    /** CMD_CFGI_CD (4.3.4): SubstreamID [31:12], StreamID [63:32], Leaf. */
    public static long[] cfgiCd(int sid, int ssid) {
        return new long[] {CMD_CFGI_CD | (long) (ssid & 0xfffff) << 12 | (sid & 0xffff_ffffL) << 32, 1};
    }

    /** CMD_CFGI_CD_ALL (4.3.5). */
    public static long[] cfgiCdAll(int sid) {
        return new long[] {CMD_CFGI_CD_ALL | (sid & 0xffff_ffffL) << 32, 0};
    }

    /** CMD_TLBI_NH_ALL (4.4.2): VMID [47:32]. */
    public static long[] tlbiNhAll(int vmid) {
        return new long[] {CMD_TLBI_NH_ALL | (long) (vmid & 0xffff) << 32, 0};
    }

    /** CMD_TLBI_NH_ASID (4.4.3): VMID [47:32], ASID [63:48]. */
    public static long[] tlbiNhAsid(int vmid, int asid) {
        return new long[] {CMD_TLBI_NH_ASID | (long) (vmid & 0xffff) << 32 | (long) (asid & 0xffff) << 48, 0};
    }

    /** CMD_TLBI_NH_VA (4.4.4) of one address, no range (TG 0): word 1 Leaf [0], Address[63:12]. */
    public static long[] tlbiNhVa(int vmid, int asid, long va, boolean leaf) {
        return new long[] {CMD_TLBI_NH_VA | (long) (vmid & 0xffff) << 32 | (long) (asid & 0xffff) << 48,
            (va & ~0xfffL) | (leaf ? 1 : 0)};
    }

    /** CMD_TLBI_NH_VAA (4.4.5): every ASID. */
    public static long[] tlbiNhVaa(int vmid, long va) {
        return new long[] {CMD_TLBI_NH_VAA | (long) (vmid & 0xffff) << 32, va & ~0xfffL};
    }

    /** CMD_TLBI_S2_IPA (4.4.7): VMID, IPA[51:12] in word 1. */
    public static long[] tlbiS2Ipa(int vmid, long ipa) {
        return new long[] {CMD_TLBI_S2_IPA | (long) (vmid & 0xffff) << 32, ipa & 0x000f_ffff_ffff_f000L};
    }

    /** CMD_TLBI_S12_VMALL (4.4.8). */
    public static long[] tlbiS12Vmall(int vmid) {
        return new long[] {CMD_TLBI_S12_VMALL | (long) (vmid & 0xffff) << 32, 0};
    }

    /** CMD_TLBI_NSNH_ALL (4.4.9). */
    public static long[] tlbiNsnhAll() {
        return new long[] {CMD_TLBI_NSNH_ALL, 0};
    }

    /** CMD_SYNC (4.7.3) with CS = {@code cs} (0 none, 1 interrupt). */
    public static long[] sync(int cs) {
        return new long[] {CMD_SYNC | (long) (cs & 3) << 12, 0};
    }

    /** Submits an encoded command. */
    public void submit(long[] command) {
        submit(command[0], command[1]);
    }

    /**
     * Submits {@code commands} and a CMD_SYNC behind them in one PROD write; true when the SMMU consumed them all
     * (CONS reached PROD without an error).
     */
    public boolean submitAndSync(long[]... commands) {
        for (long[] c : commands) {
            enqueue(c[0], c[1]);
        }
        long[] s = sync(0);
        enqueue(s[0], s[1]);
        publish();
        int c = cons();
        return (c & 0x7fff_ffff) == prod;
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
