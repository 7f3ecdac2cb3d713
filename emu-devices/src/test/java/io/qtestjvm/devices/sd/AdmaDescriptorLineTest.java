package io.qtestjvm.devices.sd;

import org.junit.jupiter.api.Test;

import static io.qtestjvm.devices.sd.SdhcRegisterMap.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The descriptor line flyweight: the three table formats of §1.13 (and the 2.00 specification's ADMA1). */
class AdmaDescriptorLineTest {
    private final AdmaDescriptorLine line = new AdmaDescriptorLine();

    private AdmaDescriptorLine with(int select, int... bytes) {
        byte[] raw = line.bytes();
        java.util.Arrays.fill(raw, (byte) 0);
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return line.wrap(select);
    }

    @Test
    void attributeBitsDecode() {
        with(DMA_ADMA2_32, 0x27);
        assertTrue(line.valid());
        assertTrue(line.end());
        assertTrue(line.interrupt());
        assertEquals(AdmaDescriptorLine.ACT_TRAN, line.action());
        with(DMA_ADMA2_32, 0x30);
        assertFalse(line.valid());
        assertEquals(AdmaDescriptorLine.ACT_LINK, line.action());
    }

    @Test
    void lengthZeroMeansSixtyFourKibibytes() {
        assertEquals(0x10000, with(DMA_ADMA2_32, 0x21, 0, 0, 0).length());
        assertEquals(0x1234, with(DMA_ADMA2_32, 0x21, 0, 0x34, 0x12).length());
    }

    @Test
    void thirtyTwoBitAddressDropsTheLowTwoBits() {
        AdmaDescriptorLine l = with(DMA_ADMA2_32, 0x21, 0, 0, 2, 0x07, 0x10, 0x00, 0xf0);
        assertEquals(0xf000_1004L, l.address());
        assertEquals(8, l.size());
    }

    @Test
    void sixtyFourBitAddressIsUsedAsWritten() {
        AdmaDescriptorLine l = with(DMA_ADMA2_64, 0x21, 0, 0, 2, 0x07, 0x10, 0, 0, 0x01, 0, 0, 0);
        assertEquals(0x1_0000_1007L, l.address());
        assertEquals(12, l.size());
    }

    @Test
    void adma1LineCarriesAPageAddressAndMovesAPage() {
        AdmaDescriptorLine l = with(DMA_ADMA1_32, 0x21, 0x50, 0x34, 0x12);
        assertEquals(0x1234_5000L, l.address());
        assertEquals(4096, l.length());
        assertEquals(4, l.size());
    }
}
