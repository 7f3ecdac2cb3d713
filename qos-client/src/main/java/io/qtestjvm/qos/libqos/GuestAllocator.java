package io.qtestjvm.qos.libqos;

import io.qtestjvm.qos.qgraph.QosAllocator;

import java.util.ArrayList;
import java.util.List;

/**
 * libqos' guest memory allocator (tests/qtest/libqos/malloc.c): hands out page-rounded blocks of guest RAM from
 * {@code [start, end)} first fit by address, and coalesces freed blocks with their free neighbours. It lives in
 * the test process; the machine only needs RAM there (reference 4.7 lists each machine's range).
 */
public final class GuestAllocator implements QosAllocator {
    /** A free or used range [addr, addr + size). */
    private record Block(long addr, long size) {
        long end() {
            return addr + size;
        }
    }

    private final long start;
    private final long end;
    private final long pageSize;
    private final List<Block> free = new ArrayList<>();
    private final List<Block> used = new ArrayList<>();

    public GuestAllocator(long start, long end, long pageSize) {
        if (Long.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size " + pageSize + " is not a power of two");
        }
        if (start % pageSize != 0 || end <= start) {
            throw new IllegalArgumentException("allocator range [0x" + Long.toHexString(start) + ", 0x"
                    + Long.toHexString(end) + ") is empty or not page aligned");
        }
        this.start = start;
        this.end = end;
        this.pageSize = pageSize;
        free.add(new Block(start, end - start));
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    /** {@code guest_alloc}: the address of a block of at least {@code size} bytes (0 gives 0, as libqos). */
    public long alloc(long size) {
        if (size == 0) {
            return 0;
        }
        long rounded = (size + pageSize - 1) & -pageSize;
        for (int i = 0; i < free.size(); i++) {
            Block b = free.get(i);
            if (b.size >= rounded) {
                if (b.size == rounded) {
                    free.remove(i);
                } else {
                    free.set(i, new Block(b.addr + rounded, b.size - rounded));
                }
                Block u = new Block(b.addr, rounded);
                used.add(u);
                return u.addr;
            }
        }
        throw new IllegalStateException("guest allocator out of memory: " + size + " bytes asked, range [0x"
                + Long.toHexString(start) + ", 0x" + Long.toHexString(end) + ")");
    }

    /** {@code guest_free}: returns the block at {@code addr} (0 is ignored); freeing twice is an error. */
    public void free(long addr) {
        if (addr == 0) {
            return;
        }
        Block u = null;
        for (int i = 0; i < used.size(); i++) {
            if (used.get(i).addr == addr) {
                u = used.remove(i);
                break;
            }
        }
        if (u == null) {
            throw new IllegalArgumentException("guest_free of 0x" + Long.toHexString(addr)
                    + ", which is not an allocated block");
        }
        int i = 0;
        while (i < free.size() && free.get(i).addr < u.addr) {
            i++;
        }
        Block merged = u;
        if (i > 0 && free.get(i - 1).end() == merged.addr) {
            merged = new Block(free.get(i - 1).addr, free.get(i - 1).size + merged.size);
            free.remove(--i);
        }
        if (i < free.size() && merged.end() == free.get(i).addr) {
            merged = new Block(merged.addr, merged.size + free.get(i).size);
            free.remove(i);
        }
        free.add(i, merged);
    }

    /** Bytes still free. */
    public long freeBytes() {
        long n = 0;
        for (Block b : free) {
            n += b.size;
        }
        return n;
    }

    /** Number of free ranges (1 when everything was given back and coalesced). */
    public int freeRanges() {
        return free.size();
    }
}
