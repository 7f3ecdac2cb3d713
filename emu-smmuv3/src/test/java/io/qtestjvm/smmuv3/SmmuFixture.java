package io.qtestjvm.smmuv3;

import io.qtestjvm.smmuv3.spec.ArrayGuestMemory;
import io.qtestjvm.smmuv3.spec.CdLayout;
import io.qtestjvm.smmuv3.spec.CommandLayout;
import io.qtestjvm.smmuv3.spec.EventLayout;
import io.qtestjvm.smmuv3.spec.Registers;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.SteLayout;
import io.qtestjvm.smmuv3.spec.Structure;
import java.util.ArrayList;
import java.util.List;

/**
 * A guest for the SMMU: 8 MiB of RAM at 0x4000_0000 holding a linear stream table, the queues, STEs, CDs and page
 * tables that tests build, and the SMMU programmed the way a driver does it (IHI 0070 3.3, 3.5).
 */
final class SmmuFixture {
    static final long RAM = 0x4000_0000L;
    static final int RAM_SIZE = 8 << 20;
    static final long STRTAB = RAM;
    static final int STRTAB_LOG2 = 8;
    static final long CMDQ = RAM + 0x8000;
    static final int CMDQ_LOG2 = 6;
    static final long EVTQ = RAM + 0xc000;
    static final int EVTQ_LOG2 = 5;

    final ArrayGuestMemory memory = new ArrayGuestMemory(RAM, RAM_SIZE);
    final List<Integer> pulses = new ArrayList<>();
    final Smmuv3 smmu;
    private long next = RAM + 0x10_0000;
    private int cmdProd;

    SmmuFixture(SmmuModel model) {
        smmu = new Smmuv3(model, memory, pulses::add);
    }

    long alloc(long size) {
        long align = Math.max(64, size);
        next = (next + align - 1) & -align;
        long a = next;
        next += size;
        if (next > RAM + RAM_SIZE) {
            throw new IllegalStateException("fixture RAM exhausted");
        }
        return a;
    }

    void w32(int reg, long v) {
        smmu.write(reg, 4, v);
    }

    void w64(int reg, long v) {
        smmu.write(reg, 8, v);
    }

    long r32(int reg) {
        return smmu.read(reg, 4);
    }

    /** Linear stream table, queues, SMMUEN | EVENTQEN | CMDQEN, as a driver sets them up. */
    SmmuFixture enable() {
        w64(Registers.STRTAB_BASE, STRTAB);
        w32(Registers.STRTAB_BASE_CFG, STRTAB_LOG2);
        w64(Registers.CMDQ_BASE, CMDQ | CMDQ_LOG2);
        w64(Registers.EVENTQ_BASE, EVTQ | EVTQ_LOG2);
        w32(Registers.CR0, 0xd);
        return this;
    }

    static Structure ste() {
        return new Structure(SteLayout.WORDS).set(SteLayout.V, 1);
    }

    static Structure cd() {
        return new Structure(CdLayout.WORDS).set(CdLayout.V, 1).set(CdLayout.AA64, 1).set(CdLayout.A, 1)
                .set(CdLayout.R, 1).set(CdLayout.EPD1, 1).set(CdLayout.IPS, 4);
    }

    void writeSte(int sid, Structure ste) {
        ste.store(memory, STRTAB + (long) sid * SteLayout.SIZE);
    }

    /** STE words for stage 1 through the CD at {@code cdAddress}. */
    static Structure s1Ste(long cdAddress) {
        return ste().set(SteLayout.CONFIG, SteLayout.CONFIG_S1).set(SteLayout.S1_CONTEXT_PTR, cdAddress >>> 6);
    }

    /** Adds stage-2 fields for {@code t} to {@code ste}. */
    static Structure withStage2(Structure ste, PageTables t, int vmid) {
        int tg = switch (t.shift) {
            case 12 -> 0;
            case 16 -> 1;
            default -> 2;
        };
        int sl0 = (t.shift == 12 ? 2 : 3) - t.start;
        return ste.set(SteLayout.S2VMID, vmid).set(SteLayout.S2T0SZ, 64 - t.inputBits).set(SteLayout.S2SL0, sl0)
                .set(SteLayout.S2TG, tg).set(SteLayout.S2PS, 4).set(SteLayout.S2AA64, 1).set(SteLayout.S2R, 1)
                .set(SteLayout.S2TTB, t.root >>> 4);
    }

    /** CD words for TTB0 tables {@code t} with {@code asid}. */
    static Structure s1Cd(PageTables t, int asid) {
        int tg = switch (t.shift) {
            case 12 -> CdLayout.TG0_4K;
            case 16 -> CdLayout.TG0_64K;
            default -> CdLayout.TG0_16K;
        };
        return cd().set(CdLayout.T0SZ, 64 - t.inputBits).set(CdLayout.TG0, tg).set(CdLayout.ASID, asid)
                .set(CdLayout.TTB0, t.root >>> 4);
    }

    long writeCd(Structure cd) {
        long a = alloc(CdLayout.SIZE);
        cd.store(memory, a);
        return a;
    }

    /** Queues one command and rings the doorbell (CMDQ_PROD). */
    void command(Structure cmd) {
        long a = CMDQ + (long) (cmdProd & ((1 << CMDQ_LOG2) - 1)) * CommandLayout.SIZE;
        cmd.store(memory, a);
        cmdProd = (cmdProd + 1) & ((2 << CMDQ_LOG2) - 1);
        w32(Registers.CMDQ_PROD, cmdProd);
    }

    static Structure cmd(int opcode) {
        return new Structure(CommandLayout.WORDS).set(CommandLayout.OPCODE, opcode);
    }

    /** Event records between EVENTQ_CONS and EVENTQ_PROD, consumed (CONS moved to PROD). */
    List<Structure> drainEvents() {
        List<Structure> out = new ArrayList<>();
        int prod = (int) r32(Registers.EVENTQ_PROD);
        int cons = (int) r32(Registers.EVENTQ_CONS);
        int mask = (2 << EVTQ_LOG2) - 1;
        while ((cons & mask) != (prod & mask)) {
            Structure e = new Structure(EventLayout.WORDS);
            e.load(memory, EVTQ + (long) (cons & ((1 << EVTQ_LOG2) - 1)) * EventLayout.SIZE);
            out.add(e);
            cons = (cons & ~mask) | ((cons + 1) & mask);
        }
        w32(Registers.EVENTQ_CONS, cons);
        return out;
    }

    /** The single event the last action produced. */
    Structure onlyEvent() {
        List<Structure> events = drainEvents();
        if (events.size() != 1) {
            throw new AssertionError("expected one event, got " + events.size());
        }
        return events.get(0);
    }
}
