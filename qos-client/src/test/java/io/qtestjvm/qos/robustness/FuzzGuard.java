package io.qtestjvm.qos.robustness;

import java.math.BigInteger;
import java.util.List;

/**
 * Keeps the fuzzer's lines away from what the sentinel checks rely on and from work that legitimately takes
 * unbounded time, reading each line as QEMU would ({@link QtestWords}):
 * <ul>
 * <li>no memory write ({@code writeX}, {@code write}, {@code b64write}, {@code memset}) may touch
 * [{@link #PROTECTED_START}, {@link #PROTECTED_END}), where the sentinel pattern lives; an address range that wraps
 * past 2^64 counts from 0 again;</li>
 * <li>the virtual clock may not be moved more than {@link #MAX_CLOCK_MOVE_NS} ahead in one command: every timer
 * fires once per period on the way (QEMU's {@code qtest_clock_warp} does the same), and the PIT runs from reset, so
 * {@code clock_set 2^62} would take hours on QEMU and on us alike.</li>
 * </ul>
 * Lines the server rejects before acting (unparsable numbers, sizes above its limits) are let through.
 */
final class FuzzGuard {
    static final long PROTECTED_START = 0x100000;
    static final long PROTECTED_END = 0x300000;
    static final long MAX_CLOCK_MOVE_NS = 1_000_000_000L;
    private static final long MAX_DATA = 16 << 20; // QtestEngine.MAX_DATA
    private static final long MAX_MEMSET = 1L << 40; // QtestEngine's memset limit
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private long clockNs;

    boolean allows(String line) {
        List<String> w = QtestWords.split(line);
        if (w.isEmpty()) {
            return true;
        }
        switch (w.get(0)) {
            case "writeb", "writew", "writel", "writeq" -> {
                int width = switch (w.get(0).charAt(5)) {
                    case 'b' -> 1;
                    case 'w' -> 2;
                    case 'l' -> 4;
                    default -> 8;
                };
                return w.size() < 3 || !touchesProtected(QtestWords.u64(w.get(1)), (long) width);
            }
            case "write", "b64write" -> {
                if (w.size() < 4 || w.get(3).length() < 3) {
                    return true;
                }
                Long size = QtestWords.u64(w.get(2));
                return size == null || Long.compareUnsigned(size, MAX_DATA) > 0
                        || !touchesProtected(QtestWords.u64(w.get(1)), size);
            }
            case "memset" -> {
                if (w.size() < 4 || QtestWords.u64(w.get(3)) == null) {
                    return true;
                }
                Long size = QtestWords.u64(w.get(2));
                return size == null || size == 0 || Long.compareUnsigned(size, MAX_MEMSET) > 0
                        || !touchesProtected(QtestWords.u64(w.get(1)), size);
            }
            case "clock_step" -> {
                Long ns = w.size() < 2 ? null : QtestWords.i64(w.get(1));
                return ns == null || ns <= MAX_CLOCK_MOVE_NS;
            }
            case "clock_set" -> {
                Long ns = w.size() < 2 ? null : QtestWords.i64(w.get(1));
                return ns == null || ns <= clockNs + MAX_CLOCK_MOVE_NS;
            }
            default -> {
                return true;
            }
        }
    }

    /** Follows the virtual clock through the replies of the clock commands. */
    void observe(String line, String reply) {
        if (!line.startsWith("clock_")) {
            return;
        }
        int sp = reply.indexOf(' ');
        if (sp > 0 && (reply.startsWith("OK ") || reply.startsWith("FAIL "))) {
            try {
                clockNs = Math.max(clockNs, Long.parseLong(reply.substring(sp + 1)));
            } catch (NumberFormatException e) {
                // a FAIL with a reason instead of a time: the clock did not move
            }
        }
    }

    private static boolean touchesProtected(Long addr, Long len) {
        if (addr == null || len == null) {
            return false; // the server fails the line before writing
        }
        BigInteger start = new BigInteger(Long.toUnsignedString(addr));
        BigInteger end = start.add(new BigInteger(Long.toUnsignedString(len)));
        for (BigInteger base : new BigInteger[] {BigInteger.ZERO, TWO_64}) {
            BigInteger ps = base.add(BigInteger.valueOf(PROTECTED_START));
            BigInteger pe = base.add(BigInteger.valueOf(PROTECTED_END));
            if (start.compareTo(pe) < 0 && end.compareTo(ps) > 0) {
                return true;
            }
        }
        return false;
    }
}
