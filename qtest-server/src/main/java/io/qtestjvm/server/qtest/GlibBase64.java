package io.qtestjvm.server.qtest;

import java.util.Arrays;

/**
 * Base64 decoding as glib's {@code g_base64_decode} does it: characters outside the alphabet are skipped, and
 * trailing {@code =} padding shortens the output, so garbage decodes to fewer (or no) bytes instead of failing.
 */
final class GlibBase64 {
    private GlibBase64() {
    }

    static byte[] decode(byte[] b, int start, int end) {
        byte[] out = new byte[(end - start) * 3 / 4 + 3];
        int n = 0;
        int acc = 0;
        int bits = 0;
        for (int i = start; i < end; i++) {
            int c = b[i];
            int v;
            if (c >= 'A' && c <= 'Z') {
                v = c - 'A';
            } else if (c >= 'a' && c <= 'z') {
                v = c - 'a' + 26;
            } else if (c >= '0' && c <= '9') {
                v = c - '0' + 52;
            } else if (c == '+') {
                v = 62;
            } else if (c == '/') {
                v = 63;
            } else {
                // '=' padding and characters outside the alphabet carry no bits
                continue;
            }
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (acc >> bits);
            }
        }
        return Arrays.copyOf(out, n);
    }
}
