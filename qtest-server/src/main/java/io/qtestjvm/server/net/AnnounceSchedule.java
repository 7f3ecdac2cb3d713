package io.qtestjvm.server.net;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Timer;

import java.util.List;

/**
 * One {@code announce-self} series (QMP AnnounceParameters): {@code rounds} announcements on the host clock, the
 * first at once, then gaps of {@code initial}, {@code initial + step}, {@code initial + 2 step} ... milliseconds,
 * each capped at {@code max} (a negative gap also becomes {@code max}). The series runs on the real-time clock, not
 * the virtual one: Debian's QEMU 7.2 issues its rounds while the VM is stopped (they wait in the NIC until
 * {@code cont}), and in a running VM the frames arrived about 0, 20, 60, 100 and 150 ms after the command for
 * initial 20, step 10, max 100 and 5 rounds. A new series with the same id replaces the old one; zero (or fewer)
 * rounds just stops it.
 */
final class AnnounceSchedule {
    private final Timer timer;
    private final Runnable round;
    private long initialMs;
    private long maxMs;
    private long stepMs;
    private long rounds;
    private long done;
    private List<String> interfaces;

    AnnounceSchedule(Clock hostClock, Runnable round) {
        this.round = round;
        this.timer = hostClock.newTimer(this::fire);
    }

    void start(long initial, long max, long rounds, long step, List<String> interfaces) {
        this.initialMs = initial;
        this.maxMs = max;
        this.stepMs = step;
        this.rounds = rounds;
        this.interfaces = interfaces;
        this.done = 0;
        timer.del();
        if (rounds > 0) {
            timer.mod(timer.clock().now());
        }
    }

    /** The NIC names the series is restricted to, or null for every NIC. */
    List<String> interfaces() {
        return interfaces;
    }

    boolean active() {
        return timer.pending();
    }

    void stop() {
        timer.del();
    }

    private void fire() {
        round.run();
        done++;
        if (done < rounds) {
            long gap = initialMs + (done - 1) * stepMs;
            if (gap < 0 || gap > maxMs) {
                gap = maxMs;
            }
            timer.modIn(Math.max(0, gap) * 1_000_000L);
        }
    }
}
