package io.qtestjvm.devices.testdev;

/**
 * The register interface of {@code smmu-testdev}, the SMMUv3 test device of the September 2025 RFC
 * (docs/specs/smmu-testdev.rst and include/hw/misc/smmu-testdev.h of that series): BAR0 offsets, DMA directions and
 * result values, security spaces. Layout only; {@link SmmuTestdev} gives them behaviour.
 */
public final class SmmuTestdevRegisters {
    private SmmuTestdevRegisters() {
    }

    public static final long BAR0_SIZE = 0x1000;

    /** Read: runs a pending DMA, then reads {@link #ID_VALUE}; a write of 1 refreshes ATTR_NS. */
    public static final int ID = 0x00;
    /** Read-only: the attributes the device uses, Non-secure space in bits 2:1 ({@code 0x2}). */
    public static final int ATTR_NS = 0x04;
    /** Where the SMMU's registers are, for TRANS_CLEAR's invalidation commands; 0 = none. */
    public static final int SMMU_BASE_LO = 0x20;
    public static final int SMMU_BASE_HI = 0x24;
    public static final int DMA_IOVA_LO = 0x28;
    public static final int DMA_IOVA_HI = 0x2c;
    public static final int DMA_LEN = 0x30;
    /** 0 device to host (the device writes), any other value host to device (it reads); reads back 0 or 1. */
    public static final int DMA_DIR = 0x34;
    public static final int DMA_RESULT = 0x38;
    /** Write bit 0 = 1 makes a DMA pending (RESULT = BUSY); 0 cancels it (RESULT = IDLE). */
    public static final int DMA_DOORBELL = 0x3c;
    /** Bit 0: 0 the bus-master path, 1 the attributes path. */
    public static final int DMA_MODE = 0x40;
    /** Bit 0 secure, bits 2:1 space, bit 3 "unspecified": in the attributes path, bypass the IOMMU. */
    public static final int DMA_ATTRS = 0x44;
    /** Bits 1:0: 0 stage 1 only, 1 stage 2 only (reset), 2 nested. */
    public static final int TRANS_MODE = 0x48;
    public static final int S1_SPACE = 0x4c;
    public static final int S2_SPACE = 0x50;
    /** Write: bit 1 clears TRANS_STATUS, then bit 0 builds the translation structures. */
    public static final int TRANS_DBELL = 0x54;
    public static final int TRANS_STATUS = 0x58;
    /** Write (any value): clears what the builder wrote and queues CFGI_STE, CFGI_CD, TLBI_NSNH_ALL. */
    public static final int TRANS_CLEAR = 0x5c;

    /** "STMM" read as a little-endian word. */
    public static final int ID_VALUE = 0x5354_4d4d;

    public static final int DIR_DEVICE_TO_HOST = 0;
    public static final int DIR_HOST_TO_DEVICE = 1;
    public static final int DOORBELL_RUN = 0x1;
    public static final int TRANS_DBELL_BUILD = 0x1;
    public static final int TRANS_DBELL_CLEAR_STATUS = 0x2;
    public static final int ATTRS_SPACE_SHIFT = 1;
    public static final int ATTRS_UNSPECIFIED = 0x8;

    public static final int MODE_S1 = 0;
    public static final int MODE_S2 = 1;
    public static final int MODE_NESTED = 2;

    public static final int SPACE_SECURE = 0;
    public static final int SPACE_NON_SECURE = 1;
    public static final int SPACE_ROOT = 2;
    public static final int SPACE_REALM = 3;

    public static final int RESULT_OK = 0;
    public static final int RESULT_IDLE = 0xffff_ffff;
    public static final int RESULT_BUSY = 0xffff_fffe;
    /** Length 0 or above {@link #MAX_LEN}. */
    public static final int ERR_BAD_LEN = 0xdead_0001;
    public static final int ERR_TX_FAIL = 0xdead_0002;
    /** TRANS_STATUS: a 64-bit table entry write failed. */
    public static final int ERR_TABLE_WRITE = 0xdead_2011;
    /** TRANS_STATUS: a 32-bit STE/CD word write failed. */
    public static final int ERR_WORD_WRITE = 0xdead_2012;
    /** TRANS_STATUS: a space other than Non-secure was asked for. */
    public static final int ERR_SPACE = 0xdead_3001;

    public static final int MAX_LEN = 64 * 1024;
    /** Bytes the device writes: {@code 0xa0 + (i & 0x1f)}. */
    public static final int FILL_BASE = 0xa0;
}
