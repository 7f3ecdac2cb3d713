package io.qtestjvm.qos.cmdline;

import io.qtestjvm.qos.backend.Backend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a machine cannot be built, what a libqtest client sees: QEMU connects its qtest chardev (logging OPENED) and
 * its monitor (sending the QMP greeting) before it builds the board, so an error of the board's own (a {@code -device}
 * that does not exist or has no such property, an unknown CPU model) ends a process whose sockets were connected, and
 * the client reads end of file; errors of the machine's options (machine type, {@code -smp}, {@code -drive}) come
 * before anything connects. The stand-in does the same; each row's stages are those Debian's qemu-system-x86_64 7.2
 * showed, and where that binary is installed it is run beside the stand-in and must agree, stderr included (the qtest
 * log goes to stderr without {@code -qtest-log}; its timestamp is left out).
 *
 * <p>A {@code -netdev}'s error comes between: QEMU makes the back ends after its chardevs connect and before it makes
 * its monitors, so the client sees both sockets connected and no greeting; only a duplicate ID is refused with the
 * options, before anything connects.
 */
class BoardErrorAfterConnectTest {
    @TempDir
    Path dir;

    /** What the client saw: which sockets were connected, whether QMP greeted, the exit status, stderr. */
    private record Seen(String stages, int status, String stderr) {
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            -M pc -device nosuch;                       qtest qmp greeting
            -M pc -device edu,foo=1;                    qtest qmp greeting
            -M pc -global edu.foo=1 -device edu;        qtest qmp greeting
            -M pc -cpu nosuch;                          qtest qmp greeting
            -M pc -cpu qemu64,foo=on;                   qtest qmp greeting
            -M pc -nodefaults -netdev user,id=u0 -device virtio-net-pci,netdev=nope; qtest qmp greeting
            -M pc -netdev bogus,id=n0;                  qtest qmp
            -M pc -netdev user,id=n0,foo=1;             qtest qmp
            -M pc -netdev user;                         qtest qmp
            -M pc -netdev hubport,id=h0,hubid=0,netdev=nope; qtest qmp
            -M pc -netdev hubport,id=h0,hubid=0,netdev=nope -device nosuch; qtest qmp
            -M pc -netdev user,id=n0 -netdev user,id=n0; none
            -M pc -netdev bogus,id=n0 -netdev user,id=n0; none
            -M nosuch;                                  none
            -M pc -smp 300;                             none
            -M pc -drive if=none,id=d0,file=/nonexist;  none
            """)
    void aBoardErrorComesAfterTheSocketsConnectAsOnQemu(String args, String stages) throws Exception {
        Seen jvm = run(Backend.standIn("x86_64"), args);
        assertEquals(stages, jvm.stages(), jvm.toString());
        assertEquals(1, jvm.status(), jvm.toString());
        if (stages.startsWith("qtest")) { // the qtest log's OPENED line goes to stderr without -qtest-log
            assertTrue(jvm.stderr().startsWith("[I T] OPENED\n"), jvm.stderr());
        }
        if (Backend.qemuPresent("x86_64")) {
            Seen qemu = run("qemu-system-x86_64", args + " -accel tcg");
            if (stages.endsWith("greeting") && qemu.stages().equals("qtest qmp")) {
                // QEMU's monitor greets from its I/O thread, which races with the main thread's exit on a board
                // error: on a loaded machine the process can end before the greeting is sent
                qemu = new Seen(stages, qemu.status(), qemu.stderr());
            }
            assertEquals(qemu, jvm);
        }
    }

    private Seen run(String binary, String args) throws Exception {
        Path qtestPath = dir.resolve("q.sock");
        Path qmpPath = dir.resolve("m.sock");
        java.nio.file.Files.deleteIfExists(qtestPath);
        java.nio.file.Files.deleteIfExists(qmpPath);
        try (ServerSocketChannel qs = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             ServerSocketChannel ms = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            qs.bind(UnixDomainSocketAddress.of(qtestPath));
            ms.bind(UnixDomainSocketAddress.of(qmpPath));
            qs.configureBlocking(false);
            ms.configureBlocking(false);
            List<String> cmd = new ArrayList<>(List.of(binary, "-display", "none", "-S"));
            cmd.addAll(List.of(args.split(" ")));
            cmd.addAll(List.of("-qtest", "unix:" + qtestPath, "-chardev", "socket,path=" + qmpPath + ",id=char0",
                    "-mon", "chardev=char0,mode=control"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null")));
            pb.environment().put("QTEST_JVM_COMPAT", "7.2");
            Process p = pb.start();
            List<String> stages = new ArrayList<>();
            // libqtest's order: the qtest socket, then the monitor's, then the greeting
            try (SocketChannel q = acceptWhileAlive(qs, p)) {
                if (q != null) {
                    stages.add("qtest");
                    try (SocketChannel m = acceptWhileAlive(ms, p)) {
                        if (m != null) {
                            stages.add("qmp");
                            if (firstLine(m).startsWith("{\"QMP\": ")) {
                                stages.add("greeting");
                            }
                        }
                    }
                }
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), binary + " " + args + " did not exit");
            String prog = Path.of(binary).getFileName().toString();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
                    .replace(prog, "PROG").replaceAll("\\[I \\+?[0-9.]+\\]", "[I T]");
            return new Seen(stages.isEmpty() ? "none" : String.join(" ", stages), p.exitValue(), err);
        }
    }

    /** A connection, or null when the process ended without making one. */
    private static SocketChannel acceptWhileAlive(ServerSocketChannel server, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            SocketChannel c = server.accept();
            if (c != null) {
                return c;
            }
            if (!p.isAlive()) {
                return server.accept(); // a connection made just before the end still counts
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no connection and no exit within 30 s");
    }

    /** The first line the peer sent, or what it sent before end of file. */
    private static String firstLine(SocketChannel c) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 14);
        while (buf.hasRemaining()) {
            if (c.read(buf) < 0) {
                break;
            }
            String s = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            if (s.indexOf('\n') >= 0) {
                return s.substring(0, s.indexOf('\n'));
            }
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }
}
