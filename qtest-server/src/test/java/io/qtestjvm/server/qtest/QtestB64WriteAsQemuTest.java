package io.qtestjvm.server.qtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** b64write of malformed text: the memory afterwards as Debian's QEMU 7.2 leaves it (decoded in place). */
class QtestB64WriteAsQemuTest {
    private final EngineHarness h = EngineHarness.v10();

    @ParameterizedTest
    @CsvSource({
        "AQ==AQ==, OK 0x01013d3d41513d3d",
        "AQIDBAU, OK 0x0102034442415500",
        "A=Q=IDBA, OK 0x0004203040444241",
        "QUJDRA=, OK 0x4142434452413d00",
        "QU=DRA==, OK 0x4103444452413d3d",
        "QUJ=RA=E, OK 0x4142440452413d45",
    })
    void malformedTextLeavesWhatQemuLeaves(String text, String read) {
        assertEquals("OK", h.reply("b64write 0x1000 8 " + text));
        assertEquals(read, h.reply("read 0x1000 8"));
    }
}
