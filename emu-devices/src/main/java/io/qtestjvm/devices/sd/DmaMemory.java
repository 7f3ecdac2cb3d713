package io.qtestjvm.devices.sd;

/**
 * The controller's bus-master path to guest memory, used by SDMA and ADMA (SD Host Controller Simplified
 * Specification 3.00 §3.7.2.2, §3.7.2.3): the system memory or {@code dma} link of a sysbus controller, the
 * bus-master address space of a PCI one. Addresses where nothing is mapped read as zeros and drop writes, with no
 * error reported back (QEMU 7.2 raises no ADMA or DMA error for them either); an implementation never throws for
 * a guest address.
 *
 * <p>The one failure reported is a system bus error (§2.2.29 ADMA Error Status: "error response received from the
 * system bus"): the IOMMU in front of a PCI controller refused the access (its translation faulted). Then the
 * refused bytes read as zeros and are not written, and the call answers {@code false}.
 */
interface DmaMemory {
    /** @return false when the system bus refused (part of) the access */
    boolean read(long address, byte[] dst, int offset, int length);

    /** @return false when the system bus refused (part of) the access */
    boolean write(long address, byte[] src, int offset, int length);

    /**
     * {@link #read} for the data of an ADMA Tran line: an access the system bus refuses ends at the first refused
     * page (on a PCI controller behind an IOMMU: one fault, where the other accesses are retried word by word).
     */
    default boolean readData(long address, byte[] dst, int offset, int length) {
        return read(address, dst, offset, length);
    }

    /** The write counterpart of {@link #readData}. */
    default boolean writeData(long address, byte[] src, int offset, int length) {
        return write(address, src, offset, length);
    }
}
