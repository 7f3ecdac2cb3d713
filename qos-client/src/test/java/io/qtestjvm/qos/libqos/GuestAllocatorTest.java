package io.qtestjvm.qos.libqos;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GuestAllocatorTest {
    private final GuestAllocator a = new GuestAllocator(0x10_0000, 0x20_0000, 0x1000);

    @Test
    void allocationsAreFirstFitAndPageRounded() {
        assertEquals(0x10_0000, a.alloc(1));
        assertEquals(0x10_1000, a.alloc(0x1001));
        assertEquals(0x10_3000, a.alloc(0x1000));
    }

    @Test
    void freedBlocksAreReusedFirstFit() {
        long x = a.alloc(0x2000);
        long y = a.alloc(0x1000);
        a.free(x);
        assertEquals(x, a.alloc(0x1000), "the first hole that fits");
        assertEquals(x + 0x1000, a.alloc(0x1000));
        assertEquals(y + 0x1000, a.alloc(0x1000));
    }

    @Test
    void freeingCoalescesWithBothNeighbours() {
        long x = a.alloc(0x1000);
        long y = a.alloc(0x1000);
        long z = a.alloc(0x1000);
        a.free(x);
        a.free(z);
        assertEquals(2, a.freeRanges());
        a.free(y);
        assertEquals(1, a.freeRanges());
        assertEquals(0x10_0000, a.freeBytes());
    }

    @Test
    void exhaustionAndDoubleFreeAreErrors() {
        assertThrows(IllegalStateException.class, () -> a.alloc(0x10_0001));
        long x = a.alloc(16);
        a.free(x);
        assertThrows(IllegalArgumentException.class, () -> a.free(x));
        assertEquals(0, a.alloc(0));
    }
}
