package io.qtestjvm.server.qmp;

import java.io.ByteArrayOutputStream;

/**
 * QEMU's modified UTF-8 helpers (util/unicode.c {@code mod_utf8_codepoint}, {@code mod_utf8_encode}): UTF-8 where
 * U+0000 is written {@code C0 80}, surrogates and noncharacters are invalid, and the overlong {@code C0 80} is the
 * only overlong form accepted.
 */
final class ModifiedUtf8 {
    private static final int[] MIN_CP = {0x80, 0x800, 0x10000, 0x200000, 0x4000000};

    private ModifiedUtf8() {
    }

    /** is_valid_codepoint: in range, not a surrogate, not a noncharacter. */
    static boolean isValidCodepoint(int cp) {
        if (cp < 0 || cp > 0x10FFFF) {
            return false;
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            return false;
        }
        return (cp & 0xFFFE) != 0xFFFE && !(cp >= 0xFDD0 && cp <= 0xFDEF);
    }

    /**
     * Decodes one code point at {@code pos}; returns {@code (end << 32) | (cp & 0xFFFFFFFF)} where cp is -1 for
     * an invalid sequence and end is where decoding stopped (as {@code mod_utf8_codepoint}'s {@code *end}).
     * Bytes at or past {@code limit} read as NUL, like the C string's terminator.
     */
    static long codepoint(byte[] s, int pos, int limit) {
        int p = pos;
        int b = s[p++] & 0xFF;
        int cp;
        if (b < 0x80) {
            cp = b;
        } else if (b >= 0xFE || (b & 0x40) == 0) {
            cp = -1;
        } else {
            int len = 0;
            int mask = 0x80;
            for (; (b & mask) != 0; mask >>= 1) {
                len++;
            }
            cp = b & (mask - 1);
            for (int i = 1; i < len; i++) {
                int c = p < limit ? s[p] & 0xFF : 0;
                if ((c & 0xC0) != 0x80) {
                    cp = -1;
                    return ((long) p << 32) | (cp & 0xFFFFFFFFL);
                }
                p++;
                cp = (cp << 6) | (c & 0x3F);
            }
            if (!isValidCodepoint(cp)) {
                cp = -1;
            } else if (cp < MIN_CP[len - 2] && !(cp == 0 && len == 2)) {
                cp = -1;
            }
        }
        return ((long) p << 32) | (cp & 0xFFFFFFFFL);
    }

    /** The key/string bytes as QEMU would hold them: UTF-8 with NUL as {@code C0 80}. */
    static byte[] encode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0) {
                out.write(0xC0);
                out.write(0x80);
            } else if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xC0 | (cp >> 6));
                out.write(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out.write(0xE0 | (cp >> 12));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            } else {
                out.write(0xF0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3F));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            }
        }
        return out.toByteArray();
    }

    /**
     * Bytes to characters the way {@code qobject_to_json} renders a QString: each invalid sequence becomes
     * U+FFFD. Used for error messages that quote raw client input ("stray '...'"). Stops at a NUL byte, as the
     * C string would.
     */
    static String decodeLenient(byte[] s, int off, int len) {
        StringBuilder sb = new StringBuilder(len);
        int limit = off + len;
        int p = off;
        while (p < limit && s[p] != 0) {
            long r = codepoint(s, p, limit);
            int cp = (int) r;
            int end = (int) (r >>> 32);
            sb.appendCodePoint(cp < 0 ? 0xFFFD : cp);
            p = Math.max(end, p + 1);
        }
        return sb.toString();
    }
}
