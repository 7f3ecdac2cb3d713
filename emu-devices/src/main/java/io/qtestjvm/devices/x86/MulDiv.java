package io.qtestjvm.devices.x86;

import java.math.BigInteger;

/**
 * Scaling of a time or tick count by a ratio of frequencies, {@code floor(a * b / c)}, with a 128-bit intermediate
 * product so that nanosecond times near 2^63 still scale exactly. A quotient that does not fit saturates at
 * {@link Long#MAX_VALUE}.
 */
public final class MulDiv {
    private static final long LOW_32 = 0xffff_ffffL;

    private MulDiv() {
    }

    /**
     * {@code floor(a * b / c)} for {@code a, b >= 0} and {@code c > 0}; saturates at {@link Long#MAX_VALUE}.
     * Negative {@code a} or {@code b} count as 0.
     */
    public static long muldiv64(long a, long b, long c) {
        if (a <= 0 || b <= 0) {
            return 0;
        }
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) {
            return lo / c;
        }
        if (hi >= c) {
            return Long.MAX_VALUE;
        }
        long q = divideWide(hi, lo, c);
        return q < 0 ? Long.MAX_VALUE : q;
    }

    /** (hi:lo) / c for hi < c, as an unsigned 64-bit quotient. */
    private static long divideWide(long hi, long lo, long c) {
        if (c <= LOW_32) {
            // schoolbook division by 32-bit digits: each partial remainder stays below c < 2^32
            long r = hi % c;
            long q = 0;
            for (int shift = 32; shift >= 0; shift -= 32) {
                long digit = (lo >>> shift) & LOW_32;
                long cur = (r << 32) | digit;
                long qd = Long.divideUnsigned(cur, c);
                r = Long.remainderUnsigned(cur, c);
                q = (q << 32) | qd;
            }
            return q;
        }
        BigInteger n = BigInteger.valueOf(hi).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(lo)));
        BigInteger quotient = n.divide(BigInteger.valueOf(c));
        return quotient.bitLength() > 63 ? -1 : quotient.longValue();
    }
}
