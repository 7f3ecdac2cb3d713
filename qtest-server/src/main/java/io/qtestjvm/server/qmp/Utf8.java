package io.qtestjvm.server.qmp;

/**
 * UTF-8 (RFC 3629; the well-formed byte sequences of the Unicode Standard, section 3.9, table 3-7) as QEMU's QMP
 * reads it. Departures from the standard, observed on QEMU 7.2 and pinned in {@code JsonMessageReaderTest}:
 * <ul>
 * <li>{@code C0 80} is accepted as U+0000 (the "modified UTF-8" of Java's serialisation); every other overlong
 *     form is refused ({@code utf8InStringsFollowsTheStandardPlusC080}).</li>
 * <li>Noncharacters are refused as well as surrogates: U+FDD0..U+FDEF and every code point ending in FFFE or
 *     FFFF, whether written as bytes or as {@code \\u} escapes ({@code noncharactersAreRefused}).</li>
 * <li>Error texts that quote client bytes ("stray '...'") show each ill-formed sequence as one U+FFFD, where a
 *     sequence is the lead byte and the continuation bytes its leading one bits announce (up to six, as in the
 *     original UTF-8 of RFC 2279), cut short at the first byte that is not a continuation
 *     ({@code strayTextShowsIllFormedBytesAsReplacementCharacters}).</li>
 * </ul>
 */
final class Utf8 {
    /** Returned by {@link #decode} for an ill-formed or refused sequence. */
    static final int INVALID = -1;
    static final int REPLACEMENT = 0xFFFD;

    private Utf8() {
    }

    /** Whether QEMU takes {@code cp} as a character: a Unicode scalar value that is not a noncharacter. */
    static boolean isAcceptedCharacter(int cp) {
        if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        boolean noncharacter = (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
        return !noncharacter;
    }

    /** The number of bytes the sequence starting with {@code lead} has in well-formed UTF-8 (0: never a lead). */
    static int sequenceLength(int lead) {
        if (lead < 0x80) {
            return 1;
        }
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        return lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    }

    /**
     * The character of the well-formed sequence of {@code n} bytes at {@code s[p]} ({@code n} from
     * {@link #sequenceLength}, or 2 for {@code C0 80}), or {@link #INVALID}. Bytes at or past {@code limit} are
     * missing.
     */
    static int decode(byte[] s, int p, int n, int limit) {
        if (p + n > limit) {
            return INVALID;
        }
        int lead = s[p] & 0xFF;
        if (n == 1) {
            return lead;
        }
        int second = s[p + 1] & 0xFF;
        if (lead == 0xC0 && second == 0x80 && n == 2) {
            return 0;
        }
        // Table 3-7: the second byte's range depends on the lead; later bytes are 80..BF.
        int lo = 0x80;
        int hi = 0xBF;
        switch (lead) {
            case 0xE0 -> lo = 0xA0;
            case 0xED -> hi = 0x9F;
            case 0xF0 -> lo = 0x90;
            case 0xF4 -> hi = 0x8F;
            default -> { }
        }
        if (second < lo || second > hi || sequenceLength(lead) != n) {
            return INVALID;
        }
        int cp = lead & (0x7F >> n);
        for (int i = 1; i < n; i++) {
            int c = s[p + i] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                return INVALID;
            }
            cp = cp << 6 | (c & 0x3F);
        }
        return isAcceptedCharacter(cp) ? cp : INVALID;
    }

    /** Client bytes for an error text: see the class comment. Stops at a NUL byte. */
    static String decodeForDisplay(byte[] s, int off, int len) {
        StringBuilder sb = new StringBuilder(len + 1);
        int limit = off + len;
        int p = off;
        while (p < limit && s[p] != 0) {
            int span = displaySpan(s, p, limit);
            int n = span == 2 && (s[p] & 0xFF) == 0xC0 ? 2 : sequenceLength(s[p] & 0xFF);
            int cp = n == span ? decode(s, p, n, limit) : INVALID;
            sb.appendCodePoint(cp == INVALID ? REPLACEMENT : cp);
            p += span;
        }
        return sb.toString();
    }

    /** How many bytes display as one character: the announced length, cut at the first non-continuation byte. */
    private static int displaySpan(byte[] s, int p, int limit) {
        int lead = s[p] & 0xFF;
        int announced = Integer.numberOfLeadingZeros(~lead << 24);
        if (announced < 2 || announced > 6) {
            return 1;
        }
        int n = 1;
        while (n < announced && p + n < limit && (s[p + n] & 0xC0) == 0x80) {
            n++;
        }
        return n;
    }

    /**
     * The bytes QEMU holds for a string: UTF-8 (RFC 3629 section 3), except that U+0000 is the two bytes
     * {@code C0 80} so that the bytes never contain NUL. Lone surrogates (which a Java string may hold) are
     * written as three-byte sequences.
     */
    static byte[] encodeModified(String text) {
        byte[] out = new byte[text.length() * 3];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            int c = text.charAt(i);
            if (Character.isHighSurrogate((char) c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint((char) c, text.charAt(++i));
                out[n++] = (byte) (0xF0 | cp >> 18);
                out[n++] = (byte) (0x80 | (cp >> 12 & 0x3F));
                out[n++] = (byte) (0x80 | (cp >> 6 & 0x3F));
                out[n++] = (byte) (0x80 | (cp & 0x3F));
            } else if (c != 0 && c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | c >> 6);
                out[n++] = (byte) (0x80 | (c & 0x3F));
            } else {
                out[n++] = (byte) (0xE0 | c >> 12);
                out[n++] = (byte) (0x80 | (c >> 6 & 0x3F));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
