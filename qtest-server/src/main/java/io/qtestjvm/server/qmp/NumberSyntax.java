package io.qtestjvm.server.qmp;

/**
 * The number grammar of RFC 8259 section 6 as a position within it, one byte at a time:
 * {@code number = [ minus ] int [ frac ] [ exp ]}, {@code int = zero / ( digit1-9 *DIGIT )},
 * {@code frac = decimal-point 1*DIGIT}, {@code exp = e [ minus / plus ] 1*DIGIT}. QEMU reads numbers exactly so:
 * no leading {@code +}, no leading zeros, no bare {@code .} or exponent.
 */
final class NumberSyntax {
    /** The byte cannot continue the number; if the number is complete, it ends before that byte. */
    static final int REFUSED = -1;
    /**
     * A digit after an {@code int} that is a single zero. RFC 8259 has no reading for it; QEMU does not end the
     * number there (which would start a second one) but refuses the byte as stray: {@code 01} is one error.
     */
    static final int DIGIT_AFTER_ZERO = -2;
    /** Nothing read yet. */
    static final int START = 0;
    /** {@code minus}, waiting for {@code int}. */
    static final int AFTER_MINUS = 1;
    /** {@code int} is a single zero: no more digits may follow. */
    static final int INT_ZERO = 2;
    /** {@code int} with a leading 1-9: more digits may follow. */
    static final int INT_DIGITS = 3;
    /** {@code decimal-point}, waiting for the first digit of {@code frac}. */
    static final int AFTER_POINT = 4;
    static final int FRAC_DIGITS = 5;
    /** {@code e}, waiting for a sign or a digit. */
    static final int AFTER_E = 6;
    /** {@code e} and its sign, waiting for a digit. */
    static final int AFTER_EXP_SIGN = 7;
    static final int EXP_DIGITS = 8;

    private NumberSyntax() {
    }

    /** The position after {@code b}, or {@link #REFUSED} when the grammar cannot take it here. */
    static int next(int position, int b) {
        boolean digit = b >= '0' && b <= '9';
        return switch (position) {
            case START -> b == '-' ? AFTER_MINUS : intStart(b);
            case AFTER_MINUS -> intStart(b);
            case INT_ZERO -> digit ? DIGIT_AFTER_ZERO : fractionOrExponent(b);
            case INT_DIGITS -> digit ? INT_DIGITS : fractionOrExponent(b);
            case AFTER_POINT -> digit ? FRAC_DIGITS : REFUSED;
            case FRAC_DIGITS -> digit ? FRAC_DIGITS : exponent(b);
            case AFTER_E -> b == '+' || b == '-' ? AFTER_EXP_SIGN : digit ? EXP_DIGITS : REFUSED;
            case AFTER_EXP_SIGN, EXP_DIGITS -> digit ? EXP_DIGITS : REFUSED;
            default -> REFUSED;
        };
    }

    /** Whether a number may end at this position. */
    static boolean isComplete(int position) {
        return position == INT_ZERO || position == INT_DIGITS || position == FRAC_DIGITS
                || position == EXP_DIGITS;
    }

    private static int intStart(int b) {
        if (b == '0') {
            return INT_ZERO;
        }
        return b >= '1' && b <= '9' ? INT_DIGITS : REFUSED;
    }

    private static int fractionOrExponent(int b) {
        return b == '.' ? AFTER_POINT : exponent(b);
    }

    private static int exponent(int b) {
        return b == 'e' || b == 'E' ? AFTER_E : REFUSED;
    }
}
