package io.qtestjvm.server.runtime;

import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.cli.QemuCommandLine;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.Compat;

import java.util.Map;

/** Connects {@code -mon chardev=ID,mode=control} and {@code -qmp SPEC} to QMP monitors. */
final class QmpWiring {
    private QmpWiring() {
    }

    static void attach(EventLoop loop, Board board, QemuCommandLine cl, Map<String, ChardevSpec> chardevs,
                       Compat compat, boolean qtestAccel, Runnable flush) throws StartupException {
        // filled in when the QMP monitor lands
    }
}
