package io.qtestjvm.pci;

import io.qtestjvm.memory.MemoryRegion;

/**
 * One registered base address register ({@code PCIIORegion}, hw/pci/pci.c): its type bits, size, the region it
 * maps, and where it is mapped now. A BAR without a region is config-space only: it sizes and reads back like
 * the real one but maps nothing, so accesses to its window stay unassigned.
 */
final class PciBar {
    /** {@code PCI_BAR_UNMAPPED}. */
    static final long UNMAPPED = -1L;

    final int index;
    final int type;
    final long size;
    final MemoryRegion region;
    long addr = UNMAPPED;
    /** The container the region is in while mapped. */
    MemoryRegion mappedIn;

    PciBar(int index, int type, long size, MemoryRegion region) {
        this.index = index;
        this.type = type;
        this.size = size;
        this.region = region;
    }

    boolean isIo() {
        return (type & PciRegs.BAR_SPACE_IO) != 0;
    }

    boolean is64() {
        return !isIo() && (type & PciRegs.BAR_MEM_TYPE_64) != 0;
    }
}
