package io.qtestjvm.smmuv3.spec;

import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.SparseRam;

/**
 * The SMMU's bus-master view of a machine's system address space (IHI 0070 3.4: the SMMU fetches its stream table,
 * CDs and translation tables and writes its queues as a master of the system bus): little-endian, an external
 * abort wherever nothing is mapped.
 *
 * <p>Reads go straight to guest RAM while the address lies in the RAM range found last and the space's topology
 * has not changed since (one generation compare and one range compare instead of the dispatch); anything else,
 * and every write, takes the address space's dispatched path. {@link #watch} watches the page in the RAM
 * ({@link SparseRam#watchPage}), so the walker may memoise descriptors read from RAM; MMIO and unassigned addresses
 * cannot be watched. {@link #mappingEpoch()} changes with the topology and whenever the RAM held changes, so the
 * RAM's watch epoch always speaks of what was watched. Not thread-safe: the machine thread owns it.
 */
public final class SystemBusMemory implements GuestMemory {
    private final AddressSpace space;
    private final long[] span = new long[3];
    /** The RAM range found last: guest addresses [first, first + size) are RAM offsets [ramBase, ...). */
    private SparseRam ram;
    private long first;
    private long size;
    private long ramBase;
    private long generation = -1;
    /** Bumped on a topology change and when another RAM is held. */
    private long mapping;

    public SystemBusMemory(AddressSpace space) {
        this.space = space;
    }

    /** Drops the RAM range held when the topology changed since it was found. */
    private void checkTopology() {
        long g = space.topologyGeneration();
        if (g != generation) {
            generation = g;
            mapping++;
            size = 0;
        }
    }

    /** Whether {@code [pa, pa + len)} lies in the RAM range held (found again when it does not). */
    private boolean inRam(long pa, long len) {
        checkTopology();
        long off = pa - first;
        if (off >= 0 && off <= size - len) {
            return true;
        }
        SparseRam r = space.ramAt(pa, span);
        if (r == null) {
            return false;
        }
        if (r != ram) {
            ram = r;
            mapping++;
        }
        first = span[0];
        size = span[1] - span[0] + 1;
        ramBase = span[2];
        if (size <= 0) {
            size = Long.MAX_VALUE; // a range of 2^63 bytes or more: no RAM is that large, but stay correct
        }
        off = pa - first;
        return off >= 0 && off <= size - len;
    }

    @Override
    public boolean read(long pa, long[] dst, int index, int count) {
        long len = 8L * count;
        if (inRam(pa, len)) {
            long at = ramBase + (pa - first);
            for (int i = 0; i < count; i++) {
                dst[index + i] = ram.load(at + 8L * i, 8, false);
            }
            return true;
        }
        if (!space.isAssigned(pa, len)) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            dst[index + i] = space.load(pa + 8L * i, 8, false);
        }
        return true;
    }

    @Override
    public long read64OrZero(long pa) {
        if (inRam(pa, 8)) {
            return ram.load(ramBase + (pa - first), 8, false);
        }
        return space.isAssigned(pa, 8) ? space.load(pa, 8, false) : 0;
    }

    @Override
    public boolean write64(long pa, long value) {
        if (!space.isAssigned(pa, 8)) {
            return false;
        }
        space.store(pa, 8, value, false);
        return true;
    }

    @Override
    public boolean write32(long pa, int value) {
        if (!space.isAssigned(pa, 4)) {
            return false;
        }
        space.store(pa, 4, value & 0xffff_ffffL, false);
        return true;
    }

    @Override
    public boolean watch(long pa) {
        if (!inRam(pa, 8)) {
            return false;
        }
        ram.watchPage(ramBase + (pa - first));
        return true;
    }

    @Override
    public long watchEpoch() {
        return ram == null ? 0 : ram.watchEpoch();
    }

    @Override
    public long mappingEpoch() {
        checkTopology();
        return mapping;
    }
}
