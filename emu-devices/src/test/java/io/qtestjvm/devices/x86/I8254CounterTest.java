package io.qtestjvm.devices.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Data-sheet behaviour of the 8254 the device tests leave implicit, and QEMU's departures from it. */
class I8254CounterTest {
    private static final long TICK_NS = 839; // one 1.193182 MHz tick, rounded up

    private final Clock clock = Clock.virtual();
    private final PortIo io = new PortIo();
    private I8254Pit pit;

    @BeforeEach
    void setUp() {
        pit = new I8254Pit(clock);
        pit.realize();
        io.map(I8254Pit.IO_BASE, pit.ioRegion());
    }

    private int readWord(int port) {
        int lo = io.inb(port);
        return lo | (io.inb(port) << 8);
    }

    @Test
    void modeZeroOutputRisesAtTerminalCount() {
        io.outb(0x43, 0x70); // counter 1, LSB then MSB, mode 0
        io.outb(0x41, 100);
        io.outb(0x41, 0);
        assertEquals(0, pit.out(1));
        clock.warpTo(99 * TICK_NS);
        assertEquals(0, pit.out(1));
        clock.warpTo(101 * TICK_NS);
        assertEquals(1, pit.out(1));
    }

    @Test
    void modeOneOutputIsHighWhileCountingInQemu() {
        io.outb(0x43, 0x72); // counter 1, mode 1
        io.outb(0x41, 100);
        io.outb(0x41, 0);
        assertEquals(1, pit.out(1)); // the data sheet has it low during the one-shot
        clock.warpTo(101 * TICK_NS);
        assertEquals(0, pit.out(1));
    }

    @Test
    void modeFourStrobesHighOnlyAtTerminalCountInQemu() {
        io.outb(0x43, 0x78); // counter 1, mode 4
        io.outb(0x41, 10);
        io.outb(0x41, 0);
        assertEquals(0, pit.out(1));
        clock.warpTo(MulDiv.muldiv64(10, 1_000_000_000L, 1_193_182L) + 1);
        assertEquals(1, pit.out(1));
        clock.warpTo(12 * TICK_NS);
        assertEquals(0, pit.out(1));
    }

    @Test
    void modeSixCountsLikeModeTwoButOutputsLikeModeZero() {
        io.outb(0x43, 0x7c); // counter 1, mode 6 (the data sheet's "X10" = mode 2)
        io.outb(0x41, 10);
        io.outb(0x41, 0);
        assertEquals(6, pit.mode(1));
        clock.warpTo(25 * TICK_NS); // 25 ticks: mode 2 counts 10 - 25 % 10 = 5
        assertEquals(5, readWord(0x41));
        assertEquals(1, pit.out(1)); // mode 0's output: high since terminal count
    }

    @Test
    void lsbOnlyAndMsbOnlyAccessLoadOneByte() {
        io.outb(0x43, 0x50); // counter 1, LSB only, mode 0
        io.outb(0x41, 0x34);
        assertEquals(0x34, pit.initialCount(1));
        assertEquals(0x34, io.inb(0x41));
        io.outb(0x43, 0x60); // MSB only
        io.outb(0x41, 0x12);
        assertEquals(0x1200, pit.initialCount(1));
        assertEquals(0x12, io.inb(0x41));
    }

    @Test
    void zeroCountIsTwoToTheSixteenth() {
        io.outb(0x43, 0x74);
        io.outb(0x41, 0);
        io.outb(0x41, 0);
        assertEquals(0x10000, pit.initialCount(1));
    }

    @Test
    void aSecondLatchBeforeTheReadIsIgnored() {
        io.outb(0x43, 0x74); // counter 1, LSB then MSB, mode 2
        io.outb(0x41, 0x00);
        io.outb(0x41, 0x10);
        clock.warpTo(100 * TICK_NS);
        io.outb(0x43, 0x40); // latch counter 1
        int first = 0x1000 - 100;
        clock.warpTo(200 * TICK_NS);
        io.outb(0x43, 0x40); // ignored: the first latch is not read yet
        assertEquals(first, readWord(0x41));
        assertEquals(0x1000 - 200, readWord(0x41)); // unlatched again: the live count
    }

    @Test
    void readBackReturnsStatusBeforeCount() {
        io.outb(0x43, 0x74);
        io.outb(0x41, 0x00);
        io.outb(0x41, 0x10);
        clock.warpTo(50 * TICK_NS);
        io.outb(0x43, 0xc4); // read-back: count and status of counter 1
        assertEquals(0x34, io.inb(0x41)); // OUT low, null count 0, LSB/MSB, mode 2, binary
        assertEquals(0x1000 - 50, readWord(0x41));
    }

    @Test
    void gateRisingEdgeRestartsModeTwo() {
        io.outb(0x43, 0xb4); // counter 2, mode 2
        io.outb(0x42, 0x00);
        io.outb(0x42, 0x10);
        assertFalse(pit.gate(2) == 1);
        clock.warpTo(300 * TICK_NS);
        pit.setGate(2, 1);
        assertEquals(0x1000, readWord(0x42));
    }

    @Test
    void countAndOutputSurviveAWarpToTheEndOfTime() {
        io.outb(0x43, 0x36); // counter 0, LSB then MSB, mode 3, count 2^16 from time 0
        io.outb(0x40, 0);
        io.outb(0x40, 0);
        clock.warpTo(Long.MAX_VALUE);
        long d = MulDiv.muldiv64(Long.MAX_VALUE, 1_193_182L, 1_000_000_000L);
        assertTrue(d > 0);
        int expected = (int) (0x10000 - (2 * (d % 0x10000)) % 0x10000);
        io.outb(0x43, 0x00);
        assertEquals(expected & 0xffff, readWord(0x40));
        assertEquals(d % 0x10000 < 0x8000 ? 1 : 0, pit.out(0));
    }

    /** Programs counter 0 of a fresh PIT whose IRQ 0 is recorded (observed) or connected to nothing. */
    private static I8254Pit pitOn(Clock c, boolean observed, int controlWord, int count) {
        I8254Pit p = new I8254Pit(c);
        if (observed) {
            p.gpioOut(Device.UNNAMED, 0).connect(new LevelRecorder(c).line);
        }
        p.realize();
        PortIo ports = new PortIo().map(I8254Pit.IO_BASE, p.ioRegion());
        ports.outb(0x43, controlWord);
        ports.outb(0x40, count & 0xff);
        ports.outb(0x40, count >> 8);
        return p;
    }

    @Test
    void aWarpNobodyObservesEndsInTheStateOfEvaluatingEveryPeriod() {
        int[][] programs = {{0x36, 1000}, {0x36, 7}, {0x34, 1000}, {0x34, 3}, {0x34, 2}, {0x34, 0}, {0x34, 59659},
            {0x34, 14551}, {0x30, 5000}, {0x38, 5000}};
        // 0.5 s is tick 596591 = 41 * 14551, the first whose ns time shows the tick at once: there mode 2 skips an
        // evaluation (after a period end for count 14551, after the tick after one for 59659 and 2)
        long[] targets = {1_000_000L, 2_718_281L, 50_000_000L, 99_999_999L, 499_999_999L, 500_000_000L,
            500_000_838L, 1_300_000_007L};
        for (int[] prog : programs) {
            for (long target : targets) {
                Clock seen = Clock.virtual();
                Clock unseen = Clock.virtual();
                I8254Pit observed = pitOn(seen, true, prog[0], prog[1]);
                I8254Pit skipped = pitOn(unseen, false, prog[0], prog[1]);
                seen.warpTo(target);
                unseen.warpTo(target);
                String what = "control word " + prog[0] + " count " + prog[1] + " warp to " + target;
                assertEquals(seen.nextDeadline(), unseen.nextDeadline(), what);
                assertEquals(observed.out(0), skipped.out(0), what);
            }
        }
    }
}
