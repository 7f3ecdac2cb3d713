package io.qtestjvm.memory;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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

    /**
     * PLATFORM.md: JDK 25 changed an internal Unsafe signature (JDK-8344168) that broke older Agrona 2.x; this
     * proves the pinned Agrona works on the JVM running the tests, on heap and off heap.
     */
    @Test
    void pinnedAgronaUnsafeBufferWorksOnThisJdk() {
        UnsafeBuffer heap = new UnsafeBuffer(new byte[64]);
        UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        for (UnsafeBuffer buf : new UnsafeBuffer[] {heap, direct}) {
            buf.putLong(8, 0x0102030405060708L, ByteOrder.BIG_ENDIAN);
            assertEquals(0x0807060504030201L, buf.getLong(8, ByteOrder.LITTLE_ENDIAN));
            assertEquals(0x01020304, buf.getInt(8, ByteOrder.BIG_ENDIAN));
            buf.setMemory(16, 8, (byte) 0xee);
            assertEquals(-0x1111111111111112L, buf.getLong(16));
            byte[] out = new byte[4];
            buf.getBytes(12, out, 0, 4);
            assertArrayEquals(new byte[] {5, 6, 7, 8}, out);
        }
        assertTrue(Runtime.version().feature() >= 25, () -> "the tests must run on JDK 25, got "
                + Runtime.version());
    }
}
