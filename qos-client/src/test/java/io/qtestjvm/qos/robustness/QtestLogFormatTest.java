package io.qtestjvm.qos.robustness;

import io.qtestjvm.qos.backend.Backend;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -qtest-log FILE} in QEMU's format (system/qtest.c {@code qtest_event}, {@code qtest_process_command},
 * {@code qtest_send}; reference 1.8), checked line by line against what the same session received, on the
 * stand-in and on Debian's QEMU 7.2: {@code [I 0.000000] OPENED} (no plus), {@code [R +t]} and the words of each
 * command, {@code [S +t] } and each line sent (IRQ lines included), and CLOSED when the process exits. If the
 * connection closed first, QEMU 7.2 logs CLOSED again at exit with its timer gone: {@code [I +0.000000] CLOSED}.
 */
@Timeout(60)
class QtestLogFormatTest {
    private static final List<String> COMMANDS = List.of("readl 0x1000", "writel 0x1000 0x5", "readl 0x1000",
            "irq_intercept_in ioapic", "set_irq_in ioapic unnamed-gpio-in 5 1", "frob  x", "readl 0x1000 extra");
    private static final Pattern STAMPED = Pattern.compile("\\[([IRS]) \\+(\\d+\\.\\d{6})\\] ?(.*)");

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM_PROCESS", "QEMU"})
    void logHasOneLinePerCommandAndReplyAndClosedAtExit(Backend backend) throws Exception {
        List<String> log = session(backend, false);
        List<String> closing = log.subList(log.size() - 1, log.size());
        assertEquals(1, closing.size());
        assertTrue(closing.get(0).matches("\\[I \\+\\d+\\.\\d{6}\\] CLOSED"), closing.get(0));
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM_PROCESS", "QEMU"})
    void aClosedConnectionIsLoggedClosedAgainAtExit(Backend backend) throws Exception {
        List<String> log = session(backend, true);
        assertTrue(log.get(log.size() - 2).matches("\\[I \\+\\d+\\.\\d{6}\\] CLOSED"), log.get(log.size() - 2));
        assertEquals("[I +0.000000] CLOSED", log.get(log.size() - 1));
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM_PROCESS", "QEMU"})
    void aNullQtestChardevNeverOpensSoItsLogStaysEmpty(Backend backend) throws Exception {
        backend.assumeAvailable("x86_64");
        Path file = Files.createTempFile("qtest-log", ".txt");
        List<String> cmd = new ArrayList<>(List.of(Launch.binary(backend), "-M", "none", "-display", "none", "-S", "-qtest", "null",
                "-qtest-log", file.toString()));
        cmd.addAll(backend == Backend.QEMU ? List.of("-accel", "tcg") : List.of("-accel", "qtest"));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).start();
        try {
            // the log file is opened (truncated) at start-up; give the machine time to be up, then stop it
            Thread.sleep(1500);
            assertTrue(p.isAlive(), () -> "exited early: " + output(p));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(List.of(), Files.readAllLines(file));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(file);
        }
    }

    private static String output(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /**
     * Runs the commands, closes the qtest socket first when asked, sends SIGTERM and returns the log, having
     * checked everything but the CLOSED lines.
     */
    private static List<String> session(Backend backend, boolean closeFirst) throws Exception {
        backend.assumeAvailable("x86_64");
        Path file = Files.createTempFile("qtest-log", ".txt");
        List<String> expected = new ArrayList<>();
        try (Launch l = Launch.start(Launch.libqtestScript(backend, "-machine pc")
                .replace("-qtest-log /dev/null", "-qtest-log " + file))) {
            l.qmpMessage();
            l.qmpSend("{\"execute\": \"qmp_capabilities\"}");
            l.qmpMessage();
            for (String c : COMMANDS) {
                expected.add("R " + c);
                l.qtestSend(c);
                String line;
                do {
                    line = l.qtestLine();
                    expected.add("S " + line);
                } while (line.startsWith("IRQ"));
            }
            if (closeFirst) {
                l.qtest.close();
                Thread.sleep(300);
            }
            assertEquals(0, l.terminate());
        }
        List<String> log = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        Files.deleteIfExists(file);
        // no plus sign; QEMU reads its just-created timer, so under load it can show a microsecond or so
        assertTrue(log.get(0).matches("\\[I 0\\.0000\\d\\d\\] OPENED"), () -> "first line: " + log.get(0));
        int closed = closeFirst ? 2 : 1;
        assertEquals(expected.size() + 1 + closed, log.size(), () -> "log: " + log);
        double last = 0;
        List<String> got = new ArrayList<>();
        for (String line : log.subList(1, log.size() - closed)) {
            Matcher m = STAMPED.matcher(line);
            assertTrue(m.matches(), () -> "not a stamped line: " + line);
            double t = Double.parseDouble(m.group(2));
            assertTrue(t >= last, () -> "time goes back at " + line);
            last = t;
            got.add(m.group(1) + " " + m.group(3));
        }
        assertEquals(expected, got);
        return log;
    }
}
