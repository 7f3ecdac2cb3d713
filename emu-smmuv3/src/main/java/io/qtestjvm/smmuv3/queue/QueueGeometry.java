package io.qtestjvm.smmuv3.queue;

import io.qtestjvm.smmuv3.spec.Field;
import io.qtestjvm.smmuv3.spec.Registers;

/**
 * Queue arithmetic of IHI 0070 3.5 / 6.3.25..6.3.30: a queue of 2^LOG2SIZE entries at a base aligned to its size;
 * PROD and CONS hold an index in bits [LOG2SIZE-1:0] and a wrap bit at LOG2SIZE. The queue is empty when index and
 * wrap are equal, full when the indexes are equal and the wrap bits differ.
 */
final class QueueGeometry {
    private QueueGeometry() {
    }

    static int log2Size(long base, int max) {
        return Math.min((int) Field.get(base, Registers.Q_BASE_LOG2SIZE), max);
    }

    /** Entry address of {@code pointer}'s index; the base's low bits below the queue size are ignored. */
    static long entryAddress(long base, int log2, int entrySize, int pointer) {
        long size = Math.max(32L, (long) entrySize << log2);
        long addr = (Field.get(base, Registers.Q_BASE_ADDR) << 5) & ~(size - 1);
        return addr + (long) (pointer & ((1 << log2) - 1)) * entrySize;
    }

    /** Index and wrap bits of a pointer register. */
    static int wrapIndex(int pointer, int log2) {
        return pointer & ((2 << log2) - 1);
    }

    static boolean empty(int prod, int cons, int log2) {
        return wrapIndex(prod, log2) == wrapIndex(cons, log2);
    }

    static boolean full(int prod, int cons, int log2) {
        return (wrapIndex(prod, log2) ^ wrapIndex(cons, log2)) == 1 << log2;
    }

    static int increment(int pointer, int log2) {
        return wrapIndex(pointer + 1, log2);
    }
}
