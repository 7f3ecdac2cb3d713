package io.qtestjvm.devices.sd;

/**
 * Layouts and contents of the SD card registers as QEMU 7.2 fills them (hw/sd/sd.c {@code sd_set_cid},
 * {@code sd_set_csd}, {@code sd_set_scr}, {@code sd_set_ocr}, the card status bit groups and {@code sd_crc7}).
 * Bit positions: SD Physical Layer Simplified Specification 4.10.1 (card status), 5.1 (OCR), 5.2 (CID), 5.3
 * (CSD), 5.6 (SCR). Pure functions; the state machine is {@link SdCard}.
 */
public final class SdRegisters {
    // Physical Layer 4.10.1, Table 4-42: card status bits.
    public static final int OUT_OF_RANGE = 1 << 31;
    public static final int ADDRESS_ERROR = 1 << 30;
    public static final int BLOCK_LEN_ERROR = 1 << 29;
    public static final int ERASE_SEQ_ERROR = 1 << 28;
    public static final int ERASE_PARAM = 1 << 27;
    public static final int WP_VIOLATION = 1 << 26;
    public static final int CARD_IS_LOCKED = 1 << 25;
    public static final int LOCK_UNLOCK_FAILED = 1 << 24;
    public static final int COM_CRC_ERROR = 1 << 23;
    public static final int ILLEGAL_COMMAND = 1 << 22;
    public static final int CARD_ECC_FAILED = 1 << 21;
    public static final int CC_ERROR = 1 << 20;
    public static final int ERROR = 1 << 19;
    public static final int CID_CSD_OVERWRITE = 1 << 16;
    public static final int WP_ERASE_SKIP = 1 << 15;
    public static final int CARD_ECC_DISABLED = 1 << 14;
    public static final int ERASE_RESET = 1 << 13;
    public static final int CURRENT_STATE_SHIFT = 9;
    public static final int CURRENT_STATE = 0xf << CURRENT_STATE_SHIFT;
    public static final int READY_FOR_DATA = 1 << 8;
    public static final int FX_EVENT = 1 << 6;
    public static final int APP_CMD = 1 << 5;
    public static final int AKE_SEQ_ERROR = 1 << 3;

    /** Bits "according to the card's current state" (QEMU's CARD_STATUS_A). */
    public static final int STATUS_A = READY_FOR_DATA | CARD_ECC_DISABLED | CARD_IS_LOCKED;
    /** Bits "related to the previous command", cleared after every valid command (CARD_STATUS_B). */
    public static final int STATUS_B = CURRENT_STATE | ILLEGAL_COMMAND | COM_CRC_ERROR;
    /** Bits cleared when an R1 carries them to the host (CARD_STATUS_C). */
    public static final int STATUS_C = AKE_SEQ_ERROR | APP_CMD | ERASE_RESET | WP_ERASE_SKIP | CID_CSD_OVERWRITE
            | ERROR | CC_ERROR | CARD_ECC_FAILED | LOCK_UNLOCK_FAILED | WP_VIOLATION | ERASE_PARAM | ERASE_SEQ_ERROR
            | BLOCK_LEN_ERROR | ADDRESS_ERROR | OUT_OF_RANGE;

    // Physical Layer 5.1, Table 5-1: OCR.
    public static final int OCR_VDD_WINDOW = 0x00ffffff;
    public static final int OCR_VDD_WIN_HI = 0x00ffff00;
    public static final int OCR_S18A = 1 << 24;
    public static final int OCR_UHS_II = 1 << 29;
    /** CCS: 0 = SDSC (byte addresses), 1 = SDHC/SDXC (block addresses). */
    public static final int OCR_CCS = 1 << 30;
    public static final int OCR_POWER_UP = 1 << 31;
    /** What an R3 shows of the OCR (QEMU's ACMD41_R3_MASK): the low voltage byte is never reported. */
    public static final int OCR_R3_MASK = OCR_VDD_WIN_HI | OCR_S18A | OCR_UHS_II | OCR_CCS | OCR_POWER_UP;

    /** QEMU's SDSC_MAX_CAPACITY: a larger card is SDHC (block addressing, CSD version 2.0, CCS at power-up). */
    public static final long SDSC_MAX_CAPACITY = 2L << 30;

    static final int HWBLOCK_SHIFT = 9;
    static final int SECTOR_SHIFT = 5;
    static final int WPGROUP_SHIFT = 7;
    static final int CMULT_SHIFT = 9;
    /** Write-protect group: 512 B x 32 x 128 = 2 MiB. */
    static final int WPGROUP_BITS = HWBLOCK_SHIFT + SECTOR_SHIFT + WPGROUP_SHIFT;

    /** CSD bits the host may program with CMD27 (bytes 14-15: flags, file format, CRC). */
    static final int[] CSD_RW_MASK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfc, 0xfe};

    private SdRegisters() {
    }

    /**
     * CRC7 (polynomial x^7 + x^3 + 1) over {@code len} bytes, MSB first, as {@code sd_crc7}: the 7-bit value in bits
     * 6:0. Physical Layer 4.5.
     */
    public static int crc7(byte[] msg, int len) {
        int reg = 0;
        for (int i = 0; i < len; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                reg = (reg << 1) & 0xff;
                if (((reg >> 7) ^ ((msg[i] >> bit) & 1)) != 0) {
                    reg ^= 0x89;
                }
            }
        }
        return reg;
    }

    /** QEMU's fake CID: MID 0xaa, OID "XY", PNM "QEMU!", PRV 0x01, PSN 0xdeadbeef, MDT 2006-02, CRC7. */
    static void fillCid(byte[] cid) {
        cid[0] = (byte) 0xaa;
        cid[1] = 'X';
        cid[2] = 'Y';
        cid[3] = 'Q';
        cid[4] = 'E';
        cid[5] = 'M';
        cid[6] = 'U';
        cid[7] = '!';
        cid[8] = 0x01;
        cid[9] = (byte) 0xde;
        cid[10] = (byte) 0xad;
        cid[11] = (byte) 0xbe;
        cid[12] = (byte) 0xef;
        cid[13] = (byte) ((2006 - 2000) / 10);
        cid[14] = (byte) (((2006 % 10) << 4) | 2);
        cid[15] = (byte) ((crc7(cid, 15) << 1) | 1);
    }

    /**
     * The CSD for a card of {@code size} bytes ({@code sd_set_csd}): version 1.0 up to 2 GiB (a 2 GiB card
     * announces 1024-byte READ_BL_LEN, as the spec asks), version 2.0 (SDHC, C_SIZE in 512 KiB units) above.
     */
    static void fillCsd(byte[] csd, long size) {
        int hwblockShift = HWBLOCK_SHIFT;
        if (size == SDSC_MAX_CAPACITY) {
            hwblockShift += 1;
        }
        int csize = (int) ((size >> (CMULT_SHIFT + hwblockShift)) - 1);
        int sectsize = (1 << (SECTOR_SHIFT + 1)) - 1;
        int wpsize = (1 << (WPGROUP_SHIFT + 1)) - 1;
        if (size <= SDSC_MAX_CAPACITY) {
            csd[0] = 0x00;
            csd[1] = 0x26;
            csd[2] = 0x00;
            csd[3] = 0x32;
            csd[4] = 0x5f;
            csd[5] = (byte) (0x50 | hwblockShift);
            csd[6] = (byte) (0xe0 | ((csize >> 10) & 0x03));
            csd[7] = (byte) ((csize >> 2) & 0xff);
            csd[8] = (byte) (0x3f | ((csize << 6) & 0xc0));
            csd[9] = (byte) (0xfc | ((CMULT_SHIFT - 2) >> 1));
            csd[10] = (byte) (0x40 | (((CMULT_SHIFT - 2) << 7) & 0x80) | (sectsize >> 1));
            csd[11] = (byte) (((sectsize << 7) & 0x80) | wpsize);
            csd[12] = (byte) (0x90 | (hwblockShift >> 2));
            csd[13] = (byte) (0x20 | ((hwblockShift << 6) & 0xc0));
            csd[14] = 0x00;
        } else {
            long units = size / (512 * 1024) - 1;
            csd[0] = 0x40;
            csd[1] = 0x0e;
            csd[2] = 0x00;
            csd[3] = 0x32;
            csd[4] = 0x5b;
            csd[5] = 0x59;
            csd[6] = 0x00;
            csd[7] = (byte) (units >> 16);
            csd[8] = (byte) (units >> 8);
            csd[9] = (byte) units;
            csd[10] = 0x7f;
            csd[11] = (byte) 0x80;
            csd[12] = 0x0a;
            csd[13] = 0x40;
            csd[14] = 0x00;
        }
        csd[15] = (byte) ((crc7(csd, 15) << 1) | 1);
    }

    /**
     * The SCR ({@code sd_set_scr}): structure 1.0; SD_SPEC 1 (v1.10) or 2 (v2.00/3.0x) with SD_SPEC3 set for
     * v3; security version 2 (SDSC 1.01); bus widths 1 and 4 bits.
     */
    static void fillScr(byte[] scr, int specVersion) {
        scr[0] = (byte) (specVersion == 1 ? 1 : 2);
        scr[1] = (2 << 4) | 0b0101;
        scr[2] = (byte) (specVersion >= 3 ? 0x80 : 0x00);
        for (int i = 3; i < 8; i++) {
            scr[i] = 0;
        }
    }
}
