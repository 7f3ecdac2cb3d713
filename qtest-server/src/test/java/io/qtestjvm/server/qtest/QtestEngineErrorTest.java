package io.qtestjvm.server.qtest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed lines: where QEMU answers (transcript x86_64-pc-base.txt) we answer the same; where QEMU aborts we
 * answer FAIL and the session goes on.
 */
class QtestEngineErrorTest {
    private final EngineHarness h = EngineHarness.v72();

    @ParameterizedTest(name = "[{0}] aborts QEMU: FAIL, session alive")
    @ValueSource(strings = {"readl", "readl 0xzz", "writel 0x0", "read 0x0", "write 0x0 4", "clock_step abc",
        "outb 0x80", "read 0x1000 0", "", "set_irq_in ioapic 0 5 1", "readl  0x0", "inb 0x10000",
        "readl 0x10000000000000000", "readl 0x0\r", "set_irq_in /machine/pic extra 7 1",
        "set_irq_in /machine/pic unnamed-gpio-in x 1", "irq_intercept_in", "irq_intercept_in /machine",
        "memset 0x0 4", "b64read 0x0", "clock_set", "outl 0x10000 0", "writeq 0x0 0x10000000000000000"})
    void abortingLinesFailAndTheSessionGoesOn(String line) {
        String reply = h.reply(line);
        assertTrue(reply.startsWith("FAIL "), () -> "'" + line + "' -> " + reply);
        assertEquals("OK little", h.reply("endianness"));
    }

    @Test
    void unknownCommandsAreNamedInTheReply() {
        assertEquals("FAIL Unknown command 'frobnicate'", h.reply("frobnicate 1 2"));
        assertEquals("FAIL Unknown command 'READL'", h.reply("READL 0x0"));
        assertEquals("FAIL Unknown command ''", h.reply("   "));
        assertEquals("FAIL Unknown command ''", h.reply(" readl 0x0"));
    }

    @Test
    void extraWordsAreIgnored() {
        assertEquals("OK little", h.reply("endianness extra"));
    }

    @Test
    void unknownDevicesAnswerUnknownDevice() {
        assertEquals("FAIL Unknown device", h.reply("irq_intercept_in /machine/nonexistent"));
        assertEquals("FAIL Unknown device", h.reply("set_irq_in /machine/nonexistent unnamed-gpio-in 0 1"));
    }

    @Test
    void moduleLoadIsUnknownOn72AndFailsOn102() {
        assertEquals("FAIL Unknown command 'module_load'", h.reply("module_load block- curl"));
        assertEquals("FAIL", EngineHarness.v10().reply("module_load block- curl"));
    }
}
