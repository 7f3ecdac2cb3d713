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
        r.register("qmp_capabilities", BuiltinCommands::qmpCapabilities, false, true);
        r.register("query-version", (args, s) -> {
            args.end();
            return s.monitor().version().toJson();
        });
        r.register("query-status", BuiltinCommands::queryStatus);
        r.register("quit", BuiltinCommands::quit);
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

    /** StatusInfo members in schema order: running, singlestep (until 9.0), status. */
    static JsonValue queryStatus(QmpArgs args, QmpSession session) {
        args.end();
        String state = session.monitor().host().runState();
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
        QmpMonitor m = session.monitor();
        m.emitEvent("SHUTDOWN", new JsonObject().put("guest", false).put("reason", "host-qmp-quit"));
        m.beginExit();
        session.afterReply(() -> m.host().requestExit(0));
        return null;
    }
}
