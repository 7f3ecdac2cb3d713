package io.qtestjvm.memory;

/**
 * Register access of an I/O region. Offsets are relative to the region; values are
 * the register values (the address space lays them out in memory in the region's {@link Endianness}). Sizes
 * passed in are always within {@link AccessRules#implMin()}..{@link AccessRules#implMax()}.
 */
public interface MmioOps {
    long read(long offset, int size);

    void write(long offset, long value, int size);
}
