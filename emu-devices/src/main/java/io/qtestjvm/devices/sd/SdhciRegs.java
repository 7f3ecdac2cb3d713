package io.qtestjvm.devices.sd;

/**
 * Layout of the SD host controller register file: offsets and bits of the SD Host Controller Simplified
 * Specification 3.00, chapter 2, with QEMU's names (QEMU 7.2 hw/sd/sdhci-internal.h). Constants only.
 */
final class SdhciRegs {
    private SdhciRegs() {
    }

    /** 2.2.1 SDMA System Address (32 bits). */
    static final int SYSAD = 0x00;
    /** 2.2.2 Block Size ([14:12] SDMA buffer boundary, [11:0] transfer block size) and 2.2.3 Block Count at 0x06. */
    static final int BLKSIZE = 0x04;
    static final int ARGUMENT = 0x08;
    /** 2.2.5 Transfer Mode and 2.2.6 Command at 0x0e. */
    static final int TRNMOD = 0x0c;
    static final int RSPREG0 = 0x10;
    static final int RSPREG3 = 0x1c;
    static final int BDATA = 0x20;
    static final int PRNSTS = 0x24;
    /** Host Control 1, Power Control 0x29, Block Gap Control 0x2a, Wakeup Control 0x2b. */
    static final int HOSTCTL = 0x28;
    /** Clock Control, Timeout Control 0x2e, Software Reset 0x2f. */
    static final int CLKCON = 0x2c;
    /** Normal Interrupt Status and Error Interrupt Status at 0x32. */
    static final int NORINTSTS = 0x30;
    static final int NORINTSTSEN = 0x34;
    static final int NORINTSIGEN = 0x38;
    /** Auto CMD12 Error Status and Host Control 2 at 0x3e. */
    static final int ACMD12ERRSTS = 0x3c;
    static final int CAPAB = 0x40;
    static final int MAXCURR = 0x48;
    /** Force Event for Auto CMD12 Error Status and Force Event for Error Interrupt Status at 0x52. */
    static final int FEAER = 0x50;
    static final int ADMAERR = 0x54;
    static final int ADMASYSADDR = 0x58;
    static final int SLOT_INT_STATUS = 0xfc;
    static final int REGISTERS_MAP_SIZE = 0x100;

    // Transfer Mode
    static final int TRNS_DMA = 0x0001;
    static final int TRNS_BLK_CNT_EN = 0x0002;
    static final int TRNS_ACMD12 = 0x0004;
    static final int TRNS_READ = 0x0010;
    static final int TRNS_MULTI = 0x0020;
    static final int TRNMOD_MASK = 0x0037;

    // Command
    static final int CMD_RESPONSE = 0x3;
    static final int CMD_RSP_WITH_BUSY = 0x3;
    static final int CMD_DATA_PRESENT = 1 << 5;
    static final int CMD_TYPE_MASK = 0xc0;
    static final int CMD_ABORT = 0xc0;

    // Present State
    static final int CMD_INHIBIT = 0x0000_0001;
    static final int DATA_INHIBIT = 0x0000_0002;
    static final int DAT_LINE_ACTIVE = 0x0000_0004;
    static final int DOING_WRITE = 0x0000_0100;
    static final int DOING_READ = 0x0000_0200;
    static final int SPACE_AVAILABLE = 0x0000_0400;
    static final int DATA_AVAILABLE = 0x0000_0800;
    static final int CARD_PRESENT = 0x0001_0000;
    static final int WRITE_PROTECT = 0x0008_0000;
    /** What QEMU writes to Present State when a card is inserted / removed (line levels included). */
    static final int PRNSTS_INSERTED = 0x01ff_0000;
    static final int PRNSTS_EMPTY = 0x01fa_0000;

    // Host Control 1
    static final int CTRL_DMA_MASK = 0x18;
    static final int CTRL_SDMA = 0x00;
    static final int CTRL_ADMA1_32 = 0x08;
    static final int CTRL_ADMA2_32 = 0x10;
    static final int CTRL_ADMA2_64 = 0x18;
    static final int POWER_ON = 0x01;
    static final int STOP_AT_GAP_REQ = 0x01;
    static final int CONTINUE_REQ = 0x02;
    static final int WKUP_ON_INS = 1 << 1;
    static final int WKUP_ON_RMV = 1 << 2;

    // Clock Control
    static final int CLOCK_INT_EN = 0x0001;
    static final int CLOCK_INT_STABLE = 0x0002;
    static final int CLOCK_SDCLK_EN = 0x0004;
    static final int CLOCK_CHK_MASK = 0x0007;

    // Software Reset
    static final int RESET_ALL = 0x01;
    static final int RESET_CMD = 0x02;
    static final int RESET_DATA = 0x04;

    // Normal Interrupt Status (and its enables, same bits)
    static final int NIS_ERR = 0x8000;
    static final int NIS_CMDCMP = 0x0001;
    static final int NIS_TRSCMP = 0x0002;
    static final int NIS_BLKGAP = 0x0004;
    static final int NIS_DMA = 0x0008;
    static final int NIS_WBUFRDY = 0x0010;
    static final int NIS_RBUFRDY = 0x0020;
    static final int NIS_INSERT = 0x0040;
    static final int NIS_REMOVE = 0x0080;
    static final int NIS_CARDINT = 0x0100;

    // Error Interrupt Status (and its enables)
    static final int EIS_CMDTIMEOUT = 0x0001;
    static final int EIS_BLKGAP = 0x0004;
    static final int EIS_CMD12ERR = 0x0100;
    static final int EIS_ADMAERR = 0x0200;

    // Host Control 2 (QEMU's FIELDs)
    static final int HOSTCTL2_V18_ENA = 1 << 3;
    static final int HOSTCTL2_EXECUTE_TUNING = 1 << 6;
    static final int HOSTCTL2_SAMPLING_CLKSEL = 1 << 7;

    // Capabilities
    static final long CAPAB_ADMA2 = 1L << 19;
    static final long CAPAB_ADMA1 = 1L << 20;
    static final long CAPAB_SDMA = 1L << 22;
    static final long CAPAB_BUS64BIT = 1L << 28;

    // ADMA Error Status
    static final int ADMAERR_LENGTH_MISMATCH = 1 << 2;
    static final int ADMAERR_STATE_ST_FDS = 1;
    static final int ADMAERR_STATE_ST_TFR = 3;
    static final int ADMAERR_STATE_MASK = 3;

    // ADMA descriptor attributes (3.00 1.13.4 table 1-10)
    static final int ADMA_ATTR_VALID = 1 << 0;
    static final int ADMA_ATTR_END = 1 << 1;
    static final int ADMA_ATTR_INT = 1 << 2;
    static final int ADMA_ATTR_SET_LEN = 1 << 4;
    static final int ADMA_ATTR_ACT_TRAN = 1 << 5;
    static final int ADMA_ATTR_ACT_LINK = 3 << 4;
    static final int ADMA_ATTR_ACT_MASK = 3 << 4;

    /** Block Size bits [11:0]. */
    static final int BLOCK_SIZE_MASK = 0xfff;
    /** Host Controller Version: vendor byte QEMU reports. */
    static final int HCVER_VENDOR = 0x24;
    /** SDHC_INSERTION_DELAY: one second of virtual time. */
    static final long INSERTION_DELAY_NS = 1_000_000_000L;
    /** SDHC_TRANSFER_DELAY between ADMA rounds. */
    static final long TRANSFER_DELAY_NS = 100;
    /** SDHC_ADMA_DESCS_PER_DELAY. */
    static final int ADMA_DESCS_PER_DELAY = 5;
}
