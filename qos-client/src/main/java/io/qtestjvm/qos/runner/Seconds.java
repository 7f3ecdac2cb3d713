package io.qtestjvm.qos.runner;

/**
 * A duration in seconds with a fixed number of decimals ({@code 0.43}, {@code 12.5}), as {@code %.Nf} prints it,
 * rounded half up, without {@link java.util.Formatter}: a formatter's first number loads the locale's decimal
 * symbols through the JDK's locale providers, which look for resources on the class path (~5-10 ms that each
 * {@code bin/qos-test} run paid for its one summary line, docs/performance.md, seventh round).
 */
public final class Seconds {
    private static final long[] TENS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};

    private Seconds() {
    }

    /** {@code nanos} (not negative) in seconds with {@code decimals} (0 to 9) decimals. */
    public static String of(long nanos, int decimals) {
        if (nanos < 0 || decimals < 0 || decimals > 9) {
            throw new IllegalArgumentException("seconds of " + nanos + " ns with " + decimals + " decimals");
        }
        long unit = TENS[9 - decimals];
        long scaled = nanos / unit + (nanos % unit >= (unit + 1) / 2 ? 1 : 0);
        long whole = scaled / TENS[decimals];
        if (decimals == 0) {
            return Long.toString(whole);
        }
        String fraction = Long.toString(scaled % TENS[decimals]);
        return whole + "." + "0".repeat(decimals - fraction.length()) + fraction;
    }
}
