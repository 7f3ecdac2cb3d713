package io.qtestjvm.server.qtest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An exception inside a device answers FAIL, keeps the session, and is counted and logged with its trace once. */
class InternalErrorsTest {
    private static long lines(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start)).count();
    }

    @Test
    void deviceExceptionAnswersFailKeepsSessionAndIsCounted() {
        EngineHarness h = EngineHarness.v10();
        assertEquals(0, h.target.internalErrors.count());
        String r = h.reply("readb 0x7e000000");
        assertTrue(r.startsWith("FAIL internal error: java.lang.ArrayIndexOutOfBoundsException: buggy read 0"), r);
        assertEquals(1, h.target.internalErrors.count());
        assertEquals("OK 0x0000000011223344", h.reply("readl 0x10000000"), "the session goes on");
        String err = h.target.stderr.toString();
        assertEquals(1, lines(err, InternalErrors.MARK + " #1 in 'readb 0x7e000000': java.lang."
                + "ArrayIndexOutOfBoundsException"), err);
        assertTrue(err.contains("\tat "), "the stack trace is logged: " + err);
    }

    @Test
    void repeatedBugIsCountedEachTimeButTracedOnce() {
        EngineHarness h = EngineHarness.v10();
        for (int i = 0; i < 3; i++) {
            assertTrue(h.reply("writeb 0x7e000001 0x5").startsWith("FAIL internal error: "));
        }
        h.reply("readw 0x7e000000");
        assertEquals(4, h.target.internalErrors.count());
        String err = h.target.stderr.toString();
        assertEquals(4, lines(err, InternalErrors.MARK), err);
        assertEquals(2, lines(err, "java.lang."), "one trace per distinct bug: " + err);
    }

    @Test
    void wellBehavedSessionCountsNothing() {
        EngineHarness h = EngineHarness.v10();
        h.reply("readl 0x10000000");
        h.reply("frobnicate");
        h.reply("readb");
        assertEquals(0, h.target.internalErrors.count());
        assertEquals("", h.target.stderr.toString());
    }
}
