package io.qtestjvm.qos.conformance;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.backend.InternalErrorCheck;
import io.qtestjvm.qos.libqtest.QtestTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays qemu-7.2-transcripts/ppc64-pseries.txt ({@code -machine pseries -device sdhci-pci,addr=0x2}) on every
 * backend and compares every reply with what QEMU 7.2 answered: {@code endianness}, RTAS configuration reads of the
 * sdhci-pci function and of an absent slot (status and value cells read back with {@code readl} and {@code read}),
 * an unknown RTAS name, RAM through every access width and the raw byte commands, the clock, the interrupt
 * controller's QOM path, and the malformed-command probes.
 *
 * <p>Allowances, each with its cause:
 * <ul>
 * <li>Time of day: the cells {@code get-time-of-day} wrote are the date of the recording; they are checked to be
 * a status of 0 and a date within a minute of now.</li>
 * <li>SLOF: QEMU loads its firmware image into RAM from address 0; qtest-jvm loads none, so the two reads of
 * 0x1000 before the test wrote all its bytes give 0 where QEMU gives firmware bytes (the bytes the transcript wrote
 * itself are compared).</li>
 * <li>The first argument-less {@code clock_step} stops at the user network's router-advertisement timer, random
 * in [200 s, 600 s): later clock answers are compared after shifting by the difference (as for raspi2b); on
 * {@code [qemu]} (stopped, {@code -accel tcg -S}) the clock commands are not compared.</li>
 * </ul>
 */
class PseriesTranscriptTest {
    private static final Transcript T = Transcript.load("ppc64-pseries.txt");
    private static final long RECORDED_FIRST_STEP_NS = 518_083_000_000L;
    private static final String TIME_OF_DAY_CELLS = "read 0x10100 32";

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void sessionRepliesMatchQemu72(Backend backend) {
        try (QtestTransport t = backend.start("ppc64", T.machineArgs(), "7.2")) {
            List<String> mismatches = new ArrayList<>();
            Long shiftNs = null;
            int slofReads = 0;
            for (Transcript.Exchange e : T.main) {
                if (e.channel() == Transcript.Channel.QMP) {
                    continue; // qmp_capabilities (negotiated by the transport) and quit (the session ends below)
                }
                String request = e.request();
                List<String> expected = e.expected();
                boolean clock = request.startsWith("clock_");
                if (clock && !backend.hasVirtualTime()) {
                    t.qtest(request);
                    continue;
                }
                List<String> got = t.qtest(request);
                if (clock) {
                    long value = Long.parseLong(got.getLast().substring(3));
                    if (shiftNs == null) {
                        assertTrue(value >= 200_000_000_000L && value < 600_000_000_000L && value % 1_000_000 == 0,
                                "first clock_step stops at the router advertisement: " + value);
                        shiftNs = value - RECORDED_FIRST_STEP_NS;
                        continue;
                    }
                    expected = List.of("OK " + (Long.parseLong(expected.getLast().substring(3)) + shiftNs));
                } else if (request.equals(TIME_OF_DAY_CELLS) && e.section().isEmpty() && slofReads == 0) {
                    checkTimeOfDay(got);
                    continue;
                } else if (request.equals("readl 0x1000") && slofReads == 0) {
                    slofReads++;
                    expected = backend == Backend.QEMU ? expected : List.of("OK 0x0000000000000000");
                } else if (request.equals("readq 0x1000") && slofReads == 1) {
                    slofReads++;
                    expected = backend == Backend.QEMU ? expected : List.of("OK 0xdeadbeef00000000");
                }
                if (!got.equals(expected)) {
                    mismatches.add(e + ": expected " + expected + " got " + got);
                }
            }
            assertEquals(List.of(), mismatches, "replies that differ from QEMU 7.2");
            InternalErrorCheck.assertNone(t);
        }
    }

    /** Status 0, then year, month, day, hour, minute, second within a minute of the host's UTC time. */
    private static void checkTimeOfDay(List<String> got) {
        String hex = got.getLast().substring(5);
        assertEquals(64, hex.length(), "eight cells");
        long[] c = new long[8];
        for (int i = 0; i < 8; i++) {
            c[i] = Long.parseLong(hex.substring(8 * i, 8 * i + 8), 16);
        }
        assertEquals(0, c[0], "get-time-of-day status");
        long guest = java.time.LocalDateTime.of((int) c[1], (int) c[2], (int) c[3], (int) c[4], (int) c[5],
                (int) c[6]).toEpochSecond(java.time.ZoneOffset.UTC);
        long now = System.currentTimeMillis() / 1000;
        assertTrue(Math.abs(guest - now) < 60, "guest time " + guest + " within a minute of " + now);
    }

    /** The probes QEMU 7.2 answers keep the session; the crash probes answer FAIL instead of aborting. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM", "JVM_PROCESS"})
    void sessionOutlivesTheProbesAndExitsCleanly(Backend backend) {
        try (QtestTransport t = backend.start("ppc64", T.machineArgs(), "7.2")) {
            assertEquals(List.of("FAIL Unknown command 'frobnicate'"), t.qtest("frobnicate 1 2"));
            assertTrue(t.qtest("rtas ibm,read-pci-config 4").getLast().startsWith("FAIL "), "rtas with 2 words");
            assertEquals(List.of("OK 0"), t.qtest("rtas get-time-of-day 0 0x10000 8 0x10100"), "session alive");
            assertEquals(0, t.terminate(), "exit status after SIGTERM");
        }
    }

    @Test
    void transcriptParsesIntoTheRecordedSession() {
        assertEquals("-machine pseries -device sdhci-pci,addr=0x2", T.machineArgs().replaceAll("\\s+", " "));
        assertTrue(T.main.stream().anyMatch(e -> e.request().startsWith("rtas ibm,read-pci-config")));
    }
}
