package io.qtestjvm.qos.robustness;

import io.qtestjvm.qos.backend.Backend;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A hand-made libqtest-style start (reference 2.2-2.3) for tests that need what {@code ProcessTransport} hides:
 * their own command line around the binary, the raw QMP stream before negotiation, closing only the qtest
 * socket, or a process that is not our child. Listens on a qtest and a QMP unix socket, runs
 * {@code /bin/sh -c SCRIPT} where {@code {QTEST}} and {@code {QMP}} in SCRIPT name the socket paths, and accepts
 * the connections the script names. Blocking reads: callers bound them with JUnit's {@code @Timeout}.
 */
final class Launch implements AutoCloseable {
    private static final long ACCEPT_MS = 30_000;

    final Process shell;
    final SocketChannel qtest;
    final SocketChannel qmp;
    private final InputStream qtestIn;
    private final InputStream qmpIn;
    private final ByteArrayOutputStream stderr;
    private final Thread stderrPump;
    private final Path dir;

    private Launch(Process shell, SocketChannel qtest, SocketChannel qmp, ByteArrayOutputStream stderr, Thread pump,
                   Path dir) {
        this.stderr = stderr;
        this.shell = shell;
        this.qtest = qtest;
        this.qmp = qmp;
        this.qtestIn = qtest == null ? null : new BufferedInputStream(Channels.newInputStream(qtest), 1 << 16);
        this.qmpIn = qmp == null ? null : Channels.newInputStream(qmp);
        this.stderrPump = pump;
        this.dir = dir;
    }

    static String binary(Backend b) {
        return b == Backend.QEMU ? Backend.qemuBinary("x86_64")
                : Backend.standIn("x86_64");
    }

    static String program(Backend b) {
        return b == Backend.QEMU ? "qemu-system-x86_64" : "qemu-jvm-system-x86_64";
    }

    static String accel(Backend b) {
        return b == Backend.QEMU ? "tcg -S" : "qtest";
    }

    /** libqtest's command line for {@code backend} with {@code extra} arguments, as a script for {@link #start}. */
    static String libqtestScript(Backend backend, String extra) {
        return "exec " + binary(backend) + " -qtest unix:{QTEST} -qtest-log /dev/null -chardev socket,path={QMP},"
                + "id=char0 -mon chardev=char0,mode=control -display none " + extra + " -accel " + accel(backend);
    }

    static Launch start(String script) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "qtjr");
        Path qtestPath = dir.resolve("q.sock");
        Path qmpPath = dir.resolve("m.sock");
        boolean withQtest = script.contains("{QTEST}");
        boolean withQmp = script.contains("{QMP}");
        try (ServerSocketChannel qs = withQtest ? listen(qtestPath) : null;
             ServerSocketChannel ms = withQmp ? listen(qmpPath) : null) {
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c",
                    script.replace("{QTEST}", qtestPath.toString()).replace("{QMP}", qmpPath.toString()));
            pb.environment().put("QEMU_AUDIO_DRV", "none");
            pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
            Process p = pb.start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread pump = new Thread(() -> {
                try {
                    p.getErrorStream().transferTo(new java.io.OutputStream() {
                        @Override
                        public void write(int b) {
                            synchronized (err) {
                                err.write(b);
                            }
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            synchronized (err) {
                                err.write(b, off, len);
                            }
                        }
                    });
                } catch (IOException e) {
                    // the process is gone
                }
            }, "launch-stderr");
            pump.setDaemon(true);
            pump.start();
            SocketChannel q = qs == null ? null : accept(qs, p, err);
            SocketChannel m = ms == null ? null : accept(ms, p, err);
            return new Launch(p, q, m, err, pump, dir);
        }
    }

    private static ServerSocketChannel listen(Path p) throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(p), 1);
        s.configureBlocking(false);
        return s;
    }

    private static SocketChannel accept(ServerSocketChannel s, Process p, ByteArrayOutputStream err)
            throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACCEPT_MS);
        while (System.nanoTime() < deadline) {
            SocketChannel c = s.accept();
            if (c != null) {
                c.configureBlocking(true);
                return c;
            }
            if (!p.isAlive() && p.exitValue() != 0) {
                throw new IllegalStateException("exited with " + p.exitValue() + " before connecting: " + err);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("no connection within " + ACCEPT_MS + " ms: " + err);
    }

    /** What the shell and the binary wrote to stderr so far. */
    String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    /** The shell's stdout, first line (e.g. a PID echoed by the script). */
    String stdoutLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = shell.getInputStream().read()) >= 0 && c != '\n') {
            sb.append((char) c);
        }
        return sb.toString();
    }

    void qtestSend(String line) throws IOException {
        write(qtest, line + "\n");
    }

    String qtestLine() throws IOException {
        return readLine(qtestIn);
    }

    /** Sends raw bytes on the qtest socket (no newline added). */
    void qtestSendRaw(byte[] b) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            qtest.write(buf);
        }
    }

    /**
     * Reads one qtest line without keeping it: checks that it is {@code prefix} followed only by {@code fill}
     * bytes and returns its length without the newline.
     */
    long qtestLongLine(String prefix, byte fill) throws IOException {
        long n = 0;
        int c;
        while ((c = qtestIn.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed after " + n + " bytes of a long line");
            }
            byte want = n < prefix.length() ? (byte) prefix.charAt((int) n) : fill;
            if ((byte) c != want) {
                throw new IOException("byte " + n + " of a long line is " + c + ", expected " + want);
            }
            n++;
        }
        return n;
    }

    void qmpSend(String json) throws IOException {
        write(qmp, json + "\n");
    }

    /** The next QMP message: QEMU ends each one with CRLF. */
    String qmpMessage() throws IOException {
        return readLine(qmpIn).strip();
    }

    private static void write(SocketChannel ch, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed after '" + sb + "'");
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    /** Waits for the shell (the binary itself when the script {@code exec}s it) to exit; -1 on timeout. */
    int waitFor(long ms) throws InterruptedException {
        if (!shell.waitFor(ms, TimeUnit.MILLISECONDS)) {
            return -1;
        }
        stderrPump.join(1000);
        return shell.exitValue();
    }

    /**
     * SIGTERM, as libqtest's qtest_quit does, then the exit status. Through the ProcessHandle: Process.destroy()
     * also closes our end of the stderr pipe, which loses what the process writes while it exits.
     */
    int terminate() throws InterruptedException {
        shell.toHandle().destroy();
        return waitFor(30_000);
    }

    @Override
    public void close() {
        shell.destroyForcibly();
        for (SocketChannel c : new SocketChannel[] {qtest, qmp}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException e) {
                // gone
            }
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // left for the OS
        }
    }
}
