package io.qtestjvm.qos.robustness;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.QtestTransport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded, bounded fuzzing at the edges (issue 10): {@link ExtremeLineFuzzer}'s clock extremes, huge sizes and huge
 * numbers on raspi2b (whose user network keeps a periodic timer armed). Every line gets one reply starting with
 * {@code OK}, {@code FAIL} or {@code ERR} within the JUnit timeout, and after each batch a RAM sentinel reads back
 * unchanged and {@code endianness} answers. A failure names the seed and the line, so the generator replays it.
 */
class ExtremeFuzzTest {
    private static final int LINES = 3000;
    private static final int BATCH = 50;
    private static final long BUDGET_NS = 4_000_000_000L;
    private static final int MIN_LINES = 300;

    static Stream<Arguments> runs() {
        return Stream.of(Arguments.of(Backend.JVM, 0xe0_0001L), Arguments.of(Backend.JVM, 0xe0_0002L),
                Arguments.of(Backend.JVM_PROCESS, 0xe0_0003L));
    }

    @ParameterizedTest(name = "[{0}] seed {1}")
    @MethodSource("runs")
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void raspi2bAnswersEveryExtremeLineAndKeepsItsState(Backend backend, long seed) {
        try (QtestTransport t = backend.start("arm", "-machine raspi2b", "10.2")) {
            byte[] pattern = new byte[ExtremeLineFuzzer.SENTINEL_LEN];
            new SplittableRandom(~seed).nextBytes(pattern);
            String sentinel = HexFormat.of().formatHex(pattern);
            String at = "0x" + Long.toHexString(ExtremeLineFuzzer.SENTINEL);
            assertEquals("OK", last(t.qtest("write " + at + " " + pattern.length + " 0x" + sentinel)));
            ExtremeLineFuzzer fuzzer = new ExtremeLineFuzzer(seed);
            long start = System.nanoTime();
            int sent = 0;
            while (sent < LINES && System.nanoTime() - start < BUDGET_NS) {
                for (int i = 0; i < BATCH; i++, sent++) {
                    String line = fuzzer.next();
                    String where = "seed " + seed + ", line " + sent + " '" + line + "'";
                    List<String> got = t.qtest(line);
                    String reply = last(got);
                    if (!(reply.startsWith("OK") || reply.startsWith("FAIL") || reply.startsWith("ERR"))) {
                        fail(where + ": " + reply);
                    }
                }
                String where = "seed " + seed + " after " + sent + " lines";
                assertEquals("OK 0x" + sentinel, last(t.qtest("read " + at + " " + pattern.length)), where);
                assertEquals("OK little", last(t.qtest("endianness")), where);
            }
            assertTrue(sent >= MIN_LINES, "seed " + seed + ": only " + sent + " lines within the time budget");
            assertEquals(0, t.terminate(), "seed " + seed + ": exit status after SIGTERM");
        }
    }

    private static String last(List<String> got) {
        assertTrue(!got.isEmpty(), "no reply");
        return got.get(got.size() - 1);
    }
}
