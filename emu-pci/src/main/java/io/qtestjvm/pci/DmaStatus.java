package io.qtestjvm.pci;

/**
 * The outcome of a bus-master access as the master sees it (PCI Express Base Specification 2.2.9 completion
 * status: a request that completes, one the IOMMU refuses, one no target decodes). Plain int constants so the DMA
 * path returns them without allocating.
 */
public final class DmaStatus {
    private DmaStatus() {
    }

    /** Every byte reached memory. */
    public static final int OK = 0;
    /** The IOMMU refused a page of the access (the rest of the access was dropped). */
    public static final int TRANSLATION_FAULT = 1;
    /** Some byte's physical address decodes to nothing (QEMU: {@code MEMTX_DECODE_ERROR}). */
    public static final int DECODE_ERROR = 2;
    /** The function may not master the bus (Command bit 2 clear) or is not on a bus: nothing was accessed. */
    public static final int MASTER_ABORT = 3;
}
