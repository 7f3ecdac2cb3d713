package io.qtestjvm.server.qtest;

/**
 * Number parsing as QEMU 7.2 parses qtest arguments (qemu-qtest-reference.md §1.2): C's {@code strtoull} /
 * {@code strtoll} in base 0 (ISO C 7.22.1.4), leading white space and a sign accepted, {@code 0x} means hex and a
 * leading {@code 0} octal, the whole word must be consumed, overflow is an error, and a negative unsigned value wraps.
 * Works on bytes without allocating; errors are reported through {@link #ok()}.
 */
final class QtestNumbers {
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
            if (i + 2 < end && (b[i + 1] == 'x' || b[i + 1] == 'X') && digit(b[i + 2]) >= 0
                    && digit(b[i + 2]) < 16) {
                base = 16;
                i += 2;
            } else {
                base = 8;
            }
        }
        int digitsStart = i;
        long value = 0;
        boolean overflow = false;
        while (i < end) {
            int d = digit(b[i]);
            if (d < 0 || d >= base) {
                break;
            }
            long next = value * base + d;
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, base)) > 0
                    || Long.compareUnsigned(next, value * base) < 0) {
                overflow = true;
            }
            value = next;
            i++;
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
        return -1;
    }
}
