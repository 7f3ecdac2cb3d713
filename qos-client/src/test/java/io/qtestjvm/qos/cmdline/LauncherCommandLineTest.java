package io.qtestjvm.qos.cmdline;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.QtestTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.UnixDomainSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every launcher {@code bin/qemu-jvm-system-<arch>} started as libqtest starts QEMU (reference 2.3), with
 * {@code -machine none} and the options qos-test adds, answers {@code endianness} with its target's byte order.
 */
class LauncherCommandLineTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"x86_64, little", "i386, little", "arm, little", "aarch64, little", "ppc64, big"})
    void machineNoneAnswersEndiannessOnEveryLauncher(String arch, String order) {
        QtestTransport t = Backend.JVM_PROCESS.start(arch, "-machine none -m 64M -smp 1 -nodefaults -net none "
                + "-serial none -rtc clock=vm -name t -trace qtest* -audiodev none,id=a0 -nographic "
                + "-run-with exit-with-parent=on", "7.2");
        try {
            assertEquals(List.of("OK " + order), t.qtest("endianness"));
        } finally {
            assertEquals(0, t.terminate());
        }
    }

    /**
     * The arm launchers start {@code -M virt} (both the alias and the versioned name, with qos-test's
     * {@code -M virt, -cpu max} form on aarch64): the virtio-mmio transport qos reads first and the GPEX root
     * complex in the high ECAM answer, under either compat version.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"arm, virt, 7.2", "aarch64, 'virt, -cpu max', 7.2", "aarch64, virt-7.2, 7.2",
        "arm, virt-10.2, 10.2", "aarch64, virt, 10.2"})
    void machineVirtStartsOnTheArmLaunchers(String arch, String machine, String compat) {
        QtestTransport t = Backend.JVM_PROCESS.start(arch, "-M " + machine + " -nodefaults", compat);
        try {
            assertEquals(List.of("OK 0x0000000074726976"), t.qtest("readl 0x0a003e00"));
            assertEquals(List.of("OK 0x0000000000081b36"), t.qtest("readl 0x4010000000"));
        } finally {
            assertEquals(0, t.terminate());
        }
    }

    /** {@code -qtest tcp:} (we connect, loopback only) and {@code -qmp unix:...,server=on,wait=off} (we listen). */
    @Test
    void qtestOverTcpAndQmpServerSocket() throws Exception {
        Path qmp = Path.of("/tmp", "qtestjvm-cmdline-" + ProcessHandle.current().pid() + ".qmp");
        Files.deleteIfExists(qmp);
        try (ServerSocket qtest = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            qtest.setSoTimeout(50_000);
            Process p = new ProcessBuilder(Backend.standIn("x86_64"),
                    "-machine", "none", "-qtest", "tcp:127.0.0.1:" + qtest.getLocalPort(), "-qmp",
                    "unix:" + qmp + ",server=on,wait=off", "-display", "none", "-accel", "qtest")
                    .redirectErrorStream(true).start();
            try (Socket s = qtest.accept()) {
                assertEquals("OK little", TcpQtest.firstReply(s, "endianness"));
                try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(qmp))) {
                    BufferedReader q = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                            StandardCharsets.UTF_8));
                    String greeting = q.readLine();
                    assertTrue(greeting.startsWith("{\"QMP\": {\"version\""), greeting);
                }
            } finally {
                p.destroy();
                assertTrue(p.waitFor(10, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue());
                Files.deleteIfExists(qmp);
            }
        }
    }

    /** {@code -run-with exit-with-parent=on}: the stand-in ends when the shell that started it ends. */
    @Test
    void exitWithParentEndsTheStandInWithItsParent() throws Exception {
        String launcher = Backend.standIn("x86_64");
        Process sh = new ProcessBuilder("/bin/sh", "-c", "'" + launcher + "' -machine none -display none "
                + "-run-with exit-with-parent=on >/dev/null 2>&1 & echo $!; sleep 3").start();
        long pid = Long.parseLong(new BufferedReader(new InputStreamReader(sh.getInputStream())).readLine().trim());
        ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
        assertTrue(child.isAlive());
        assertTrue(sh.waitFor(10, TimeUnit.SECONDS));
        child.onExit().get(10, TimeUnit.SECONDS);
        assertTrue(!child.isAlive());
    }
}
