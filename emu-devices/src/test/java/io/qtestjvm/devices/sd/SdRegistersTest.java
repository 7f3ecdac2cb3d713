package io.qtestjvm.devices.sd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SdRegistersTest {
    /** CRC7 by polynomial long division over the message followed by 7 zero bits (Physical Layer 4.5). */
    static int referenceCrc7(byte[] msg, int len) {
        int rem = 0;
        for (int i = 0; i < len * 8 + 7; i++) {
            int bit = i < len * 8 ? (msg[i / 8] >> (7 - i % 8)) & 1 : 0;
            rem = (rem << 1) | bit;
            if ((rem & 0x80) != 0) {
                rem ^= 0x89;
            }
        }
        return rem;
    }

    @Test
    void crc7MatchesTheWellKnownCommandCrcs() {
        // CMD0 arg 0 is sent as 40 00 00 00 00 95; CMD8 arg 0x1aa as 48 00 00 01 aa 87; CMD55 arg 0 as 77 .. 65.
        assertEquals(0x95 >> 1, SdRegisters.crc7(new byte[] {0x40, 0, 0, 0, 0}, 5));
        assertEquals(0x87 >> 1, SdRegisters.crc7(new byte[] {0x48, 0, 0, 1, (byte) 0xaa}, 5));
        assertEquals(0x65 >> 1, SdRegisters.crc7(new byte[] {0x77, 0, 0, 0, 0}, 5));
    }

    @Test
    void sdscCsdForOneMibDecodesToOneMib() {
        byte[] csd = new byte[16];
        SdRegisters.fillCsd(csd, 1 << 20);
        int[] expected = {0x00, 0x26, 0x00, 0x32, 0x5f, 0x59, 0xe0, 0x00, 0xff, 0xff, 0xdf, 0xff, 0x92, 0x60, 0x00};
        for (int i = 0; i < 15; i++) {
            assertEquals(expected[i], csd[i] & 0xff, "CSD byte " + i);
        }
        assertEquals((referenceCrc7(csd, 15) << 1) | 1, csd[15] & 0xff);
        // Physical Layer 5.3.2: C_SIZE [73:62], C_SIZE_MULT [49:47], READ_BL_LEN [83:80].
        int cSize = ((csd[6] & 0x03) << 10) | ((csd[7] & 0xff) << 2) | ((csd[8] & 0xc0) >> 6);
        int mult = ((csd[9] & 0x03) << 1) | ((csd[10] & 0x80) >> 7);
        int readBlLen = csd[5] & 0x0f;
        assertEquals(1L << 20, (long) (cSize + 1) * (1 << (mult + 2)) * (1 << readBlLen));
    }

    @Test
    void twoGibSdscCsdAnnounces1024ByteBlocks() {
        byte[] csd = new byte[16];
        SdRegisters.fillCsd(csd, 2L << 30);
        assertEquals(0x5a, csd[5] & 0xff);
        int cSize = ((csd[6] & 0x03) << 10) | ((csd[7] & 0xff) << 2) | ((csd[8] & 0xc0) >> 6);
        assertEquals(4095, cSize);
    }

    @Test
    void sdhcCsdCountsHalfMebibyteUnits() {
        byte[] csd = new byte[16];
        SdRegisters.fillCsd(csd, 4L << 30);
        int[] expected = {0x40, 0x0e, 0x00, 0x32, 0x5b, 0x59, 0x00, 0x00, 0x1f, 0xff, 0x7f, 0x80, 0x0a, 0x40, 0x00};
        for (int i = 0; i < 15; i++) {
            assertEquals(expected[i], csd[i] & 0xff, "CSD byte " + i);
        }
        assertEquals((referenceCrc7(csd, 15) << 1) | 1, csd[15] & 0xff);
    }

    @Test
    void scrShowsSpecVersionAndBusWidths() {
        byte[] scr = new byte[8];
        SdRegisters.fillScr(scr, 2);
        assertEquals(0x02, scr[0]);
        assertEquals(0x25, scr[1]);
        assertEquals(0x00, scr[2]);
        SdRegisters.fillScr(scr, 3);
        assertEquals(0x80, scr[2] & 0xff);
    }
}
