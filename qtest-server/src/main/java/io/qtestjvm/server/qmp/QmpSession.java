package io.qtestjvm.server.qmp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One QMP connection: greeting, capabilities negotiation, then command mode (the QMP specification, QEMU's
 * docs/interop/qmp-spec). Bytes come in through {@link #feed}; every complete JSON value is checked and
 * dispatched, and the reply goes to the {@link QmpOutput} before the next value is looked at (QEMU without OOB
 * handles one request at a time, in order).
 *
 * <p>Replies: {@code {"return": R}} or {@code {"error": {"class": C, "desc": D}}}, plus {@code "id"} copied from the
 * request when it had one (never for parse errors or non-object requests). In negotiation mode every command but
 * qmp_capabilities is CommandNotFound with desc "Expecting capabilities negotiation with 'qmp_capabilities'".
 */
public final class QmpSession {
    private static final String NEGOTIATION_DESC = "Expecting capabilities negotiation with 'qmp_capabilities'";

    private final QmpMonitor monitor;
    private final QmpOutput out;
    private final JsonMessageReader parser;
    private final List<Runnable> afterReply = new ArrayList<>();
    private boolean commandMode;
    private boolean oobEnabled;
    private boolean closed;

    QmpSession(QmpMonitor monitor, QmpOutput out) {
        this.monitor = monitor;
        this.out = Objects.requireNonNull(out, "out");
        this.parser = new JsonMessageReader(this::onMessage);
    }

    /** CHR_EVENT_OPENED: negotiation mode, no capabilities, greeting. */
    void open() {
        commandMode = false;
        oobEnabled = false;
        parser.reset();
        JsonArray caps = new JsonArray();
        if (monitor.oobOffered()) {
            for (String c : monitor.version().capabilities()) {
                caps.add(c);
            }
        }
        JsonObject qmp = new JsonObject().put("version", monitor.version().toJson()).put("capabilities", caps);
        send(new JsonObject().put("QMP", qmp));
    }

    public void feed(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (!closed) {
            parser.feed(buf, off, len);
        }
    }

    public void feed(ByteBuffer buf) {
        if (!closed) {
            parser.feed(buf);
        }
    }

    /** CHR_EVENT_CLOSED: forget partial input; the session gets no more events. */
    public void close() {
        closed = true;
        parser.reset();
        monitor.sessionClosed(this);
    }

    public boolean commandMode() {
        return commandMode;
    }

    public boolean oobEnabled() {
        return oobEnabled;
    }

    public QmpMonitor monitor() {
        return monitor;
    }

    /** Runs {@code action} once the reply of the command now executing has been written. */
    public void afterReply(Runnable action) {
        afterReply.add(Objects.requireNonNull(action, "action"));
    }

    /** qmp_capabilities succeeded: switch to the full command list. */
    void enterCommandMode(boolean oob) {
        commandMode = true;
        oobEnabled = oob;
    }

    private void onMessage(JsonValue request, String parseError) {
        if (monitor.exiting() || closed) {
            return;
        }
        JsonObject rsp;
        if (parseError != null) {
            rsp = new JsonObject().put("error", QmpError.generic(parseError).toJson());
        } else {
            rsp = dispatch(request);
        }
        send(rsp);
        if (!afterReply.isEmpty()) {
            List<Runnable> actions = List.copyOf(afterReply);
            afterReply.clear();
            for (Runnable r : actions) {
                r.run();
            }
        }
    }

    /** Checks and runs one request; in negotiation mode an unknown command gets the negotiation desc. */
    private JsonObject dispatch(JsonValue request) {
        JsonValue id = null;
        JsonObject rsp;
        String commandName = "?";
        try {
            if (!(request instanceof JsonObject dict)) {
                throw QmpError.generic("QMP input must be a JSON object");
            }
            id = dict.get("id");
            String execKey = checkObject(dict);
            String command = ((JsonString) dict.get(execKey)).value();
            commandName = command;
            boolean oob = execKey.equals("exec-oob");
            QmpCommandRegistry.Entry entry = monitor.commands().find(command, commandMode);
            if (entry == null) {
                throw new QmpError(QmpErrorClass.CommandNotFound, "The command " + command + " has not been found");
            }
            if (oob && !entry.allowOob()) {
                throw QmpError.generic("The command " + command + " does not support OOB");
            }
            if (monitor.host().runState().preconfig() && !entry.allowPreconfig()) {
                throw QmpError.generic("The command '" + command
                        + "' is permitted only after machine initialization has completed");
            }
            JsonValue args = dict.get("arguments");
            JsonValue ret = entry.command().execute(QmpArgs.of(args == null ? new JsonObject() : (JsonObject) args),
                    this);
            rsp = new JsonObject().put("return", ret == null ? new JsonObject() : ret);
        } catch (QmpError e) {
            QmpError err = e;
            if (!commandMode && e.errorClass() == QmpErrorClass.CommandNotFound) {
                err = new QmpError(QmpErrorClass.CommandNotFound, NEGOTIATION_DESC);
            }
            rsp = new JsonObject().put("error", err.toJson());
        } catch (RuntimeException e) {
            // a model bug behind a command: the monitor stays up, and the machine's count shows it
            monitor.internalErrors().record("QMP " + commandName, e);
            rsp = new JsonObject().put("error", QmpError.generic("internal error: " + e).toJson());
        }
        if (id != null) {
            rsp.put("id", id);
        }
        return rsp;
    }

    /** The request's own members, checked in the object's (QEMU) order. Returns the execute key. */
    private String checkObject(JsonObject dict) {
        String execKey = null;
        for (JsonObject.Member m : dict.members()) {
            String name = m.key();
            if (name.equals("execute") || (name.equals("exec-oob") && oobEnabled)) {
                if (!(m.value() instanceof JsonString)) {
                    throw QmpError.generic("QMP input member '" + name + "' must be a string");
                }
                if (execKey != null) {
                    throw QmpError.generic("QMP input member '" + name + "' clashes with '" + execKey + "'");
                }
                execKey = name;
            } else if (name.equals("arguments")) {
                if (!(m.value() instanceof JsonObject)) {
                    throw QmpError.generic("QMP input member 'arguments' must be an object");
                }
            } else if (!name.equals("id")) {
                throw QmpError.generic("QMP input member '" + name + "' is unexpected");
            }
        }
        if (execKey == null) {
            throw QmpError.generic("QMP input lacks member 'execute'");
        }
        return execKey;
    }

    private void send(JsonObject msg) {
        if (!closed) {
            JsonWriter.send(msg, out);
        }
    }

    void sendRaw(byte[] wire) {
        if (!closed) {
            out.write(wire, 0, wire.length);
        }
    }
}
