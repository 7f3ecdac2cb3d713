package io.qtestjvm.server;

import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.board.MachineConfig;
import io.qtestjvm.server.board.Targets;
import io.qtestjvm.server.board.TypeCatalogs;
import io.qtestjvm.server.cli.QemuCommandLine;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.monitor.MachineMonitor;
import io.qtestjvm.server.qmp.QmpHost;
import io.qtestjvm.server.qmp.QmpMonitor;
import io.qtestjvm.server.qmp.QmpSession;
import io.qtestjvm.server.qmp.VmRunState;
import io.qtestjvm.server.qtest.Compat;
import io.qtestjvm.server.qtest.QtestEngine;
import io.qtestjvm.server.qtest.QtestLog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The stand-in without a process or a socket: the same command line, board and qtest engine as
 * {@code bin/qemu-jvm-system-<arch>}, driven by method calls on the caller's thread. Its API uses JDK types only,
 * so that test code elsewhere (qos-client's in-JVM backend) can adapt it without a module cycle.
 *
 * <p>{@link #qtest(String)} returns exactly the text the qtest socket would carry for one command: zero or more
 * asynchronous {@code IRQ raise|lower N} lines and then the reply, each ending in {@code \n}. The QMP side is one
 * monitor session: {@link #qmpGreeting()}, then {@link #qmp(String)} returns the bytes the QMP socket would carry
 * (messages ending in CRLF, events included, in order); events raised by qtest commands wait in
 * {@link #qmpPending()}.
 */
public final class InJvmServer implements AutoCloseable {
    private final Board board;
    private final QtestEngine engine;
    private byte[] out = new byte[256];
    private int outLen;
    private byte[] in = new byte[256];
    private final StringBuilder qmpOut = new StringBuilder();
    private QmpSession qmp;
    private String greeting;
    private int exitStatus = -1;

    private InJvmServer(Board board, QtestEngine engine) {
        this.board = board;
        this.engine = engine;
    }

    private void openMonitor(Compat compat, VmRunState vm, boolean noShutdown) {
        QmpHost host = new QmpHost() {
            @Override
            public VmRunState runState() {
                return vm;
            }

            @Override
            public void requestExit(int status) {
                exitStatus = status;
            }
        };
        QmpMonitor monitor = MachineMonitor.create(board, compat, host);
        board.setGuestShutdownAction(monitor.guestShutdownAction(noShutdown));
        qmp = monitor.openSession((b, off, len) -> qmpOut.append(new String(b, off, len, StandardCharsets.UTF_8)));
        greeting = drainQmp();
    }

    private String drainQmp() {
        String s = qmpOut.toString();
        qmpOut.setLength(0);
        return s;
    }

    /**
     * Starts a machine for {@code arch} ({@code x86_64}, {@code i386}, {@code arm}, {@code aarch64},
     * {@code ppc64}) from QEMU command-line arguments, e.g. {@code "-machine", "pc", "-device", "edu"}. The
     * transport options ({@code -qtest}, {@code -chardev}, {@code -mon}, {@code -qmp}) are accepted and ignored.
     *
     * @throws IllegalArgumentException with QEMU's start-up error text when the command line is rejected
     */
    public static InJvmServer start(String arch, String... args) {
        return startAs(null, arch, args);
    }

    /**
     * As {@link #start(String, String...)}, emulating the QEMU version {@code compat} ({@code "7.2"} or
     * {@code "10.2"}; null means {@code QTEST_JVM_COMPAT} or the default) as a process would under
     * {@code QTEST_JVM_COMPAT}.
     */
    public static InJvmServer startAs(String compatVersion, String arch, String... args) {
        return startAs(TypeCatalogs.perMachine(), compatVersion, arch, args);
    }

    private static InJvmServer startAs(TypeCatalogs catalogs, String compatVersion, String arch, String... args) {
        try {
            QemuCommandLine cl = QemuCommandLine.parse(args);
            Compat compat = compatVersion == null ? Compat.fromEnvironment() : Compat.parse(compatVersion);
            boolean qtestAccel = true;
            for (String a : cl.all("accel")) {
                qtestAccel = a.startsWith("qtest");
            }
            MachineConfig config = MachineConfig.from(arch, cl, compat, catalogs);
            Board board = Targets.create(config);
            board.plugConfiguredDevices();
            InJvmServer[] self = new InJvmServer[1];
            QtestEngine engine = new QtestEngine(board, compat, qtestAccel,
                    (b, off, len) -> self[0].collect(b, off, len), QtestLog.none());
            self[0] = new InJvmServer(board, engine);
            engine.opened();
            self[0].openMonitor(compat, new VmRunState(cl.has("S"), cl.has("preconfig")), cl.has("no-shutdown"));
            return self[0];
        } catch (StartupException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Starts machines that share what never changes between them (the QOM types of each arch and compat version,
     * {@link TypeCatalogs}): for a caller that makes many, e.g. a test runner. Each machine is as independent as one
     * from {@link #startAs}; machines may be started and run on several threads at once.
     */
    public static final class Factory {
        private final TypeCatalogs catalogs = TypeCatalogs.shared();

        /** As {@link InJvmServer#startAs(String, String, String...)}. */
        public InJvmServer start(String compatVersion, String arch, String... args) {
            return startAs(catalogs, compatVersion, arch, args);
        }
    }

    private void collect(byte[] b, int off, int len) {
        if (outLen + len > out.length) {
            out = Arrays.copyOf(out, Math.max(outLen + len, out.length * 2));
        }
        System.arraycopy(b, off, out, outLen, len);
        outLen += len;
    }

    /**
     * Executes one qtest command (without newline) and returns what the socket would carry since the last call:
     * IRQ lines an intercepted interrupt produced in between (during a QMP command, say) come first, as on a socket.
     */
    public synchronized String qtest(String command) {
        board.runHostTimers();
        int n = command.length();
        if (n > in.length) {
            in = new byte[Math.max(n, in.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            in[i] = (byte) command.charAt(i);
        }
        engine.execute(in, 0, n);
        board.runDeferred(); // a guest reset request or an eject completes here, as in QEMU's main loop
        String reply = new String(out, 0, outLen, StandardCharsets.ISO_8859_1);
        outLen = 0;
        return reply;
    }

    /**
     * The allocation-free form for benchmarks: executes {@code len} bytes of {@code line} and copies the output
     * into {@code dst}; returns the number of bytes the output has (which may exceed {@code dst.length}).
     */
    public synchronized int qtest(byte[] line, int off, int len, byte[] dst) {
        engine.execute(line, off, len);
        if (board.hasDeferred()) {
            board.runDeferred();
        }
        System.arraycopy(out, 0, dst, 0, Math.min(outLen, dst.length));
        int n = outLen;
        outLen = 0;
        return n;
    }

    /** The QMP greeting the monitor sent when it opened (ending in CRLF). */
    public String qmpGreeting() {
        return greeting;
    }

    /** Feeds QMP text to the monitor and returns everything it wrote since the last call (CRLF-separated). */
    public synchronized String qmp(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        qmp.feed(b, 0, b.length);
        board.runDeferred();
        return drainQmp();
    }

    /** What the monitor wrote outside QMP calls (events raised by qtest commands or timers). */
    public synchronized String qmpPending() {
        return drainQmp();
    }

    /** The status the machine asked to exit with (QMP {@code quit}), or -1 while it runs. */
    public int exitStatus() {
        return exitStatus;
    }

    /** {@code system_reset}: every device back to its power-on state, RAM kept, and the RESET event. */
    public synchronized void reset() {
        board.systemReset(false, "host-qmp-system-reset");
        board.runDeferred();
    }

    /**
     * The internal errors so far: exceptions that escaped a device model or the engine during a command, each
     * answered {@code FAIL internal error: ...} and logged to stderr. A test that ends with a non-zero count found a
     * bug, whatever its replies looked like.
     */
    public synchronized long internalErrors() {
        return board.internalErrors().count();
    }

    /** The machine, for tests in this module. */
    public Board board() {
        return board;
    }

    @Override
    public synchronized void close() {
        engine.closed();
        board.close();
    }
}
