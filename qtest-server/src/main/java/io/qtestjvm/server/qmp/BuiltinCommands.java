package io.qtestjvm.server.qmp;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands every emulated QEMU has: qmp_capabilities, query-version, query-status (with 7.2's extra
 * {@code singlestep} member) and quit.
 */
public final class BuiltinCommands {
    private BuiltinCommands() {
    }

    public static QmpCommandRegistry registerAll(QmpCommandRegistry r) {
        r.register("qmp_capabilities", BuiltinCommands::qmpCapabilities, false, true, true);
        r.registerPreconfig("query-version", (args, s) -> {
            args.end();
            return s.monitor().version().toJson();
        });
        r.registerPreconfig("query-status", BuiltinCommands::queryStatus);
        r.registerPreconfig("quit", BuiltinCommands::quit);
        r.registerPreconfig("query-commands", BuiltinCommands::queryCommands);
        return r;
    }

    /**
     * Arguments first (a bad 'enable' fails even in command mode), then the mode check, then the capabilities:
     * each requested one the monitor does not offer is listed in "Capability X, Y not available".
     */
    static JsonValue qmpCapabilities(QmpArgs args, QmpSession session) {
        List<String> known = session.monitor().version().capabilities();
        List<String> enable = args.optionalEnumList("enable", known);
        args.end();
        if (session.commandMode()) {
            throw new QmpError(QmpErrorClass.CommandNotFound,
                    "Capabilities negotiation is already complete, command ignored");
        }
        boolean oob = false;
        List<String> unavailable = new ArrayList<>();
        if (enable != null) {
            for (String cap : enable) {
                if (!session.monitor().oobOffered()) {
                    unavailable.add(cap);
                }
                oob |= cap.equals("oob");
            }
        }
        if (!unavailable.isEmpty()) {
            throw QmpError.generic("Capability " + String.join(", ", unavailable) + " not available");
        }
        session.enterCommandMode(oob);
        return null;
    }

    /** CommandInfo list: every command usable in command mode, {@code {"name": N}} each. */
    static JsonValue queryCommands(QmpArgs args, QmpSession session) {
        args.end();
        JsonArray out = new JsonArray();
        for (QmpCommandRegistry.Entry e : session.monitor().commands().entries()) {
            out.add(new JsonObject().put("name", e.name()));
        }
        return out;
    }

    /** StatusInfo members in schema order: running, singlestep (until 9.0), status. */
    static JsonValue queryStatus(QmpArgs args, QmpSession session) {
        args.end();
        String state = session.monitor().host().runState().status();
        JsonObject info = new JsonObject().put("running", state.equals("running"));
        if (session.monitor().version().statusHasSinglestep()) {
            info.put("singlestep", false);
        }
        return info.put("status", state);
    }

    /**
     * QEMU 7.2 writes the SHUTDOWN event before quit's {@code {"return": {}}} (qemu-7.2-transcripts), then exits 0.
     */
    static JsonValue quit(QmpArgs args, QmpSession session) {
        args.end();
        session.monitor().quit(session);
        return null;
    }
}
