package io.qtestjvm.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A clock with a timer list. The virtual clock ({@link #virtual()}) moves only when
 * the accelerator warps it ({@code clock_step}/{@code clock_set}); a host clock follows wall time and its timers
 * are run by the event loop through {@link #runExpired()}.
 *
 * <p>Time is a signed 64-bit count of nanoseconds and its arithmetic cannot overflow: {@link #plus} and
 * {@link #toNs} saturate at {@link #END_OF_TIME}, and a timer armed for {@link #END_OF_TIME} never fires, since no
 * instant follows it. A periodic timer whose next deadline lies past the last representable instant therefore
 * stops instead of wrapping into the past and firing forever (a {@code clock_set 9223372036854775807}).
 */
public final class Clock {
    /** The last representable instant; a deadline there (or beyond, saturated) is never reached. */
    public static final long END_OF_TIME = Long.MAX_VALUE;

    private final String name;
    private final boolean followsHost;
    private final long hostBaseNs;
    private long nowNs;
    /** Where the warp in progress ends; -1 outside {@link #warpTo(long)}. */
    private long warpTargetNs = -1;
    private final List<Timer> timers = new ArrayList<>();

    private Clock(String name, boolean followsHost, long startNs) {
        this.name = name;
        this.followsHost = followsHost;
        this.hostBaseNs = System.nanoTime() - startNs;
        this.nowNs = startNs;
    }

    /** The guest's virtual clock under the qtest accelerator: starts at 0, moved only by {@link #warpTo(long)}. */
    public static Clock virtual() {
        return new Clock("virtual", false, 0);
    }

    /** The host clock: nanoseconds since the epoch, advancing with the wall clock. */
    public static Clock host() {
        return new Clock("host", true, System.currentTimeMillis() * 1_000_000L);
    }

    public String name() {
        return name;
    }

    public boolean followsHost() {
        return followsHost;
    }

    public long now() {
        return followsHost ? System.nanoTime() - hostBaseNs : nowNs;
    }

    /** {@code at + delta}, saturated at {@link #END_OF_TIME} (and at {@code Long.MIN_VALUE} below). */
    public static long plus(long at, long delta) {
        long sum = at + delta;
        if (((at ^ sum) & (delta ^ sum)) < 0) {
            return delta > 0 ? END_OF_TIME : Long.MIN_VALUE;
        }
        return sum;
    }

    /** {@code count} units of {@code nsPerUnit} (positive) nanoseconds, saturated like {@link #plus}. */
    public static long toNs(long count, long nsPerUnit) {
        if (count > END_OF_TIME / nsPerUnit) {
            return END_OF_TIME;
        }
        if (count < Long.MIN_VALUE / nsPerUnit) {
            return Long.MIN_VALUE;
        }
        return count * nsPerUnit;
    }

    public Timer newTimer(Runnable callback) {
        return newTimer(callback, null);
    }

    /**
     * A timer whose firings nobody can observe but through its next deadline (a periodic timer with no guest-visible
     * effect): before a warp passes its deadline, {@code catchUp} gets the warp's target and may re-arm the timer
     * beyond it in one step (closed form) instead of letting it fire once per period on the way.
     */
    public Timer newTimer(Runnable callback, java.util.function.LongConsumer catchUp) {
        Timer t = new Timer(this, callback, catchUp);
        timers.add(t);
        return t;
    }

    /** Counts armings: among equal deadlines the timer armed first fires first (as in QEMU 7.2). */
    private long armings;

    void armed(Timer t) {
        t.armSeq = armings++;
    }

    /**
     * Where the warp in progress will leave the clock, or {@link #now()} outside a warp: a timer whose firings in
     * between change nothing anyone can observe may catch up to it in one step instead of firing at each period.
     */
    public long warpTarget() {
        return warpTargetNs > nowNs ? warpTargetNs : now();
    }

    /** The earliest pending deadline, or -1 when no timer is armed. */
    public long nextDeadline() {
        long best = -1;
        for (int i = 0, n = timers.size(); i < n; i++) {
            long e = timers.get(i).expireNs;
            if (e >= 0 && e != END_OF_TIME && (best < 0 || e < best)) {
                best = e;
            }
        }
        return best;
    }

    /**
     * Advances a virtual clock to {@code targetNs}, stopping at every deadline on the way to fire its timers with
     * the clock showing that deadline, as the qtest protocol's {@code clock_step}/{@code clock_set} promise
     * (qemu-qtest-reference.md §1.6). Timers due exactly at the target fire.
     * Never moves backwards.
     */
    public void warpTo(long targetNs) {
        if (followsHost) {
            throw new IllegalStateException("the " + name + " clock follows the host and cannot be warped");
        }
        warpTargetNs = targetNs;
        for (int i = 0, n = timers.size(); i < n; i++) {
            Timer t = timers.get(i);
            if (t.catchUp != null && t.expireNs >= 0 && t.expireNs <= targetNs) {
                t.catchUp.accept(targetNs);
            }
        }
        while (true) {
            Timer due = earliestDue(targetNs);
            if (due == null) {
                break;
            }
            if (due.expireNs > nowNs) {
                nowNs = due.expireNs;
            }
            due.expireNs = -1;
            due.fire();
        }
        warpTargetNs = -1;
        if (targetNs > nowNs) {
            nowNs = targetNs;
        }
    }

    /** Fires every timer whose deadline has passed (used for host-following clocks by the event loop). */
    public void runExpired() {
        long now = now();
        Timer due;
        while ((due = earliestDue(now)) != null) {
            due.expireNs = -1;
            due.fire();
        }
    }

    private Timer earliestDue(long limitNs) {
        Timer best = null;
        for (int i = 0, n = timers.size(); i < n; i++) {
            Timer t = timers.get(i);
            if (t.expireNs >= 0 && t.expireNs <= limitNs && t.expireNs != END_OF_TIME
                    && (best == null || t.expireNs < best.expireNs
                        || (t.expireNs == best.expireNs && t.armSeq < best.armSeq))) {
                best = t;
            }
        }
        return best;
    }
}
