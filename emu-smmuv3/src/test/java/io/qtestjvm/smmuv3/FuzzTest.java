package io.qtestjvm.smmuv3;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.smmuv3.spec.CdLayout;
import io.qtestjvm.smmuv3.spec.EventType;
import io.qtestjvm.smmuv3.spec.Registers;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.SteLayout;
import io.qtestjvm.smmuv3.spec.Structure;
import io.qtestjvm.smmuv3.walk.Access;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded, bounded fuzzing of hostile guests: random STEs, CDs, translation table words (pointing back into the same
 * area, so loops and chains arise), stream table and queue registers, and commands. Every translation must end in
 * a PA or an abort whose fault is an architected event; nothing may throw or hang.
 */
class FuzzTest {
    static final long AREA = SmmuFixture.RAM + 0x20_0000;
    static final int AREA_WORDS = 1 << 15;
    static final Set<Integer> ARCHITECTED = Set.of(0, EventType.C_BAD_STREAMID, EventType.F_STE_FETCH,
            EventType.C_BAD_STE, EventType.F_STREAM_DISABLED, EventType.C_BAD_SUBSTREAMID, EventType.F_CD_FETCH,
            EventType.C_BAD_CD, EventType.F_WALK_EABT, EventType.F_TRANSLATION, EventType.F_ADDR_SIZE,
            EventType.F_ACCESS, EventType.F_PERMISSION);

    private static long pointerish(Random r) {
        long target = AREA + ((long) r.nextInt(AREA_WORDS) << 3);
        return switch (r.nextInt(4)) {
            case 0 -> r.nextLong();
            case 1 -> (target & ~0xfffL) | (r.nextLong() & 0xfff0_0000_0000_0fffL);
            case 2 -> (target & ~0xfffL) | 3 | 1L << 10 | (r.nextInt(4) << 6);
            default -> (target & ~0xfffL) | 1 | 1L << 10;
        };
    }

    /** Flips random bits in a quarter of the structures: reserved and out-of-range fields included. */
    private static void perturb(Random r, Structure s) {
        if (r.nextInt(4) == 0) {
            int w = r.nextInt(s.size());
            s.setWord(w, s.word(w) ^ (1L << r.nextInt(64)) ^ (r.nextInt(8) == 0 ? r.nextLong() : 0));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 0x5eed})
    void hostileStructuresEndInAnArchitectedOutcome(long seed) {
        Random r = new Random(seed);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        long walks = 0;
        for (SmmuModel model : new SmmuModel[] {SmmuModel.QEMU_7_2, SmmuModel.QEMU_NESTED,
            SmmuModel.QEMU_NESTED.withSubstreams()}) {
            SmmuFixture f = new SmmuFixture(model).enable();
            for (int round = 0; round < 40; round++) {
                for (int i = 0; i < 2048; i++) {
                    f.memory.write64(AREA + ((long) r.nextInt(AREA_WORDS) << 3), pointerish(r));
                }
                for (int c = 0; c < 16; c++) {
                    Structure cd = SmmuFixture.cd().set(CdLayout.T0SZ, 16 + r.nextInt(24))
                            .set(CdLayout.TG0, r.nextInt(3)).set(CdLayout.ASID, r.nextInt(4))
                            .set(CdLayout.TTB0, (pointerish(r) & 0xffff_ffff_f000L) >>> 4)
                            .set(CdLayout.AFFD, r.nextInt(2)).set(CdLayout.TBI, r.nextInt(4));
                    perturb(r, cd);
                    cd.store(f.memory, AREA + ((long) r.nextInt(AREA_WORDS / 8) << 6));
                }
                for (int sid = 0; sid < 16; sid++) {
                    Structure ste = SmmuFixture.ste().set(SteLayout.CONFIG, 4 + r.nextInt(4))
                            .set(SteLayout.S1_CONTEXT_PTR, (AREA + ((long) r.nextInt(AREA_WORDS / 8) << 6)) >>> 6)
                            .set(SteLayout.S2AA64, 1).set(SteLayout.S2TG, r.nextInt(3)).set(SteLayout.S2R, 1)
                            .set(SteLayout.S2T0SZ, 20 + r.nextInt(20)).set(SteLayout.S2SL0, r.nextInt(3))
                            .set(SteLayout.S2PS, r.nextInt(6)).set(SteLayout.S2VMID, r.nextInt(4))
                            .set(SteLayout.S2TTB, (pointerish(r) & 0xffff_ffff_f000L) >>> 4);
                    perturb(r, ste);
                    f.writeSte(sid, ste);
                }
                boolean hostileTable = r.nextInt(8) == 0;
                if (hostileTable) {
                    f.w32(Registers.STRTAB_BASE_CFG, r.nextInt());
                    f.w64(Registers.STRTAB_BASE, pointerish(r));
                } else {
                    f.w32(Registers.STRTAB_BASE_CFG, SmmuFixture.STRTAB_LOG2);
                    f.w64(Registers.STRTAB_BASE, SmmuFixture.STRTAB);
                }
                for (int c = 0; c < 2; c++) {
                    Structure cmd = SmmuFixture.cmd(0);
                    cmd.setWord(0, r.nextBoolean() ? r.nextLong() : r.nextInt(0x48));
                    cmd.setWord(1, r.nextLong());
                    f.command(cmd);
                    if (f.r32(Registers.GERROR) != f.r32(Registers.GERRORN)) {
                        f.w32(Registers.GERRORN, f.r32(Registers.GERROR));
                    }
                }
                for (int t = 0; t < 64; t++) {
                    int sid = r.nextInt(20);
                    long iova = r.nextBoolean() ? r.nextLong() : r.nextLong() & 0xffff_ffff_ffffL;
                    long pa = f.smmu.translate(sid, iova, r.nextBoolean() ? Access.READ : Access.WRITE);
                    int type = f.smmu.lastFault().type;
                    if (pa == Translator.ABORTED) {
                        seen.add(type);
                    }
                    assertTrue(pa >= 0 || pa == iova || (pa == Translator.ABORTED && ARCHITECTED.contains(type)),
                            () -> "pa " + pa + " fault " + f.smmu.lastFault());
                    assertTrue(pa == iova || pa < 0 || pa >>> 52 == 0, () -> "PA past 52 bits: " + pa);
                }
                f.drainEvents();
            }
            walks += f.smmu.translator().walks();
        }
        assertTrue(walks > 0, "no translation reached a table walk");
        assertTrue(seen.size() >= 4, () -> "only these outcomes were exercised: " + seen);
        System.out.println("seed " + seed + ": walks " + walks + ", aborts " + seen);
    }
}
