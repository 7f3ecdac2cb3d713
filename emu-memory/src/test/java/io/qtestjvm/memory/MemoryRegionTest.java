package io.qtestjvm.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Questions asked of a memory tree as a whole. */
class MemoryRegionTest {
    @Test
    void theMainMemoryIsTheLargestWritableRamAnywhereInTheTree() {
        MemoryRegion system = MemoryRegion.containerOfWholeSpace("system");
        MemoryRegion pci = MemoryRegion.container("pci", 1L << 32);
        MemoryRegion bios = MemoryRegion.ram("bios", 1L << 30).setReadOnly(true); // largest, but read-only
        MemoryRegion ram = MemoryRegion.ram("ram", 128L << 20);
        MemoryRegion vram = MemoryRegion.ram("vram", 16L << 20);
        system.addSubregion(0, ram);
        system.addSubregion(1L << 32, pci);
        pci.addSubregion(0, vram);
        pci.addSubregion(1L << 31, bios);
        assertSame(ram.ram(), system.largestWritableRam());
        assertSame(vram.ram(), pci.largestWritableRam());
        assertNull(MemoryRegion.container("empty", 4096).largestWritableRam());
    }
}
