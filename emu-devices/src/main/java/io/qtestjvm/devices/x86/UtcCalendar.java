package io.qtestjvm.devices.x86;

/**
 * Allocation-free UTC calendar arithmetic for the RTC: {@link #toEpochSeconds} follows QEMU's {@code mktimegm}
 * (util/cutils.c) exactly, including its lack of normalisation for out-of-range fields a guest may program, and
 * {@link #fromEpochSeconds} is {@code gmtime_r} (proleptic Gregorian, days counted from 1970-01-01).
 */
final class UtcCalendar {
    static final int SEC = 0;
    static final int MIN = 1;
    static final int HOUR = 2;
    static final int MDAY = 3;
    /** Month 0..11 as in {@code struct tm}. */
    static final int MON = 4;
    /** The full year (not {@code tm_year}'s offset from 1900). */
    static final int YEAR = 5;
    /** Day of the week, 0 = Sunday. */
    static final int WDAY = 6;
    static final int FIELDS = 7;

    private UtcCalendar() {
    }

    /** {@code mktimegm}: {@code month} is 1..12, {@code year} the full year. */
    static long toEpochSeconds(int year, int month, int mday, int hour, int min, int sec) {
        long y = year;
        long m = month;
        if (m < 3) {
            m += 12;
            y--;
        }
        long days = mday + (153 * m - 457) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 719469;
        return 86400L * days + 3600L * hour + 60L * min + sec;
    }

    /** {@code gmtime_r}: fills {@code out} (indexed by the constants above). */
    static void fromEpochSeconds(long seconds, int[] out) {
        long days = Math.floorDiv(seconds, 86400L);
        int secOfDay = (int) Math.floorMod(seconds, 86400L);
        out[HOUR] = secOfDay / 3600;
        out[MIN] = secOfDay / 60 % 60;
        out[SEC] = secOfDay % 60;
        out[WDAY] = (int) Math.floorMod(days + 4, 7L); // 1970-01-01 was a Thursday
        // civil date from a day count, in 400-year eras starting on 0000-03-01
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097L);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        out[MDAY] = d;
        out[MON] = m - 1;
        out[YEAR] = (int) y;
    }
}
