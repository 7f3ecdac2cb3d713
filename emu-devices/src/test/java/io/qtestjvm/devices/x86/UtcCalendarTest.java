package io.qtestjvm.devices.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The RTC's calendar arithmetic, including QEMU 7.2's counting of fields a guest programs out of range. */
class UtcCalendarTest {
    private static final long DAY = 86_400L;

    private static int[] fields(long seconds) {
        int[] tm = new int[UtcCalendar.FIELDS];
        UtcCalendar.fromEpochSeconds(seconds, tm);
        return new int[] {tm[UtcCalendar.YEAR], tm[UtcCalendar.MON] + 1, tm[UtcCalendar.MDAY]};
    }

    @Test
    void datesOfTheCalendarRoundTripOverFourCenturies() {
        int[] tm = new int[UtcCalendar.FIELDS];
        for (long day = -200_000; day < 200_000; day += 7) {
            UtcCalendar.fromEpochSeconds(day * DAY + 3723, tm);
            assertEquals(day * DAY + 3723, UtcCalendar.toEpochSeconds(tm[UtcCalendar.YEAR], tm[UtcCalendar.MON] + 1,
                    tm[UtcCalendar.MDAY], tm[UtcCalendar.HOUR], tm[UtcCalendar.MIN], tm[UtcCalendar.SEC]));
        }
    }

    @Test
    void leapYearsFollowTheGregorianRule() {
        assertEquals(29 * DAY, UtcCalendar.toEpochSeconds(2000, 3, 1, 0, 0, 0)
                - UtcCalendar.toEpochSeconds(2000, 2, 1, 0, 0, 0));
        assertEquals(28 * DAY, UtcCalendar.toEpochSeconds(2100, 3, 1, 0, 0, 0)
                - UtcCalendar.toEpochSeconds(2100, 2, 1, 0, 0, 0));
        assertEquals(29 * DAY, UtcCalendar.toEpochSeconds(2024, 3, 1, 0, 0, 0)
                - UtcCalendar.toEpochSeconds(2024, 2, 1, 0, 0, 0));
    }

    @Test
    void dayZeroAndOverlongTimesSimplyAddUp() {
        assertEquals(1706752959L, UtcCalendar.toEpochSeconds(2024, 2, 0, 25, 61, 99));
    }

    @Test
    void monthZeroIsDecemberBeforeAndMonthsThirteenAndFourteenAreTheNextYear() {
        assertEquals(UtcCalendar.toEpochSeconds(2023, 12, 1, 0, 0, 0), UtcCalendar.toEpochSeconds(2024, 0, 1, 0, 0, 0));
        assertEquals(1704067200L, UtcCalendar.toEpochSeconds(2023, 13, 1, 0, 0, 0));
        assertEquals(1709164800L, UtcCalendar.toEpochSeconds(2023, 14, 29, 0, 0, 0));
        assertArrayEquals(new int[] {2024, 2, 29}, fields(UtcCalendar.toEpochSeconds(2023, 14, 29, 0, 0, 0)));
    }

    @Test
    void monthsFromFifteenCountOnInFiveMonthRunsWithoutTheNextLeapDay() {
        // QEMU 7.2: month 15 of 2023 is 367 days after 2023-03-01, so 2024-03-02 although 2024 is a leap year
        assertEquals(1709337600L, UtcCalendar.toEpochSeconds(2023, 15, 1, 0, 0, 0));
        assertArrayEquals(new int[] {2024, 3, 2}, fields(1709337600L));
        // BCD month byte 0x99 decodes to 165: 32 runs of 153 days plus 61 after 2000-03-01
        assertEquals(1380153600L, UtcCalendar.toEpochSeconds(2000, 165, 1, 0, 0, 0));
    }

    @Test
    void januaryAndFebruaryOfYearZeroComeOutOneDayLate() {
        assertEquals(-719527L * DAY, UtcCalendar.toEpochSeconds(0, 1, 1, 0, 0, 0));
        assertEquals(-719558L * DAY, UtcCalendar.toEpochSeconds(0, 0, 1, 0, 0, 0));
        assertEquals(-719468L * DAY, UtcCalendar.toEpochSeconds(0, 3, 1, 0, 0, 0));
        assertArrayEquals(new int[] {0, 1, 2}, fields(UtcCalendar.toEpochSeconds(0, 1, 1, 0, 0, 0)));
    }
}
