package io.qtestjvm.qos.conformance;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.backend.InternalErrorCheck;
import io.qtestjvm.qos.libqtest.QtestTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays qemu-7.2-transcripts/arm-raspi2b.txt ({@code -machine raspi2b}) on every backend and compares every
 * reply with what QEMU 7.2 answered: the SDHCI registers, RAM, the clock, the QOM paths qtest resolves, and the
 * system timer compare 1 -> bcm2835-ic -> bcm2836-control -> cpu[0] IRQ chain, then the malformed-command probes.
 *
 * <p>Allowances, each with its cause:
 * <ul>
 * <li>The first argument-less {@code clock_step} stops at the user network's IPv6 router-advertisement timer,
 * which libslirp arms at a random whole number of milliseconds in [200 s, 600 s) (the recording drew
 * 319.336 s). The answer is checked to be such an instant, and every later reply that carries an absolute time
 * (clock answers, the system timer's counter, the compare value the transcript computed from it) is compared
 * after shifting the recorded value by the difference.</li>
 * <li>On {@code [qemu]} (Debian's QEMU, stopped with {@code -accel tcg -S}) the clock commands do not exist and
 * virtual time stands still, so the clock lines and the timer-section replies that need time to pass are not
 * compared there; {@link #stoppedQemuMatchesItsOwnRecording} replays Debian's own recording of that mode
 * exactly.</li>
 * </ul>
 */
class Raspi2bTranscriptTest {
    private static final Transcript T = Transcript.load("arm-raspi2b.txt");
    private static final Transcript STOPPED = Transcript.load("arm-raspi2b-accel-tcg-S.txt");
    private static final long RECORDED_FIRST_STEP_NS = 319_336_000_000L;
    private static final String COUNTER_LOW = "readl 0x3f003004";
    private static final String WRITE_COMPARE1 = "writel 0x3f003010 ";
    /** Replies of the timer section that only come out as recorded once virtual time has passed. */
    private static final Set<String> NEED_VIRTUAL_TIME = Set.of(COUNTER_LOW, "readl 0x3f003000",
            "readl 0x3f00b204", "writel 0x3f003000 0x2");

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void sessionRepliesMatchQemu72(Backend backend) {
        try (QtestTransport t = backend.start("arm", T.machineArgs(), "7.2")) {
            List<String> mismatches = new ArrayList<>();
            Long shiftNs = null;
            for (Transcript.Exchange e : T.main) {
                if (e.channel() == Transcript.Channel.QMP) {
                    if (t.qmpGreeting() == null || e.request().contains("qmp_capabilities")) {
                        continue; // the in-JVM backend has no monitor; the transport negotiated already
                    }
                    String reply = t.qmp(e.request());
                    if (!e.expected().isEmpty() && !reply.equals(e.expected().get(e.expected().size() - 1))) {
                        mismatches.add(e + ": expected " + e.expected() + " got " + reply);
                    }
                    continue;
                }
                String request = e.request();
                List<String> expected = e.expected();
                boolean clock = request.startsWith("clock_");
                if (!backend.hasVirtualTime()) {
                    if (clock || NEED_VIRTUAL_TIME.contains(request)) {
                        t.qtest(request);
                        continue;
                    }
                } else if (shiftNs != null) {
                    long us = shiftNs / 1000;
                    if (clock) {
                        List<String> shifted = new ArrayList<>(expected.subList(0, expected.size() - 1));
                        shifted.add("OK " + (parseOk(expected.get(expected.size() - 1)) + shiftNs));
                        expected = shifted;
                    } else if (request.equals(COUNTER_LOW)) {
                        long counter = (parseOk(expected.get(0)) + us) & 0xffff_ffffL;
                        expected = List.of(String.format("OK 0x%016x", counter));
                    } else if (request.startsWith(WRITE_COMPARE1)) {
                        long v = Long.decode(request.substring(WRITE_COMPARE1.length()));
                        request = WRITE_COMPARE1 + "0x" + Long.toHexString((v + us) & 0xffff_ffffL);
                    }
                }
                List<String> got = t.qtest(request);
                if (clock && shiftNs == null && request.equals("clock_step")) {
                    long first = parseOk(got.get(got.size() - 1));
                    assertTrue(first >= 200_000_000_000L && first < 600_000_000_000L && first % 1_000_000 == 0,
                            "first clock_step must stop at the router advertisement, a whole ms in [200 s, 600 s):"
                                    + " got " + first);
                    shiftNs = first - RECORDED_FIRST_STEP_NS;
                    continue;
                }
                if (!got.equals(expected)) {
                    mismatches.add(e + ": expected " + expected + " got " + got);
                }
            }
            assertEquals(List.of(), mismatches, "replies that differ from QEMU 7.2");
            InternalErrorCheck.assertNone(t);
        }
    }

    /** Debian's QEMU under {@code -accel tcg -S} answers exactly as recorded in that mode. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = "QEMU")
    void stoppedQemuMatchesItsOwnRecording(Backend backend) {
        try (QtestTransport t = backend.start("arm", STOPPED.machineArgs(), "7.2")) {
            List<String> mismatches = new ArrayList<>();
            for (Transcript.Exchange e : STOPPED.main) {
                if (e.channel() == Transcript.Channel.QMP) {
                    continue;
                }
                List<String> got = t.qtest(e.request());
                if (!got.equals(e.expected())) {
                    mismatches.add(e + ": expected " + e.expected() + " got " + got);
                }
            }
            assertEquals(List.of(), mismatches, "replies that differ from the stopped QEMU's recording");
            InternalErrorCheck.assertNone(t);
        }
    }

    /** The probes QEMU 7.2 answers (case-sensitive names, extra words, decimal and octal) keep the session. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM", "JVM_PROCESS"})
    void sessionOutlivesTheProbesAndExitsCleanly(Backend backend) {
        try (QtestTransport t = backend.start("arm", T.machineArgs(), "7.2")) {
            assertEquals(List.of("FAIL Unknown command 'frobnicate'"), t.qtest("frobnicate 1 2"));
            assertEquals(List.of("FAIL Unknown command 'READL'"), t.qtest("READL 0x0"));
            assertEquals(List.of("OK 0x0000000000000000"), t.qtest("readl 0x2000"), "session alive");
            assertEquals(0, t.terminate(), "exit status after SIGTERM");
        }
    }

    @Test
    void transcriptParsesIntoTheRecordedSession() {
        assertEquals("-machine raspi2b", T.machineArgs());
        assertEquals("-machine raspi2b", STOPPED.machineArgs());
        assertEquals("endianness", T.main.stream().filter(e -> e.channel() == Transcript.Channel.QTEST)
                .findFirst().orElseThrow().request());
        assertTrue(T.main.stream().anyMatch(e -> e.expected().contains("IRQ raise 0")));
    }

    private static long parseOk(String line) {
        return Long.decode(line.substring(3));
    }
}
