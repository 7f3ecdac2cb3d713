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

    boolean write64(long pa, long value);

    boolean write32(long pa, int value);

    /** {@link #writeStamp} of memory that cannot tell whether it changed: nothing read there may be memoised. */
    long NO_STAMP = Long.MIN_VALUE;

    /**
     * A value that stays the same between two calls only if the 8 bytes at {@code pa} have not been written in
     * between (it may also change when they were not); {@link #NO_STAMP} when this memory cannot tell. With
     * {@link #mappingEpoch()} it lets a walk memoise descriptors without ever serving a changed one.
     */
    default long writeStamp(long pa) {
        return NO_STAMP;
    }

    /** Changes whenever what is mapped where changes (the stamps of one mapping say nothing of the next). */
    default long mappingEpoch() {
        return 0;
    }
}
