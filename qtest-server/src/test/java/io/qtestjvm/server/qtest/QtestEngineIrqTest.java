package io.qtestjvm.server.qtest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** irq_intercept_in/out and set_irq_in, with 7.2's and 10.2's rules (reference 1.5, system/qtest.c). */
class QtestEngineIrqTest {

    @Test
    void interceptedInputReportsOnlyLevelChangesBeforeTheReply() {
        EngineHarness h = EngineHarness.v10();
        assertEquals("OK\n", h.send("irq_intercept_in /machine/pic"));
        assertEquals("IRQ raise 3\nOK\n", h.send("set_irq_in /machine/pic unnamed-gpio-in 3 1"));
        assertEquals("OK\n", h.send("set_irq_in /machine/pic unnamed-gpio-in 3 1"));
        assertEquals("IRQ lower 3\nOK\n", h.send("set_irq_in /machine/pic unnamed-gpio-in 3 0"));
        assertEquals(0, h.target.pic.levels[3]);
    }

    @Test
    void interceptionPassesTheLevelOn() {
        EngineHarness h = EngineHarness.v10();
        h.send("irq_intercept_in /machine/pic");
        h.sent.setLength(0);
        h.target.picIn(2).raise();
        assertEquals(1, h.target.pic.levels[2]);
        assertEquals("IRQ raise 2\n", h.sent.toString());
    }

    @Test
    void partialPathsResolveWhenUnique() {
        EngineHarness h = EngineHarness.v10();
        assertEquals("OK", h.reply("irq_intercept_in pic"));
        assertEquals("OK", h.reply("irq_intercept_in pic"));
        assertEquals("FAIL IRQ intercept already enabled", h.reply("irq_intercept_in other"));
        assertEquals("OK", h.reply("irq_intercept_out pic"));
    }

    @Test
    void namedInputInterceptionIsRefusedOn102() {
        assertEquals("FAIL Interception of named in-GPIOs not yet supported",
                EngineHarness.v10().reply("irq_intercept_in /machine/pic extra"));
    }

    @Test
    void inputInterceptionOn102CoversNamedListsWithTheirOwnNumbering() {
        EngineHarness h = EngineHarness.v10();
        h.send("irq_intercept_in pic");
        assertEquals("IRQ raise 1\nOK\n", h.send("set_irq_in pic extra 1 1"));
        EngineHarness old = EngineHarness.v72();
        old.send("irq_intercept_in pic");
        assertEquals("OK\n", old.send("set_irq_in pic extra 1 1"));
    }

    @Test
    void outputInterceptionSelectsTheListByName() {
        EngineHarness h = EngineHarness.v10();
        assertEquals("OK", h.reply("irq_intercept_out pic named"));
        h.sent.setLength(0);
        h.target.pic.named[0].raise();
        assertEquals("IRQ raise 0\n", h.sent.toString());
        h.sent.setLength(0);
        h.target.pic.outs[1].raise();
        assertEquals("", h.sent.toString());
    }

    @Test
    void outputInterceptionOn72IgnoresTheNameAndTakesTheUnnamedList() {
        EngineHarness h = EngineHarness.v72();
        assertEquals("OK", h.reply("irq_intercept_out pic whatever"));
        h.sent.setLength(0);
        h.target.pic.outs[1].raise();
        assertEquals("IRQ raise 1\n", h.sent.toString());
    }

    @Test
    void outputInterceptionOfAnAbsentListFailsOn102() {
        assertEquals("FAIL No intercepts installed", EngineHarness.v10().reply("irq_intercept_out pic nothere"));
    }

    @Test
    void levelCacheIsClearedWhenTheConnectionOpens() {
        EngineHarness h = EngineHarness.v10();
        h.send("irq_intercept_in pic");
        h.send("set_irq_in pic unnamed-gpio-in 0 1");
        h.engine.closed();
        h.engine.opened();
        assertEquals("IRQ raise 0\nOK\n", h.send("set_irq_in pic unnamed-gpio-in 0 1"));
    }

    @Test
    void linesSplitAcrossReadsAndSeveralPerReadAreAllAnswered() {
        EngineHarness h = EngineHarness.v10();
        byte[] a = "endi".getBytes();
        byte[] b = "anness\nreadb 0x0\nread".getBytes();
        byte[] c = "w 0x0\n".getBytes();
        h.sent.setLength(0);
        h.engine.feed(a, 0, a.length);
        h.engine.feed(b, 0, b.length);
        h.engine.feed(c, 0, c.length);
        assertEquals("OK little\nOK 0x0000000000000000\nOK 0x0000000000000000\n", h.sent.toString());
    }
}
