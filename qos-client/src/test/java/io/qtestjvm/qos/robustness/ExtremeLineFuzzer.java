package io.qtestjvm.qos.robustness;

import java.util.SplittableRandom;

/**
 * Seeded generator of qtest lines at the edges of the number space for raspi2b (issue 10): clock moves up to and
 * past 2^63, data sizes around and far above the engine's 16 MiB limit, huge and malformed numbers. Writes stay in
 * RAM away from the sentinel and from the peripherals (a guest-enabled periodic timer would make the clock
 * extremes cost a tick per period), or go to unassigned space above 4 GiB; {@code memset}s touch at most 64 MiB
 * (most of them at most 256 KiB).
 */
final class ExtremeLineFuzzer {
    static final long SENTINEL = 0x100000;
    static final int SENTINEL_LEN = 64;
    private static final long RAM_FROM = 0x400000;
    private static final long RAM_TO = 0x3e000000L;
    private static final String[] CLOCKS = {"9223372036854775807", "9223372036854775806", "-9223372036854775808",
        "-1", "0", "1", "4611686018427387904", "9223372036854775808", "18446744073709551615", "0x7fffffffffffffff",
        "0xffffffffffffffff", "99999999999999999999999999999999", "1000000000000", "-0", "0x", ""};
    private static final String[] SIZES = {"0", "1", "0x1000000", "0x1000001", "16777216", "0x100000000",
        "0x7fffffffffffffff", "0x8000000000000000", "0xffffffffffffffff", "18446744073709551616", "-1",
        "0x10000000000", "0x10000000001", "99999999999999999999"};
    private static final String[] NUMBERS = {"0xffffffffffffffff", "18446744073709551615", "18446744073709551616",
        "-9223372036854775808", "9223372036854775807", "0x" + "f".repeat(40), "-1", "0x10000000000000000", "0",
        "4294967296"};

    private final SplittableRandom rnd;

    ExtremeLineFuzzer(long seed) {
        rnd = new SplittableRandom(seed);
    }

    String next() {
        return switch (rnd.nextInt(9)) {
            case 0 -> "clock_set " + pick(CLOCKS);
            case 1 -> "clock_step " + pick(CLOCKS);
            case 2 -> "clock_step";
            case 3 -> pick(new String[] {"read ", "b64read "}) + ramOrHigh() + " " + readSize();
            case 4 -> pick(new String[] {"write ", "b64write "}) + ramOrHigh() + " " + pick(SIZES) + " "
                    + pick(new String[] {"0x00", "AAAA", "0x" + "ab".repeat(rnd.nextInt(1, 64)), ""});
            case 5 -> memset();
            case 6 -> pick(new String[] {"writeb ", "writew ", "writel ", "writeq "}) + ramOrHigh() + " "
                    + pick(NUMBERS);
            case 7 -> pick(new String[] {"readb ", "readw ", "readl ", "readq "}) + ramOrHigh();
            // huge numbers where they cannot write: reads anywhere (refused sizes, unassigned space)
            default -> pick(new String[] {"readq ", "read ", "b64read ", "readb "}) + pick(NUMBERS) + " "
                    + pick(NUMBERS) + " " + pick(NUMBERS);
        };
    }

    /**
     * Sizes above the limit fail; served ones stay at most 1 MiB (HostileLoadTest reads 16 MiB, whose 32 MiB reply
     * takes the client seconds to parse).
     */
    private String readSize() {
        int k = rnd.nextInt(40);
        if (k == 0) {
            return "0x100000";
        }
        if (k < 20) {
            String size = pick(SIZES);
            return size.equals("0x1000000") || size.equals("16777216") ? "0x1000001" : size;
        }
        return "0x" + Long.toHexString(rnd.nextLong(1, 4096));
    }

    /** Inside RAM (aligned down so an 8-byte access stays there) or unassigned space above 4 GiB. */
    private String ramOrHigh() {
        if (rnd.nextInt(4) == 0) {
            return "0x" + Long.toHexString((1L << 32) + rnd.nextLong(0, Long.MAX_VALUE - (1L << 32)));
        }
        return "0x" + Long.toHexString(rnd.nextLong(RAM_FROM, RAM_TO) & ~7L);
    }

    private String memset() {
        if (rnd.nextInt(3) == 0) { // refused: above the engine's 2^40 limit
            return "memset 0x0 " + pick(new String[] {"0x10000000001", "0xffffffffffffffff", "-1"}) + " 0x1";
        }
        long size = rnd.nextLong(1, rnd.nextInt(16) == 0 ? 64L << 20 : 256L << 10);
        long at = rnd.nextLong(RAM_FROM, RAM_TO - size);
        return "memset 0x" + Long.toHexString(at) + " 0x" + Long.toHexString(size) + " 0x"
                + Integer.toHexString(rnd.nextInt(256));
    }

    private String pick(String[] from) {
        return from[rnd.nextInt(from.length)];
    }
}
