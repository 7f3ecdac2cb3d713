package io.qtestjvm.server.runtime;

import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.server.cli.QemuCommandLine;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qmp.QmpMonitor;
import io.qtestjvm.server.qtest.Compat;
import io.qtestjvm.server.qtest.QtestLog;

import java.io.IOException;
import java.util.Map;

/**
 * The event loop and the chardevs a client connects to before the machine runs: the qtest chardev, then the
 * monitors, whose QMP greeting goes out as they connect. That is QEMU's order (its chardevs connect and its monitors
 * greet before it builds the board), and it lets the client read the greeting and send {@code qmp_capabilities} while
 * the board is still being built. So for a libqtest launch (every chardev a socket the client listens on, no network
 * back end) the connections are made on the warm-up thread as soon as the JDK's sockets are ready
 * ({@link StartupWarmup#afterSockets}), while the machine thread builds the board; {@link Pending#await} hands them
 * over. A command line with a network back end connects after the board: a back end's error comes between the
 * chardevs and the monitors (the client sees the connections and no greeting), which only the board's making finds.
 * One with a listening or stdio chardev does too (nothing gained, and accepting could wait for a client).
 *
 * @param endpoint the qtest chardev's endpoint, null without {@code -qtest}
 * @param monitor the monitors, null when they were not made ({@code monitors} false in {@link #open})
 */
record StartupConnections(EventLoop loop, QtestEndpoint endpoint, QmpMonitor monitor) {
    /** What the connections are made from. */
    record Plan(QemuCommandLine cl, Map<String, ChardevSpec> chardevs, String qtest, Compat compat, boolean qtestAccel,
                QtestLog log, Runnable beforeExit) {
    }

    /**
     * Opens the event loop and connects the qtest chardev, then the monitors (with their greeting) or, when
     * {@code monitors} is false (a network back end failed), the monitors' sockets alone.
     */
    static StartupConnections open(Plan p, boolean monitors) throws StartupException {
        EventLoop loop;
        try {
            loop = new EventLoop();
        } catch (IOException e) {
            throw new StartupException("cannot open the event loop: " + e.getMessage());
        }
        QtestEndpoint endpoint = null;
        if (p.qtest() != null) {
            endpoint = new QtestEndpoint(p.compat(), p.qtestAccel(), p.log());
            loop.attach("-qtest " + p.qtest(), ChardevSpec.parseCompat("qtest", p.qtest()), endpoint);
        }
        QmpMonitor monitor = null;
        if (monitors) {
            monitor = QmpWiring.connect(loop, p.cl(), p.chardevs(), p.compat(), p.beforeExit());
        } else {
            QmpWiring.connectWithoutMonitors(loop, p.cl(), p.chardevs());
        }
        return new StartupConnections(loop, endpoint, monitor);
    }

    /**
     * Whether the connections may be made before the board: no network back end, and the qtest chardev and every
     * monitor's a socket the stand-in connects to (a chardev that is missing or malformed is left to {@link #open},
     * which reports it as before, after the board).
     */
    static boolean early(Plan p) {
        QemuCommandLine cl = p.cl();
        if (!cl.all("netdev").isEmpty() || !cl.all("net").isEmpty() || !cl.all("nic").isEmpty()) {
            return false;
        }
        try {
            if (p.qtest() != null && !connects(ChardevSpec.parseCompat("qtest", p.qtest()))) {
                return false;
            }
            for (String mon : cl.all("mon")) {
                ChardevSpec spec = p.chardevs().get(QemuOpts.parse(mon, "chardev").get("chardev"));
                if (spec == null || !connects(spec)) {
                    return false;
                }
            }
            for (String qmp : cl.all("qmp")) {
                if (!connects(ChardevSpec.parseCompat("qmp", qmp))) {
                    return false;
                }
            }
        } catch (StartupException | RuntimeException e) {
            return false;
        }
        return true;
    }

    private static boolean connects(ChardevSpec spec) {
        return (spec.kind() == ChardevSpec.Kind.UNIX || spec.kind() == ChardevSpec.Kind.TCP) && !spec.server();
    }

    /** Connections being made on another thread; {@link #await} returns them or throws what making them threw. */
    static final class Pending implements Runnable {
        private final Plan plan;
        private StartupConnections result;
        /** What making them threw: a StartupException, a RuntimeException or an Error. */
        private Throwable thrown;
        private boolean done;

        Pending(Plan plan) {
            this.plan = plan;
        }

        @Override
        public void run() {
            StartupConnections r = null;
            Throwable t = null;
            try {
                r = open(plan, true);
            } catch (StartupException | RuntimeException | Error e) {
                t = e;
            }
            synchronized (this) {
                result = r;
                thrown = t;
                done = true;
                notifyAll();
            }
        }

        /** Waits until the connections are made. */
        synchronized StartupConnections await() throws StartupException {
            boolean interrupted = false;
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            // instanceof, not a pattern switch: that one's bootstrap spins a class at run time, on every start
            if (thrown instanceof StartupException e) {
                throw e;
            }
            if (thrown instanceof RuntimeException e) {
                throw e;
            }
            if (thrown instanceof Error e) {
                throw e;
            }
            return result;
        }
    }
}
