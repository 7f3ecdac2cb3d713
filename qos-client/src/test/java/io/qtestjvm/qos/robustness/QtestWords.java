package io.qtestjvm.qos.robustness;

import java.util.ArrayList;
import java.util.List;

/**
 * How QEMU reads a qtest line (system/qtest.c, reference section 1.2), for the fuzzer's guard: words split on
 * single spaces ({@code g_strsplit(line, " ", 0)}, empty words kept) and numbers read as {@code strtoull}/
 * {@code strtoll} with base 0 (leading white space, a sign, {@code 0x} hex, leading-zero octal, the whole word
 * consumed, overflow rejected). Written independently of the server's parser so that a disagreement shows up as a
 * fuzz failure instead of being hidden.
 */
final class QtestWords {
    private QtestWords() {
    }

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        if (line.isEmpty()) {
            return words;
        }
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ' ') {
                words.add(line.substring(start, i));
                start = i + 1;
            }
        }
        return words;
    }

    /** The unsigned 64-bit value of {@code word} (negative values wrap), or null where QEMU's parse fails. */
    static Long u64(String word) {
        return parse(word, false);
    }

    /** The signed 64-bit value of {@code word}, or null where QEMU's parse fails. */
    static Long i64(String word) {
        return parse(word, true);
    }

    private static Long parse(String w, boolean signed) {
        int i = 0;
        while (i < w.length() && " \t\n\u000b\f\r".indexOf(w.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = false;
        if (i < w.length() && (w.charAt(i) == '+' || w.charAt(i) == '-')) {
            negative = w.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i < w.length() && w.charAt(i) == '0') {
            base = 8;
            if (i + 2 < w.length() && (w.charAt(i + 1) | 0x20) == 'x' && Character.digit(w.charAt(i + 2), 16) >= 0
                    && w.charAt(i + 2) < 0x80) {
                base = 16;
                i += 2;
            }
        }
        if (i == w.length()) {
            return null;
        }
        java.math.BigInteger v = java.math.BigInteger.ZERO;
        for (; i < w.length(); i++) {
            char c = w.charAt(i);
            int d = c < 0x80 ? Character.digit(c, base) : -1;
            if (d < 0) {
                return null;
            }
            v = v.multiply(java.math.BigInteger.valueOf(base)).add(java.math.BigInteger.valueOf(d));
        }
        if (signed) {
            java.math.BigInteger s = negative ? v.negate() : v;
            if (s.bitLength() > 63) {
                return null;
            }
            return s.longValue();
        }
        if (v.bitLength() > 64) {
            return null;
        }
        return negative ? -v.longValue() : v.longValue();
    }
}
