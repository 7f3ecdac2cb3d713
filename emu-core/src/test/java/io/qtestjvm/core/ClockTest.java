package io.qtestjvm.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The virtual clock under qtest (accel/qtest qtest_clock_warp, util/qemu-timer.c). */
class ClockTest {
    private final Clock clock = Clock.virtual();
    private final List<String> fired = new ArrayList<>();

    private Timer timer(String name) {
        return clock.newTimer(() -> fired.add(name + "@" + clock.now()));
    }

    @Test
    void virtualClockStartsAtZeroWithNothingArmed() {
        assertEquals(0, clock.now());
        assertEquals(-1, clock.nextDeadline());
    }

    @Test
    void warpFiresTimersInDeadlineOrderWithTheClockShowingEachDeadline() {
        timer("a").mod(300);
        timer("b").mod(100);
        timer("c").mod(200);
        clock.warpTo(1000);
        assertEquals(List.of("b@100", "c@200", "a@300"), fired);
        assertEquals(1000, clock.now());
        assertEquals(-1, clock.nextDeadline());
    }

    @Test
    void timerDueExactlyAtTheTargetFiresAndALaterOneWaits() {
        Timer at = timer("at");
        Timer after = timer("after");
        at.mod(500);
        after.mod(501);
        clock.warpTo(500);
        assertEquals(List.of("at@500"), fired);
        assertFalse(at.pending());
        assertTrue(after.pending());
        assertEquals(501, clock.nextDeadline());
    }

    @Test
    void reArmingFromTheCallbackFiresAgainWithinTheSameWarp() {
        Timer[] periodic = new Timer[1];
        periodic[0] = clock.newTimer(() -> {
            fired.add("tick@" + clock.now());
            periodic[0].mod(clock.now() + 100);
        });
        periodic[0].mod(100);
        clock.warpTo(350);
        assertEquals(List.of("tick@100", "tick@200", "tick@300"), fired);
        assertEquals(400, clock.nextDeadline());
        assertEquals(350, clock.now());
    }

    @Test
    void timersWithEqualDeadlinesFireInTheOrderTheyWereArmed() {
        // timer_mod_ns_locked inserts after every timer expiring at or before the new deadline
        Timer first = timer("first");
        Timer second = timer("second");
        second.mod(100);
        first.mod(100);
        clock.warpTo(100);
        assertEquals(List.of("second@100", "first@100"), fired);
    }

    @Test
    void warpToAnEarlierTimeNeverMovesTheClockBack() {
        clock.warpTo(500);
        Timer t = timer("t");
        t.mod(600);
        clock.warpTo(200);
        assertEquals(500, clock.now());
        assertTrue(fired.isEmpty());
        assertEquals(600, clock.nextDeadline());
    }

    @Test
    void aDeletedTimerDoesNotFire() {
        Timer victim = timer("victim");
        clock.newTimer(victim::del).mod(50);
        victim.mod(100);
        Timer deleted = timer("deleted");
        deleted.mod(80);
        deleted.del();
        clock.warpTo(1000);
        assertTrue(fired.isEmpty(), () -> "fired " + fired);
        assertEquals(-1, clock.nextDeadline());
    }

    @Test
    void aTimerArmedInThePastFiresOnTheNextWarpWithoutMovingTheClockBack() {
        clock.warpTo(1000);
        timer("late").mod(10);
        clock.warpTo(1001);
        assertEquals(List.of("late@1000"), fired);
        assertEquals(1001, clock.now());
    }

    @Test
    void nextDeadlineIsTheEarliestArmedTimer() {
        timer("a").mod(700);
        timer("b").mod(300);
        assertEquals(300, clock.nextDeadline());
        clock.warpTo(300);
        assertEquals(700, clock.nextDeadline());
    }

    @Test
    void hostClockCannotBeWarped() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Clock.host().warpTo(5));
        assertTrue(e.getMessage().contains("host"), e.getMessage());
    }

    @Test
    void periodicTimerReArmedPastTheLastInstantStopsInsteadOfWrapping() {
        Timer[] self = new Timer[1];
        int[] count = new int[1];
        self[0] = clock.newTimer(() -> {
            count[0]++;
            self[0].modIn(1_000_000_000L); // one second later, every time
        });
        clock.warpTo(Long.MAX_VALUE - 2_500_000_000L);
        self[0].modIn(1_000_000_000L);
        clock.warpTo(Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, clock.now());
        assertEquals(2, count[0], "once per second left, then never again");
        assertEquals(Clock.END_OF_TIME, self[0].expireNs(), "the next deadline saturates");
        assertEquals(-1, clock.nextDeadline(), "a deadline at the end of time is never due");
    }

    @Test
    void scaledDeadlinesSaturateInsteadOfWrapping() {
        Timer t = timer("ms");
        t.modScaled(Long.MAX_VALUE / 1_000_000 + 1, 1_000_000);
        assertEquals(Clock.END_OF_TIME, t.expireNs());
        t.modScaled(7, 1_000_000);
        assertEquals(7_000_000, t.expireNs());
        assertEquals(Clock.END_OF_TIME, Clock.plus(Long.MAX_VALUE - 1, 2));
        assertEquals(Long.MIN_VALUE, Clock.plus(Long.MIN_VALUE + 1, -2));
        assertEquals(5, Clock.plus(2, 3));
        assertEquals(Long.MIN_VALUE, Clock.toNs(Long.MIN_VALUE / 1000 - 1, 1000));
        assertEquals(-3000, Clock.toNs(-3, 1000));
    }

    @Test
    void aTimerWithACatchUpSkipsALongWarpInOneStep() {
        int[] fired = new int[1];
        Timer[] self = new Timer[1];
        self[0] = clock.newTimer(() -> {
            fired[0]++;
            self[0].modIn(1000);
        }, target -> {
            if (target - self[0].expireNs() > 1_000_000) { // far behind: skip to just past the target
                self[0].mod(target + 10);
            }
        });
        self[0].modIn(1000);
        clock.warpTo(1_000_000_000_000L);
        assertEquals(0, fired[0], "the catch-up re-armed it past the target before the warp");
        assertEquals(1_000_000_000_010L, self[0].expireNs());
        clock.warpTo(1_000_000_000_010L);
        assertEquals(1, fired[0], "a deadline the catch-up leaves in place fires as usual");
    }
}
