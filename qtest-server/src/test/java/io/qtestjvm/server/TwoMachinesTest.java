package io.qtestjvm.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two in-JVM machines of the same board, each driven by its own thread in lock step (a barrier between steps), so
 * that one's RAM writes, BAR moves, device registers and clock steps interleave with the other's: each sees only
 * its own state. Nothing a machine owns is shared through static state.
 */
class TwoMachinesTest {
    private static final int ROUNDS = 40;
    /** edu on slot 4: config address of its function, its BAR0 and its command register. */
    private static final long EDU_CFG = 0x8000_2000L;

    private static String ok(InJvmServer m, String cmd) {
        String r = m.qtest(cmd);
        if (!r.startsWith("OK")) {
            throw new AssertionError(cmd + " -> " + r);
        }
        return r.strip();
    }

    private static void cfgWrite(InJvmServer m, int reg, long value) {
        ok(m, "outl 0xcf8 0x" + Long.toHexString(EDU_CFG + reg));
        ok(m, "outl 0xcfc 0x" + Long.toHexString(value));
    }

    /** One machine's part: {@code me} is 0 or 1; the other machine maps its BAR where this one does not. */
    private static Void drive(InJvmServer m, int me, CyclicBarrier step) throws Exception {
        long myBar = me == 0 ? 0xfe00_0000L : 0xfd00_0000L;
        long otherBar = me == 0 ? 0xfd00_0000L : 0xfe00_0000L;
        cfgWrite(m, 0x04, 0x2); // memory space on
        long clock = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long pattern = 0x1111_0000L * (me + 1) + round;
            ok(m, "writel 0x1000 0x" + Long.toHexString(pattern));
            long bar = (round & 1) == 0 ? myBar : myBar + 0x10_0000L; // move the BAR every round
            cfgWrite(m, 0x10, bar);
            ok(m, "writel 0x" + Long.toHexString(bar + 4) + " 0x" + Long.toHexString(pattern)); // edu liveness
            step.await(10, TimeUnit.SECONDS);
            assertEquals("OK 0x" + String.format("%016x", pattern), m.qtest("readl 0x1000").strip(),
                    "machine " + me + " RAM, round " + round);
            assertEquals("OK 0x00000000010000ed", m.qtest("readl 0x" + Long.toHexString(bar)).strip(),
                    "machine " + me + " edu ID at its own BAR, round " + round);
            assertEquals("OK 0x" + String.format("%016x", ~pattern & 0xffff_ffffL),
                    m.qtest("readl 0x" + Long.toHexString(bar + 4)).strip(),
                    "machine " + me + " edu liveness register, round " + round);
            assertEquals("OK 0x0000000000000000", m.qtest("readl 0x" + Long.toHexString(otherBar)).strip(),
                    "machine " + me + " sees nothing at the other machine's BAR, round " + round);
            long stepNs = 1000L * (me + 1);
            clock += stepNs;
            assertEquals("OK " + clock, m.qtest("clock_step " + stepNs).strip(), "machine " + me + " clock");
            step.await(10, TimeUnit.SECONDS);
        }
        assertEquals(0, m.internalErrors());
        return null;
    }

    @Test
    void twoMachinesOfOneBoardInTwoThreadsSeeOnlyTheirOwnState() throws Exception {
        CyclicBarrier step = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (InJvmServer a = InJvmServer.start("x86_64", "-machine", "pc", "-device", "edu,addr=04.0");
             InJvmServer b = InJvmServer.start("x86_64", "-machine", "pc", "-device", "edu,addr=04.0")) {
            List<Future<Void>> done = new ArrayList<>();
            done.add(pool.submit(() -> drive(a, 0, step)));
            done.add(pool.submit(() -> drive(b, 1, step)));
            for (Future<Void> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
