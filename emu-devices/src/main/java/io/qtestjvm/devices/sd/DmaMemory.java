package io.qtestjvm.devices.sd;

/**
 * The controller's bus-master path to guest memory, used by SDMA and ADMA (SD Host Controller Simplified
 * Specification 3.00 §3.7.2.2, §3.7.2.3): the system memory or {@code dma} link of a sysbus controller, the
 * bus-master address space of a PCI one. Addresses where nothing is mapped read as zeros and drop writes, with no
 * error reported back (QEMU 7.2 raises no ADMA or DMA error for them either); an implementation never throws for
 * a guest address.
 */
interface DmaMemory {
    void read(long address, byte[] dst, int offset, int length);

    void write(long address, byte[] src, int offset, int length);
}
