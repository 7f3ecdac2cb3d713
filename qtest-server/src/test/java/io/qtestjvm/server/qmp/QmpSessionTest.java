package io.qtestjvm.server.qmp;

import static io.qtestjvm.server.qmp.QmpHarness.error;
import static io.qtestjvm.server.qmp.QmpHarness.generic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QmpSessionTest {
    private static final String STATUS_72 = "{\"return\": {\"status\": \"running\", \"singlestep\": false, "
            + "\"running\": true}}\r\n";
    private static final String NEGOTIATE = "Expecting capabilities negotiation with 'qmp_capabilities'";

    @Test
    void greetingIsByteForByteTheQemu72One() {
        QmpHarness h = new QmpHarness();
        assertEquals("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}, "
                + "\"package\": \"Debian 1:7.2+dfsg-7+deb12u18+b3\"}, \"capabilities\": [\"oob\"]}}\r\n", h.take());
    }

    @Test
    void greetingFollowsTheEmulatedVersion() {
        QmpHarness h = new QmpHarness(QemuVersions.QEMU_10_2, true);
        assertEquals("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 2, \"minor\": 2, \"major\": 10}, "
                + "\"package\": \"\"}, \"capabilities\": [\"oob\"]}}\r\n", h.take());
    }

    @Test
    void greetingOffersNoCapabilityWhenOobIsNotOffered() {
        QmpHarness h = new QmpHarness(QemuVersions.DEBIAN_7_2, false);
        assertTrue(h.take().endsWith("\"capabilities\": []}}\r\n"));
    }

    @Test
    void everyCommandButQmpCapabilitiesFailsDuringNegotiation() {
        QmpHarness h = new QmpHarness();
        h.take();
        assertEquals(error("CommandNotFound", NEGOTIATE), h.exchange("{\"execute\": \"query-status\"}"));
        assertEquals(error("CommandNotFound", NEGOTIATE), h.exchange("{\"execute\": \"no-such-command\"}"));
        assertEquals(error("CommandNotFound", NEGOTIATE), h.exchange("{\"execute\": \"quit\"}"));
        assertTrue(h.exits.isEmpty());
        // Request-shape errors are GenericError and keep their own text.
        assertEquals(generic("QMP input lacks member 'execute'"), h.exchange("{}"));
        assertEquals("{\"return\": {}}\r\n", h.exchange("{\"execute\": \"qmp_capabilities\"}"));
        assertEquals(STATUS_72, h.exchange("{\"execute\": \"query-status\"}"));
    }

    @Test
    void secondQmpCapabilitiesIsRefusedAsQemuDoes() {
        QmpHarness h = new QmpHarness().negotiated();
        assertEquals(error("CommandNotFound", "Capabilities negotiation is already complete, command ignored"),
                h.exchange("{\"execute\": \"qmp_capabilities\"}"));
    }

    @Test
    void unknownCommandInCommandModeIsCommandNotFound() {
        QmpHarness h = new QmpHarness().negotiated();
        assertEquals(error("CommandNotFound", "The command foo has not been found"),
                h.exchange("{\"execute\": \"foo\"}"));
    }

    @Test
    void queryStatusMatchesTheTranscript() {
        QmpHarness h = new QmpHarness().negotiated();
        assertEquals(STATUS_72, h.exchange("{\"execute\": \"query-status\"}"));
    }

    @Test
    void queryStatusOfAStoppedVmReportsPrelaunch() {
        QmpHarness h = new QmpHarness().negotiated();
        h.runState = new VmRunState(true, false);
        assertEquals("{\"return\": {\"status\": \"prelaunch\", \"singlestep\": false, \"running\": false}}\r\n",
                h.exchange("{\"execute\": \"query-status\"}"));
    }

    @Test
    void queryStatusOf10_2HasNoSinglestep() {
        QmpHarness h = new QmpHarness(QemuVersions.QEMU_10_2, true).negotiated();
        assertEquals("{\"return\": {\"status\": \"running\", \"running\": true}}\r\n",
                h.exchange("{\"execute\": \"query-status\"}"));
    }

    @Test
    void queryVersionAnswersTheVersionInfo() {
        QmpHarness h = new QmpHarness().negotiated();
        assertEquals("{\"return\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}, "
                + "\"package\": \"Debian 1:7.2+dfsg-7+deb12u18+b3\"}}\r\n",
                h.exchange("{\"execute\":\"query-version\"}"));
    }

    @Test
    void pipelinedCommandsInOneChunkAreAnsweredInOrder() {
        QmpHarness h = new QmpHarness();
        h.take();
        String replies = h.exchange("{\"execute\":\"qmp_capabilities\"}{\"execute\":\"query-status\",\"id\":1}"
                + "\n  {\"execute\":\"nope\",\"id\":2}\r\n");
        assertEquals("{\"return\": {}}\r\n"
                + "{\"return\": {\"status\": \"running\", \"singlestep\": false, \"running\": true}, \"id\": 1}\r\n"
                + "{\"id\": 2, \"error\": {\"class\": \"CommandNotFound\", "
                + "\"desc\": \"The command nope has not been found\"}}\r\n", replies);
    }

    @Test
    void commandSplitByteByByteIsAnsweredOnceComplete() {
        QmpHarness h = new QmpHarness().negotiated();
        byte[] cmd = "{ \"execute\" : \"query-status\" , \"arguments\" : { } }".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < cmd.length - 1; i++) {
            h.session.feed(cmd, i, 1);
            assertEquals("", h.take(), "no reply before the closing brace, byte " + i);
        }
        h.session.feed(ByteBuffer.wrap(cmd, cmd.length - 1, 1));
        assertEquals(STATUS_72, h.take());
    }

    @Test
    void singleQuotedJsonIsAccepted() {
        QmpHarness h = new QmpHarness();
        h.take();
        assertEquals("{\"return\": {}}\r\n", h.exchange("{'execute': 'qmp_capabilities'}"));
        assertEquals("{\"return\": {\"status\": \"running\", \"singlestep\": false, \"running\": true}, "
                + "\"id\": \"it's \\\"q\\\"\"}\r\n",
                h.exchange("{'execute': 'query-status', 'id': 'it\\'s \"q\"'}"));
    }

    @Test
    void garbageCostsOneErrorAndTheNextCommandWorks() {
        QmpHarness h = new QmpHarness().negotiated();
        assertEquals(generic("JSON parse error, stray 'G'") + STATUS_72,
                h.exchange("GARBAGE here\n{\"execute\":\"query-status\"}"));
        assertEquals(generic("JSON parse error, invalid keyword 'garbage'") + STATUS_72,
                h.exchange("garbage {\"execute\":\"query-status\"}"));
        // A half-sent object is dropped at the stray byte; lexing resumes at the next structural character.
        assertEquals(generic("JSON parse error, stray '@'") + STATUS_72,
                h.exchange("{\"execute\": @@@ xx {\"execute\":\"query-status\"}"));
    }

    @Test
    void parseErrorOfACompleteValueIsReportedWithoutId() {
        QmpHarness h = new QmpHarness().negotiated();
        assertEquals(generic("JSON parse error, missing : in object pair"),
                h.exchange("{\"execute\" \"query-status\", \"id\": 3}"));
        assertEquals(generic("JSON parse error, expecting value"), h.exchange("}"));
    }

    @Test
    void idIsEchoedVerbatimInSuccessAndError() {
        QmpHarness h = new QmpHarness().negotiated();
        assertEquals("{\"return\": {\"status\": \"running\", \"singlestep\": false, \"running\": true}, "
                + "\"id\": {\"a\": [1, \"x\", null], \"b\": 1.5}}\r\n",
                h.exchange("{\"id\": {\"b\": 1.5, \"a\": [1, \"x\", null]}, \"execute\": \"query-status\"}"));
        assertEquals("{\"id\": \"libvirt-7\", \"error\": {\"class\": \"CommandNotFound\", "
                + "\"desc\": \"The command x has not been found\"}}\r\n",
                h.exchange("{\"execute\": \"x\", \"id\": \"libvirt-7\"}"));
        assertEquals("{\"id\": 18446744073709551615, \"error\": {\"class\": \"GenericError\", "
                + "\"desc\": \"QMP input lacks member 'execute'\"}}\r\n",
                h.exchange("{\"id\": 18446744073709551615}"));
    }

    @Test
    void requestShapeErrorsMatchQmpDispatch() {
        QmpHarness h = new QmpHarness().negotiated();
        assertEquals(generic("QMP input must be a JSON object"), h.exchange("[{\"execute\": \"quit\"}]"));
        assertEquals(generic("QMP input must be a JSON object"), h.exchange("\"quit\" "));
        assertEquals(generic("QMP input lacks member 'execute'"), h.exchange("{\"arguments\": {}}"));
        assertEquals(generic("QMP input member 'execute' must be a string"), h.exchange("{\"execute\": 1}"));
        assertEquals(generic("QMP input member 'arguments' must be an object"),
                h.exchange("{\"execute\": \"query-status\", \"arguments\": []}"));
        assertEquals(generic("QMP input member 'foo' is unexpected"),
                h.exchange("{\"execute\": \"query-status\", \"foo\": 1}"));
        // Members are checked in QDict order, not text order: 'execute' comes before 'foo'.
        assertEquals(generic("QMP input member 'execute' must be a string"),
                h.exchange("{\"foo\": 1, \"execute\": 2}"));
        assertEquals(generic("QMP input member 'exec-oob' is unexpected"),
                h.exchange("{\"exec-oob\": \"query-status\"}"));
        assertTrue(h.exits.isEmpty());
    }

    @Test
    void execOobNeedsOobEnabledAndAnOobCommand() {
        QmpHarness h = new QmpHarness();
        h.take();
        assertEquals("{\"return\": {}}\r\n",
                h.exchange("{\"execute\": \"qmp_capabilities\", \"arguments\": {\"enable\": [\"oob\"]}}"));
        assertTrue(h.session.oobEnabled());
        assertEquals("{\"id\": 9, \"error\": {\"class\": \"GenericError\", "
                + "\"desc\": \"The command query-status does not support OOB\"}}\r\n",
                h.exchange("{\"exec-oob\": \"query-status\", \"id\": 9}"));
        assertEquals(generic("QMP input member 'execute' clashes with 'exec-oob'"),
                h.exchange("{\"execute\": \"query-status\", \"exec-oob\": \"query-status\"}"));
    }

    @Test
    void unknownCapabilityIsRejectedAndNegotiationGoesOn() {
        QmpHarness h = new QmpHarness();
        h.take();
        assertEquals(generic("Parameter 'null' does not accept value 'cap-does-not-exist'"),
                h.exchange("{\"execute\": \"qmp_capabilities\", "
                        + "\"arguments\": {\"enable\": [\"cap-does-not-exist\"]}}"));
        assertEquals(generic("Invalid parameter type for 'enable', expected: array"),
                h.exchange("{\"execute\": \"qmp_capabilities\", \"arguments\": {\"enable\": \"oob\"}}"));
        assertEquals(generic("Parameter 'x' is unexpected"),
                h.exchange("{\"execute\": \"qmp_capabilities\", \"arguments\": {\"x\": 1}}"));
        assertFalse(h.session.commandMode());
        assertEquals(error("CommandNotFound", NEGOTIATE), h.exchange("{\"execute\": \"query-status\"}"));
    }

    @Test
    void oobCapabilityIsUnavailableWhenNotOffered() {
        QmpHarness h = new QmpHarness(QemuVersions.DEBIAN_7_2, false);
        h.take();
        assertEquals(generic("Capability oob not available"),
                h.exchange("{\"execute\": \"qmp_capabilities\", \"arguments\": {\"enable\": [\"oob\"]}}"));
        assertFalse(h.session.commandMode());
    }

    @Test
    void quitWritesShutdownBeforeItsReplyThenExitsWithZero() {
        QmpHarness h = new QmpHarness().negotiated();
        h.send("{\"execute\":\"quit\"}{\"execute\":\"query-status\"}");
        assertEquals("{\"timestamp\": {\"seconds\": 1795313223, \"microseconds\": 805615}, \"event\": \"SHUTDOWN\", "
                + "\"data\": {\"guest\": false, \"reason\": \"host-qmp-quit\"}}\r\n"
                + "{\"return\": {}}\r\n", h.take(), "the request after quit is dropped");
        assertEquals(List.of(0), h.exits);
    }

    @Test
    void quitChecksItsArgumentsFirst() {
        QmpHarness h = new QmpHarness().negotiated();
        assertEquals(generic("Parameter 'now' is unexpected"),
                h.exchange("{\"execute\":\"quit\", \"arguments\": {\"now\": true}}"));
        assertTrue(h.exits.isEmpty());
    }

    @Test
    void eventsReachOnlyNegotiatedSessions() {
        QmpHarness h = new QmpHarness();
        java.io.ByteArrayOutputStream other = new java.io.ByteArrayOutputStream();
        QmpSession second = h.monitor.openSession(other::write);
        h.take();
        other.reset();
        h.monitor.emitEvent("RESET", new JsonObject().put("guest", false).put("reason", "host-qmp-system-reset"));
        assertEquals("", h.take(), "still negotiating");
        byte[] neg = "{\"execute\":\"qmp_capabilities\"}".getBytes(StandardCharsets.US_ASCII);
        second.feed(neg, 0, neg.length);
        other.reset();
        h.monitor.emitEvent("STOP", null);
        assertEquals("", h.take());
        assertEquals("{\"timestamp\": {\"seconds\": 1795313223, \"microseconds\": 805615}, \"event\": \"STOP\"}\r\n",
                other.toString(StandardCharsets.US_ASCII));
        second.close();
        other.reset();
        h.monitor.emitEvent("STOP", null);
        assertEquals(0, other.size(), "closed sessions get nothing");
    }

    @Test
    void eventRaisedByACommandPrecedesItsReply() {
        QmpCommandRegistry reg = QmpMonitor.defaultRegistry();
        reg.register("device_del", (args, s) -> {
            String id = args.requiredString("id");
            args.end();
            s.monitor().emitEvent("DEVICE_DELETED", new JsonObject().put("device", id).put("path",
                    "/machine/peripheral/" + id));
            return null;
        });
        QmpHarness h0 = new QmpHarness();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        QmpMonitor m = new QmpMonitor(QemuVersions.DEBIAN_7_2, reg, h0, () -> 1_000_000_123L, true);
        QmpSession s = m.openSession(out::write);
        byte[] in = ("{\"execute\":\"qmp_capabilities\"}{\"execute\":\"device_del\",\"arguments\":{\"id\":\"d0\"}}"
                + "{\"execute\":\"device_del\"}").getBytes(StandardCharsets.US_ASCII);
        s.feed(in, 0, in.length);
        String wire = out.toString(StandardCharsets.US_ASCII);
        String afterGreeting = wire.substring(wire.indexOf("\r\n") + 2);
        assertEquals("{\"return\": {}}\r\n"
                + "{\"timestamp\": {\"seconds\": 1000, \"microseconds\": 123}, \"event\": \"DEVICE_DELETED\", "
                + "\"data\": {\"device\": \"d0\", \"path\": \"/machine/peripheral/d0\"}}\r\n"
                + "{\"return\": {}}\r\n"
                + generic("Parameter 'id' is missing"), afterGreeting);
    }
}
