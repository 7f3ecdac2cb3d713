package io.qtestjvm.qos.smmu;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.iommu.QIommuTestdev;
import io.qtestjvm.qos.libqos.smmu.QSmmuV3;
import io.qtestjvm.qos.libqos.smmu.SmmuCd;
import io.qtestjvm.qos.libqos.smmu.SmmuCommandQueue;
import io.qtestjvm.qos.libqos.smmu.SmmuEvent;
import io.qtestjvm.qos.libqos.smmu.SmmuRegs;
import io.qtestjvm.qos.libqos.smmu.SmmuSte;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded, bounded fuzzing of virt's SMMU through iommu-testdev DMA: random STE, CD and descriptor contents (biased
 * towards valid bits and pointers into a small arena of guest pages, so walks get deep; otherwise anything, reserved
 * fields, pointers outside RAM or past the address size, descriptors pointing at their own table), random commands
 * (known opcodes with random fields and unknown opcodes), PROD/CONS written past each other, queue bases past the
 * address size, GERRORN and CR0 toggles; between them, DMAs at random input addresses. After every step: the DMA
 * answers one of iommu-testdev's result codes, every event record is an architected type (IHI 0070 7.3) for the
 * device's StreamID, GERROR holds only architected bits, CMDQ_CONS.ERR is a CERROR code (or what software wrote
 * there); at the end the machine has
 * had no internal error (the backends check it on termination) and the whole run is bounded by a timeout (no hang).
 * The seed of a failing run is in the assertion message. Not applicable on [qemu] (DMA, see {@link SmmuRig}).
 */
class SmmuDmaFuzzTest {
    static final long[] SEEDS = {0x5eed_0001L, 0x5eed_0002L, 0xc0ff_ee00L};
    static final int STEPS = 400;
    static final int ARENA_PAGES = 24;
    static final long[] IOVAS = {0x0000_0080_8060_4000L, 0x0000_0012_3456_7000L, 0x0000_0000_4020_0000L,
        0x0000_7fff_fff0_0000L};
    static final Set<Integer> ARCHITECTED_EVENTS = Set.of(SmmuEvent.C_BAD_STREAMID, SmmuEvent.F_STE_FETCH,
            SmmuEvent.C_BAD_STE, SmmuEvent.F_STREAM_DISABLED, SmmuEvent.C_BAD_SUBSTREAMID, SmmuEvent.F_CD_FETCH,
            SmmuEvent.C_BAD_CD, SmmuEvent.F_WALK_EABT, SmmuEvent.F_TRANSLATION, SmmuEvent.F_ADDR_SIZE,
            SmmuEvent.F_ACCESS, SmmuEvent.F_PERMISSION, 0x05, 0x07, 0x20, 0x21, 0x25);
    static final Set<Integer> DMA_RESULTS = Set.of(QIommuTestdev.RESULT_OK, QIommuTestdev.ERR_TX_FAIL,
            QIommuTestdev.ERR_RD_FAIL, QIommuTestdev.ERR_MISMATCH);
    /** GERROR bits IHI 0070 6.3.17 defines: CMDQ_ERR, EVENTQ_ABT_ERR, PRIQ_ABT_ERR, MSI_*_ABT_ERR, SFM_ERR. */
    static final int GERROR_BITS = 0x1fd;
    static final int[] OPCODES = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x10, 0x11, 0x12, 0x13, 0x18, 0x1a,
        0x20, 0x21, 0x22, 0x23, 0x28, 0x2a, 0x30, 0x40, 0x41, 0x44, 0x45, 0x46};

    @ParameterizedTest
    @EnumSource(Backend.class)
    @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void randomStructuresAndCommandsGiveArchitectedAnswersOnly(Backend b) {
        Map<String, Integer> seen = new TreeMap<>();
        for (long seed : SEEDS) {
            try (SmmuRig r = SmmuRig.start(b, 4)) {
                run(r, seed, seen);
            } catch (AssertionError e) {
                throw new AssertionError("seed 0x" + Long.toHexString(seed) + ": " + e.getMessage(), e);
            }
        }
        System.out.println("SmmuDmaFuzzTest [" + b.label() + "]: " + seen);
        assertTrue(seen.size() >= 7, "the runs reached at least seven kinds of event and DMA outcome: " + seen);
    }

    private static void run(SmmuRig r, long seed, Map<String, Integer> seen) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long arena = QSmmuV3.allocAligned(r.qts, r.alloc, ARENA_PAGES * 0x1_0000L);
        long smmu = r.smmu.base();
        int sid = r.sid(0);
        long steAddr = r.table.steAddress(sid);
        int events = 0;
        int[] consWrittenErr = {-1};
        Map<Integer, Integer> results = new TreeMap<>();
        int[] lastProd = {r.qts.readl(smmu + SmmuRegs.PAGE1 + SmmuRegs.EVENTQ_PROD)};
        long evtqBase = r.qts.readq(smmu + SmmuRegs.EVENTQ_BASE);
        long cmdqBase = r.qts.readq(smmu + SmmuRegs.CMDQ_BASE);
        for (int step = 0; step < STEPS; step++) {
            String at = "step " + step;
            if (step % 40 == 39) {
                // the driver starts over: queues and stream table as programmed first, errors acknowledged
                r.qts.writel(smmu + SmmuRegs.CR0, 0);
                r.qts.writeq(smmu + SmmuRegs.EVENTQ_BASE, evtqBase);
                r.qts.writel(smmu + SmmuRegs.PAGE1 + SmmuRegs.EVENTQ_PROD, 0);
                r.qts.writel(smmu + SmmuRegs.PAGE1 + SmmuRegs.EVENTQ_CONS, 0);
                r.qts.writeq(smmu + SmmuRegs.CMDQ_BASE, cmdqBase);
                r.qts.writel(smmu + SmmuRegs.CMDQ_PROD, r.smmu.commands().prod());
                r.qts.writel(smmu + SmmuRegs.CMDQ_CONS, r.smmu.commands().prod());
                r.table.program(smmu);
                r.qts.writel(smmu + SmmuRegs.GERRORN, r.qts.readl(smmu + SmmuRegs.GERROR));
                r.qts.writel(smmu + SmmuRegs.CR0, SmmuRegs.CR0_SMMUEN | SmmuRegs.CR0_EVENTQEN
                        | SmmuRegs.CR0_CMDQEN);
                lastProd[0] = 0;
                consWrittenErr[0] = -1;
            }
            switch (rnd.nextInt(10)) {
                case 0, 1 -> randomSte(rnd, arena).writeTo(r.qts, steAddr);
                case 2 -> randomCd(rnd, arena).writeTo(r.qts, arena + 64L * rnd.nextInt(64));
                case 3, 4 -> {
                    for (int i = rnd.nextInt(1, 9); i > 0; i--) {
                        // mostly on the walk of one of the IOVAs the DMAs use, at a random level of a random table
                        long slot = rnd.nextInt(4) == 0 ? arena + 8L * rnd.nextInt(ARENA_PAGES * 0x2000)
                                : arena + 0x1_0000L * rnd.nextInt(ARENA_PAGES) + 8 * ((IOVAS[rnd.nextInt(
                                        IOVAS.length)] >>> (39 - 9 * rnd.nextInt(4))) & 0x1ff);
                        r.qts.writeq(slot, randomDescriptor(rnd, arena));
                    }
                }
                case 5 -> randomCommands(r, rnd, sid);
                case 6 -> consWrittenErr[0] = hostileRegisterWrite(r, rnd, smmu, arena, consWrittenErr[0]);
                default -> {
                    long iova = switch (rnd.nextInt(4)) {
                        case 0 -> rnd.nextLong();
                        case 1 -> rnd.nextLong(1L << 48);
                        default -> IOVAS[rnd.nextInt(IOVAS.length)] + rnd.nextInt(0x1000);
                    };
                    long pa = r.buffer();
                    int res = r.dma(0, iova, pa, rnd.nextInt(1, 64));
                    assertTrue(DMA_RESULTS.contains(res), at + ": DMA result 0x" + Integer.toHexString(res));
                    results.merge(res, 1, Integer::sum);
                    seen.merge("DMA 0x" + Integer.toHexString(res), 1, Integer::sum);
                    r.alloc.free(pa);
                }
            }
            if (rnd.nextInt(4) != 0) {
                // usually the driver invalidates what it changed (the queue may be stopped: then nothing happens)
                var cq = r.smmu.commands();
                for (long[] c : new long[][] {SmmuCommandQueue.cfgiAll(), SmmuCommandQueue.tlbiNsnhAll(),
                    SmmuCommandQueue.sync(0)}) {
                    cq.enqueue(c[0], c[1]);
                }
                cq.publish();
            }
            events += checkEventsAndErrors(r, smmu, sid, at, lastProd, consWrittenErr[0], seen);
        }
        assertTrue(events > 0, "the run recorded events (" + events + "), DMA results " + results + " CR0 "
                + r.qts.readl(smmu + SmmuRegs.CR0) + " evtq " + Long.toHexString(r.qts.readq(smmu
                + SmmuRegs.EVENTQ_BASE)) + " prod " + r.qts.readl(smmu + SmmuRegs.PAGE1 + SmmuRegs.EVENTQ_PROD)
                + " cons " + r.qts.readl(smmu + SmmuRegs.PAGE1 + SmmuRegs.EVENTQ_CONS) + " gerror " + r.qts.readl(
                smmu + SmmuRegs.GERROR) + "/" + r.qts.readl(smmu + SmmuRegs.GERRORN));
    }

    static SmmuSte randomSte(SplittableRandom rnd, long arena) {
        SmmuSte ste = new SmmuSte();
        if (rnd.nextBoolean()) {
            // plausible: a consistent 4K stage 2 (40-bit IPA from level 1) and a CD in the arena
            return ste.v(true).config(SmmuSte.CONFIG_S1 + rnd.nextInt(3)).s1ContextPtr(arena + 64L * rnd.nextInt(64))
                    .s2Vmid(rnd.nextInt(4)).s2T0sz(24).s2Sl0(1).s2Tg(SmmuSte.S2TG_4K).s2Ps(SmmuCd.PS_44)
                    .s2Aa64(true).s2R(rnd.nextInt(4) != 0).s2Affd(rnd.nextInt(4) == 0)
                    .s2Ttb(arena + 0x1_0000L * rnd.nextInt(ARENA_PAGES));
        }
        if (rnd.nextInt(4) == 0) {
            for (int i = 0; i < 8; i++) {
                ste.setWord(i, rnd.nextLong());
            }
            return ste;
        }
        ste.v(rnd.nextInt(8) != 0).config(rnd.nextInt(8)).s1ContextPtr(pointer(rnd, arena))
                .s2Vmid(rnd.nextInt(4)).s2T0sz(rnd.nextInt(4) == 0 ? rnd.nextInt(64) : rnd.nextInt(20, 40))
                .s2Sl0(rnd.nextInt(4)).s2Tg(rnd.nextInt(4)).s2Ps(rnd.nextInt(8)).s2Aa64(rnd.nextInt(8) != 0)
                .s2Affd(rnd.nextBoolean()).s2R(rnd.nextBoolean()).s2Ttb(pointer(rnd, arena));
        if (rnd.nextInt(8) == 0) {
            ste.s1CdMax(rnd.nextInt(32)).s1Dss(rnd.nextInt(4)).s1Fmt(rnd.nextInt(4));
        }
        if (rnd.nextInt(8) == 0) {
            ste.set(127, 96, rnd.nextLong()); // reserved and unused fields
        }
        return ste;
    }

    static SmmuCd randomCd(SplittableRandom rnd, long arena) {
        SmmuCd cd = new SmmuCd();
        if (rnd.nextBoolean()) {
            // plausible: a 4K, 48-bit stage 1 whose tables are in the arena (or, rarely, elsewhere)
            return cd.v(true).aa64(true).a(true).r(rnd.nextInt(4) != 0).t0sz(16).tg0(SmmuCd.TG0_4K).epd1(true)
                    .ips(rnd.nextInt(3) == 0 ? SmmuCd.PS_32 : SmmuCd.PS_44).affd(rnd.nextInt(4) == 0)
                    .asid(rnd.nextInt(4)).ttb0(rnd.nextInt(8) == 0 ? pointer(rnd, arena)
                            : arena + 0x1_0000L * rnd.nextInt(ARENA_PAGES));
        }
        if (rnd.nextInt(4) == 0) {
            for (int i = 0; i < 8; i++) {
                cd.setWord(i, rnd.nextLong());
            }
            return cd;
        }
        return cd.v(rnd.nextInt(8) != 0).aa64(rnd.nextInt(8) != 0).a(rnd.nextInt(8) != 0).r(rnd.nextBoolean())
                .t0sz(rnd.nextInt(4) == 0 ? rnd.nextInt(64) : rnd.nextInt(16, 40)).tg0(rnd.nextInt(4))
                .epd0(rnd.nextInt(8) == 0).epd1(rnd.nextBoolean()).ips(rnd.nextInt(8)).affd(rnd.nextBoolean())
                .tbi(rnd.nextInt(4)).asid(rnd.nextInt(4)).ttb0(pointer(rnd, arena));
    }

    /** Mostly a page of the arena; sometimes outside RAM, past the address size, or unaligned. */
    static long pointer(SplittableRandom rnd, long arena) {
        return switch (rnd.nextInt(8)) {
            case 0 -> rnd.nextLong() & 0x000f_ffff_ffff_fff0L;
            case 1 -> SmmuRig.HOLE + 0x1000L * rnd.nextInt(16);
            case 2 -> arena + rnd.nextInt(ARENA_PAGES * 0x1_0000) & ~0xfL;
            default -> arena + 0x1_0000L * rnd.nextInt(ARENA_PAGES);
        };
    }

    /** A descriptor: table/page/block bits over an arena address, or raw bits. */
    static long randomDescriptor(SplittableRandom rnd, long arena) {
        if (rnd.nextInt(4) == 0) {
            return rnd.nextLong();
        }
        long attrs = rnd.nextInt(3) == 0 ? rnd.nextLong() & 0xfff0_0000_0000_0ffcL : 0x7e0L;
        return pointer(rnd, arena) & ~0xfffL | attrs | (rnd.nextInt(4) == 0 ? rnd.nextInt(4) : 3);
    }

    private static void randomCommands(SmmuRig r, SplittableRandom rnd, int sid) {
        var cq = r.smmu.commands();
        for (int i = rnd.nextInt(1, 5); i > 0; i--) {
            int op = rnd.nextInt(6) == 0 ? rnd.nextInt(256) : OPCODES[rnd.nextInt(OPCODES.length)];
            long w0 = op | (rnd.nextLong() & ~0xffL);
            if (rnd.nextBoolean()) {
                w0 = (w0 & 0xffff_ffffL) | (long) sid << 32;
            }
            cq.enqueue(w0, rnd.nextLong());
        }
        cq.publish();
        if ((r.smmu.readl(SmmuRegs.GERROR) ^ r.smmu.readl(SmmuRegs.GERRORN) & SmmuRegs.GERROR_CMDQ_ERR) != 0
                && rnd.nextBoolean()) {
            r.smmu.writel(SmmuRegs.GERRORN, r.smmu.readl(SmmuRegs.GERROR));
        }
    }

    /** One hostile register write; returns the CMDQ_CONS.ERR value software wrote (or {@code consErr} unchanged). */
    private static int hostileRegisterWrite(SmmuRig r, SplittableRandom rnd, long smmu, long arena, int consErr) {
        switch (rnd.nextInt(7)) {
            case 0 -> r.qts.writel(smmu + SmmuRegs.CMDQ_PROD, rnd.nextInt());
            case 1 -> {
                // CMDQ_CONS is software-writable (QEMU stores the whole value, ERR included)
                int v = rnd.nextInt();
                r.qts.writel(smmu + SmmuRegs.CMDQ_CONS, v);
                return v >>> SmmuRegs.CMDQ_CONS_ERR_SHIFT & 0x7f;
            }
            case 2 -> r.qts.writel(smmu + SmmuRegs.PAGE1 + SmmuRegs.EVENTQ_CONS, rnd.nextInt());
            case 3 -> r.qts.writel(smmu + SmmuRegs.GERRORN, rnd.nextInt());
            case 4 -> {
                // queue bases past the address size or outside RAM, programmed with the queues off
                int cr0 = r.qts.readl(smmu + SmmuRegs.CR0);
                r.qts.writel(smmu + SmmuRegs.CR0, cr0 & SmmuRegs.CR0_SMMUEN);
                long base = rnd.nextBoolean() ? rnd.nextLong() : SmmuRig.HOLE | rnd.nextInt(24);
                r.qts.writeq(smmu + (rnd.nextBoolean() ? SmmuRegs.CMDQ_BASE : SmmuRegs.EVENTQ_BASE), base);
                r.qts.writel(smmu + SmmuRegs.CR0, cr0);
            }
            case 5 -> {
                // a stream table smaller than the StreamID, two-level with odd SPLIT, or anywhere
                r.qts.writel(smmu + SmmuRegs.CR0, 0);
                r.qts.writel(smmu + SmmuRegs.STRTAB_BASE_CFG, rnd.nextInt());
                if (rnd.nextInt(4) == 0) {
                    r.qts.writeq(smmu + SmmuRegs.STRTAB_BASE, pointer(rnd, arena));
                }
                r.qts.writel(smmu + SmmuRegs.CR0, SmmuRegs.CR0_SMMUEN | SmmuRegs.CR0_EVENTQEN
                        | SmmuRegs.CR0_CMDQEN);
            }
            default -> {
                r.qts.writel(smmu + SmmuRegs.CR0, rnd.nextInt(16));
                r.qts.writel(smmu + SmmuRegs.CR0, SmmuRegs.CR0_SMMUEN | SmmuRegs.CR0_EVENTQEN
                        | SmmuRegs.CR0_CMDQEN);
            }
        }
        return consErr;
    }

    /**
     * Checks the records the SMMU wrote since the last check (from the PROD seen then to PROD now: CONS may have been
     * written anywhere by the fuzzer), then moves CONS to PROD; returns how many.
     */
    private static int checkEventsAndErrors(SmmuRig r, long smmu, int sid, String at, int[] lastProd,
            int consWrittenErr, Map<String, Integer> seen) {
        int gerror = r.qts.readl(smmu + SmmuRegs.GERROR);
        assertEquals(0, gerror & ~GERROR_BITS, at + ": GERROR 0x" + Integer.toHexString(gerror));
        int cons = r.qts.readl(smmu + SmmuRegs.CMDQ_CONS);
        int err = cons >>> SmmuRegs.CMDQ_CONS_ERR_SHIFT & 0x7f;
        assertTrue(err <= 3 || err == consWrittenErr, at + ": CMDQ_CONS.ERR " + err);
        long base = r.qts.readq(smmu + SmmuRegs.EVENTQ_BASE);
        int log2 = (int) Math.min(base & 0x1f, 19);
        long addr = base & 0x000f_ffff_ffff_ffe0L;
        int prod = r.qts.readl(smmu + SmmuRegs.PAGE1 + SmmuRegs.EVENTQ_PROD);
        int ev = lastProd[0];
        lastProd[0] = prod;
        int n = 0;
        int wrap = (2 << log2) - 1;
        if (addr < SmmuRig.RAM || addr >= SmmuRig.RAM_END || log2 > 8) {
            r.qts.writel(smmu + SmmuRegs.PAGE1 + SmmuRegs.EVENTQ_CONS, prod);
            return 0;
        }
        while ((ev & wrap) != (prod & wrap) && n <= (1 << log2)) {
            long slot = addr + 32L * (ev & ((1 << log2) - 1));
            long[] w = {r.qts.readq(slot), r.qts.readq(slot + 8), r.qts.readq(slot + 16), r.qts.readq(slot + 24)};
            SmmuEvent e = SmmuEvent.decode(w);
            assertTrue(ARCHITECTED_EVENTS.contains(e.type()), at + ": event " + e);
            assertEquals(sid, e.streamId(), at + ": StreamID of " + e);
            seen.merge(SmmuEvent.name(e.type()), 1, Integer::sum);
            ev = (ev & ~wrap) | ((ev + 1) & wrap);
            n++;
        }
        r.qts.writel(smmu + SmmuRegs.PAGE1 + SmmuRegs.EVENTQ_CONS, prod);
        return n;
    }

}
