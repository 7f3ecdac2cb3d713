package io.qtestjvm.qos.libqos.smmu;

/** SMMUv3 register page 0 offsets and fields a test programs (Arm IHI 0070, 6.2 memory map, 6.3 registers). */
public final class SmmuRegs {
    public static final int IDR0 = 0x00;
    public static final int IDR1 = 0x04;
    public static final int IDR5 = 0x14;
    public static final int IIDR = 0x18;
    public static final int AIDR = 0x1c;
    public static final int CR0 = 0x20;
    public static final int CR0ACK = 0x24;
    public static final int CR1 = 0x28;
    public static final int CR2 = 0x2c;
    public static final int GBPA = 0x44;
    public static final int IRQ_CTRL = 0x50;
    public static final int IRQ_CTRLACK = 0x54;
    public static final int GERROR = 0x60;
    public static final int GERRORN = 0x64;
    public static final int STRTAB_BASE = 0x80;
    public static final int STRTAB_BASE_CFG = 0x88;
    public static final int CMDQ_BASE = 0x90;
    public static final int CMDQ_PROD = 0x98;
    public static final int CMDQ_CONS = 0x9c;
    public static final int EVENTQ_BASE = 0xa0;
    public static final int EVENTQ_PROD = 0xa8;
    public static final int EVENTQ_CONS = 0xac;
    /** Page 1 (6.2): EVENTQ_PROD/CONS are also at 0x100a8/0x100ac. */
    public static final int PAGE1 = 0x1_0000;

    // CR0 (6.3.9)
    public static final int CR0_SMMUEN = 1;
    public static final int CR0_EVENTQEN = 1 << 2;
    public static final int CR0_CMDQEN = 1 << 3;
    // GBPA (6.3.14)
    public static final int GBPA_ABORT = 1 << 20;
    public static final int GBPA_UPDATE = 1 << 31;
    // IRQ_CTRL (6.3.21)
    public static final int IRQ_GERROR_EN = 1;
    public static final int IRQ_PRIQ_EN = 1 << 1;
    public static final int IRQ_EVENTQ_EN = 1 << 2;
    // GERROR (6.3.23)
    public static final int GERROR_CMDQ_ERR = 1;
    // CMDQ_CONS.ERR (6.3.27), bits [30:24]
    public static final int CMDQ_CONS_ERR_SHIFT = 24;
    public static final int CERROR_NONE = 0;
    public static final int CERROR_ILL = 1;
    public static final int CERROR_ABT = 2;

    private SmmuRegs() {
    }
}
