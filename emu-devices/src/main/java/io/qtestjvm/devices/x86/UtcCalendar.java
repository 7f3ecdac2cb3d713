package io.qtestjvm.devices.x86;

/**
 * Allocation-free UTC calendar arithmetic for the RTC, on the proleptic Gregorian calendar (every fourth year a
 * leap year, except centuries not divisible by 400; year 0 is a leap year), days counted from 1970-01-01.
 *
 * <p>{@link #toEpochSeconds} takes the fields as the guest programmed them, unchecked: seconds, minutes, hours and
 * days simply add up (a day 0 is the day before the first), and months outside 1..12 are counted the way QEMU 7.2
 * counts them, which a guest reaches with month bytes up to 165 (BCD) or 255 (binary):
 * <ul>
 * <li>month 0 is December of the year before; months 13 and 14 are January and February of the year after;</li>
 * <li>from month 15 on, months keep counting from March of the programmed year in the five-month pattern
 *     31, 30, 31, 30, 31 days (March to July, August to December, January on), so the February after the
 *     programmed year counts 30 days and no later leap day is counted;</li>
 * <li>in year 0, January, February and month 0 come out one day late (QEMU counts the leap years before them
 *     with a division that truncates towards zero).</li>
 * </ul>
 * Pinned by {@code UtcCalendarTest}.
 */
final class UtcCalendar {
    static final int SEC = 0;
    static final int MIN = 1;
    static final int HOUR = 2;
    static final int MDAY = 3;
    /** Month 0..11. */
    static final int MON = 4;
    /** The full year. */
    static final int YEAR = 5;
    /** Day of the week, 0 = Sunday. */
    static final int WDAY = 6;
    static final int FIELDS = 7;

    private static final long SECONDS_PER_DAY = 86_400L;
    /** Days of a five-month run 31, 30, 31, 30, 31. */
    private static final int FIVE_MONTHS = 153;

    private UtcCalendar() {
    }

    /**
     * Seconds since 1970-01-01 00:00:00 UTC of the given fields; {@code month} is 1..12 for a date of the calendar
     * and {@code year} the full year. Out-of-range fields as the class comment says.
     */
    static long toEpochSeconds(int year, int month, int mday, int hour, int min, int sec) {
        return SECONDS_PER_DAY * daysSinceEpoch(year, month, mday) + 3600L * hour + 60L * min + sec;
    }

    private static long daysSinceEpoch(long year, int month, int mday) {
        long firstOfMonth;
        if (month >= 1 && month <= 12) {
            firstOfMonth = firstOfYear(year) + daysBeforeMonth(month, isLeap(year));
        } else if (month == 0) {
            firstOfMonth = firstOfYear(year - 1) + daysBeforeMonth(12, isLeap(year - 1));
        } else if (month == 13 || month == 14) {
            firstOfMonth = firstOfYear(year + 1) + daysBeforeMonth(month - 12, isLeap(year + 1));
        } else {
            // months counted on from March of the programmed year, in five-month runs
            long sinceMarch = month - 3;
            firstOfMonth = firstOfYear(year) + daysBeforeMonth(3, isLeap(year))
                    + FIVE_MONTHS * Math.floorDiv(sinceMarch, 5L)
                    + daysIntoFiveMonths((int) Math.floorMod(sinceMarch, 5L));
        }
        if (year == 0 && month <= 2 && month >= 0) {
            firstOfMonth++;
        }
        return firstOfMonth + mday - 1;
    }

    /** Whether {@code year} has a February 29th. */
    private static boolean isLeap(long year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** Leap years among 1..{@code year} (for year < 0, minus those among year+1..0). */
    private static long leapYearsThrough(long year) {
        return Math.floorDiv(year, 4L) - Math.floorDiv(year, 100L) + Math.floorDiv(year, 400L);
    }

    /** Days from 1970-01-01 to January 1st of {@code year}. */
    private static long firstOfYear(long year) {
        return 365L * (year - 1970) + leapYearsThrough(year - 1) - leapYearsThrough(1969);
    }

    /** Days of the year before the first of {@code month} (1..12). */
    private static int daysBeforeMonth(int month, boolean leap) {
        int febExtra = leap && month > 2 ? 1 : 0;
        return febExtra + switch (month) {
            case 1 -> 0;
            case 2 -> 31;
            case 3 -> 59;
            case 4 -> 90;
            case 5 -> 120;
            case 6 -> 151;
            case 7 -> 181;
            case 8 -> 212;
            case 9 -> 243;
            case 10 -> 273;
            case 11 -> 304;
            default -> 334;
        };
    }

    /** Days before month {@code i} (0..4) of a run of months of 31, 30, 31, 30, 31 days. */
    private static int daysIntoFiveMonths(int i) {
        return switch (i) {
            case 0 -> 0;
            case 1 -> 31;
            case 2 -> 61;
            case 3 -> 92;
            default -> 122;
        };
    }

    /** The calendar fields of {@code seconds} since 1970 into {@code out} (indexed by the constants above). */
    static void fromEpochSeconds(long seconds, int[] out) {
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
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
