package io.qtestjvm.qos.robustness;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.ProcessTransport;
import io.qtestjvm.qos.libqtest.QTestState;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the stand-in process starts and ends (reference 2.2-2.5, 9 item 4), asserted on {@code [jvm-process]} and,
 * where the behaviour exists there, on Debian's QEMU 7.2 ({@code [qemu]}, {@code -accel tcg -S}) with the same
 * assertions, so that the expectations are QEMU's and not ours.
 */
@Timeout(60)
class ProcessLifeTest {
    private static final String QUIT = "{\"execute\": \"quit\"}";
    private static final String CAPS = "{\"execute\": \"qmp_capabilities\"}";
    private static final String STATUS = "{\"execute\": \"query-status\"}";

    /** QEMU's qemu_kill_report stays silent when qtest drives it: exit status 0, nothing on stderr. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM_PROCESS", "QEMU"})
    void sigtermUnderQtestExitsZeroWithoutAWord(Backend backend) throws Exception {
        backend.assumeAvailable("x86_64");
        try (Launch l = Launch.start(Launch.libqtestScript(backend, "-machine pc"))) {
            assertTrue(l.qmpMessage().startsWith("{\"QMP\""), "greeting");
            l.qtestSend("endianness");
            assertEquals("OK little", l.qtestLine());
            assertEquals(0, l.terminate(), "exit status after SIGTERM");
            assertFalse(l.stderr().contains("terminating"), () -> "stderr: " + l.stderr());
        }
    }

    /** Without -qtest QEMU reports the signal ("... from pid N (name)", which a JVM cannot learn) and exits 0. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM_PROCESS", "QEMU"})
    void sigtermWithoutQtestSaysTerminatingOnSignal15(Backend backend) throws Exception {
        backend.assumeAvailable("x86_64");
        String script = "exec " + Launch.binary(backend) + " -machine pc -display none -qmp unix:{QMP} -accel "
                + Launch.accel(backend);
        try (Launch l = Launch.start(script)) {
            assertTrue(l.qmpMessage().startsWith("{\"QMP\""), "greeting");
            // QEMU connects its chardevs before it installs its signal handlers: wait for the main loop
            l.qmpSend(CAPS);
            assertEquals("{\"return\": {}}", l.qmpMessage());
            assertEquals(0, l.terminate(), "exit status after SIGTERM");
            String err = l.stderr();
            assertTrue(err.startsWith(Launch.program(backend) + ": terminating on signal 15"), () -> "stderr: " + err);
        }
    }

    /** qemu-7.2-transcripts: SHUTDOWN (host-qmp-quit) comes before the return, then QEMU exits 0 by itself. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM_PROCESS", "QEMU"})
    void quitSendsShutdownBeforeItsReturnAndExitsZero(Backend backend) throws Exception {
        try (ProcessTransport t = (ProcessTransport) backend.start("x86_64", "-machine pc", "7.2")) {
            t.qmpSend(QUIT);
            String first = t.qmpReceive();
            assertTrue(first.contains("\"event\": \"SHUTDOWN\"")
                    && first.contains("\"data\": {\"guest\": false, \"reason\": \"host-qmp-quit\"}"), first);
            assertEquals("{\"return\": {}}", t.qmpReceive().strip());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (t.alive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(t.alive(), "still running 10 s after quit");
            assertEquals(0, t.terminate(), "exit status after quit");
        }
    }

    /** Capabilities negotiation mode: every other command is CommandNotFound until qmp_capabilities. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM_PROCESS", "QEMU"})
    void commandsBeforeQmpCapabilitiesAreCommandNotFound(Backend backend) throws Exception {
        backend.assumeAvailable("x86_64");
        try (Launch l = Launch.start(Launch.libqtestScript(backend, "-machine pc"))) {
            assertTrue(l.qmpMessage().startsWith("{\"QMP\""), "greeting");
            l.qmpSend(STATUS);
            assertEquals("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Expecting capabilities negotiation "
                    + "with 'qmp_capabilities'\"}}", l.qmpMessage());
            l.qmpSend(CAPS);
            assertEquals("{\"return\": {}}", l.qmpMessage());
            l.qmpSend(STATUS);
            assertTrue(l.qmpMessage().startsWith("{\"return\": {\"status\": "), "query-status after negotiation");
            assertEquals(0, l.terminate());
        }
    }

    /** reference 1.1: when the qtest socket closes QEMU only logs CLOSED and keeps running. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM_PROCESS", "QEMU"})
    void closingTheQtestConnectionDoesNotEndTheProcess(Backend backend) throws Exception {
        backend.assumeAvailable("x86_64");
        try (Launch l = Launch.start(Launch.libqtestScript(backend, "-machine pc"))) {
            assertTrue(l.qmpMessage().startsWith("{\"QMP\""), "greeting");
            l.qmpSend(CAPS);
            assertEquals("{\"return\": {}}", l.qmpMessage());
            l.qtestSend("endianness");
            assertEquals("OK little", l.qtestLine());
            l.qtest.close();
            Thread.sleep(500);
            assertTrue(l.shell.isAlive(), "exited after the qtest connection closed");
            l.qmpSend(STATUS);
            assertTrue(l.qmpMessage().startsWith("{\"return\": {\"status\": "), "QMP still answers");
            assertEquals(0, l.terminate());
        }
    }

    /**
     * {@code -run-with exit-with-parent=on} (libqtest since QEMU 10.2; not in 7.2): the stand-in's parent is a shell
     * that exits after a while; with the option the stand-in follows it, without it the orphan lives on.
     */
    @ParameterizedTest(name = "exit-with-parent={0}")
    @ValueSource(booleans = {true, false})
    @Timeout(30)
    void exitWithParentEndsTheProcessWhenItsParentExits(boolean exitWithParent) throws Exception {
        Backend.JVM_PROCESS.assumeAvailable("x86_64");
        String script = Launch.binary(Backend.JVM_PROCESS) + " -qtest unix:{QTEST} -qtest-log /dev/null -display none"
                + " -machine pc" + (exitWithParent ? " -run-with exit-with-parent=on" : "") + " -accel qtest"
                + " </dev/null >/dev/null 2>&1 & echo $!; sleep 1";
        try (Launch l = Launch.start(script)) {
            long pid = Long.parseLong(l.stdoutLine().strip());
            Optional<ProcessHandle> child = ProcessHandle.of(pid);
            try {
                l.qtestSend("endianness");
                assertEquals("OK little", l.qtestLine());
                assertEquals(0, l.waitFor(10_000), "the parent shell's exit");
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (child.map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                if (exitWithParent) {
                    assertFalse(child.map(ProcessHandle::isAlive).orElse(false), "alive 5 s after its parent left");
                } else {
                    assertTrue(child.map(ProcessHandle::isAlive).orElse(false), "the orphan should live on");
                    l.qtestSend("endianness");
                    assertEquals("OK little", l.qtestLine(), "the orphan still answers");
                }
            } finally {
                child.ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    static Stream<Arguments> startFailures() {
        String[][] cases = {
            {"-frobnicate", "P: -frobnicate: invalid option\n"},
            {"-machine pc -device nosuchdev", "P: -device nosuchdev: 'nosuchdev' is not a valid device model name\n"},
            {"-machine nosuchmachine", "P: unsupported machine type\nUse -machine help to list supported machines\n"},
        };
        return Stream.of(Backend.JVM_PROCESS, Backend.QEMU)
                .flatMap(b -> Stream.of(cases).map(c -> Arguments.of(b, c[0], c[1])));
    }

    /** The text is what Debian's qemu-system-x86_64 7.2 prints for the same mistakes (the [qemu] runs check it). */
    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("startFailures")
    void startFailuresExitOneWithQemuStyleText(Backend backend, String args, String expected)
            throws IOException, InterruptedException {
        backend.assumeAvailable("x86_64");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "exec " + Launch.binary(backend) + " -display none "
                + args + " -accel " + Launch.accel(backend));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), "exit status");
        assertEquals(expected.replace("P:", Launch.program(backend) + ":"), err);
    }

    /** RTAS {@code power-off} on pseries: {@code OK 0}, SHUTDOWN (guest-shutdown), then QEMU exits 0 by itself. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM_PROCESS", "QEMU"})
    void rtasPowerOffSendsShutdownThenExitsZero(Backend backend) throws Exception {
        try (ProcessTransport t = (ProcessTransport) backend.start("ppc64", "-machine pseries", "7.2")) {
            assertEquals(List.of("OK 0"), t.qtest("rtas power-off 2 0x100000 1 0x100100"));
            String event = t.qmpReceive();
            assertTrue(event.contains("\"event\": \"SHUTDOWN\"")
                    && event.contains("\"data\": {\"guest\": true, \"reason\": \"guest-shutdown\"}"), event);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (t.alive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(t.alive(), "still running 10 s after power-off");
            assertEquals(0, t.terminate(), "exit status after power-off");
        }
    }

    /**
     * With {@code -no-shutdown} the power-off stops a running VM instead (SHUTDOWN, STOP, status {@code shutdown});
     * {@code cont} then needs a {@code system_reset}, which leaves the VM in {@code prelaunch}.
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM", "JVM_PROCESS", "QEMU"})
    void powerOffWithNoShutdownStopsTheVmUntilReset(Backend backend) {
        try (QTestState qts = new QTestState(backend.start("ppc64", "-machine pseries -no-shutdown", "7.2"))) {
            assertEquals(Map.of(), qts.qmp("{'execute': 'cont'}").get("return")); // [qemu] starts with -S
            assertEquals("running", status(qts));
            qts.rtas("power-off", 2, 0x100000, 1, 0x100100);
            Map<String, Object> shutdown = qts.eventWait("SHUTDOWN");
            assertEquals(Map.of("guest", true, "reason", "guest-shutdown"), shutdown.get("data"));
            qts.eventWait("STOP");
            assertEquals("shutdown", status(qts));
            assertEquals(Map.of("class", "GenericError", "desc", "Resetting the Virtual Machine is required"),
                    qts.qmp("{'execute': 'cont'}").get("error"));
            assertEquals(Map.of(), qts.qmp("{'execute': 'system_reset'}").get("return"));
            assertEquals("prelaunch", status(qts));
            assertEquals(Map.of(), qts.qmp("{'execute': 'cont'}").get("return"));
            assertEquals("running", status(qts));
        }
    }

    @SuppressWarnings("unchecked")
    private static String status(QTestState qts) {
        return (String) ((Map<String, Object>) qts.qmp(STATUS).get("return")).get("status");
    }
}
