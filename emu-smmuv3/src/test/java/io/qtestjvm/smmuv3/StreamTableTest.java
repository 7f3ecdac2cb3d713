package io.qtestjvm.smmuv3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qtestjvm.smmuv3.spec.EventLayout;
import io.qtestjvm.smmuv3.spec.EventType;
import io.qtestjvm.smmuv3.spec.Registers;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.SteLayout;
import io.qtestjvm.smmuv3.spec.Structure;
import io.qtestjvm.smmuv3.walk.Access;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Two-level stream tables (IHI 0070 3.3.2, 5.1) for each SPLIT, and their errors. */
class StreamTableTest {
    final SmmuFixture f = new SmmuFixture(SmmuModel.QEMU_NESTED).enable();

    /** L1 table with one L2 table of 2^(span-1) STEs for the L1 slot of {@code sid}; returns the L2 base. */
    private long twoLevel(int split, int log2size, int sid, int span) {
        long l1 = f.alloc(8L << (log2size - split));
        long l2 = f.alloc(64L << (span - 1));
        f.memory.write64(l1 + ((long) (sid >>> split) << 3), l2 | span);
        f.w64(Registers.STRTAB_BASE, l1);
        f.w32(Registers.STRTAB_BASE_CFG, 1 << 16 | split << 6 | log2size);
        return l2;
    }

    @ParameterizedTest(name = "SPLIT {0}")
    @ValueSource(ints = {6, 8, 10})
    void streamsResolveThroughTheirL1DescriptorAndSeveralStreamsCoexist(int split) {
        int[] sids = {(3 << split) | 5, (3 << split) | 9};
        long l2 = twoLevel(split, 16, sids[0], split + 1);
        for (int i = 0; i < sids.length; i++) {
            Structure bypass = SmmuFixture.ste().set(SteLayout.CONFIG, i == 0 ? SteLayout.CONFIG_BYPASS
                    : SteLayout.CONFIG_ABORT);
            bypass.store(f.memory, l2 + 64L * (sids[i] & ((1 << split) - 1)));
        }
        assertEquals(0x1234, f.smmu.translate(sids[0], 0x1234, Access.READ));
        assertEquals(Translator.ABORTED, f.smmu.translate(sids[1], 0x1234, Access.READ));
        assertEquals(0, f.drainEvents().size());
        // Another L1 slot is empty (Span 0).
        assertEquals(Translator.ABORTED, f.smmu.translate(sids[0] + (1 << split), 0x1234, Access.READ));
        assertEquals(EventType.C_BAD_STREAMID, f.onlyEvent().get(EventLayout.EVENT_TYPE));
    }

    @Test
    void streamIdPastTheSpanIsCBadStreamId() {
        int sid = (2 << 8) | 4;
        twoLevel(8, 12, sid, 2);
        assertEquals(Translator.ABORTED, f.smmu.translate(sid, 0, Access.READ));
        assertEquals(EventType.C_BAD_STREAMID, f.onlyEvent().get(EventLayout.EVENT_TYPE));
    }

    @Test
    void l2PointerOutsideRamIsFSteFetch() {
        long l1 = f.alloc(8 << 4);
        f.memory.write64(l1, 0x7000_0000L | 7);
        f.w64(Registers.STRTAB_BASE, l1);
        f.w32(Registers.STRTAB_BASE_CFG, 1 << 16 | 6 << 6 | 10);
        assertEquals(Translator.ABORTED, f.smmu.translate(3, 0, Access.READ));
        Structure e = f.onlyEvent();
        assertEquals(EventType.F_STE_FETCH, e.get(EventLayout.EVENT_TYPE));
        assertEquals((0x7000_0000L + 3 * 64) >>> 3, e.get(EventLayout.FETCH_ADDR));
    }

    @Test
    void linearTableLargerThanSidsizeIsCappedAtSixteenBits() {
        f.w32(Registers.STRTAB_BASE_CFG, 20);
        assertEquals(Translator.ABORTED, f.smmu.translate(1 << 16, 0, Access.READ));
        assertEquals(EventType.C_BAD_STREAMID, f.onlyEvent().get(EventLayout.EVENT_TYPE));
    }
}
