package io.qtestjvm.server.qtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Memory and port commands: reply formats and byte order exactly as QEMU's qtest.c produces them. */
class QtestEngineMemoryTest {
    private final EngineHarness h = EngineHarness.v10();

    @Test
    void readRepliesAlwaysCarrySixteenHexDigits() {
        h.reply("writel 0x1000 0xdeadbeef");
        assertEquals("OK 0x00000000000000ef", h.reply("readb 0x1000"));
        assertEquals("OK 0x000000000000beef", h.reply("readw 0x1000"));
        assertEquals("OK 0x00000000deadbeef", h.reply("readl 0x1000"));
        assertEquals("OK 0x00000000deadbeef", h.reply("readq 0x1000"));
    }

    @Test
    void writeValueIsStoredInTargetByteOrderOnLittleEndian() {
        assertEquals("OK", h.reply("writeq 0x1000 0x0102030405060708"));
        assertEquals("OK 0x0807060504030201", h.reply("read 0x1000 8"));
    }

    @Test
    void writeValueIsStoredInTargetByteOrderOnBigEndian() {
        EngineHarness be = new EngineHarness(Compat.V10_2, true, true);
        be.reply("writel 0x1000 0x11223344");
        assertEquals("OK 0x11223344", be.reply("read 0x1000 4"));
        assertEquals("OK 0x0000000011223344", be.reply("readl 0x1000"));
        assertEquals("OK 0x0000000000001122", be.reply("readw 0x1000"));
        assertEquals("OK big", be.reply("endianness"));
    }

    @Test
    void littleEndianRegistersReadByteSwappedOnBigEndianTargets() {
        EngineHarness be = new EngineHarness(Compat.V10_2, true, true);
        // register 0 holds 0x11223344; its bytes in memory are 44 33 22 11 (a little-endian device)
        assertEquals("OK 0x44332211", be.reply("read 0x10000000 4"));
        assertEquals("OK 0x0000000044332211", be.reply("readl 0x10000000"));
        assertEquals("OK 0x0000000011223344", h.reply("readl 0x10000000"));
    }

    @Test
    void wideAccessToFourByteRegistersIsSplitInAscendingOrder() {
        assertEquals("OK 0x4433221145332211", h.reply("read 0x10000000 8"));
        assertEquals("OK 0x1122334511223344", h.reply("readq 0x10000000"));
        h.reply("writeq 0x10000000 0xaaaaaaaabbbbbbbb");
        assertEquals(java.util.List.of("0=bbbbbbbb/4", "4=aaaaaaaa/4"), h.target.regWrites);
    }

    @Test
    void writeWithShortDataZeroFillsTheRest() {
        h.reply("write 0x1000 4 0xa1b2c3d4");
        assertEquals("OK", h.reply("write 0x1000 3 0x1"));
        assertEquals("OK 0x000000d4", h.reply("read 0x1000 4"));
    }

    @Test
    void writeWithFewerThanThreeCharactersAnswersErr() {
        assertEquals("ERR invalid argument size", h.reply("write 0x1000 0 0x"));
        assertEquals("ERR invalid argument size", h.reply("b64write 0x1000 4 AB"));
    }

    @Test
    void writeSkipsThePrefixUncheckedAndTurnsBadDigitsIntoSetBits() {
        // QEMU's hex2nib answers -1 for a bad digit: "zz" is 0xff, "z5" is 0xf5, "5z" is 0xff
        assertEquals("OK", h.reply("write 0x1000 3 XYzzz55z"));
        assertEquals("OK 0xfff5ff", h.reply("read 0x1000 3"));
        assertEquals("OK", h.reply("write 0x0 4 xyz"));
        assertEquals("OK 0x00000000", h.reply("read 0x0 4"));
    }

    @Test
    void base64RoundTripsAndZeroLengthReadAnswersOkWithSpace() {
        h.reply("writeq 0x1000 0x0102030405060708");
        assertEquals("OK CAcGBQQDAgE=", h.reply("b64read 0x1000 8"));
        assertEquals("OK", h.reply("b64write 0x1000 4 AQIDBA=="));
        assertEquals("OK AQIDBAQDAgE=", h.reply("b64read 0x1000 8"));
        assertEquals("OK ", h.reply("b64read 0x1000 0"));
    }

    @Test
    void base64ShortOfTheSizeWritesTheUndecodedTextAsQemuDecodesInPlace() {
        // observed on Debian's QEMU 7.2: after 'b64write 0x0 4 !!!!', 'readl 0x0' answers 0x21212121
        assertEquals("OK", h.reply("b64write 0x1000 4 !!!!"));
        assertEquals("OK 0x21212121", h.reply("read 0x1000 4"));
        // "AQ==" decodes to one byte; the rest is the text from that position on, then its NUL, then zeros
        assertEquals("OK", h.reply("b64write 0x1000 6 AQ=="));
        assertEquals("OK 0x01513d3d0000", h.reply("read 0x1000 6"));
    }

    @Test
    void memsetUsesTheLowByteAndAcceptsZeroLength() {
        assertEquals("OK", h.reply("memset 0x1000 8 0x1ab"));
        assertEquals("OK 0xabababababababab", h.reply("read 0x1000 8"));
        assertEquals("OK", h.reply("memset 0x1000 0 0x00"));
        assertEquals("OK 0xab", h.reply("read 0x1000 1"));
    }

    @Test
    void unassignedMemoryReadsZeroAndUnassignedPortsReadAllOnes() {
        assertEquals("OK 0x0000000000000000", h.reply("readq 0x20000000"));
        assertEquals("OK 0x00ff", h.reply("inb 0x1234"));
        assertEquals("OK 0xffff", h.reply("inw 0x1234"));
        assertEquals("OK 0xffffffff", h.reply("inl 0x1234"));
    }

    @Test
    void portRepliesUseAtLeastFourHexDigits() {
        assertEquals("OK", h.reply("outb 0x80 0x7"));
        assertEquals("OK 0x0007", h.reply("inb 0x80"));
        assertEquals(7, h.target.port80);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "readl 4096|OK 0x00000000cafef00d",
        "readl 010000|OK 0x00000000cafef00d",
        "readl 0x1000 extra-arg|OK 0x00000000cafef00d",
        "readl -1|OK 0x0000000000000000",
        "readl 0xffffffffffffffff|OK 0x0000000000000000",
    })
    void addressesAreParsedWithBaseZero(String line, String expected) {
        h.reply("writel 0x1000 0xcafef00d");
        assertEquals(expected, h.reply(line));
    }
}
