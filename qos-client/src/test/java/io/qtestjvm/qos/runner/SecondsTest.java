package io.qtestjvm.qos.runner;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Durations print as {@code %.Nf} prints them, rounded half up on the exact nanoseconds. */
class SecondsTest {
    @Test
    void fixedDecimalsRoundedHalfUp() {
        assertEquals("0.00", Seconds.of(0, 2));
        assertEquals("0.43", Seconds.of(434_999_999, 2));
        assertEquals("0.44", Seconds.of(435_000_000, 2), "half up");
        assertEquals("1.000", Seconds.of(999_500_000, 3), "a carry into the whole seconds");
        assertEquals("12.5", Seconds.of(12_450_000_000L, 1));
        assertEquals("0.001", Seconds.of(1_000_000, 3));
        assertEquals("0.000000001", Seconds.of(1, 9));
        assertEquals("3", Seconds.of(2_500_000_000L, 0));
        assertEquals("9223372036.85", Seconds.of(Long.MAX_VALUE, 2));
    }

    @Test
    void agreesWithTheFormatterAwayFromTies() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            long nanos = r.nextLong(1_000_000_000_000L);
            int decimals = r.nextInt(4);
            if (nanos % 1_000_000 == 500_000 || nanos % 10_000_000 == 5_000_000) {
                continue; // the formatter rounds the double nearest nanos / 1e9, which may fall either side of a tie
            }
            assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", nanos / 1e9), Seconds.of(nanos, decimals),
                    nanos + " ns, " + decimals + " decimals");
        }
    }

    @Test
    void refusesNegativeDurationsAndImpossibleDecimals() {
        assertThrows(IllegalArgumentException.class, () -> Seconds.of(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> Seconds.of(1, 10));
    }
}
