package io.qtestjvm.server.qtest;

import io.qtestjvm.core.Timer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** clock_step / clock_set as QEMU 7.2 and 10.2 answer them (reference 1.3, 1.6). */
class QtestEngineClockTest {

    @Test
    void argumentLessStepGoesToTheNextDeadlineAndFiresIt() {
        EngineHarness h = EngineHarness.v10();
        int[] fired = new int[1];
        Timer t = h.target.clock.newTimer(() -> fired[0]++);
        t.mod(27_462_700);
        assertEquals("OK 27462700", h.reply("clock_step"));
        assertEquals(1, fired[0]);
        assertEquals("OK 27463700", h.reply("clock_step 1000"));
    }

    @Test
    void stepWithoutDeadlineFailsOn102AndStaysOn72() {
        assertEquals("FAIL cannot advance clock to the next deadline because there is no pending deadline",
                EngineHarness.v10().reply("clock_step"));
        assertEquals("OK 0", EngineHarness.v72().reply("clock_step"));
    }

    @Test
    void stepOfZeroFailsOn102AndAnswersTheTimeOn72() {
        assertEquals("FAIL could not advance time", EngineHarness.v10().reply("clock_step 0"));
        assertEquals("OK 0", EngineHarness.v72().reply("clock_step 0"));
    }

    @Test
    void setNeverMovesBackwards() {
        EngineHarness v72 = EngineHarness.v72();
        assertEquals("OK 5000000000", v72.reply("clock_set 5000000000"));
        assertEquals("OK 5000000000", v72.reply("clock_set 1"));
        EngineHarness v10 = EngineHarness.v10();
        assertEquals("OK 5000000000", v10.reply("clock_set 5000000000"));
        assertEquals("FAIL 5000000000", v10.reply("clock_set 1"));
    }

    @Test
    void timersFireInDeadlineOrderWithTheClockAtEachDeadline() {
        EngineHarness h = EngineHarness.v10();
        StringBuilder seen = new StringBuilder();
        Timer a = h.target.clock.newTimer(() -> seen.append("a@").append(h.target.clock.now()).append(' '));
        Timer b = h.target.clock.newTimer(() -> seen.append("b@").append(h.target.clock.now()).append(' '));
        b.mod(300);
        a.mod(100);
        assertEquals("OK 1000", h.reply("clock_step 1000"));
        assertEquals("a@100 b@300 ", seen.toString());
    }

    @Test
    void clockCommandsAreUnknownWithoutTheQtestAccelerator() {
        EngineHarness tcg = new EngineHarness(Compat.V7_2, false, false);
        assertEquals("FAIL Unknown command 'clock_step'", tcg.reply("clock_step"));
        assertEquals("FAIL Unknown command 'clock_set'", tcg.reply("clock_set 5"));
    }

    @Test
    void largeValuesAreDecimalNeverZeroPadded() {
        EngineHarness h = EngineHarness.v72();
        assertEquals("OK 1027463700", h.reply("clock_step 1027463700"));
    }
}
