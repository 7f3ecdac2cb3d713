package io.qtestjvm.smmuv3.walk;

import io.qtestjvm.smmuv3.spec.EventType;
import io.qtestjvm.smmuv3.spec.Field;
import io.qtestjvm.smmuv3.spec.GuestMemory;
import io.qtestjvm.smmuv3.spec.Registers;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.SteLayout;
import io.qtestjvm.smmuv3.spec.Structure;

/**
 * Stream table lookup (IHI 0070 3.3.2, 5.1, 6.3.23/6.3.24): a linear table of 2^LOG2SIZE STEs, or a two-level
 * table whose L1STDs (indexed by StreamID[LOG2SIZE-1:SPLIT]) point to STE arrays of 2^(Span-1) entries. A StreamID
 * outside the table, under an L1STD with Span 0, or past its Span is C_BAD_STREAMID; an external abort on either
 * fetch is F_STE_FETCH. LOG2SIZE is capped at IDR1.SIDSIZE; a reserved SPLIT (not 6, 8 or 10) is used as 6 and a
 * Span above SPLIT + 1 as SPLIT + 1 (the architecture leaves both to the implementation).
 */
public final class StreamTable {
    private final long[] word = new long[1];

    /** Loads the STE of {@code streamId} into {@code ste}; false with the fault set otherwise. */
    public boolean lookup(SmmuModel model, GuestMemory memory, long strtabBase, int strtabBaseCfg, int streamId,
            Structure ste, Fault fault) {
        int log2size = Math.min((int) Field.get(strtabBaseCfg, Registers.STRTAB_CFG_LOG2SIZE), model.sidBits());
        long sid = streamId & 0xffffffffL;
        if (sid >>> log2size != 0) {
            fault.config(EventType.C_BAD_STREAMID);
            return false;
        }
        long base = Field.get(strtabBase, Registers.STRTAB_BASE_ADDR) << 6;
        long address;
        int fmt = (int) Field.get(strtabBaseCfg, Registers.STRTAB_CFG_FMT);
        if (fmt == Registers.STRTAB_FMT_2LEVEL && model.twoLevelStreamTables()) {
            int split = (int) Field.get(strtabBaseCfg, Registers.STRTAB_CFG_SPLIT);
            if (split != 6 && split != 8 && split != 10) {
                split = 6;
            }
            int l1Bits = Math.max(0, log2size - split);
            // The L1 table is aligned to its size (at least 64 bytes); the low bits of the base are ignored.
            base &= ~(Math.max(64L, 8L << l1Bits) - 1);
            long l1 = base + ((sid >>> split) << 3);
            if (!memory.read(l1, word, 0, 1)) {
                fault.config(EventType.F_STE_FETCH);
                fault.fetchAddress = l1;
                return false;
            }
            int span = (int) Field.get(word[0], SteLayout.L1STD_SPAN);
            if (span == 0) {
                fault.config(EventType.C_BAD_STREAMID);
                return false;
            }
            span = Math.min(span, split + 1);
            long index = sid & ((1L << split) - 1);
            if (index >>> (span - 1) != 0) {
                fault.config(EventType.C_BAD_STREAMID);
                return false;
            }
            address = (Field.get(word[0], SteLayout.L1STD_L2PTR) << 6) + index * SteLayout.SIZE;
        } else {
            // A linear table is aligned to its size; the low bits of the base are ignored.
            base &= ~(((long) SteLayout.SIZE << log2size) - 1);
            address = base + sid * SteLayout.SIZE;
        }
        if (!ste.load(memory, address)) {
            fault.config(EventType.F_STE_FETCH);
            fault.fetchAddress = address;
            return false;
        }
        return true;
    }
}
