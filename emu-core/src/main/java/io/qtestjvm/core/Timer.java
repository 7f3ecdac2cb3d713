package io.qtestjvm.core;

/**
 * A one-shot timer on a {@link Clock}: armed with an absolute deadline in
 * nanoseconds, fired at most once per arming, re-armed by its own callback if periodic.
 */
public final class Timer {
    private final Clock clock;
    private final Runnable callback;
    /** See {@link Clock#newTimer(Runnable, java.util.function.LongConsumer)}; null for ordinary timers. */
    final java.util.function.LongConsumer catchUp;
    long expireNs = -1;
    /** When it was last armed, relative to the clock's other timers. */
    long armSeq;

    Timer(Clock clock, Runnable callback, java.util.function.LongConsumer catchUp) {
        this.clock = clock;
        this.callback = callback;
        this.catchUp = catchUp;
    }

    /** Arms the timer for an absolute deadline; a deadline in the past fires at the next run. */
    public void mod(long deadlineNs) {
        expireNs = Math.max(deadlineNs, 0);
        clock.armed(this);
    }

    /**
     * Arms the timer {@code delayNs} after the clock's now, saturated: a deadline past the last representable
     * instant is {@link Clock#END_OF_TIME}, which never fires.
     */
    public void modIn(long delayNs) {
        mod(Clock.plus(clock.now(), Math.max(delayNs, 0)));
    }

    /**
     * Arms the timer for {@code deadline} units of {@code nsPerUnit} nanoseconds (a device timer counting in, e.g.,
     * milliseconds), converted without overflow: a deadline past the last representable instant never fires.
     */
    public void modScaled(long deadline, long nsPerUnit) {
        mod(Clock.toNs(deadline, nsPerUnit));
    }

    /** Disarms the timer. */
    public void del() {
        expireNs = -1;
    }

    public boolean pending() {
        return expireNs >= 0;
    }

    public long expireNs() {
        return expireNs;
    }

    public Clock clock() {
        return clock;
    }

    void fire() {
        callback.run();
    }
}
