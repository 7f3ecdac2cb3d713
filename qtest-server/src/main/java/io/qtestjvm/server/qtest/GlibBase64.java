package io.qtestjvm.server.qtest;

import java.util.Arrays;

/**
 * Base64 decoding for {@code b64write} (RFC 4648 section 4: the alphabet of Table 1; each group of four characters
 * carries a 24-bit group, three octets; padding with {@code =} in the last group marks 16 or 8 bits of data), with
 * the leniency QEMU 7.2 shows through glib's decoder, observed on Debian's QEMU with {@code b64write} followed by
 * {@code read}:
 * <ul>
 * <li>characters outside the alphabet and {@code =} are skipped (RFC 4648 3.3 allows a referring specification to
 *     ignore them);</li>
 * <li>{@code =} is not only padding: wherever it stands it fills its place in a group with the value 0, and every
 *     group, not only the last, gives one octet fewer when its fourth character is {@code =} and one more fewer
 *     when its third is ({@code QU=DRA==} gives 41 03 44, {@code ===A} gives 00 00);</li>
 * <li>characters left over after the last complete group of four give nothing ({@code QUJDRA=} gives 41 42 43,
 *     {@code AQE} nothing).</li>
 * </ul>
 * Pinned by {@code GlibBase64Test} and {@code QtestEngineMemoryTest}.
 */
final class GlibBase64 {
    /** The pad character's marker, RFC 4648 section 3.2. */
    private static final int PAD = -2;
    /** Not a character of the encoding. */
    private static final int SKIPPED = -1;

    private GlibBase64() {
    }

    /** The 6-bit value of an encoding character (RFC 4648 Table 1), {@link #PAD} or {@link #SKIPPED}. */
    private static int sextet(byte c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+') {
            return 62;
        }
        if (c == '/') {
            return 63;
        }
        return c == '=' ? PAD : SKIPPED;
    }

    /** Decodes the characters {@code text[start, end)}. */
    static byte[] decode(byte[] text, int start, int end) {
        byte[] out = new byte[Math.max(0, end - start) / 4 * 3];
        int n = 0;
        int group = 0;
        int chars = 0;
        boolean thirdIsPad = false;
        for (int i = start; i < end; i++) {
            int v = sextet(text[i]);
            if (v == SKIPPED) {
                continue;
            }
            group = (group << 6) | (v == PAD ? 0 : v);
            chars++;
            if (chars == 3) {
                thirdIsPad = v == PAD;
            } else if (chars == 4) {
                out[n++] = (byte) (group >> 16);
                if (!thirdIsPad) {
                    out[n++] = (byte) (group >> 8);
                }
                if (v != PAD) {
                    out[n++] = (byte) group;
                }
                group = 0;
                chars = 0;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
