package io.qtestjvm.qos.cmdline;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.ProcessTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code QTEST_JVM_WARM=1}: a launch handed to a JVM started ahead ({@code WarmLaunch}) answers, reports and ends as
 * a launch of its own does; a launch such a JVM cannot serve (another working directory) starts the usual way; and
 * a warm JVM whose launcher is killed ends with it.
 */
class WarmLaunchTest {
    private static final Path POOL = Path.of(Backend.standIn("x86_64")).getParent()
            .resolveSibling("qtest-server/target/warm/x86_64").normalize();
    private static final Map<String, String> WARM = Map.of("QTEST_JVM_WARM", "1", "QTEST_JVM_COMPAT", "7.2");
    private static final String ARGS = "-machine pc -device edu";

    @BeforeEach
    @AfterEach
    void emptyPool() throws IOException, InterruptedException {
        for (long pid : waiting()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        Thread.sleep(100);
        if (Files.isDirectory(POOL)) {
            try (Stream<Path> s = Files.list(POOL)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The PIDs of the warm JVMs waiting in the pool. */
    private static List<Long> waiting() throws IOException {
        List<Long> out = new ArrayList<>();
        if (!Files.isDirectory(POOL)) {
            return out;
        }
        try (Stream<Path> s = Files.list(POOL)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".ready")) {
                    out.add(Long.parseLong(n.substring(0, n.length() - ".ready".length())));
                }
            }
        }
        return out;
    }

    /** Whether {@code pid} runs (a zombie, ended but not yet reaped by its parent, does not). */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code pid} ends within {@code ms} milliseconds. */
    private static boolean endsWithin(long pid, long ms) throws InterruptedException {
        for (long waited = 0; alive(pid) && waited < ms; waited += 20) {
            Thread.sleep(20);
        }
        return !alive(pid);
    }

    /** Waits until a warm JVM waits in the pool; returns its PID. */
    private static long aWarmJvm() throws IOException, InterruptedException {
        for (int i = 0; i < 300; i++) {
            List<Long> w = waiting();
            if (!w.isEmpty()) {
                return w.getFirst();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no warm JVM became ready in " + POOL);
    }

    private static List<String> session(ProcessTransport t) {
        List<String> out = new ArrayList<>(List.of(t.qmpGreeting().replaceAll("\"micro\": \\d+", "")));
        out.addAll(t.qtest("endianness"));
        out.addAll(t.qtest("outl 0xcf8 0x80002000")); // 00:04.0, where -device edu goes first
        out.addAll(t.qtest("inl 0xcfc"));
        out.addAll(t.qtest("writel 0x100000 0x12345678"));
        out.addAll(t.qtest("readl 0x100000"));
        out.add(t.qmp("{\"execute\": \"qmp_capabilities\"}"));
        out.add(t.qmp("{\"execute\": \"query-status\"}"));
        out.add(t.qmp("{\"execute\": \"qom-list\", \"arguments\": {\"path\": \"/machine/peripheral-anon\"}}"));
        return out;
    }

    private static ProcessTransport launch(Map<String, String> env) {
        return ProcessTransport.start(Backend.standIn("x86_64"), ARGS, "qtest", "jvm-process", 50_000, env);
    }

    @Test
    void aWarmLaunchAnswersReportsAndEndsAsALaunchOfItsOwn() throws Exception {
        ProcessTransport first = launch(WARM); // none waits yet: starts the usual way, and a warm JVM for later
        assertEquals(0, first.terminate());
        long warm = aWarmJvm();
        ProcessTransport served = launch(WARM);
        List<String> warmSession;
        try {
            assertTrue(Files.exists(POOL.resolve(warm + ".claim")), "the launch claimed the warm JVM " + warm);
            assertFalse(Files.exists(POOL.resolve(warm + ".ready")));
            assertTrue(alive(warm));
            assertTrue(served.pid() != warm, "the caller's process is the launcher, not the warm JVM");
            warmSession = session(served);
        } finally {
            assertEquals(0, served.terminate(), "SIGTERM ends a warm launch with status 0");
        }
        assertTrue(endsWithin(warm, 2_000), "the warm JVM ended with its launch");
        ProcessTransport cold = launch(Map.of("QTEST_JVM_COMPAT", "7.2"));
        try {
            assertEquals(session(cold), warmSession);
        } finally {
            assertEquals(0, cold.terminate());
        }
    }

    @Test
    void aStartupErrorOfAWarmLaunchReachesTheLaunchersStderrAndStatus() throws Exception {
        assertEquals(0, launch(WARM).terminate());
        long warm = aWarmJvm();
        ProcessBuilder pb = new ProcessBuilder(Backend.standIn("x86_64"), "-machine", "pc", "-device",
                "no-such-device", "-display", "none").redirectErrorStream(true);
        pb.environment().putAll(WARM);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertEquals("qemu-jvm-system-x86_64: -device no-such-device: 'no-such-device' is not a valid device model "
                + "name\n", out);
        // the waiting JVM served it and ended (unclaimed it would wait five seconds; its files may already be gone:
        // the JVM this launch started for later removes those of JVMs that have ended)
        assertTrue(endsWithin(warm, 2_000), "the warm JVM served it");
    }

    @Test
    void aLaunchFromAnotherDirectoryIsDeclinedAndStartsTheUsualWay() throws Exception {
        assertEquals(0, launch(WARM).terminate());
        long warm = aWarmJvm();
        try (ServerSocket qtest = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            qtest.setSoTimeout(50_000);
            ProcessBuilder pb = new ProcessBuilder(Backend.standIn("x86_64"), "-machine", "none", "-qtest",
                    "tcp:127.0.0.1:" + qtest.getLocalPort(), "-qtest-log", "/dev/null", "-display", "none", "-accel",
                    "qtest").directory(new File("/")).redirectErrorStream(true);
            pb.environment().putAll(WARM);
            Process p = pb.start();
            try (Socket s = qtest.accept()) {
                assertEquals("OK little", TcpQtest.firstReply(s, "endianness"));
            } finally {
                p.destroy();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(0, p.exitValue());
        }
        assertTrue(endsWithin(warm, 2_000), "the waiting JVM was offered the launch, declined it and ended");
    }

    @Test
    void aWarmJvmEndsWhenItsLauncherIsKilled() throws Exception {
        assertEquals(0, launch(WARM).terminate());
        long warm = aWarmJvm();
        ProcessTransport served = launch(WARM);
        assertEquals(List.of("OK little"), served.qtest("endianness"));
        assertTrue(Files.exists(POOL.resolve(warm + ".claim")));
        ProcessHandle.of(served.pid()).orElseThrow().destroyForcibly(); // SIGKILL: nothing to forward
        assertTrue(endsWithin(warm, 4_000), "the warm JVM saw its launcher go and ended");
        served.terminate();
    }

    /** A waiting JVM killed without a chance to clean up leaves its files; the next launch starts the usual way. */
    @Test
    void aLaunchAfterAWaitingJvmWasKilledStartsTheUsualWay() throws Exception {
        assertEquals(0, launch(WARM).terminate());
        long warm = aWarmJvm();
        ProcessHandle.of(warm).orElseThrow().destroyForcibly();
        assertTrue(endsWithin(warm, 2_000));
        assertTrue(Files.exists(POOL.resolve(warm + ".ready")), "its files are left behind");
        ProcessTransport next = launch(WARM);
        try {
            // answered, not left waiting on the dead JVM's FIFOs (the JVM the launch started for later may already
            // have removed the dead one's files: they are not checked here)
            assertEquals(List.of("OK little"), next.qtest("endianness"));
        } finally {
            assertEquals(0, next.terminate());
        }
    }
}
