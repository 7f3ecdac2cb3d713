package io.qtestjvm.pci;

/**
 * An IOMMU in front of a PCI hierarchy's bus masters (PCI Express Base Specification 10.1: untranslated requests
 * tagged with the requester id are translated by the root complex before they reach memory). A root bus carries at
 * most one ({@link PciBus#setDmaTranslator}); without one, bus-master accesses go straight to the bus's DMA address
 * space as before.
 *
 * <p>Contract: {@link #translate} answers for the naturally aligned page of {@link #pageShift()} bits that holds
 * {@code iova}: every address in that page translates by the same offset. The bus-master path therefore splits an
 * access at those page boundaries and asks once per page. A result with bit 63 set ({@link #FAULT}) is a refusal:
 * the device sees a transaction error for the access and nothing of the refused page reaches memory (a read gets
 * zeros there). By default the refusal ends the access (the pages after it are not touched either, one fault).
 * A function that asks for it ({@code PciDevice.retryRefusedPagesInWords}) goes on as QEMU's memory core does,
 * measured with Debian's QEMU 7.2 (edu behind virt's SMMUv3): the refused page is offered again in naturally
 * aligned pieces of at most 4 bytes, one translation (so one fault record) per piece, and the access continues
 * with the next page. The translator reports each fault itself (an SMMU records an event); the hot path
 * allocates nothing.
 *
 * <p>Requester ids are {@code bus << 8 | devfn} (PCI Express Base 2.2.6.2); an Arm SMMU takes it as the StreamID.
 * The signature is primitives only, so an IOMMU model plugs in with a method reference
 * ({@code bus.setDmaTranslator(smmu::translate)}).
 */
@FunctionalInterface
public interface DmaTranslator {
    /** Any negative result: the translation was refused. */
    long FAULT = -1;
    /** Access kinds, as an SMMU's event records name them (IHI 0070 7.3: RnW). */
    int READ = 1;
    int WRITE = 2;
    /** The smallest translation granule of every IOMMU we model (4 KiB). */
    int DEFAULT_PAGE_SHIFT = 12;

    /**
     * The physical address for {@code iova}, or a negative value ({@link #FAULT}) when the IOMMU refuses the access.
     *
     * @param requesterId {@code bus << 8 | devfn} of the master
     * @param access      {@link #READ} or {@link #WRITE}
     */
    long translate(int requesterId, long iova, int access);

    /** log2 of the page size a single answer covers; at least 12. */
    default int pageShift() {
        return DEFAULT_PAGE_SHIFT;
    }
}
