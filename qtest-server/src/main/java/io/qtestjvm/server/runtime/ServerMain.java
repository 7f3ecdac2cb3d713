package io.qtestjvm.server.runtime;

import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.memory.SparseRam;
import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.board.MachineConfig;
import io.qtestjvm.server.board.Targets;
import io.qtestjvm.server.cli.QemuCommandLine;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qmp.QmpMonitor;
import io.qtestjvm.server.qtest.Compat;
import io.qtestjvm.server.qtest.QtestLog;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The stand-in's process entry: parses QEMU's command line and chooses the machine, builds the machine and its
 * devices, opens the qtest and QMP transports (connecting as a client, as QEMU does for libqtest's sockets, and
 * greeting the QMP clients), and runs the machine thread's loop. A client sees QEMU's order: the sockets connect
 * before an error of the board's own is reported (see {@link #run}).
 * Started by {@code bin/qemu-jvm-system-<arch>}, which sets {@code qtestjvm.arch} and {@code qtestjvm.prog}.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) {
        String arch = System.getProperty("qtestjvm.arch", "x86_64");
        StartupWarmup warmup = StartupWarmup.start(arch);
        String prog = System.getProperty("qtestjvm.prog", "qemu-jvm-system-" + arch);
        try {
            run(arch, prog, args, warmup);
        } catch (StartupException e) {
            System.err.print(e.render(prog));
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    /** The stand-in's process: {@code warmup} is the running {@link StartupWarmup}, or null. */
    static void run(String arch, String prog, String[] args, StartupWarmup warmup) throws StartupException {
        if (System.getProperty(SparseRam.BACKING_PROPERTY) == null) {
            System.setProperty(SparseRam.BACKING_PROPERTY, "file"); // one machine in this process: no FFM to link
        }
        QemuCommandLine cl = QemuCommandLine.parse(args);
        Compat compat = compatFromEnvironment();
        if (cl.has("version")) {
            System.out.println(Version.banner(compat));
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
        if (cl.has("help")) {
            System.out.println(Version.usage(prog, compat));
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
        String help = HelpRequests.answer(arch, prog, cl, compat);
        if (help != null) {
            System.out.print(help);
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
        MachineConfig config = MachineConfig.from(arch, cl, compat);
        boolean qtestAccel = qtestAccelerator(cl);
        for (String w : config.warnings()) {
            System.err.println(w.startsWith("WARNING:") ? w : prog + ": " + w);
        }

        Map<String, ChardevSpec> chardevs = new HashMap<>();
        for (String c : cl.all("chardev")) {
            QemuOpts o = QemuOpts.parse(c, "backend");
            String id = o.get("id");
            if (id == null) {
                throw new StartupException("-chardev " + c + ": chardev: no id specified");
            }
            chardevs.put(id, ChardevSpec.parseChardev(o));
        }
        String qtest = cl.last("qtest");
        QtestLog log = null;
        if (qtest != null) {
            try {
                log = QtestLog.open(cl.last("qtest-log"));
            } catch (IOException e) {
                throw new StartupException("-qtest-log " + cl.last("qtest-log") + ": " + e.getMessage());
            }
        }
        BeforeExit beforeExit = new BeforeExit(log);

        // QEMU connects the qtest chardev and its monitors (the qtest log's OPENED line, the QMP greeting) before it
        // builds the board and creates the -device list, so an error of the board's own ends a process whose sockets
        // are connected, which the client sees as end of file (BoardErrorAfterConnectTest). For a libqtest launch the
        // warm-up thread connects them as soon as the JDK's sockets are ready, while this thread builds the board
        // (StartupConnections); otherwise they connect after the board. Either way the board's error is reported
        // only after the connections are made: the client sees QEMU's order. A -netdev's error comes earlier still:
        // QEMU makes the back ends after its chardevs connect and before its monitors, so the client sees both
        // sockets connected and no greeting (only the board's making finds it, so such a launch connects after it).
        StartupConnections.Plan plan = new StartupConnections.Plan(cl, chardevs, qtest, compat, qtestAccel, log,
                beforeExit);
        StartupConnections.Pending early = null;
        if (warmup != null && StartupConnections.early(plan)) {
            early = new StartupConnections.Pending(plan);
            warmup.afterSockets(early);
        }
        Built built = Built.of(config);
        StartupConnections connections = early != null ? early.await()
                : StartupConnections.open(plan, built.error() == null || !built.beforeMonitors());
        EventLoop loop = connections.loop();
        QtestEndpoint endpoint = connections.endpoint();
        QmpMonitor monitor = connections.monitor();
        if (built.error() != null) {
            if (log != null) {
                log.flush(); // QEMU's log keeps its OPENED line when the board or a -netdev fails
            }
            throw built.error();
        }
        Board board = built.board();
        beforeExit.board = board;
        if (endpoint != null) {
            endpoint.bind(board);
            // readying guest RAM takes a core for milliseconds: after the first command, not before its reply
            endpoint.afterFirstInput(() -> NativeExit.prepareInBackground(board.mainRam()));
        }
        QmpWiring.bind(monitor, board, cl, compat);
        for (String w : board.netPeerWarnings()) {
            System.err.println(prog + ": " + w); // QEMU's check once the machine is made, after the monitors greet
        }
        board.net().setWakeup(() -> loop.execute(ServerMain::nothing));
        loop.setTimerWork(() -> {
            board.runDeferred(); // the main loop's reset requests and bottom halves, after the I/O handlers
            board.runHostTimers();
        }, () -> {
            long d = board.nextHostDeadline();
            return d < 0 ? -1 : Math.max(0, d - board.hostClock().now());
        });

        ProcessLife.onTerminationSignals(prog, qtest != null, beforeExit, loop::execute);
        String runWith = cl.last("run-with");
        if (runWith != null) {
            QemuOpts o = QemuOpts.parse(runWith, null);
            String ewp = o.get("exit-with-parent");
            if (ewp != null && parseBool("exit-with-parent", ewp)) {
                ProcessLife.exitWithParent(beforeExit);
            }
        }
        if (qtest == null) {
            NativeExit.prepareInBackground(null); // nothing will write RAM soon: no mapping made ahead
        }
        loop.run();
    }

    /**
     * The board, or the error that kept it from being built, held until the sockets have connected. A {@code -netdev}'s
     * error comes before the monitors are made ({@code beforeMonitors}): QEMU makes the back ends after its chardevs
     * connect and before its monitors. The board's own errors (the CPU model, a {@code -device}) come after they greet.
     */
    private record Built(Board board, StartupException error, boolean beforeMonitors) {
        static Built of(MachineConfig config) {
            try {
                config.checkNetdevErrors();
            } catch (StartupException e) {
                return new Built(null, e, true);
            }
            Board b;
            try {
                b = Targets.create(config);
            } catch (StartupException e) {
                return new Built(null, e, false);
            }
            try {
                b.openNetdevs();
            } catch (StartupException e) {
                return new Built(null, e, true);
            }
            try {
                b.plugConfiguredDevices();
            } catch (StartupException e) {
                return new Built(null, e, false);
            }
            return new Built(b, null, false);
        }
    }

    /**
     * What the process does before it exits: at exit QEMU closes its chardevs, so the qtest log gets its CLOSED
     * line, and the board's block devices are flushed. The board is set once built.
     */
    private static final class BeforeExit implements Runnable {
        private final QtestLog log;
        private volatile Board board;

        BeforeExit(QtestLog log) {
            this.log = log;
        }

        @Override
        public void run() {
            if (log != null) {
                log.exiting();
            }
            Board b = board;
            if (b != null) {
                b.flush();
            }
        }
    }

    /** A task that only wakes the loop (the network layer's I/O threads queued a frame). */
    private static void nothing() {
    }

    private static Compat compatFromEnvironment() throws StartupException {
        try {
            String handed = System.getProperty(WarmLaunch.COMPAT_PROPERTY); // the launcher's QTEST_JVM_COMPAT
            return handed != null ? Compat.parse(handed) : Compat.fromEnvironment();
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
    }

    private static boolean parseBool(String key, String v) throws StartupException {
        try {
            return QemuOpts.parseBool(key, v);
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
    }

    /**
     * Whether the qtest accelerator is in use: {@code -accel qtest} or {@code -machine accel=qtest}; without any
     * accelerator option QEMU picks qtest when {@code -qtest} is given. {@code -accel tcg} runs no CPU here (as
     * Debian's QEMU under {@code -S}): the clock commands are then unknown, as on real QEMU.
     */
    static boolean qtestAccelerator(QemuCommandLine cl) throws StartupException {
        String chosen = null;
        for (String m : cl.all("machine")) {
            String acc = QemuOpts.parse(m, "type").get("accel");
            if (acc != null) {
                // "-machine accel=a:b" tries each in turn; both of ours always initialise
                chosen = acc.split(":")[0];
                if (!chosen.equals("qtest") && !chosen.equals("tcg")) {
                    throw new StartupException("invalid accelerator " + chosen);
                }
            }
        }
        if (chosen != null && cl.has("accel")) {
            throw new StartupException("The -accel and \"-machine accel=\" options are incompatible");
        }
        for (String a : cl.all("accel")) {
            QemuOpts o = QemuOpts.parse(a, "accel");
            String name = o.get("accel", "");
            if (!name.equals("qtest") && !name.equals("tcg")) {
                throw StartupException.at("accel", a, "invalid accelerator " + name);
            }
            for (String k : o.keys()) {
                boolean tcgProp = name.equals("tcg") && (k.equals("thread") || k.equals("tb-size")
                        || k.equals("split-wx"));
                if (!k.equals("accel") && !tcgProp) {
                    throw StartupException.at("accel", a, "Property '" + name + "-accel." + k + "' not found");
                }
            }
            chosen = name;
        }
        if (chosen == null) {
            return cl.has("qtest");
        }
        return chosen.equals("qtest");
    }
}
