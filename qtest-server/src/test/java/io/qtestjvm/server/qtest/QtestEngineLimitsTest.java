package io.qtestjvm.server.qtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sizes QEMU would try to g_malloc (and abort on when that fails) are refused with FAIL: found by the qos-client
 * fuzzer, where {@code read 0 0x8000000} ended the stand-in process with an OutOfMemoryError.
 */
class QtestEngineLimitsTest {
    private final EngineHarness h = EngineHarness.v72();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"read 0x0 0x8000000", "b64read 0x0 0x8000000", "write 0x0 0x8000000 0x00",
        "b64write 0x0 0x8000000 AAAA", "read 0x0 0x1000001", "read 0x0 -1", "b64read 0x0 0xffffffffffffffff"})
    void oversizedDataCommandsFailAndTheSessionGoesOn(String line) {
        String reply = h.reply(line);
        assertTrue(reply.startsWith("FAIL ") && reply.endsWith("exceeds the supported 16777216"),
                () -> line + " -> " + reply);
        assertEquals("OK little", h.reply("endianness"));
    }

    @Test
    void theLargestSupportedReadIsServed() {
        String reply = h.reply("read 0x0 0x1000000");
        assertEquals(2 + 3 + 2 * (16 << 20), reply.length(), "OK 0x + two digits per byte");
    }

    private String feedInPieces(byte[] line, int piece) {
        h.sent.setLength(0);
        for (int off = 0; off < line.length; off += piece) {
            h.engine.feed(line, off, Math.min(piece, line.length - off));
        }
        return h.sent.toString();
    }

    @Test
    void aLineLongerThanTheBoundFailsOnceItsNewlineArrivesAndTheNextLineIsServed() {
        byte[] huge = new byte[QtestEngine.MAX_LINE + 4096];
        java.util.Arrays.fill(huge, (byte) 'x');
        huge[huge.length - 1] = '\n';
        assertEquals("", feedInPieces(java.util.Arrays.copyOf(huge, huge.length - 1), 4096),
                "nothing is answered before the line ends");
        assertEquals("FAIL command line longer than " + QtestEngine.MAX_LINE + " bytes\n",
                feedInPieces(new byte[] {'\n'}, 1));
        byte[] next = "writeb 0x10 0x5a\nreadb 0x10\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("OK\nOK 0x000000000000005a\n", feedInPieces(next, next.length));
    }

    @Test
    void anOverLongLineInOneFeedIsRefusedWithoutExecutingIt() {
        byte[] huge = new byte[QtestEngine.MAX_LINE + 2];
        java.util.Arrays.fill(huge, (byte) '1');
        huge[huge.length - 1] = '\n';
        assertEquals("FAIL command line longer than " + QtestEngine.MAX_LINE + " bytes\n",
                feedInPieces(huge, huge.length));
        assertEquals("OK little", h.reply("endianness"));
    }

    @Test
    void theLargestLegitimateWriteFitsUnderTheLineBound() {
        StringBuilder line = new StringBuilder("write 0x0000000000000000 0x1000000 0x");
        line.append("ab".repeat(16 << 20)).append('\n');
        byte[] b = line.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(b.length - 1 <= QtestEngine.MAX_LINE);
        assertEquals("OK\n", feedInPieces(b, 65536));
        assertEquals("OK 0xabab", h.reply("read 0x0 0x2"));
    }
}
