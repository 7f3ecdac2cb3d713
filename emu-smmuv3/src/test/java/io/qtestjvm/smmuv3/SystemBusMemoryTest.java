package io.qtestjvm.smmuv3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;
import io.qtestjvm.smmuv3.spec.SystemBusMemory;
import io.qtestjvm.smmuv3.walk.Access;
import io.qtestjvm.smmuv3.walk.Fault;
import io.qtestjvm.smmuv3.walk.PageTableWalker;
import io.qtestjvm.smmuv3.walk.Stage1Config;
import io.qtestjvm.smmuv3.walk.TableParams;
import io.qtestjvm.smmuv3.walk.WalkResult;
import org.junit.jupiter.api.Test;

/**
 * The SMMU's view of a system address space: reads from RAM skip the dispatch but answer what the dispatch would,
 * through topology changes; MMIO and holes go the dispatched way; write stamps follow every kind of RAM write, so
 * walks through it see rewritten descriptors and remapped tables at once.
 */
class SystemBusMemoryTest {
    static final long RAM = 0x4000_0000L;
    static final long MMIO = 0x0900_0000L;

    final MemoryRegion root = MemoryRegion.containerOfWholeSpace("system");
    final MemoryRegion ram = MemoryRegion.ram("ram", 1 << 20);
    final AddressSpace space = AddressSpace.memory("memory", root, false);
    final SystemBusMemory bus = new SystemBusMemory(space);
    final long[] word = new long[2];

    SystemBusMemoryTest() {
        root.addSubregion(RAM, ram);
        root.addSubregion(MMIO, MemoryRegion.io("regs", 0x1000, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return 0x1111_0000L + offset;
            }

            @Override
            public void write(long offset, long value, int size) {
            }
        }, AccessRules.sizes(4, 8, Endianness.LITTLE)));
    }

    private long read(long pa) {
        assertTrue(bus.read(pa, word, 0, 1), "read at 0x" + Long.toHexString(pa));
        return word[0];
    }

    @Test
    void readsAnswerWhatTheDispatchAnswersAndHolesAbort() {
        space.store(RAM + 0x100, 8, 0x0123_4567_89ab_cdefL, false);
        space.store(RAM + 0x108, 8, 0x42, false);
        assertEquals(0x0123_4567_89ab_cdefL, read(RAM + 0x100));
        assertTrue(bus.read(RAM + 0x100, word, 0, 2));
        assertEquals(0x42, word[1]);
        assertEquals(0x1111_0008L, read(MMIO + 8), "MMIO goes through the dispatch");
        assertFalse(bus.read(RAM + (1 << 20) - 8, word, 0, 2), "runs past the end of RAM into a hole");
        assertFalse(bus.read(RAM - 8, word, 0, 1));
        assertFalse(bus.read(-8L, word, 0, 1));
        assertFalse(bus.watch(MMIO), "MMIO cannot be watched");
        assertFalse(bus.watch(RAM - 8));
    }

    @Test
    void everyKindOfWriteToAWatchedPageChangesTheWatchEpochAndOtherPagesDoNot() {
        assertTrue(bus.watch(RAM + 0x2008));
        long e = bus.watchEpoch();
        space.store(RAM + 0x5000, 8, 1, false);
        space.write(RAM + 0x6000, new byte[] {1, 2}, 0, 2);
        space.fill(RAM + 0x1000, 0x1000, (byte) 0);
        assertEquals(e, bus.watchEpoch(), "pages nobody watches");
        space.store(RAM + 0x2ff8, 8, 1, false);
        long e1 = bus.watchEpoch();
        assertNotEquals(e, e1);
        assertTrue(bus.write64(RAM + 0x2000, 2));
        long e2 = bus.watchEpoch();
        assertNotEquals(e1, e2);
        space.write(RAM + 0x1ffe, new byte[] {1, 2, 3, 4}, 0, 4);
        long e3 = bus.watchEpoch();
        assertNotEquals(e2, e3);
        space.fill(RAM + 0x2100, 16, (byte) 0);
        long e4 = bus.watchEpoch();
        assertNotEquals(e3, e4);
        ram.ram().writeByte(0x2001, (byte) 1);
        assertNotEquals(e4, bus.watchEpoch());
    }

    @Test
    void readsFollowATopologyChange() {
        space.store(RAM + 0x100, 8, 7, false);
        assertEquals(7, read(RAM + 0x100));
        long epoch = bus.mappingEpoch();
        assertEquals(epoch, bus.mappingEpoch());
        MemoryRegion overlay = MemoryRegion.ram("overlay", 0x1000);
        root.addSubregionOverlap(RAM, overlay, 1);
        assertNotEquals(epoch, bus.mappingEpoch());
        assertEquals(0, read(RAM + 0x100), "the overlay's RAM now answers");
        ram.setEnabled(false);
        assertFalse(bus.read(RAM + 0x2000, word, 0, 1), "the RAM below is gone");
        overlay.setEnabled(false);
        ram.setEnabled(true);
        assertEquals(7, read(RAM + 0x100));
    }

    /** A 4-level stage-1 walk over this memory sees descriptors rewritten by a CPU store and tables remapped. */
    @Test
    void walksSeeDescriptorsRewrittenThroughTheAddressSpaceAndTablesRemapped() {
        long iova = 0x0000_0080_8060_4567L;
        long[] tables = {RAM + 0x1000, RAM + 0x2000, RAM + 0x3000, RAM + 0x4000};
        for (int level = 0; level < 3; level++) {
            long idx = (iova >>> (39 - 9 * level)) & 511;
            space.store(tables[level] + idx * 8, 8, tables[level + 1] | 3, false);
        }
        long leaf = tables[3] + ((iova >>> 12) & 511) * 8;
        space.store(leaf, 8, 0x1234_5000L | 1 << 10 | 3, false);
        Stage1Config s1 = new Stage1Config();
        s1.tt0.set(12, 48, TableParams.stage1StartLevel(48, 12), tables[0], 44);
        s1.tt1.disable();
        s1.outputBits = 44;
        PageTableWalker walker = new PageTableWalker(bus);
        WalkResult r = new WalkResult();
        Fault f = new Fault();
        assertTrue(walker.stage1(s1, null, iova, Access.READ, r, f));
        assertEquals(0x1234_5567L, r.outputAddress);
        assertTrue(walker.stage1(s1, null, iova, Access.READ, r, f));
        // Another level-3 table for the region, installed by a CPU store into the level-2 table.
        long l2 = tables[2] + ((iova >>> 21) & 511) * 8;
        space.store(RAM + 0x5000 + ((iova >>> 12) & 511) * 8, 8, 0x6789_a000L | 1 << 10 | 3, false);
        space.store(l2, 8, (RAM + 0x5000) | 3, false);
        assertTrue(walker.stage1(s1, null, iova, Access.READ, r, f));
        assertEquals(0x6789_a567L, r.outputAddress);
        // A RAM overlay over the level-1 table's page: its descriptors read as zero, so level 1 faults.
        root.addSubregionOverlap(tables[1], MemoryRegion.ram("overlay", 0x1000), 1);
        assertFalse(walker.stage1(s1, null, iova, Access.READ, r, f));
        assertEquals(1, f.level);
    }
}
