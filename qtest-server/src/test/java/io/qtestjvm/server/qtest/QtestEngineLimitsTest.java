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
}
