package io.qtestjvm.qos.libqtest;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a {@code *-system-<arch>} binary exactly as libqtest does (tests/qtest/libqtest.c, reference 2.2-2.5):
 * the test listens on two unix sockets, forks {@code /bin/sh -c "exec BINARY -qtest unix:... -qtest-log ...
 * -chardev socket,path=...,id=char0 -mon chardev=char0,mode=control -display none EXTRA -accel ACCEL"}, accepts the
 * qtest connection first and then QMP, sends {@code endianness}, reads the QMP greeting and negotiates
 * capabilities. {@link #terminate()} sends SIGTERM and returns the exit status.
 */
public final class ProcessTransport implements QtestTransport {
    private final String binary;
    private final String backend;
    private final Process process;
    private final SocketChannel qtest;
    private final SocketChannel qmp;
    private final LineChannel qtestLines;
    private final JsonChannel qmpMessages;
    private final String greeting;
    private final long timeoutMs;
    /** Everything the process wrote to stderr so far (the pump appends to it while the process runs). */
    private final StringBuilder stderr;
    private final Thread stderrPump;
    private String failureMark;
    private int exitStatus = -1;

    private ProcessTransport(String binary, String backend, Process process, SocketChannel qtest, SocketChannel qmp,
                             long timeoutMs, Thread stderrPump, StringBuilder stderr) throws IOException {
        this.binary = binary;
        this.backend = backend;
        this.process = process;
        this.qtest = qtest;
        this.qmp = qmp;
        this.timeoutMs = timeoutMs;
        this.stderrPump = stderrPump;
        this.stderr = stderr;
        this.qtestLines = new LineChannel(qtest, timeoutMs, binary);
        this.qmpMessages = new JsonChannel(qmp, timeoutMs, binary);
        this.greeting = qmpMessages.next("the QMP greeting");
    }

    /**
     * Starts {@code binary} with {@code extraArgs} (a shell fragment as libqtest pastes it) and the accelerator
     * {@code accel} ({@code qtest}, or {@code tcg -S} for Debian's QEMU, which lacks the qtest accelerator),
     * with {@code env} added to the child's environment.
     */
    public static ProcessTransport start(String binary, String extraArgs, String accel, String backend,
                                         long timeoutMs, java.util.Map<String, String> env) {
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), "qtj");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a socket directory under /tmp: " + e.getMessage(), e);
        }
        // the directory is new for each start, so the names need no counter (no shared state between machines)
        Path qtestPath = dir.resolve("qtest-" + ProcessHandle.current().pid() + ".sock");
        Path qmpPath = dir.resolve("qtest-" + ProcessHandle.current().pid() + ".qmp");
        ServerSocketChannel qtestServer = null;
        ServerSocketChannel qmpServer = null;
        Process p = null;
        try {
            qtestServer = listen(qtestPath);
            qmpServer = listen(qmpPath);
            String cmd = "exec " + binary + " -qtest unix:" + qtestPath + " -qtest-log "
                    + (System.getenv("QTEST_LOG") != null ? "/dev/fd/2" : "/dev/null")
                    + " -chardev socket,path=" + qmpPath + ",id=char0 -mon chardev=char0,mode=control"
                    + " -display none " + extraArgs + " -accel " + accel;
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", cmd);
            pb.environment().put("QEMU_AUDIO_DRV", "none");
            pb.environment().putAll(env);
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            p = pb.start();
            Process proc = p;
            StringBuilder err = new StringBuilder();
            Thread pump = new Thread(() -> {
                try (java.io.Reader r = new java.io.InputStreamReader(proc.getErrorStream(), StandardCharsets.UTF_8)) {
                    char[] b = new char[4096];
                    for (int got; (got = r.read(b)) > 0; ) {
                        synchronized (err) {
                            err.append(b, 0, got);
                        }
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            }, "stderr-" + dir.getFileName());
            pump.setDaemon(true);
            pump.start();
            SocketChannel qt = accept(qtestServer, p, timeoutMs, binary, "qtest", err);
            SocketChannel qm = accept(qmpServer, p, timeoutMs, binary, "QMP", err);
            Files.deleteIfExists(qtestPath);
            Files.deleteIfExists(qmpPath);
            ProcessTransport t;
            try {
                t = new ProcessTransport(binary, backend, p, qt, qm, timeoutMs, pump, err);
                List<String> e = t.qtest("endianness");
                if (!e.get(e.size() - 1).startsWith("OK ")) {
                    throw new IllegalStateException(binary + ": endianness answered " + e);
                }
                t.qmp("{\"execute\": \"qmp_capabilities\"}");
            } catch (IOException | RuntimeException e) {
                RuntimeException exited = exitedAfterConnecting(binary, p, pump, err, e);
                if (exited != null) {
                    throw exited;
                }
                throw e;
            }
            return t;
        } catch (IOException | RuntimeException e) {
            if (p != null) {
                p.destroyForcibly();
            }
            throw e instanceof RuntimeException r ? r
                    : new IllegalStateException(binary + ": start-up failed: " + e.getMessage(), e);
        } finally {
            closeQuietly(qtestServer);
            closeQuietly(qmpServer);
            try {
                Files.deleteIfExists(qtestPath);
                Files.deleteIfExists(qmpPath);
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // left for the OS to clean
            }
        }
    }

    /**
     * QEMU connects its sockets before it builds the board, so a board that cannot be built (a bad {@code -device},
     * an unknown {@code -cpu}) ends a process the client is already talking to: when the first exchanges fail and the
     * process ends, its status and stderr say why rather than the broken connection.
     *
     * @return that error, or null when the process is still running (then {@code e} stands as it is)
     */
    private static RuntimeException exitedAfterConnecting(String binary, Process p, Thread pump, StringBuilder err,
                                                          Exception e) {
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                return null;
            }
            pump.join(1000);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return null;
        }
        return new IllegalStateException(binary + " exited with status " + p.exitValue() + " after connecting: "
                + stderrText(err), e);
    }

    /** What the process wrote to stderr so far (the pump thread appends under the buffer's lock). */
    private static String stderrText(StringBuilder err) {
        synchronized (err) {
            return err.toString().strip();
        }
    }

    private static ServerSocketChannel listen(Path path) throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(path), 1);
        return s;
    }

    private static SocketChannel accept(ServerSocketChannel server, Process p, long timeoutMs, String binary,
                                        String what, StringBuilder err) throws IOException {
        server.configureBlocking(false);
        try (Selector sel = Selector.open()) {
            server.register(sel, SelectionKey.OP_ACCEPT);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (true) {
                SocketChannel c = server.accept();
                if (c != null) {
                    return c;
                }
                if (!p.isAlive()) {
                    try {
                        p.waitFor(200, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException(binary + " exited with status " + p.exitValue()
                            + " before connecting its " + what + " socket: " + stderrText(err));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    p.destroyForcibly();
                    throw new QtestTimeoutException(binary + ": no " + what + " connection within " + timeoutMs
                            + " ms");
                }
                sel.select(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(left))));
                sel.selectedKeys().clear();
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // nothing to do
            }
        }
    }

    @Override
    public List<String> qtest(String command) {
        qtestLines.write(command + "\n", command);
        List<String> lines = new ArrayList<>(1);
        while (true) {
            String line = qtestLines.readLine(command);
            lines.add(line);
            if (!line.startsWith("IRQ")) {
                return lines;
            }
        }
    }

    @Override
    public String qmp(String json) {
        qmpSend(json);
        return qmpMessages.nextNonEvent(json);
    }

    @Override
    public void qmpSend(String text) {
        qmpMessages.write(text.endsWith("\n") ? text : text + "\n", text);
    }

    @Override
    public String qmpReceive() {
        return qmpMessages.next("a QMP message");
    }

    /** Events received while waiting for replies, oldest first; the caller takes them. */
    @Override
    public List<String> qmpEvents() {
        return qmpMessages.events();
    }

    @Override
    public String qmpGreeting() {
        return greeting;
    }

    /** What the process wrote to stderr so far. */
    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    /**
     * Makes {@link #terminate} fail when the process wrote a stderr line starting with {@code mark}: a binary that
     * reports its own bugs on stderr (and goes on serving) is then not taken to have passed.
     */
    public void failOnStderrLinesStartingWith(String mark) {
        this.failureMark = mark;
    }

    /** The stderr lines starting with {@code mark} so far. */
    public List<String> stderrLinesStartingWith(String mark) {
        return stderr().lines().filter(l -> l.startsWith(mark)).toList();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public synchronized int terminate() {
        if (exitStatus >= 0) {
            return exitStatus;
        }
        closeQuietly(qtest);
        closeQuietly(qmp);
        process.destroy(); // SIGTERM
        try {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                throw new QtestTimeoutException(binary + " did not exit within " + timeoutMs
                        + " ms of SIGTERM");
            }
            stderrPump.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exitStatus = process.exitValue();
        if (failureMark != null) {
            List<String> bad = stderrLinesStartingWith(failureMark);
            if (!bad.isEmpty()) {
                throw new QtestException(binary + " [" + backend + "] reported " + bad.size() + " failure(s) on "
                        + "stderr:\n" + stderr());
            }
        }
        return exitStatus;
    }

    /** True while the process runs ({@code qtest_probe_child}). */
    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public String backendName() {
        return backend;
    }
}
