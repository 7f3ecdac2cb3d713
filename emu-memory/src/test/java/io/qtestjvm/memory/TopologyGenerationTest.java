package io.qtestjvm.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The topology generation belongs to a region tree: a change re-renders the address spaces over that tree (and over
 * trees that alias into it), and no other.
 */
class TopologyGenerationTest {
    private static MemoryRegion ramWith(String name, long size, int firstByte) {
        MemoryRegion r = MemoryRegion.ram(name, size);
        r.ram().store(0, 1, firstByte, false);
        return r;
    }

    @Test
    void changeInOneTreeLeavesAnotherTreesGenerationAlone() {
        MemoryRegion a = MemoryRegion.containerOfWholeSpace("a");
        MemoryRegion b = MemoryRegion.containerOfWholeSpace("b");
        AddressSpace asA = AddressSpace.memory("a", a, false);
        AddressSpace asB = AddressSpace.memory("b", b, false);
        b.addSubregion(0, ramWith("ram-b", 0x1000, 0xbb));
        assertEquals(0xbb, asB.load(0, 1, false));
        long before = b.generation;
        MemoryRegion bar = ramWith("bar", 0x1000, 0x5a);
        a.addSubregion(0x10000, bar);
        bar.setAddress(0x20000);
        bar.setEnabled(false);
        bar.setEnabled(true);
        assertEquals(before, b.generation, "tree b saw none of tree a's changes");
        assertEquals(0x5a, asA.load(0x20000, 1, false));
        assertEquals(0, asA.load(0x10000, 1, false), "the old place of the moved region is unassigned");
    }

    @Test
    void changeDeepInATreeReachesTheAddressSpaceAtItsRoot() {
        MemoryRegion root = MemoryRegion.containerOfWholeSpace("system");
        MemoryRegion pci = MemoryRegion.containerOfWholeSpace("pci");
        root.addSubregionOverlap(0, pci, -1);
        AddressSpace as = AddressSpace.memory("memory", root, false);
        assertEquals(0, as.load(0xe000_0000L, 1, false));
        MemoryRegion bar = ramWith("bar", 0x1000, 0x77);
        pci.addSubregion(0xe000_0000L, bar);
        assertEquals(0x77, as.load(0xe000_0000L, 1, false));
        bar.setAddress(0xe100_0000L);
        assertEquals(0x77, as.load(0xe100_0000L, 1, false), "the BAR moved under a nested container");
        pci.removeSubregion(bar);
        assertEquals(0, as.load(0xe100_0000L, 1, false));
    }

    @Test
    void changeBehindAnAliasReachesTheTreeHoldingTheAlias() {
        MemoryRegion target = MemoryRegion.container("window", 0x10000);
        MemoryRegion root = MemoryRegion.containerOfWholeSpace("system");
        root.addSubregion(0x4000_0000L, MemoryRegion.alias("window-alias", target, 0, 0x10000));
        AddressSpace as = AddressSpace.memory("memory", root, false);
        assertEquals(0, as.load(0x4000_0100L, 1, false));
        long before = root.generation;
        target.addSubregion(0x100, ramWith("inside", 0x100, 0x42));
        assertNotEquals(before, root.generation);
        assertEquals(0x42, as.load(0x4000_0100L, 1, false), "seen through the alias");
    }
}
