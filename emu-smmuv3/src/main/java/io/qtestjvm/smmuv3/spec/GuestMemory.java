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
}
