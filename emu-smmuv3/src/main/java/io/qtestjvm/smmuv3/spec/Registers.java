package io.qtestjvm.smmuv3.spec;

import static io.qtestjvm.smmuv3.spec.Field.bit;
import static io.qtestjvm.smmuv3.spec.Field.bits;

/**
 * The SMMU_* register map of the Non-secure register page 0 (IHI 0070 6.2, 6.3), offsets from the SMMU base, and the
 * fields of each register (6.3.x) as {@link Field} constants over the register value. EVENTQ_PROD and EVENTQ_CONS
 * architecturally live in page 1 (0x100A8/0x100AC); QEMU's model also answers them at 0xA8/0xAC of page 0, as the
 * offsets below do (the device layer maps page 1 onto page 0).
 */
public final class Registers {
    private Registers() {
    }

    // 6.3.1 .. 6.3.6 ID registers
    public static final int IDR0 = 0x00;
    public static final int IDR1 = 0x04;
    public static final int IDR2 = 0x08;
    public static final int IDR3 = 0x0c;
    public static final int IDR4 = 0x10;
    public static final int IDR5 = 0x14;
    public static final int IIDR = 0x18;
    public static final int AIDR = 0x1c;
    // 6.3.9 .. 6.3.12 control
    public static final int CR0 = 0x20;
    public static final int CR0ACK = 0x24;
    public static final int CR1 = 0x28;
    public static final int CR2 = 0x2c;
    public static final int STATUSR = 0x40;
    public static final int GBPA = 0x44;
    public static final int AGBPA = 0x48;
    public static final int IRQ_CTRL = 0x50;
    public static final int IRQ_CTRLACK = 0x54;
    public static final int GERROR = 0x60;
    public static final int GERRORN = 0x64;
    public static final int GERROR_IRQ_CFG0 = 0x68;
    public static final int GERROR_IRQ_CFG1 = 0x70;
    public static final int GERROR_IRQ_CFG2 = 0x74;
    public static final int STRTAB_BASE = 0x80;
    public static final int STRTAB_BASE_CFG = 0x88;
    public static final int CMDQ_BASE = 0x90;
    public static final int CMDQ_PROD = 0x98;
    public static final int CMDQ_CONS = 0x9c;
    public static final int EVENTQ_BASE = 0xa0;
    public static final int EVENTQ_PROD = 0xa8;
    public static final int EVENTQ_CONS = 0xac;
    public static final int EVENTQ_IRQ_CFG0 = 0xb0;
    public static final int EVENTQ_IRQ_CFG1 = 0xb8;
    public static final int EVENTQ_IRQ_CFG2 = 0xbc;
    /** Identification registers (6.3): PIDR4..PIDR7 at 0xFD0, PIDR0..PIDR3 at 0xFE0, CIDR0..CIDR3 at 0xFF0. */
    public static final int PIDR4 = 0xfd0;
    public static final int PIDR0 = 0xfe0;
    public static final int CIDR0 = 0xff0;
    public static final int CIDR3 = 0xffc;
    /** Page 1 offset of the event queue pointers (6.2). */
    public static final int PAGE1 = 0x10000;

    // 6.3.1 SMMU_IDR0
    public static final int IDR0_S2P = bit(0);
    public static final int IDR0_S1P = bit(1);
    public static final int IDR0_TTF = bits(3, 2);
    public static final int IDR0_COHACC = bit(4);
    public static final int IDR0_HYP = bit(9);
    public static final int IDR0_ASID16 = bit(12);
    public static final int IDR0_MSI = bit(13);
    public static final int IDR0_SEV = bit(14);
    public static final int IDR0_VMID16 = bit(18);
    public static final int IDR0_TTENDIAN = bits(22, 21);
    public static final int IDR0_STALL_MODEL = bits(25, 24);
    public static final int IDR0_TERM_MODEL = bit(26);
    public static final int IDR0_ST_LEVEL = bits(28, 27);
    // 6.3.2 SMMU_IDR1
    public static final int IDR1_SIDSIZE = bits(5, 0);
    public static final int IDR1_SSIDSIZE = bits(10, 6);
    public static final int IDR1_EVENTQS = bits(20, 16);
    public static final int IDR1_CMDQS = bits(25, 21);
    // 6.3.4 SMMU_IDR3
    public static final int IDR3_HAD = bit(2);
    public static final int IDR3_XNX = bit(4);
    public static final int IDR3_RIL = bit(10);
    public static final int IDR3_BBML = bits(12, 11);
    // 6.3.6 SMMU_IDR5
    public static final int IDR5_OAS = bits(2, 0);
    public static final int IDR5_GRAN4K = bit(4);
    public static final int IDR5_GRAN16K = bit(5);
    public static final int IDR5_GRAN64K = bit(6);

    // 6.3.9 SMMU_CR0
    public static final int CR0_SMMUEN = bit(0);
    public static final int CR0_PRIQEN = bit(1);
    public static final int CR0_EVENTQEN = bit(2);
    public static final int CR0_CMDQEN = bit(3);
    public static final int CR0_ATSCHK = bit(4);
    public static final int CR0_VMW = bits(8, 6);
    // 6.3.14 SMMU_GBPA
    public static final int GBPA_ABORT = bit(20);
    public static final int GBPA_UPDATE = bit(31);
    // 6.3.16 SMMU_IRQ_CTRL
    public static final int IRQ_CTRL_GERROR_IRQEN = bit(0);
    public static final int IRQ_CTRL_PRIQ_IRQEN = bit(1);
    public static final int IRQ_CTRL_EVENTQ_IRQEN = bit(2);
    // 6.3.18 SMMU_GERROR (and GERRORN)
    public static final int GERROR_CMDQ_ERR = bit(0);
    public static final int GERROR_EVENTQ_ABT_ERR = bit(2);
    public static final int GERROR_PRIQ_ABT_ERR = bit(3);
    public static final int GERROR_MSI_CMDQ_ABT_ERR = bit(4);
    public static final int GERROR_MSI_EVENTQ_ABT_ERR = bit(5);
    public static final int GERROR_MSI_PRIQ_ABT_ERR = bit(6);
    public static final int GERROR_MSI_GERROR_ABT_ERR = bit(7);
    public static final int GERROR_SFM_ERR = bit(8);
    // 6.3.23 SMMU_STRTAB_BASE, 6.3.24 SMMU_STRTAB_BASE_CFG
    public static final int STRTAB_BASE_ADDR = bits(51, 6);
    public static final int STRTAB_BASE_RA = bit(62);
    public static final int STRTAB_CFG_LOG2SIZE = bits(5, 0);
    public static final int STRTAB_CFG_SPLIT = bits(10, 6);
    public static final int STRTAB_CFG_FMT = bits(17, 16);
    public static final int STRTAB_FMT_LINEAR = 0;
    public static final int STRTAB_FMT_2LEVEL = 1;
    // 6.3.25 .. 6.3.30 queue bases and pointers
    public static final int Q_BASE_LOG2SIZE = bits(4, 0);
    public static final int Q_BASE_ADDR = bits(51, 5);
    public static final int Q_BASE_RA = bit(62);
    public static final int CMDQ_CONS_ERR = bits(30, 24);
    public static final int EVENTQ_PROD_OVFLG = bit(31);
    public static final int EVENTQ_CONS_OVACKFLG = bit(31);
    // 6.3 *_IRQ_CFG0 address, *_IRQ_CFG1 data
    public static final int IRQ_CFG0_ADDR = bits(51, 2);

    /** 4.7 command errors reported in CMDQ_CONS.ERR. */
    public static final int CERROR_NONE = 0;
    public static final int CERROR_ILL = 1;
    public static final int CERROR_ABT = 2;
    public static final int CERROR_ATC_INV_SYNC = 3;
}
