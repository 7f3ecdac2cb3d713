package io.qtestjvm.devices.sd;

/**
 * The controller's path to guest memory: QEMU's {@code dma_memory_read}/{@code dma_memory_write} on the
 * controller's {@code dma_as} (system memory or the {@code dma} link for sysbus, the bus-master space for PCI).
 * Addresses outside memory read as zeros and drop writes; an implementation never throws for a guest address.
 */
interface SdhciDma {
    void read(long addr, byte[] dst, int off, int len);

    void write(long addr, byte[] src, int off, int len);
}
