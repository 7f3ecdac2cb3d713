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
 * (events go to every monitor in command mode, as QEMU broadcasts them).
 */
final class QmpWiring {
    /** How long {@code quit} waits for clients to take their pending output before the process ends. */
    private static final long EXIT_DRAIN_MS = 500;

    private QmpWiring() {
    }

    static void attach(EventLoop loop, Board board, QemuCommandLine cl, Map<String, ChardevSpec> chardevs,
                       Compat compat, boolean qtestAccel, Runnable flush) throws StartupException {
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
                    ProcessLife.exitNow(flush, status);
                });
            }
        };
        QmpMonitor monitor = MachineMonitor.create(board, compat, host);
        board.setGuestShutdownAction(monitor.guestShutdownAction(cl.has("no-shutdown")));
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
    }
}
