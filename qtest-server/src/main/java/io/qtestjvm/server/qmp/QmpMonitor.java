package io.qtestjvm.server.qmp;

import io.qtestjvm.server.qtest.InternalErrors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The QMP side of one emulated QEMU: the command registry, the emulated version, and the open sessions (one per
 * {@code -mon ... mode=control} connection). Events go to every session that finished capabilities negotiation,
 * written at once; a session still negotiating never
 * sees them. Single-threaded: everything runs on the machine thread, so an event raised while a command runs lands
 * before that command's reply, and one raised between commands lands between their replies.
 */
public final class QmpMonitor {
    private final QemuVersion version;
    private final QmpCommandRegistry commands;
    private final QmpHost host;
    private final LongSupplier epochMicros;
    private final boolean oobOffered;
    private final List<QmpSession> sessions = new ArrayList<>();
    private boolean exiting;
    private InternalErrors internalErrors = new InternalErrors(System.err);

    /** A monitor with the wall clock and 'oob' offered, as QEMU's socket monitors in the transcripts. */
    public QmpMonitor(QemuVersion version, QmpCommandRegistry commands, QmpHost host) {
        this(version, commands, host, QmpMonitor::wallClockMicros, true);
    }

    /**
     * @param epochMicros event timestamps (microseconds since the epoch)
     * @param oobOffered  whether the greeting offers 'oob' (QEMU: when the monitor runs in the I/O thread)
     */
    public QmpMonitor(QemuVersion version, QmpCommandRegistry commands, QmpHost host, LongSupplier epochMicros,
                      boolean oobOffered) {
        this.version = Objects.requireNonNull(version, "version");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.host = Objects.requireNonNull(host, "host");
        this.epochMicros = Objects.requireNonNull(epochMicros, "epochMicros");
        this.oobOffered = oobOffered;
    }

    /** Where a command's escaping exception is counted and logged: the machine's, so that one count covers both. */
    public void setInternalErrors(InternalErrors errors) {
        this.internalErrors = Objects.requireNonNull(errors, "errors");
    }

    InternalErrors internalErrors() {
        return internalErrors;
    }

    /** A registry holding the built-in commands ({@link BuiltinCommands}), ready for more. */
    public static QmpCommandRegistry defaultRegistry() {
        return BuiltinCommands.registerAll(new QmpCommandRegistry());
    }

    /** A new connection (CHR_EVENT_OPENED): the session writes the greeting to {@code out} before returning. */
    public QmpSession openSession(QmpOutput out) {
        QmpSession s = new QmpSession(this, out);
        sessions.add(s);
        s.open();
        return s;
    }

    void sessionClosed(QmpSession s) {
        sessions.remove(s);
    }

    /**
     * Emits an event: {@code {"timestamp": {"seconds": S, "microseconds": U}, "event": NAME, "data": DATA}}, with no
     * "data" member when {@code data} is null (events without arguments, e.g. STOP/RESUME).
     */
    public void emitEvent(String name, JsonObject data) {
        long now = epochMicros.getAsLong();
        JsonObject msg = new JsonObject();
        msg.put("event", name);
        msg.put("timestamp", new JsonObject().put("seconds", now / 1_000_000).put("microseconds", now % 1_000_000));
        if (data != null) {
            msg.put("data", data);
        }
        byte[] wire = JsonWriter.toWire(msg);
        for (QmpSession s : List.copyOf(sessions)) {
            if (s.commandMode()) {
                s.sendRaw(wire);
            }
        }
    }

    public QemuVersion version() {
        return version;
    }

    public QmpCommandRegistry commands() {
        return commands;
    }

    public QmpHost host() {
        return host;
    }

    public boolean oobOffered() {
        return oobOffered;
    }

    /** Set once 'quit' ran: requests still arriving are dropped, as QEMU's dispatcher stops at shutdown. */
    public boolean exiting() {
        return exiting;
    }

    /**
     * Quit from QMP or HMP: SHUTDOWN (reason host-qmp-quit, for both) now, then the process leaves once the
     * command's reply was written; requests still arriving are dropped.
     */
    public void quit(QmpSession session) {
        emitEvent("SHUTDOWN", new JsonObject().put("guest", false).put("reason", "host-qmp-quit"));
        exiting = true;
        session.afterReply(() -> host.requestExit(0));
    }

    /**
     * What follows a guest power-off's SHUTDOWN event: without {@code -no-shutdown} the process exits 0 once the
     * pending output is written (requests still arriving are dropped), as Debian's QEMU does; with it the VM stops
     * (STOP when it was running, see {@link VmRunState}).
     */
    public Runnable guestShutdownAction(boolean noShutdown) {
        return () -> {
            if (!noShutdown) {
                exiting = true;
                host.requestExit(0);
            } else if (host.runState().guestShutdown()) {
                emitEvent("STOP", null);
            }
        };
    }

    private static long wallClockMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
