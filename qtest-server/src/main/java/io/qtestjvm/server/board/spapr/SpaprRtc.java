package io.qtestjvm.server.board.spapr;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;

/**
 * The pseries time-of-day clock behind RTAS {@code get-time-of-day}/{@code set-time-of-day} (QOM type
 * {@code spapr-rtc} at {@code /machine/rtc}; LoPAPR chapter 7, "Time of Day"): the guest's time is the rtc clock
 * (the host clock, or the virtual clock with {@code -rtc clock=vm}) plus an offset in nanoseconds, set from
 * {@code -rtc base=} at creation and by {@code set-time-of-day}.
 *
 * <p>Facts of QEMU's pseries (Debian's QEMU 7.2): the nanoseconds cell is the low 32 bits of the guest time in
 * nanoseconds since 1970, not the part below one second; {@code set-time-of-day} validates nothing (month 13 is
 * next January) and takes no nanoseconds, the new time starts at a whole second.
 */
public final class SpaprRtc extends Device {
    public static final String TYPE = "spapr-rtc";
    private static final long NS_PER_S = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;

    private final Clock clock;
    private long offsetNs;

    /**
     * @param clock            the rtc clock
     * @param baseEpochSeconds the guest time at creation (seconds since 1970 UTC), or {@code Long.MIN_VALUE} for
     *                         {@code -rtc base=utc}: the host's time exactly
     */
    public SpaprRtc(Clock clock, long baseEpochSeconds) {
        super(TYPE);
        this.clock = clock;
        if (baseEpochSeconds != Long.MIN_VALUE) {
            this.offsetNs = baseEpochSeconds * NS_PER_S - clock.now();
        } else if (!clock.followsHost()) {
            this.offsetNs = System.currentTimeMillis() / 1000 * NS_PER_S - clock.now();
        }
    }

    @Override
    public void reset() {
        // the offset survives a reset, as a battery-backed clock does
    }

    /** The guest's time in nanoseconds since 1970 UTC. */
    public long nowNs() {
        return clock.now() + offsetNs;
    }

    /** Sets the guest time to the civil time given (normalized, as a calendar would); returns its epoch seconds. */
    public long set(long year, long month, long day, long hour, long minute, long second) {
        long s = epochSeconds(year, month, day, hour, minute, second);
        offsetNs = s * NS_PER_S - clock.now();
        return s;
    }

    /**
     * Seconds since 1970 of a civil time whose fields may be out of range: months beyond 12 roll into the next
     * years, days, hours, minutes and seconds add linearly (days-from-civil in the proleptic Gregorian calendar).
     */
    static long epochSeconds(long year, long month, long day, long hour, long minute, long second) {
        long y = year + Math.floorDiv(month - 1, 12);
        long m = Math.floorMod(month - 1, 12) + 1;
        return (daysFromCivil(y, m, 1) + day - 1) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
    }

    /** Days since 1970-01-01 of y-m-d (m in 1..12): years counted from March so that the leap day comes last. */
    static long daysFromCivil(long y, long m, long d) {
        long yy = m <= 2 ? y - 1 : y;
        long era = Math.floorDiv(yy, 400);
        long yoe = yy - era * 400;
        long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** {@code out[0..5]} = year, month (1-12), day, hour, minute, second of {@code epochSeconds}. */
    static void civil(long epochSeconds, long[] out) {
        long days = Math.floorDiv(epochSeconds, SECONDS_PER_DAY);
        long secs = Math.floorMod(epochSeconds, SECONDS_PER_DAY);
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        out[0] = yoe + era * 400 + (m <= 2 ? 1 : 0);
        out[1] = m;
        out[2] = d;
        out[3] = secs / 3600;
        out[4] = secs / 60 % 60;
        out[5] = secs % 60;
    }
}
