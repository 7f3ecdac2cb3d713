package io.qtestjvm.server.monitor;

import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.qmp.QemuVersion;
import io.qtestjvm.server.qmp.QmpCommandRegistry;
import io.qtestjvm.server.qmp.QmpHost;
import io.qtestjvm.server.qmp.QmpMonitor;
import io.qtestjvm.server.qtest.Compat;

/**
 * Builds the QMP monitor of a machine: the built-in commands plus the ones that act on the board, and the board's
 * events (RESET, DEVICE_DELETED, ...) routed to the monitor's sessions. The process and the in-JVM entry both use
 * it, so they answer alike.
 */
public final class MachineMonitor {
    private MachineMonitor() {
    }

    /** The version the greeting and {@code query-version} report under {@code compat}. */
    public static QemuVersion version(Compat compat) {
        return new QemuVersion(compat.major(), compat.minor(), compat.micro(), "qtest-jvm");
    }

    public static QmpMonitor create(Board board, Compat compat, QmpHost host) {
        QmpMonitor monitor = unbound(compat, host);
        bind(monitor, board, compat);
        return monitor;
    }

    /**
     * The monitor without a machine: it can greet a client and holds the built-in commands. QEMU connects its
     * monitors and sends the greeting before it builds the board (observed against Debian's QEMU 7.2: the greeting
     * arrives while a bad {@code -device} is still to be found), so the process entry opens the sessions with this
     * whether or not its board could be built, and {@link #bind binds} the board when it was, before any command is
     * read.
     */
    public static QmpMonitor unbound(Compat compat, QmpHost host) {
        return new QmpMonitor(version(compat), QmpMonitor.defaultRegistry(), host);
    }

    /** Adds the board's commands to {@code monitor} and routes the board's events to it. */
    public static void bind(QmpMonitor monitor, Board board, Compat compat) {
        register(monitor.commands(), board, compat);
        monitor.setInternalErrors(board.internalErrors());
        board.setEventSink(monitor::emitEvent);
        QmpHost host = monitor.host();
        board.net().setRunState(() -> host.runState().isRunning());
    }

    /** Board-aware commands; each group is one small class. */
    static void register(QmpCommandRegistry registry, Board board, Compat compat) {
        DiscoveryCommands.register(registry, board, compat);
        ResetCommands.register(registry, board);
        HotplugCommands.register(registry, board);
        RunStateCommands.register(registry, board);
        NetCommands.register(registry, board);
        VmInfoCommands.register(registry, board);
        SchemaCommands.register(registry);
        BlockCommands.register(registry, board);
        TransactionCommand.register(registry, board.blocks()::drain);
    }
}
