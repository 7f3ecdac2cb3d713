package io.qtestjvm.server.qtest;

/**
 * Number parsing as QEMU 7.2 parses qtest arguments (qemu-qtest-reference.md §1.2): C's {@code strtoull} /
 * {@code strtoll} in base 0 (ISO C 7.22.1.4), leading white space and a sign accepted, {@code 0x} means hex and a
 * leading {@code 0} octal, the whole word must be consumed, overflow is an error, and a negative unsigned value wraps.
 * Works on bytes without allocating; errors are reported through {@link #ok()}.
 */
final class QtestNumbers {
    /** {@code (2^64 - 1) / base}, unsigned. */
    private static final long OCTAL_LIMIT = 0x1fff_ffff_ffff_ffffL;
    private static final long DECIMAL_LIMIT = 1_844_674_407_370_955_161L;
    /** {@code (2^64 - 1) % 10}. */
    private static final int DECIMAL_LAST_DIGIT = 5;
    private static final int NOT_A_DIGIT = 99;
    private boolean ok;

    boolean ok() {
        return ok;
    }

    /** Unsigned 64-bit, "-1" is all ones. */
    long parseU64(byte[] b, int start, int end) {
        return parse(b, start, end, false);
    }

    /** Signed 64-bit. */
    long parseI64(byte[] b, int start, int end) {
        return parse(b, start, end, true);
    }

    /** Signed, in the 32-bit range. */
    int parseI32(byte[] b, int start, int end) {
        long v = parse(b, start, end, true);
        if (ok && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
            ok = false;
        }
        return (int) v;
    }

    private long parse(byte[] b, int start, int end, boolean signed) {
        ok = false;
        int i = start;
        while (i < end && isSpace(b[i])) {
            i++;
        }
        boolean negative = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        int base = 10;
        if (i < end && b[i] == '0') {
            if (i + 2 < end && (b[i + 1] == 'x' || b[i + 1] == 'X') && digit(b[i + 2]) < 16) {
                base = 16;
                i += 2;
            } else {
                base = 8;
            }
        }
        int digitsStart = i;
        long value = 0;
        boolean overflow = false;
        if (base == 16) {
            // the common case (libqtest writes addresses and values in hex), kept to a few bytecodes a digit: the
            // parser runs interpreted for a short-lived stand-in's first thousands of commands
            for (; i < end; i++) {
                int c = b[i];
                int d = c - '0';
                if (d > 9) {
                    d = (c | 0x20) - ('a' - 10); // 'A'-'F' as 'a'-'f'
                    if (d < 10 || d > 15) {
                        break;
                    }
                } else if (d < 0) {
                    break;
                }
                overflow |= value >>> 60 != 0;
                value = value << 4 | d;
            }
        } else {
            // (2^64 - 1) = limit * base + lastDigit: a value above limit, or at it with a larger digit, overflows
            long limit = base == 8 ? OCTAL_LIMIT : DECIMAL_LIMIT;
            int lastDigit = base == 10 ? DECIMAL_LAST_DIGIT : base - 1;
            while (i < end) {
                int d = digit(b[i]);
                if (d >= base) {
                    break;
                }
                if (value + Long.MIN_VALUE > limit + Long.MIN_VALUE || value == limit && d > lastDigit) {
                    overflow = true; // unsigned comparison by the sign-bit flip; the value wraps on, unused
                }
                value = value * base + d;
                i++;
            }
        }
        if (i == digitsStart || i != end) {
            return 0; // nothing converted, or trailing characters
        }
        if (overflow) {
            return 0;
        }
        if (signed) {
            // strtoll: magnitude must fit, allowing -2^63
            if (negative) {
                if (Long.compareUnsigned(value, Long.MIN_VALUE) > 0) {
                    return 0;
                }
                ok = true;
                return -value;
            }
            if (value < 0) {
                return 0;
            }
            ok = true;
            return value;
        }
        ok = true;
        return negative ? -value : value;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    /** The digit's value in bases up to 36, or {@link #NOT_A_DIGIT}, which is larger than any base. */
    private static int digit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        return NOT_A_DIGIT;
    }
}
