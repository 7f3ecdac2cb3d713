package io.qtestjvm.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lazily allocated guest RAM. */
class SparseRamTest {
    private static final long FOUR_GIB = 1L << 32;

    @Test
    void watchEpochMovesOnWritesToWatchedPagesByEveryPathAndOnClose() {
        SparseRam ram = new SparseRam(1 << 20);
        ram.watchPage(0x3008);
        long e = ram.watchEpoch();
        ram.store(0x2ff8, 8, 1, false);
        ram.write(0x5000, new byte[16], 0, 16);
        ram.fill(0x4000, 0x1000, (byte) 7);
        assertEquals(e, ram.watchEpoch(), "pages next to the watched one");
        ram.store(0x3ffc, 4, 1, false);
        assertTrue(ram.watchEpoch() > e);
        e = ram.watchEpoch();
        ram.store(0x2ffc, 8, 1, false); // straddles into the watched page
        assertTrue(ram.watchEpoch() > e);
        e = ram.watchEpoch();
        ram.writeByte(0x3000, (byte) 1);
        assertTrue(ram.watchEpoch() > e);
        e = ram.watchEpoch();
        ram.write(0x2000, new byte[0x1001], 0, 0x1001);
        assertTrue(ram.watchEpoch() > e);
        e = ram.watchEpoch();
        ram.fill(0, 1 << 20, (byte) 0);
        assertTrue(ram.watchEpoch() > e);
        e = ram.watchEpoch();
        ram.close();
        assertTrue(ram.watchEpoch() > e, "reads answer zero after close");
    }

    @Test
    void fourGibRamTouchedInOnePlaceAllocatesOneChunk() {
        SparseRam ram = new SparseRam(FOUR_GIB);
        assertEquals(0, ram.allocatedChunks());
        ram.store(0xdead_0000L, 4, 0x12345678L, false);
        assertEquals(1, ram.allocatedChunks());
        assertEquals(0x12345678L, ram.load(0xdead_0000L, 4, false));
        assertEquals(0x78L, ram.readByte(0xdead_0000L) & 0xff);
        ram.store(FOUR_GIB - 8, 8, -1L, true);
        assertEquals(2, ram.allocatedChunks());
        assertEquals(-1L, ram.load(FOUR_GIB - 8, 8, false));
    }

    @Test
    void untouchedMemoryReadsZeroWithoutAllocating() {
        SparseRam ram = new SparseRam(FOUR_GIB);
        byte[] b = {1, 2, 3, 4, 5, 6, 7, 8};
        ram.read(0x8000_0000L, b, 0, 8);
        assertArrayEquals(new byte[8], b);
        assertEquals(0L, ram.load(0x1234_5678L, 8, true));
        assertEquals(0, ram.readByte(FOUR_GIB - 1));
        ram.fill(0, 1 << 20, (byte) 0);
        assertEquals(0, ram.allocatedChunks());
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(ints = {2, 4, 8})
    void valueAccessesCrossingAChunkBoundaryWorkInBothOrders(int size) {
        SparseRam ram = new SparseRam(0x30000);
        long value = 0x8877665544332211L >>> ((8 - size) * 8);
        long at = SparseRam.CHUNK_SIZE - 1; // the last byte of chunk 0
        for (boolean big : new boolean[] {false, true}) {
            ram.store(at, size, value, big);
            assertEquals(value, ram.load(at, size, big));
            byte[] b = new byte[size];
            ram.read(at, b, 0, size);
            for (int k = 0; k < size; k++) {
                int shift = (big ? size - 1 - k : k) * 8;
                assertEquals((byte) (value >>> shift), b[k], "byte " + k + " big " + big);
            }
        }
    }

    @Test
    void byteArraysAndFillCrossChunkBoundaries() {
        SparseRam ram = new SparseRam(0x30000);
        byte[] src = new byte[SparseRam.CHUNK_SIZE + 20];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) (i * 7);
        }
        ram.write(SparseRam.CHUNK_SIZE - 10, src, 0, src.length);
        assertEquals(3, ram.allocatedChunks());
        byte[] back = new byte[src.length];
        ram.read(SparseRam.CHUNK_SIZE - 10, back, 0, back.length);
        assertArrayEquals(src, back);

        ram.fill(2L * SparseRam.CHUNK_SIZE - 3, 6, (byte) 0x5a);
        assertEquals(0x5a5a5a5aL, ram.load(2L * SparseRam.CHUNK_SIZE - 3, 4, false));
        assertEquals(0x5aL, ram.readByte(2L * SparseRam.CHUNK_SIZE + 2) & 0xff);
        assertEquals((byte) ((SparseRam.CHUNK_SIZE + 13) * 7), ram.readByte(2L * SparseRam.CHUNK_SIZE + 3));
    }

    @Test
    void ramSizeMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SparseRam(0));
        assertEquals("RAM size 0 must be positive", e.getMessage());
    }

    @Test
    void readsBeforeTheFirstWriteReserveNothingAndTheFirstWriteMapsTheWholeRam() {
        SparseRam ram = new SparseRam(FOUR_GIB);
        assertEquals(0, ram.load(0x1000, 4, false));
        assertEquals(false, ram.mapped());
        ram.writeByte(FOUR_GIB - 1, (byte) 0x7e);
        assertTrue(ram.mapped());
        assertEquals(0x7e, ram.readByte(FOUR_GIB - 1));
        ram.close();
    }

    @Test
    void valueAccessStraddlingTwoGibibyteWindowsWorks() {
        SparseRam ram = new SparseRam(3L << 30);
        long at = (1L << 30) - 3;
        ram.store(at, 8, 0x0102030405060708L, false);
        assertEquals(0x0102030405060708L, ram.load(at, 8, false));
        assertEquals(0x0807060504030201L, ram.load(at, 8, true));
        byte[] b = new byte[6];
        ram.read(at + 1, b, 0, 6);
        assertArrayEquals(new byte[] {7, 6, 5, 4, 3, 2}, b);
        ram.close();
    }

    @Test
    void closeUnmapsOnceAndLaterWritesAreRefused() {
        SparseRam ram = new SparseRam(1 << 20);
        ram.store(0x100, 4, 0xcafe, false);
        ram.close();
        ram.close();
        assertEquals(false, ram.mapped());
        assertEquals(0, ram.load(0x100, 4, false), "released RAM reads zero, never the old mapping");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ram.writeByte(0, (byte) 1));
        assertEquals("guest RAM was released", e.getMessage());
    }

    @Test
    void zeroFillOfWrittenChunkClearsIt() {
        SparseRam ram = new SparseRam(1 << 20);
        ram.fill(0, 1 << 20, (byte) 0xa5);
        assertEquals(16, ram.allocatedChunks());
        ram.fill(0x10, 0x20000, (byte) 0);
        assertEquals(0L, ram.load(0x1fff8, 8, false));
        assertEquals(0xa5a5L, ram.load(0x20010, 2, false));
        assertEquals(0xa5L, ram.readByte(0xf) & 0xff);
        ram.close();
    }

    @Test
    void aMappingPreparedAheadIsTakenByTheFirstWriteAndKeepsNothingElse() {
        SparseRam ram = new SparseRam(64L << 20);
        ram.prepare();
        assertEquals(false, ram.mapped(), "prepared, not yet the machine's");
        assertEquals(0, ram.load(0x100000, 8, false));
        ram.store(0x100000, 8, 0x1122334455667788L, false);
        assertTrue(ram.mapped());
        assertEquals(0x1122334455667788L, ram.load(0x100000, 8, false));
        assertEquals(0, ram.load(0x100008, 8, false), "the rest of the prepared mapping reads zero");
        ram.prepare(); // after the first write: nothing
        assertEquals(0x1122334455667788L, ram.load(0x100000, 8, false));
        ram.close();
        assertEquals(0, ram.load(0x100000, 8, false));
    }

    @Test
    void preparingRamSmallerThanWhereTestsWriteFirstTouchesItsLastByte() {
        SparseRam ram = new SparseRam(4096);
        ram.prepare();
        ram.writeByte(4095, (byte) 9);
        assertEquals(9, ram.readByte(4095));
        ram.close();
    }

    @Test
    void ramClosedAfterBeingPreparedAndNeverWrittenRefusesWrites() {
        SparseRam ram = new SparseRam(1 << 20);
        ram.prepare();
        ram.close();
        ram.prepare(); // after close: nothing
        assertEquals(false, ram.mapped());
        assertThrows(IllegalStateException.class, () -> ram.writeByte(0, (byte) 1));
    }

    @Test
    void preparingOnAnotherThreadWhileTheMachineWritesLosesNoWrite() throws InterruptedException {
        for (int round = 0; round < 50; round++) {
            SparseRam ram = new SparseRam(16L << 20);
            Thread t = new Thread(ram::prepare);
            t.start();
            for (int i = 0; i < 64; i++) {
                ram.store(0x100000 + i * 8L, 8, i + 1, false);
            }
            t.join();
            for (int i = 0; i < 64; i++) {
                assertEquals(i + 1, ram.load(0x100000 + i * 8L, 8, false), "round " + round + " word " + i);
            }
            ram.close();
        }
    }
}
