package io.qtestjvm.qos.robustness;

import io.qtestjvm.server.InJvmServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The largest clock moves answer promptly (issue 10, item 2): {@code clock_set} and {@code clock_step} of
 * 2^63-1 ns. On raspi2b the user network's router-advertisement timer used to compute its next deadline as
 * {@code (nowMs + delay) * 10^6}, which wrapped past 2^63 into the past and refired forever; deadlines now saturate
 * at the last representable instant, where a timer never fires.
 */
class ClockExtremesTest {
    private static final String MAX = "9223372036854775807";

    @ParameterizedTest(name = "[jvm] {0} {1}")
    @CsvSource({"x86_64, none, clock_set", "x86_64, none, clock_step", "arm, raspi2b, clock_set",
        "arm, raspi2b, clock_step"})
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void largestClockMoveAnswersInJvm(String arch, String machine, String command) {
        try (InJvmServer s = InJvmServer.startAs("10.2", arch, "-machine", machine)) {
            assertEquals("OK " + MAX + "\n", s.qtest(command + " " + MAX));
            assertEquals("OK little\n", s.qtest("endianness"), "the session goes on");
            assertEquals("OK " + MAX + "\n", s.qtest("clock_set " + MAX), "and stays at the end of time");
        }
    }

    @ParameterizedTest(name = "[jvm-process] {0} {1}")
    @CsvSource({"x86_64, none, clock_set", "x86_64, none, clock_step", "arm, raspi2b, clock_set",
        "arm, raspi2b, clock_step"})
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void largestClockMoveAnswersAsAProcess(String arch, String machine, String command) throws Exception {
        try (Launch l = Launch.start(Hostile.script(arch, "-machine " + machine))) {
            l.qtestSend(command + " " + MAX);
            assertEquals("OK " + MAX, l.qtestLine());
            Hostile.assertLive(l);
            assertEquals(0, l.terminate());
        }
    }

    /**
     * pc: the PIT and the RTC would tick once per period on the way, ~10^11 iterations for 2^63 ns; nobody observes
     * IRQ 0 or IRQ 8 here, so they catch up in closed form and the warp answers at once.
     */
    @ParameterizedTest(name = "[jvm] pc {0}")
    @CsvSource({"clock_set", "clock_step"})
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void largestClockMoveAnswersOnPc(String command) {
        try (InJvmServer s = InJvmServer.startAs("10.2", "x86_64", "-machine", "pc")) {
            assertEquals("OK " + MAX + "\n", s.qtest(command + " " + MAX));
            assertEquals("OK little\n", s.qtest("endianness"));
        }
    }
}
