package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqtest.Json;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestFunctions;

import java.util.List;
import java.util.Map;

/**
 * The checks of QEMU's qmp-test (tests/qtest/qmp-test.c) that run after the handshake, on the {@code none}
 * machine of every arch, plus the error texts of Debian's QEMU 7.2 for each malformed shape: a malformed request
 * answers its error and the session stays usable. The greeting-time checks (commands before qmp_capabilities) need
 * a launcher that skips the handshake and are pinned by qtest-server's QmpSessionTest instead; the out-of-band
 * overtaking check needs a blocking in-band command (blockdev-add of blkdebug on a FIFO), which the stand-in lacks.
 */
public final class QmpTests {
    private static final String ARGS = "-nodefaults -machine none";

    private QmpTests() {
    }

    public static void register(QtestFunctions reg) {
        reg.add("qmp/malformed", l -> {
            try (QTestState qts = l.init(ARGS)) {
                malformed(qts);
            }
        });
        reg.add("qmp/id", l -> {
            try (QTestState qts = l.init(ARGS)) {
                Map<String, Object> r = qts.qmp("{ 'execute': 'query-name', 'id': 'cookie#1' }");
                Check.isTrue(r.get("return") instanceof Map, "query-name returns an object: " + r);
                Check.isTrue("cookie#1".equals(r.get("id")), "id echoed on a return: " + r);
                r = qts.qmp("{ 'execute': 'human-monitor-command', 'id': 2 }");
                Check.isTrue(Long.valueOf(2).equals(r.get("id")), "id echoed on an error: " + r);
                expectError(r, "GenericError", "Parameter 'command-line' is missing");
                r = qts.qmp("{ 'execute': 'qmp_capabilities', 'id': [1, {'a': null}] }");
                Check.isTrue(List.of(1L, java.util.Collections.singletonMap("a", null)).equals(r.get("id")),
                        "a structured id comes back as sent: " + r);
                expectError(r, "CommandNotFound", "Capabilities negotiation is already complete, command ignored");
            }
        });
        reg.add("qmp/oob-refused-in-band-command", l -> {
            try (QTestState qts = l.init(ARGS)) {
                // the harness negotiated without 'oob', so exec-oob is an unexpected member (7.2)
                expectError(qts.qmp("{ 'exec-oob': 'migrate-pause', 'id': 'o' }"), "GenericError",
                        "QMP input member 'exec-oob' is unexpected");
                expectError(qts.qmp("{ 'execute': 'migrate-pause' }"), "GenericError",
                        "migrate-pause is currently only supported during postcopy-active state");
            }
        });
        reg.add("qmp/preconfig", l -> {
            try (QTestState qts = l.init(ARGS + " --preconfig")) {
                Check.isTrue(qts.qmp("{ 'execute': 'query-commands' }").containsKey("return"),
                        "query-commands allowed in preconfig");
                expectError(qts.qmp("{ 'execute': 'query-cpus-fast' }"), "GenericError",
                        "The command 'query-cpus-fast' is permitted only after machine initialization has completed");
                Check.isTrue("prelaunch".equals(status(qts)), "preconfig status is prelaunch");
                Check.isTrue(qts.qmp("{ 'execute': 'x-exit-preconfig' }").containsKey("return"), "x-exit-preconfig");
                // the launcher may add -S (the [qemu] backend does): then the VM stays in prelaunch, without RESUME
                String after = status(qts);
                if (after.equals("running")) {
                    qts.eventWait("RESUME");
                } else {
                    Check.isTrue(after.equals("prelaunch"), "status after x-exit-preconfig: " + after);
                }
                expectError(qts.qmp("{ 'execute': 'x-exit-preconfig' }"), "GenericError",
                        "The command is permitted only before machine initialization");
                Check.isTrue(qts.qmp("{ 'execute': 'query-cpus-fast' }").containsKey("return"),
                        "query-cpus-fast after preconfig");
            }
        });
        reg.add("qmp/missing-any-arg", l -> {
            try (QTestState qts = l.init(ARGS)) {
                expectError(qts.qmp("{'execute': 'qom-set', 'arguments': { 'path': '/machine', "
                        + "'property': 'rtc-time' } }"), "GenericError", "Parameter 'value' is missing");
            }
        });
        reg.add("qmp/stop-cont", l -> {
            try (QTestState qts = l.init(ARGS)) {
                Check.isTrue(qts.qmp("{ 'execute': 'cont' }").containsKey("return"), "cont");
                Check.isTrue("running".equals(status(qts)), "running after cont");
                Check.isTrue(qts.qmp("{ 'execute': 'stop' }").containsKey("return"), "stop");
                qts.eventWait("STOP");
                Check.isTrue("paused".equals(status(qts)), "paused after stop");
                Check.isTrue(qts.qmp("{ 'execute': 'cont' }").containsKey("return"), "cont");
                qts.eventWait("RESUME");
                Check.isTrue(qts.qmp("{ 'execute': 'system_powerdown' }").containsKey("return"), "powerdown");
                qts.eventWait("POWERDOWN");
            }
        });
    }

    /** Each malformed shape qmp-test sends (and a few more), its 7.2 answer, then proof that the session recovered. */
    private static void malformed(QTestState qts) {
        rawExpect(qts, "{]\n", "JSON parse error, expecting value");
        rawExpect(qts, "{\u0001", "JSON parse error, stray '\u0001'");
        rawExpect(qts, "{'execute': 'nonexistent', 'id':'\n", "JSON parse error, stray ''\n'");
        rawExpect(qts, "%p", "JSON parse error, stray '%'");
        expectError(qts.qmp("null"), "GenericError", "QMP input must be a JSON object");
        expectError(qts.qmp("[1, 2]"), "GenericError", "QMP input must be a JSON object");
        expectError(qts.qmp("\"str\""), "GenericError", "QMP input must be a JSON object");
        expectError(qts.qmp("{}"), "GenericError", "QMP input lacks member 'execute'");
        expectError(qts.qmp("{ 'id': 'err-2' }"), "GenericError", "QMP input lacks member 'execute'");
        expectError(qts.qmp("{ 'execute': true }"), "GenericError", "QMP input member 'execute' must be a string");
        expectError(qts.qmp("{ 'execute': 'no-such-cmd', 'arguments': [] }"), "GenericError",
                "QMP input member 'arguments' must be an object");
        expectError(qts.qmp("{ 'execute': 'no-such-cmd', 'extra': true }"), "GenericError",
                "QMP input member 'extra' is unexpected");
        expectError(qts.qmp("{ 'execute': 'query-name', 'execute': 'query-status' }"), "GenericError",
                "JSON parse error, duplicate key");
        assertRecovered(qts);
    }

    private static void rawExpect(QTestState qts, String raw, String desc) {
        qts.transport().qmpSend(raw);
        expectError(Json.object(qts.transport().qmpReceive()), "GenericError", desc);
        assertRecovered(qts);
    }

    private static void assertRecovered(QTestState qts) {
        expectError(qts.qmp("{ 'execute': 'no-such-cmd' }"), "CommandNotFound",
                "The command no-such-cmd has not been found");
    }

    private static String status(QTestState qts) {
        Object ret = qts.qmp("{ 'execute': 'query-status' }").get("return");
        return ret instanceof Map<?, ?> m ? String.valueOf(m.get("status")) : "?";
    }

    @SuppressWarnings("unchecked")
    static void expectError(Map<String, Object> rsp, String cls, String desc) {
        Object err = rsp.get("error");
        Check.isTrue(err instanceof Map, "an error reply: " + rsp);
        Map<String, Object> e = (Map<String, Object>) err;
        Check.isTrue(cls.equals(e.get("class")) && desc.equals(e.get("desc")),
                "error " + e + ", expected class " + cls + " desc '" + desc + "'");
    }
}
