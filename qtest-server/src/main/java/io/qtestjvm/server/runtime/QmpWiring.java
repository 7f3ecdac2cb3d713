package io.qtestjvm.server.runtime;

import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.cli.QemuCommandLine;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.monitor.MachineMonitor;
import io.qtestjvm.server.qmp.QmpHost;
import io.qtestjvm.server.qmp.QmpMonitor;
import io.qtestjvm.server.qmp.VmRunState;
import io.qtestjvm.server.qtest.Compat;

import java.util.Map;

/**
 * Connects {@code -mon chardev=ID,mode=control} and {@code -qmp SPEC} to QMP monitors sharing one command set
 * (events go to every monitor in command mode, as QEMU broadcasts them). The monitors connect and greet their
 * clients without a board ({@link #connect}): QEMU's do so before it builds the board, so a board that failed still
 * has its monitors connected when the process ends. {@link #bind} then gives them the board, before the event loop
 * reads the first command.
 */
final class QmpWiring {
    /** How long {@code quit} waits for clients to take their pending output before the process ends. */
    private static final long EXIT_DRAIN_MS = 500;

    private QmpWiring() {
    }

    /**
     * Connects every monitor of the command line to one board-less {@link QmpMonitor}.
     *
     * @param beforeExit what the process does before it ends on {@code quit} (runs on the machine thread)
     */
    static QmpMonitor connect(EventLoop loop, QemuCommandLine cl, Map<String, ChardevSpec> chardevs, Compat compat,
                              Runnable beforeExit) throws StartupException {
        VmRunState vm = new VmRunState(cl.has("S"), cl.has("preconfig"));
        QmpHost host = new QmpHost() {
            @Override
            public VmRunState runState() {
                return vm;
            }

            @Override
            public void requestExit(int status) {
                // after the loop has flushed this command's output (the SHUTDOWN event and the return), as QEMU
                // answers quit before its main loop sees the shutdown request
                loop.execute(() -> {
                    loop.drainOutput(EXIT_DRAIN_MS); // replies still waiting for a slow reader
                    ProcessLife.exitNow(beforeExit, status);
                });
            }
        };
        QmpMonitor monitor = MachineMonitor.unbound(compat, host);
        for (String mon : cl.all("mon")) {
            QemuOpts o = QemuOpts.parse(mon, "chardev");
            String id = o.get("chardev");
            ChardevSpec spec = chardevs.get(id);
            if (spec == null) {
                throw new StartupException("-mon " + mon + ": chardev \"" + id + "\" not found");
            }
            String mode = o.get("mode", "readline");
            if (!mode.equals("control")) {
                throw new StartupException("-mon " + mon + ": only mode=control (QMP) is supported");
            }
            loop.attach("-mon " + mon, spec, new QmpEndpoint(monitor));
        }
        for (String qmp : cl.all("qmp")) {
            loop.attach("-qmp " + qmp, ChardevSpec.parseCompat("qmp", qmp), new QmpEndpoint(monitor));
        }
        return monitor;
    }

    /**
     * Connects the sockets of the monitors' chardevs and of {@code -qmp} without making the monitors: what QEMU has
     * done when a {@code -netdev} fails (its chardevs connect first, its monitors come after the back ends), so the
     * client sees the connections and no greeting before the process ends. A {@code -mon} whose chardev is unknown
     * is left alone: QEMU would refuse it only later.
     */
    static void connectWithoutMonitors(EventLoop loop, QemuCommandLine cl, Map<String, ChardevSpec> chardevs)
            throws StartupException {
        Endpoint silent = new Endpoint() {
            @Override
            public void connected(Link link) {
            }

            @Override
            public void received(byte[] buf, int off, int len) {
            }

            @Override
            public void disconnected() {
            }
        };
        for (String mon : cl.all("mon")) {
            ChardevSpec spec = chardevs.get(QemuOpts.parse(mon, "chardev").get("chardev"));
            if (spec != null) {
                loop.attach("-mon " + mon, spec, silent);
            }
        }
        for (String qmp : cl.all("qmp")) {
            loop.attach("-qmp " + qmp, ChardevSpec.parseCompat("qmp", qmp), silent);
        }
    }

    /** Gives the monitors their machine: its commands, its events, and what a guest shutdown does. */
    static void bind(QmpMonitor monitor, Board board, QemuCommandLine cl, Compat compat) {
        MachineMonitor.bind(monitor, board, compat);
        board.setGuestShutdownAction(monitor.guestShutdownAction(cl.has("no-shutdown")));
    }
}
