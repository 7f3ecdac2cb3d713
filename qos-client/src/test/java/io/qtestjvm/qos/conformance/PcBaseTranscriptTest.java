package io.qtestjvm.qos.conformance;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.QtestTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays qemu-7.2-transcripts/x86_64-pc-base.txt (plain {@code -machine pc}) on every backend and compares
 * every reply with what QEMU 7.2 answered. On {@code [qemu]} (Debian's QEMU, stopped with {@code -accel tcg -S},
 * virtual time frozen) the clock commands and the reads of the RTC interrupt flags are skipped; everything else
 * must match there too, which keeps this harness honest.
 */
class PcBaseTranscriptTest {
    private static final Transcript T = Transcript.load("x86_64-pc-base.txt");

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void mainSessionRepliesMatchQemu72(Backend backend) {
        try (QtestTransport t = backend.start("x86_64", T.machineArgs(), "7.2")) {
            List<String> mismatches = new ArrayList<>();
            boolean afterRtcSelectC = false;
            for (Transcript.Exchange e : T.main) {
                if (e.channel() == Transcript.Channel.QMP) {
                    if (t.qmpGreeting() == null) {
                        continue; // the in-JVM backend has no monitor yet
                    }
                    String reply = t.qmp(e.request());
                    if (!e.expected().isEmpty() && !reply.equals(e.expected().get(e.expected().size() - 1))) {
                        mismatches.add(e + ": expected " + e.expected() + " got " + reply);
                    }
                    continue;
                }
                boolean skip = !backend.hasVirtualTime()
                        && (e.request().startsWith("clock_") || (afterRtcSelectC && e.request().equals("inb 0x71")));
                afterRtcSelectC = e.request().equals("outb 0x70 0x0c");
                List<String> got = t.qtest(e.request());
                if (skip) {
                    continue;
                }
                if (!got.equals(e.expected())) {
                    mismatches.add(e + ": expected " + e.expected() + " got " + got);
                }
            }
            assertEquals(List.of(), mismatches, "replies that differ from QEMU 7.2");
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void crashProbesAnswerAsQemuOrFailAndTheSessionLives(Backend backend) {
        try (QtestTransport t = backend.start("x86_64", T.machineArgs(), "7.2")) {
            for (Transcript.Exchange e : T.probes) {
                if (e.aborted()) {
                    if (backend == Backend.QEMU) {
                        continue; // it would abort: nothing to compare
                    }
                    List<String> got = t.qtest(e.request());
                    assertTrue(got.get(got.size() - 1).startsWith("FAIL "), e + " -> " + got);
                } else {
                    assertEquals(e.expected(), t.qtest(e.request()), e.toString());
                }
                assertEquals(List.of("OK little"), t.qtest("endianness"), "session alive after " + e);
            }
        }
    }

    @Test
    void transcriptParsesIntoTheRecordedSession() {
        assertEquals("-machine pc", T.machineArgs());
        assertEquals("endianness", T.main.get(0).request());
        assertEquals(24, T.probes.size());
        assertFalse(T.main.isEmpty());
    }
}
