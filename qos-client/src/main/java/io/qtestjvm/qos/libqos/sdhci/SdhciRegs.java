package io.qtestjvm.qos.libqos.sdhci;

/**
 * Register offsets and fields of the SD Host Controller (SD Host Controller Simplified Specification 3.00, 2.2; QEMU
 * hw/sd/sdhci-internal.h) that libqos users need: layout only.
 */
public final class SdhciRegs {
    public static final int SYSAD = 0x00;
    public static final int BLKSIZE = 0x04;
    public static final int BLKCNT = 0x06;
    public static final int ARGUMENT = 0x08;
    public static final int TRNMOD = 0x0c;
    public static final int CMDREG = 0x0e;
    public static final int RSPREG0 = 0x10;
    public static final int RSPREG3 = 0x1c;
    public static final int BDATA = 0x20;
    public static final int PRNSTS = 0x24;
    public static final int HOSTCTL = 0x28;
    public static final int PWRCON = 0x29;
    public static final int CLKCON = 0x2c;
    public static final int SWRST = 0x2f;
    public static final int NORINTSTS = 0x30;
    public static final int ERRINTSTS = 0x32;
    public static final int NORINTSTSEN = 0x34;
    public static final int ERRINTSTSEN = 0x36;
    public static final int CAPAB = 0x40;
    public static final int ADMAERR = 0x54;
    public static final int ADMASYSADDR = 0x58;
    public static final int HCVER = 0xfe;

    // capabilities (2.2.26)
    public static final long CAPAB_BASE_CLOCK_SHIFT = 8;
    public static final long CAPAB_BASE_CLOCK_MASK = 0xffL << CAPAB_BASE_CLOCK_SHIFT;
    public static final long CAPAB_ADMA2 = 1L << 19;
    public static final long CAPAB_SDMA = 1L << 22;
    public static final long CAPAB_SDR_MASK = 0x7L << 32;
    public static final long CAPAB_DRIVER_MASK = 0x7L << 36;

    // transfer mode (2.2.5)
    public static final int TRNS_DMA = 0x01;
    public static final int TRNS_BLK_CNT_EN = 0x02;
    public static final int TRNS_ACMD12 = 0x04;
    public static final int TRNS_READ = 0x10;
    public static final int TRNS_MULTI = 0x20;

    // command (2.2.6): response type and checks
    public static final int CMD_RSP_NONE = 0x00;
    public static final int CMD_RSP_136 = 0x09;
    public static final int CMD_RSP_48 = 0x1a;
    public static final int CMD_RSP_48_NO_CHECK = 0x02;
    public static final int CMD_RSP_48_BUSY = 0x1b;
    public static final int CMD_DATA_PRESENT = 0x20;

    // present state (2.2.9)
    public static final int PRNSTS_CMD_INHIBIT = 0x01;
    public static final int PRNSTS_DATA_INHIBIT = 0x02;
    public static final int PRNSTS_CARD_PRESENT = 1 << 16;

    // host control 1 (2.2.11): DMA select
    public static final int HOSTCTL_DMA_MASK = 0x18;
    public static final int HOSTCTL_SDMA = 0x00;
    public static final int HOSTCTL_ADMA2_32 = 0x10;

    // clock control (2.2.14)
    public static final int CLOCK_INT_EN = 0x01;
    public static final int CLOCK_INT_STABLE = 0x02;
    public static final int CLOCK_SDCLK_EN = 0x04;

    // software reset (2.2.17)
    public static final int RESET_ALL = 0x01;
    public static final int RESET_CMD = 0x02;
    public static final int RESET_DATA = 0x04;

    // normal and error interrupt status (2.2.18, 2.2.19)
    public static final int NIS_CMDCMP = 0x0001;
    public static final int NIS_TRSCMP = 0x0002;
    public static final int NIS_DMA = 0x0008;
    public static final int NIS_WBUFRDY = 0x0010;
    public static final int NIS_RBUFRDY = 0x0020;
    public static final int NIS_ERR = 0x8000;
    public static final int EIS_CMDTIMEOUT = 0x0001;
    public static final int EIS_ADMAERR = 0x0200;

    // ADMA2 descriptor attributes (1.13.4)
    public static final int ADMA_VALID = 0x01;
    public static final int ADMA_END = 0x02;
    public static final int ADMA_INT = 0x04;
    public static final int ADMA_ACT_TRAN = 0x20;
    public static final int ADMA_ACT_LINK = 0x30;
    public static final int ADMA_DESCRIPTOR_SIZE = 8;

    private SdhciRegs() {
    }
}
