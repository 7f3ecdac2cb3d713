package io.qtestjvm.smmuv3.spec;

/**
 * The SMMU's view of memory for its own structure fetches, queue accesses and MSI writes (IHI 0070 3.4: the SMMU
 * is a bus master for the stream table, CDs, translation tables and queues). Accesses are little-endian
 * (IDR0.TTENDIAN advertises little-endian only). A method returns {@code false} when the access gets an external
 * abort (nothing mapped there), which the caller turns into the architected event (F_STE_FETCH, F_CD_FETCH,
 * F_WALK_EABT) or command error (CERROR_ABT).
 */
public interface GuestMemory {
    /** Reads {@code count} consecutive 64-bit little-endian words at {@code pa} into {@code dst[index..]}. */
    boolean read(long pa, long[] dst, int index, int count);

    /**
     * The 64-bit little-endian word at {@code pa}, or 0 on an external abort: for a translation table walk's fast
     * path, where 0 is an invalid descriptor and sends the walk to the path that tells the two apart. Only reached
     * through the walk memo, so only for memory that can {@link #watch}; such memory overrides it without
     * allocating.
     */
    default long read64OrZero(long pa) {
        long[] w = new long[1];
        return read(pa, w, 0, 1) ? w[0] : 0;
    }

    boolean write64(long pa, long value);

    boolean write32(long pa, int value);

    /**
     * Watches the 8 bytes at {@code pa}: afterwards any write to them changes {@link #watchEpoch()} (other writes
     * may change it too). {@code false} when this memory cannot watch there (nothing read there may be memoised).
     * With {@link #mappingEpoch()} it lets a walk memoise descriptors without ever serving a changed one.
     */
    default boolean watch(long pa) {
        return false;
    }

    /** Changes whenever watched memory may have been written. */
    default long watchEpoch() {
        return 0;
    }

    /** Changes whenever what is mapped where changes (what was watched under one mapping says nothing of the next). */
    default long mappingEpoch() {
        return 0;
    }
}
