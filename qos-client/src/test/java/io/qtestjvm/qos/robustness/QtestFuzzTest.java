package io.qtestjvm.qos.robustness;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.backend.InternalErrorCheck;
import io.qtestjvm.qos.libqtest.QtestTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The stand-in survives thousands of random and mutated qtest lines (issue: "the server stays up and keeps
 * answering correctly"): every line gets exactly one reply line starting with {@code OK}, {@code FAIL} or
 * {@code ERR} (after any {@code IRQ raise|lower N} lines), and after each batch the sentinel checks still hold: a
 * RAM pattern written before the fuzzing reads back unchanged, {@code endianness} says {@code OK little}, and the
 * i440FX answers its ID through 0xcf8/0xcfc (as in qemu-7.2-transcripts/x86_64-pc-base.txt).
 *
 * <p>Only the stand-in runs this: QEMU aborts on most malformed lines by design (reference section 10). Seeds are
 * fixed; a failure names the seed, the line number and the last lines sent, so {@link LineFuzzer} with that seed
 * replays it. The line count is bounded by {@link #LINES} and by a time budget per run.
 */
class QtestFuzzTest {
    private static final int LINES = 6000;
    private static final int BATCH = 250;
    private static final long BUDGET_NS = 4_000_000_000L;
    private static final int MIN_LINES = 1000;
    private static final long SENTINEL_ADDR = 0x200000;
    private static final int SENTINEL_LEN = 64;

    static Stream<Arguments> runs() {
        return Stream.of(Arguments.of(Backend.JVM, 0x5eed_0001L), Arguments.of(Backend.JVM, 0x5eed_0002L),
                Arguments.of(Backend.JVM_PROCESS, 0x5eed_0003L), Arguments.of(Backend.JVM_PROCESS, 0x5eed_0004L));
    }

    @ParameterizedTest(name = "[{0}] seed {1}")
    @MethodSource("runs")
    void serverAnswersEveryFuzzedLineAndKeepsItsState(Backend backend, long seed) {
        try (QtestTransport t = backend.start("x86_64", "-machine pc", "10.2")) {
            byte[] pattern = new byte[SENTINEL_LEN];
            new SplittableRandom(~seed).nextBytes(pattern);
            String sentinel = HexFormat.of().formatHex(pattern);
            assertEquals("OK", reply(t, "write 0x" + Long.toHexString(SENTINEL_ADDR) + " " + SENTINEL_LEN + " 0x"
                    + sentinel, "seed " + seed));

            LineFuzzer fuzzer = new LineFuzzer(seed);
            FuzzGuard guard = new FuzzGuard();
            Deque<String> recent = new ArrayDeque<>();
            long start = System.nanoTime();
            int sent = 0;
            int skipped = 0;
            while (sent < LINES && System.nanoTime() - start < BUDGET_NS) {
                for (int i = 0; i < BATCH; i++) {
                    String line = fuzzer.next();
                    if (!guard.allows(line)) {
                        skipped++;
                        continue;
                    }
                    recent.addLast(line);
                    if (recent.size() > 8) {
                        recent.removeFirst();
                    }
                    String where = "seed " + seed + ", line " + sent + " '" + LineFuzzer.printable(line) + "'";
                    List<String> got;
                    try {
                        got = t.qtest(line);
                    } catch (RuntimeException e) {
                        throw new AssertionError(where + ": no reply (" + e.getMessage() + "); lines before: "
                                + printable(recent), e);
                    }
                    checkReplyShape(got, where);
                    if (got.get(got.size() - 1).startsWith("FAIL internal error")) {
                        fail(where + ": a device model threw: " + got.get(got.size() - 1) + "; lines before: "
                                + printable(recent));
                    }
                    guard.observe(line, got.get(got.size() - 1));
                    sent++;
                }
                String where = "seed " + seed + " after " + sent + " lines, last: " + printable(recent);
                assertEquals("OK 0x" + sentinel, reply(t, "read 0x" + Long.toHexString(SENTINEL_ADDR) + " "
                        + SENTINEL_LEN, where), "sentinel RAM, " + where);
                assertEquals("OK little", reply(t, "endianness", where), where);
                assertEquals("OK", reply(t, "outl 0xcf8 0x80000000", where), where);
                assertEquals("OK 0x12378086", reply(t, "inl 0xcfc", where), "i440FX ID, " + where);
            }
            InternalErrorCheck.assertNone(t);
            assertTrue(sent >= MIN_LINES, "seed " + seed + ": only " + sent + " lines within the time budget");
            assertTrue(skipped < sent / 10, "seed " + seed + ": the guard skipped " + skipped + " of " + sent);
            assertEquals(0, t.terminate(), "seed " + seed + ": exit status after SIGTERM");
        }
    }

    /** Zero or more IRQ lines, then exactly one reply starting with OK, FAIL or ERR. */
    private static void checkReplyShape(List<String> got, String where) {
        if (got.isEmpty()) {
            fail(where + ": no reply line");
        }
        for (int i = 0; i < got.size() - 1; i++) {
            if (!got.get(i).matches("IRQ (raise|lower) \\d+")) {
                fail(where + ": unexpected line before the reply: " + LineFuzzer.printable(got.get(i)));
            }
        }
        String last = got.get(got.size() - 1);
        if (!(last.startsWith("OK") || last.startsWith("FAIL") || last.startsWith("ERR"))) {
            fail(where + ": reply is neither OK, FAIL nor ERR: " + LineFuzzer.printable(last));
        }
    }

    /** The reply to a sentinel command, IRQ lines dropped. */
    private static String reply(QtestTransport t, String line, String where) {
        List<String> got = t.qtest(line);
        checkReplyShape(got, where + ", sentinel '" + line + "'");
        return got.get(got.size() - 1);
    }

    private static String printable(Deque<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append("\n  '").append(LineFuzzer.printable(l)).append('\'');
        }
        return sb.toString();
    }
}
