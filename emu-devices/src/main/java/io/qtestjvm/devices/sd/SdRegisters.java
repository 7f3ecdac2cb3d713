package io.qtestjvm.devices.sd;

/**
 * The card registers of SD Physical Layer Simplified Specification chapter 5 as this card fills them: OCR (5.1),
 * CID (5.2), CSD versions 1.0 and 2.0 (5.3.2, 5.3.3), SCR (5.6), and the CRC7 of 4.5 that ends CID and CSD. Fields
 * are named and placed by their bit range in the register ({@code [hi:lo]}, bit 0 the last bit sent); pure
 * functions over byte arrays in transmission order.
 *
 * <p>The values are QEMU 7.2's (checked byte for byte by SdRegistersTest and SdCardTest); where they are not what
 * the spec would suggest for a real card:
 * <ul>
 * <li>OCR: the voltage window reads 0x00ffff00, bits 8-14 included although 5.1 reserves them; only bits 8-23 and
 *     24, 29, 30, 31 are carried by an R3 ({@link #OCR_R3_CARRIED}).</li>
 * <li>CID: manufacturer 0xaa, OEM "XY", product "QEMU!", revision 0.1, serial 0xdeadbeef, made February 2006
 *     ({@code initialisationSequenceGivesQemuResponses}).</li>
 * <li>CSD 1.0 advertises command classes 0x5f5, 2.0 advertises 0x5b5; both a 25 MHz TRAN_SPEED (0x32); the
 *     1.0 CSD claims write-protect groups of 128 sectors of 64 blocks ({@code sdscCsdForOneMibDecodesToOneMib},
 *     {@code sdhcCsdCountsHalfMebibyteUnits}). A 2 GiB card says 1024-byte blocks as 5.3.2 asks
 *     ({@code twoGibSdscCsdAnnounces1024ByteBlocks}).</li>
 * </ul>
 */
public final class SdRegisters {
    // 5.1, Table 5-1: OCR.
    /** VDD voltage window as this card reports it (bits 23:8). */
    static final int OCR_VOLTAGE_WINDOW = 0x00ffff00;
    /** The voltage field an ACMD41 argument or the OCR may carry (bits 23:0). */
    static final int OCR_VOLTAGE_FIELD = 0x00ffffff;
    static final int OCR_S18A = 1 << 24;
    static final int OCR_UHS_II = 1 << 29;
    /** Card Capacity Status: set (once powered up) for SDHC/SDXC, whose data addresses are block numbers. */
    static final int OCR_CCS = 1 << 30;
    /** Card power up status: 0 while the card is busy powering up. */
    static final int OCR_POWER_UP = 1 << 31;
    /** 4.9.4: what an R3 carries of the OCR. */
    static final int OCR_R3_CARRIED = OCR_VOLTAGE_WINDOW | OCR_S18A | OCR_UHS_II | OCR_CCS | OCR_POWER_UP;

    /** Standard Capacity (SDSC) cards go up to 2 GiB (5.3.2); larger cards are SDHC with a version 2.0 CSD. */
    public static final long SDSC_MAX_CAPACITY = 2L << 30;

    static final int CID_BYTES = 16;
    static final int CSD_BYTES = 16;
    static final int SCR_BYTES = 8;

    // 5.3.1: CSD fields shared by both versions, and the programmable ones (the only ones CMD27 may change).
    static final int CSD_STRUCTURE_HI = 127;
    /** CSD byte 14: FILE_FORMAT_GRP [15], COPY [14], PERM_WRITE_PROTECT [13], TMP_WRITE_PROTECT [12], FILE_FORMAT. */
    static final int CSD_FLAGS_BYTE = 14;
    static final int CSD_COPY = 0x40;
    static final int CSD_PERM_WRITE_PROTECT = 0x20;
    static final int CSD_TMP_WRITE_PROTECT = 0x10;
    /** One-time programmable: once set, CMD27 may not clear them (5.3.2 COPY, PERM_WRITE_PROTECT). */
    static final int CSD_OTP = CSD_COPY | CSD_PERM_WRITE_PROTECT;
    /** The programmable bits of each CSD byte: bits 15:10 (byte 14) and CRC 7:1 (byte 15). */
    private static final int CSD_PROGRAMMABLE_14 = 0xfc;
    private static final int CSD_PROGRAMMABLE_15 = 0xfe;

    /** Write-protect group of the SDSC CSD: 128 erase sectors (WP_GRP_SIZE + 1) of 32 blocks x 512 bytes = 2 MiB. */
    static final int WP_GROUP_SHIFT = 21;

    private static final int BLOCK_LEN_512 = 9;
    private static final int C_SIZE_MULT_512 = 7;
    private static final int HALF_MIB_SHIFT = 19;

    private SdRegisters() {
    }

    /** Programmable bits of CSD byte {@code i} (5.3.2 Table 5-4 "R/W" and "R/W(1)" fields). */
    static int csdProgrammable(int i) {
        return i == CSD_FLAGS_BYTE ? CSD_PROGRAMMABLE_14 : i == CSD_BYTES - 1 ? CSD_PROGRAMMABLE_15 : 0;
    }

    /**
     * 4.5: CRC7, generator x^7 + x^3 + 1, over the first {@code len} bytes of {@code msg}, most significant bit
     * first; the 7-bit remainder.
     */
    public static int crc7(byte[] msg, int len) {
        int crc = 0;
        for (int i = 0; i < len; i++) {
            int b = msg[i];
            for (int k = 7; k >= 0; k--) {
                int feedback = ((crc >> 6) ^ (b >> k)) & 1;
                crc = (crc << 1) & 0x7f;
                if (feedback != 0) {
                    crc ^= 0x09; // x^3 + 1
                }
            }
        }
        return crc;
    }

    /**
     * Writes {@code value} into bits {@code [hi:lo]} of a register of {@code bits} bits held MSB first in
     * {@code reg} (register bit {@code bits - 1} is bit 7 of byte 0).
     */
    static void put(byte[] reg, int bits, int hi, int lo, long value) {
        for (int bit = lo; bit <= hi; bit++) {
            int pos = bits - 1 - bit;
            int mask = 0x80 >>> (pos & 7);
            if (((value >>> (bit - lo)) & 1) != 0) {
                reg[pos >> 3] |= (byte) mask;
            } else {
                reg[pos >> 3] &= (byte) ~mask;
            }
        }
    }

    /** Ends a 128-bit register with its CRC7 in bits 7:1 and the "always 1" bit 0 (5.2, 5.3). */
    private static void sealCrc(byte[] reg) {
        reg[15] = (byte) (crc7(reg, 15) << 1 | 1);
    }

    /** 5.2 Table 5-2: the CID. */
    static void fillCid(byte[] cid) {
        put(cid, 128, 127, 120, 0xaa);                      // MID
        put(cid, 128, 119, 104, 'X' << 8 | 'Y');            // OID, two ASCII characters
        long pnm = 0;
        for (char c : "QEMU!".toCharArray()) {
            pnm = pnm << 8 | c;
        }
        put(cid, 128, 103, 64, pnm);                        // PNM, five ASCII characters
        put(cid, 128, 63, 56, 0x01);                        // PRV 0.1
        put(cid, 128, 55, 24, 0xdeadbeefL);                 // PSN
        put(cid, 128, 23, 20, 0);                           // reserved
        put(cid, 128, 19, 12, 2006 - 2000);                 // MDT year, offset from 2000
        put(cid, 128, 11, 8, 2);                            // MDT month
        sealCrc(cid);
    }

    /**
     * 5.3: the CSD of a card of {@code size} bytes: version 1.0 (5.3.2) up to {@link #SDSC_MAX_CAPACITY}, version
     * 2.0 (5.3.3) above. Capacity = (C_SIZE + 1) x 2^(C_SIZE_MULT + 2) x 2^READ_BL_LEN for 1.0, (C_SIZE + 1) x
     * 512 KiB for 2.0.
     */
    static void fillCsd(byte[] csd, long size) {
        if (size <= SDSC_MAX_CAPACITY) {
            fillCsdVersion1(csd, size);
        } else {
            fillCsdVersion2(csd, size);
        }
        sealCrc(csd);
    }

    private static void fillCsdVersion1(byte[] csd, long size) {
        // 5.3.2: "to indicate 2 GByte card, BLOCK_LEN shall be 1024 bytes"
        int blockLen = size == SDSC_MAX_CAPACITY ? BLOCK_LEN_512 + 1 : BLOCK_LEN_512;
        long cSize = (size >> (C_SIZE_MULT_512 + 2 + blockLen)) - 1;
        put(csd, 128, 127, 126, 0);          // CSD_STRUCTURE 1.0
        put(csd, 128, 125, 120, 0);
        put(csd, 128, 119, 112, 0x26);       // TAAC
        put(csd, 128, 111, 104, 0x00);       // NSAC
        put(csd, 128, 103, 96, 0x32);        // TRAN_SPEED
        put(csd, 128, 95, 84, 0x5f5);        // CCC
        put(csd, 128, 83, 80, blockLen);     // READ_BL_LEN
        put(csd, 128, 79, 79, 1);            // READ_BL_PARTIAL
        put(csd, 128, 78, 78, 1);            // WRITE_BLK_MISALIGN
        put(csd, 128, 77, 77, 1);            // READ_BLK_MISALIGN
        put(csd, 128, 76, 76, 0);            // DSR_IMP
        put(csd, 128, 75, 74, 0);
        put(csd, 128, 73, 62, cSize);        // C_SIZE
        put(csd, 128, 61, 59, 7);            // VDD_R_CURR_MIN
        put(csd, 128, 58, 56, 7);            // VDD_R_CURR_MAX
        put(csd, 128, 55, 53, 7);            // VDD_W_CURR_MIN
        put(csd, 128, 52, 50, 7);            // VDD_W_CURR_MAX
        put(csd, 128, 49, 47, C_SIZE_MULT_512);
        put(csd, 128, 46, 46, 1);            // ERASE_BLK_EN
        put(csd, 128, 45, 39, 0x3f);         // SECTOR_SIZE: 64 blocks
        put(csd, 128, 38, 32, 0x7f);         // WP_GRP_SIZE: 128 sectors
        put(csd, 128, 31, 31, 1);            // WP_GRP_ENABLE
        put(csd, 128, 30, 29, 0);
        put(csd, 128, 28, 26, 4);            // R2W_FACTOR
        put(csd, 128, 25, 22, blockLen);     // WRITE_BL_LEN = READ_BL_LEN
        put(csd, 128, 21, 21, 1);            // WRITE_BL_PARTIAL
        put(csd, 128, 20, 16, 0);
        put(csd, 128, 15, 8, 0);             // FILE_FORMAT_GRP, COPY, PERM/TMP_WRITE_PROTECT, FILE_FORMAT
    }

    private static void fillCsdVersion2(byte[] csd, long size) {
        put(csd, 128, 127, 126, 1);          // CSD_STRUCTURE 2.0
        put(csd, 128, 125, 120, 0);
        put(csd, 128, 119, 112, 0x0e);       // TAAC: fixed 1 ms
        put(csd, 128, 111, 104, 0x00);       // NSAC
        put(csd, 128, 103, 96, 0x32);        // TRAN_SPEED
        put(csd, 128, 95, 84, 0x5b5);        // CCC
        put(csd, 128, 83, 80, BLOCK_LEN_512);
        put(csd, 128, 79, 70, 0);            // READ_BL_PARTIAL .. DSR_IMP all 0, reserved
        put(csd, 128, 69, 48, (size >> HALF_MIB_SHIFT) - 1); // C_SIZE
        put(csd, 128, 47, 47, 0);
        put(csd, 128, 46, 46, 1);            // ERASE_BLK_EN
        put(csd, 128, 45, 39, 0x7f);         // SECTOR_SIZE
        put(csd, 128, 38, 32, 0);            // WP_GRP_SIZE
        put(csd, 128, 31, 31, 0);            // WP_GRP_ENABLE
        put(csd, 128, 30, 29, 0);
        put(csd, 128, 28, 26, 2);            // R2W_FACTOR
        put(csd, 128, 25, 22, BLOCK_LEN_512); // WRITE_BL_LEN
        put(csd, 128, 21, 16, 0);            // WRITE_BL_PARTIAL 0, reserved
        put(csd, 128, 15, 8, 0);
    }

    /**
     * 5.6 Table 5-17: the SCR of a card of physical layer {@code specVersion} (1: 1.10, 2: 2.00, 3: 3.0x):
     * structure 1.0, SD_SPEC 1 or 2 with SD_SPEC3 for 3.0x, SD_SECURITY 2 (SDSC security 1.01), bus widths 1 and 4.
     */
    static void fillScr(byte[] scr, int specVersion) {
        put(scr, 64, 63, 60, 0);                            // SCR_STRUCTURE
        put(scr, 64, 59, 56, specVersion == 1 ? 1 : 2);     // SD_SPEC
        put(scr, 64, 55, 55, 0);                            // DATA_STAT_AFTER_ERASE
        put(scr, 64, 54, 52, 2);                            // SD_SECURITY
        put(scr, 64, 51, 48, 0b0101);                       // SD_BUS_WIDTHS: 1 and 4 bit
        put(scr, 64, 47, 47, specVersion >= 3 ? 1 : 0);     // SD_SPEC3
        put(scr, 64, 46, 0, 0);                             // EX_SECURITY, CMD_SUPPORT, reserved
    }

    /**
     * 4.3.10.4 Table 4-11: the 512-bit status CMD6 returns, into {@code status[0..64)}: maximum current 1 (bits
     * 511:496); the functions supported in groups 6 to 1 (495:400: function 0 and 15 everywhere, high speed (1)
     * in group 1, functions 1 and 6 in group 2); then the function of each group (399:376). QEMU 7.2 reports the
     * argument's nibbles there, whether or not the function exists, and leaves the structure version and the busy
     * status (375:0) zero ({@code acmdDataRegistersReadAsQemuFillsThem}).
     */
    static void fillSwitchStatus(byte[] status, int arg) {
        java.util.Arrays.fill(status, 0, 64, (byte) 0);
        put(status, 512, 511, 496, 1);
        for (int group = 1; group <= 6; group++) {
            int supported = group == 1 ? 0x8003 : group == 2 ? 0x8043 : 0x8001;
            int hi = 415 + 16 * (group - 1);
            put(status, 512, hi, hi - 15, supported);
            int lo = 376 + 4 * (group - 1);
            put(status, 512, lo + 3, lo, arg >>> 4 * (group - 1) & 0xf);
        }
    }
}
