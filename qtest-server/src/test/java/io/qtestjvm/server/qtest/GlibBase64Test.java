package io.qtestjvm.server.qtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** b64write's decoder: RFC 4648 for well-formed text, QEMU 7.2's (glib's) answers for the rest. */
class GlibBase64Test {
    private static byte[] decode(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return GlibBase64.decode(b, 0, b.length);
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void wellFormedTextDecodesAsRfc4648() {
        Random rnd = new Random(4648);
        for (int len = 0; len < 200; len++) {
            byte[] data = new byte[len];
            rnd.nextBytes(data);
            assertArrayEquals(data, decode(Base64.getEncoder().encodeToString(data)));
        }
    }

    @Test
    void charactersOutsideTheAlphabetAreSkipped() {
        assertArrayEquals(bytes(0x01, 0x02, 0x03), decode("A Q\nI!D"));
        assertArrayEquals(bytes(), decode("!!!!"));
    }

    @Test
    void anIncompleteLastGroupGivesNothing() {
        // observed on Debian's QEMU 7.2 through b64write + read
        assertArrayEquals(bytes(), decode("AQE"));
        assertArrayEquals(bytes(), decode("AQ!I"));
        assertArrayEquals(bytes(0x01, 0x02, 0x03), decode("AQIDBAU"));
        assertArrayEquals(bytes(0x41, 0x42, 0x43), decode("QUJDRA="));
    }

    @Test
    void padCharactersShortenEveryGroupTheyEnd() {
        // observed on Debian's QEMU 7.2 through b64write + read
        assertArrayEquals(bytes(0x01, 0x01), decode("AQ==AQ=="));
        assertArrayEquals(bytes(0x00, 0x04, 0x20, 0x30, 0x40), decode("A=Q=IDBA"));
        assertArrayEquals(bytes(0x41, 0x03, 0x44), decode("QU=DRA=="));
        assertArrayEquals(bytes(0x00, 0x00), decode("===A"));
        assertArrayEquals(bytes(0x41, 0x42, 0x44, 0x04), decode("QUJ=RA=E"));
    }
}
