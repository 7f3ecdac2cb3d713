package io.qtestjvm.server.runtime;

import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.board.MachineConfig;
import io.qtestjvm.server.board.Targets;
import io.qtestjvm.server.cli.QemuCommandLine;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.Compat;
import io.qtestjvm.server.qtest.QtestLog;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The stand-in's process entry: parses QEMU's command line, builds the machine, opens the qtest and QMP
 * transports (connecting as a client, as QEMU does for libqtest's sockets), and runs the machine thread's loop.
 * Started by {@code bin/qemu-jvm-system-<arch>}, which sets {@code qtestjvm.arch} and {@code qtestjvm.prog}.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) {
        String arch = System.getProperty("qtestjvm.arch", "x86_64");
        String prog = System.getProperty("qtestjvm.prog", "qemu-jvm-system-" + arch);
        try {
            run(arch, prog, args);
        } catch (StartupException e) {
            for (String line : e.getMessage().split("\n", -1)) {
                System.err.println(prog + ": " + line);
            }
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    static void run(String arch, String prog, String[] args) throws StartupException {
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
        boolean qtestAccel = qtestAccelerator(cl);
        MachineConfig config = MachineConfig.from(arch, cl, compat);
        Board board = Targets.create(config);
        board.plugConfiguredDevices();

        EventLoop loop;
        try {
            loop = new EventLoop();
        } catch (IOException e) {
            throw new StartupException("cannot open the event loop: " + e.getMessage());
        }
        loop.setTimerWork(() -> {
            board.runDeferred(); // the main loop's reset requests and bottom halves, after the I/O handlers
            board.runHostTimers();
        }, () -> {
            long d = board.nextHostDeadline();
            return d < 0 ? -1 : Math.max(0, d - board.hostClock().now());
        });

        Map<String, ChardevSpec> chardevs = new HashMap<>();
        for (String c : cl.all("chardev")) {
            QemuOpts o = QemuOpts.parse(c, "backend");
            String id = o.get("id");
            if (id == null) {
                throw new StartupException("-chardev " + c + ": chardev: no id specified");
            }
            chardevs.put(id, ChardevSpec.parseChardev(o));
        }

        Runnable flush = board::flush;
        ProcessLife.onTerminationSignals(prog, flush);
        String runWith = cl.last("run-with");
        if (runWith != null) {
            QemuOpts o = QemuOpts.parse(runWith, null);
            String ewp = o.get("exit-with-parent");
            if (ewp != null && parseBool("exit-with-parent", ewp)) {
                ProcessLife.exitWithParent(flush);
            }
        }

        String qtest = cl.last("qtest");
        if (qtest != null) {
            QtestLog log;
            try {
                log = QtestLog.open(cl.last("qtest-log"));
            } catch (IOException e) {
                throw new StartupException("-qtest-log " + cl.last("qtest-log") + ": " + e.getMessage());
            }
            QtestEndpoint endpoint = new QtestEndpoint(board, compat, qtestAccel, log);
            loop.attach("-qtest " + qtest, ChardevSpec.parseCompat("qtest", qtest), endpoint);
        }
        QmpWiring.attach(loop, board, cl, chardevs, compat, qtestAccel, flush);
        loop.run();
    }

    private static Compat compatFromEnvironment() throws StartupException {
        try {
            return Compat.fromEnvironment();
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
        for (String a : cl.all("accel")) {
            chosen = QemuOpts.parse(a, "accel").get("accel");
        }
        for (String m : cl.all("machine")) {
            String acc = QemuOpts.parse(m, "type").get("accel");
            if (acc != null) {
                chosen = acc.split(":")[0];
            }
        }
        if (chosen == null) {
            return cl.has("qtest");
        }
        return switch (chosen) {
            case "qtest" -> true;
            case "tcg" -> false;
            default -> throw new StartupException("-accel " + chosen + ": invalid accelerator " + chosen);
        };
    }
}
