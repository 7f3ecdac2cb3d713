package io.qtestjvm.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Flattening of region trees as QEMU's render_memory_region (system/memory.c) does it. */
class FlatViewTest {
    private final MemoryRegion root = MemoryRegion.containerOfWholeSpace("system");
    private final AddressSpace as = AddressSpace.memory("memory", root, false);

    private static MemoryRegion io(String name, long size) {
        return MemoryRegion.io(name, size, RecordingOps.constant(0), AccessRules.of(Endianness.LITTLE));
    }

    @Test
    void higherPriorityHidesOverlapUntilItIsDisabled() {
        MemoryRegion ram = root.addSubregion(0, MemoryRegion.ram("ram", 0x4000));
        MemoryRegion dev = root.addSubregionOverlap(0x1000, io("dev", 0x1000), 1);
        assertSame(ram, as.regionAt(0x0fff));
        assertSame(dev, as.regionAt(0x1000));
        assertSame(dev, as.regionAt(0x1fff));
        assertSame(ram, as.regionAt(0x2000));

        dev.setEnabled(false);
        assertSame(ram, as.regionAt(0x1000));
        as.store(0x1800, 4, 0x12345678L, false);
        assertEquals(0x12345678L, ram.ram().load(0x1800, 4, false), "the RAM under the hole is at its own offset");

        dev.setEnabled(true);
        assertSame(dev, as.regionAt(0x1800));
    }

    @Test
    void lowerPriorityAddedLaterStaysHidden() {
        MemoryRegion high = root.addSubregionOverlap(0x1000, io("high", 0x1000), 1);
        root.addSubregionOverlap(0, MemoryRegion.ram("low", 0x4000), 0);
        assertSame(high, as.regionAt(0x1000));
    }

    @Test
    void amongEqualPrioritiesTheRegionAddedLastWins() {
        root.addSubregion(0, io("first", 0x2000));
        MemoryRegion second = root.addSubregion(0x1000, io("second", 0x2000));
        assertEquals("first", as.regionAt(0x0fff).name());
        assertSame(second, as.regionAt(0x1000));
        assertSame(second, as.regionAt(0x2fff));
    }

    @Test
    void holesInAHighPriorityContainerShowTheLowerPrioritySibling() {
        // priorities only order siblings; a container does not terminate, so its holes show what lies beneath
        MemoryRegion under = root.addSubregion(0, MemoryRegion.ram("under", 0x10000));
        MemoryRegion box = root.addSubregionOverlap(0x4000, MemoryRegion.container("box", 0x4000), 5);
        MemoryRegion inBox = box.addSubregion(0x1000, io("inBox", 0x1000));
        assertSame(under, as.regionAt(0x4000));
        assertSame(inBox, as.regionAt(0x5000));
        assertSame(under, as.regionAt(0x6000));
    }

    @Test
    void aSubregionIsClippedToItsContainer() {
        MemoryRegion box = root.addSubregion(0x1000, MemoryRegion.container("box", 0x1000));
        box.addSubregion(0x800, io("wide", 0x1000));
        assertEquals("wide", as.regionAt(0x1fff).name());
        assertNull(as.regionAt(0x2000));
    }

    @Test
    void disabledContainerHidesItsChildren() {
        MemoryRegion box = root.addSubregion(0x1000, MemoryRegion.container("box", 0x1000));
        box.addSubregion(0, io("child", 0x1000));
        box.setEnabled(false);
        assertNull(as.regionAt(0x1000));
    }

    /** An alias shows a window of its target starting at the alias offset; offsets above and below its address. */
    @ParameterizedTest
    @ValueSource(longs = {0x0, 0x800, 0x8000, 0xc000})
    void aliasShowsTheTargetFromItsOffset(long aliasOffset) {
        MemoryRegion ram = MemoryRegion.ram("ram", 0x10000);
        MemoryRegion alias = root.addSubregion(0x1000, MemoryRegion.alias("window", ram, aliasOffset, 0x2000));
        ram.ram().store(aliasOffset + 0x10, 4, 0xcafef00dL, false);

        assertSame(ram, as.regionAt(0x1000));
        assertEquals(0xcafef00dL, as.load(0x1010, 4, false));
        as.store(0x2ffc, 4, 0x11223344L, false);
        assertEquals(0x11223344L, ram.ram().load(aliasOffset + 0x1ffc, 4, false));
        assertNull(as.regionAt(0x0fff));
        assertNull(as.regionAt(0x3000), "the alias ends after its own size even though the target goes on");
        assertEquals("window", alias.name());
    }

    @Test
    void aliasOfAContainerMapsItsChildrenAsAPciHoleDoes() {
        // pc: pci-hole = alias of the PCI memory space, offset 0xe0000000, mapped at 0xe0000000
        MemoryRegion pci = MemoryRegion.containerOfWholeSpace("pci");
        RecordingOps ops = RecordingOps.constant(0xabcd);
        pci.addSubregion(0xe000_1000L, MemoryRegion.io("bar", 0x100, ops, AccessRules.of(Endianness.LITTLE)));
        root.addSubregion(0xe000_0000L, MemoryRegion.alias("pci-hole", pci, 0xe000_0000L, 0x1000_0000L));
        // a second alias that shows the same BAR at 0x1000 through a large offset
        root.addSubregion(0x1000, MemoryRegion.alias("low-window", pci, 0xe000_1000L, 0x100));

        assertEquals(0xabcdL, as.load(0xe000_1004L, 2, false));
        assertEquals(0xabcdL, as.load(0x1008, 2, false));
        assertEquals(java.util.List.of("r 4 2", "r 8 2"), ops.log);
    }

    @Test
    void aliasOfADisabledTargetShowsNothing() {
        MemoryRegion ram = MemoryRegion.ram("ram", 0x1000);
        root.addSubregion(0, MemoryRegion.alias("a", ram, 0, 0x1000));
        ram.setEnabled(false);
        assertNull(as.regionAt(0));
    }

    @Test
    void addressesAboveTwoToThe63AreUnsigned() {
        long[] at = {0x1000L, 0x7fff_ffff_ffff_f000L, 0x8000_0000_0000_0000L, 0xffff_ffff_ffff_f000L};
        MemoryRegion[] regions = new MemoryRegion[at.length];
        for (int i = 0; i < at.length; i++) {
            regions[i] = root.addSubregion(at[i], io("r" + i, 0x1000));
        }
        for (int i = 0; i < at.length; i++) {
            assertSame(regions[i], as.regionAt(at[i]), "start of r" + i);
            assertSame(regions[i], as.regionAt(at[i] + 0xfff), "end of r" + i);
        }
        assertNull(as.regionAt(0x8000_0000_0000_1000L));
        assertSame(regions[3], as.regionAt(-1L));
    }

    @Test
    void aRegionReachingPastTheTopOfTheSpaceIsCutAtTwoToThe64() {
        MemoryRegion top = root.addSubregion(0xffff_ffff_ffff_f000L, io("top", 0x2000));
        assertSame(top, as.regionAt(-1L));
        assertNull(as.regionAt(0), "nothing wraps around to address 0");
    }

    @Test
    void setAddressMovesARegionOnTheNextAccess() {
        RecordingOps ops = RecordingOps.constant(0x55);
        MemoryRegion bar = root.addSubregion(0x1000,
                MemoryRegion.io("bar", 0x100, ops, AccessRules.of(Endianness.LITTLE)));
        assertEquals(0x55L, as.load(0x1000, 1, false));
        bar.setAddress(0x2000);
        assertEquals(0L, as.load(0x1000, 1, false));
        assertEquals(0x55L, as.load(0x2000, 1, false));
        root.removeSubregion(bar);
        assertEquals(0L, as.load(0x2000, 1, false));
        assertNull(bar.parent());
        assertEquals(java.util.List.of("r 0 1", "r 0 1"), ops.log);
    }
}
