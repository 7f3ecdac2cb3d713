package io.qtestjvm.server.monitor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** human-monitor-command: the HMP texts of Debian's QEMU 7.2 for the commands this monitor answers. */
class HmpCommandsTest {
    private static String text(String s) {
        return "{\"return\": \"" + s + "\"}";
    }

    @Test
    void unknownCommandsAnswerAsHmp() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none")) {
            assertEquals(text("unknown command: 'foo'\\r\\n"), m.hmp("foo"));
            assertEquals(text("unknown command: 'info foo'\\r\\n"), m.hmp("info foo"));
            assertEquals(text(""), m.hmp(""));
        }
    }

    @Test
    void helpListsTheCommandsAndHelpInfoTheInfoSubcommands() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none")) {
            String help = m.hmp("help");
            assertTrue(help.contains("cont|c  -- resume emulation\\r\\n"), help);
            assertTrue(help.contains("stop|s  -- stop emulation\\r\\n"), help);
            String info = m.hmp("help info");
            assertTrue(info.startsWith("{\"return\": \"info chardev  -- show the character devices\\r\\n"), info);
            assertTrue(info.contains("info status  -- show the current VM status (running|paused)\\r\\n"), info);
            assertEquals(text("stop|s  -- stop emulation\\r\\n"), m.hmp("help stop"));
            assertEquals(text(""), m.hmp("help nosuch"));
            assertEquals(info, m.hmp("info"));
            assertEquals(List.of("{\"event\": \"STOP\"}", text("")), m.qmp(
                    "{'execute': 'human-monitor-command', 'arguments': {'command-line': 's'}}"));
        }
    }

    @Test
    void extraArgumentsAreExtraneousCharacters() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none")) {
            assertEquals(text("status: extraneous characters at the end of line\\r\\n"
                    + "Try \\\"help info status\\\" for more information\\r\\n"), m.hmp("info status extra"));
            assertEquals(text("system_reset: extraneous characters at the end of line\\r\\n"
                    + "Try \\\"help system_reset\\\" for more information\\r\\n"), m.hmp("system_reset extra"));
        }
    }

    @Test
    void infoStatusFollowsStopAndCont() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none", "-S")) {
            assertEquals(text("VM status: paused (prelaunch)\\r\\n"), m.hmp("info status"));
            assertEquals(List.of("{\"event\": \"RESUME\"}", text("")), m.qmp(
                    "{'execute': 'human-monitor-command', 'arguments': {'command-line': 'cont'}}"));
            assertEquals(text("VM status: running\\r\\n"), m.hmp("info status"));
            assertEquals(List.of("{\"event\": \"STOP\"}", text("")), m.qmp(
                    "{'execute': 'human-monitor-command', 'arguments': {'command-line': 'stop'}}"));
            assertEquals(text("VM status: paused\\r\\n"), m.hmp("info status"));
        }
    }

    @Test
    void infoNameUuidKvmAndVersion() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none", "-name", "foo")) {
            assertEquals(text("foo\\r\\n"), m.hmp("info name"));
            assertEquals(text("00000000-0000-0000-0000-000000000000\\r\\n"), m.hmp("info uuid"));
            assertEquals(text("kvm support: disabled\\r\\n"), m.hmp("info kvm"));
            assertTrue(m.hmp("info version").startsWith("{\"return\": \"7.2."));
            assertEquals(text(""), m.hmp("info iothreads"));
        }
        try (QmpMachine m = QmpMachine.x86("-machine", "none", "-uuid", "12345678-1234-1234-1234-1234567890AB")) {
            assertEquals(text(""), m.hmp("info name"));
            assertEquals(text("12345678-1234-1234-1234-1234567890ab\\r\\n"), m.hmp("info uuid"));
        }
    }

    @Test
    void systemResetAndQuitEmitTheirEventsBeforeTheEmptyReply() {
        try (QmpMachine m = QmpMachine.x86("-machine", "pc")) {
            assertEquals(List.of("{\"event\": \"RESET\", \"data\": {\"guest\": false, \"reason\": "
                    + "\"host-qmp-system-reset\"}}", text("")), m.qmp(
                    "{'execute': 'human-monitor-command', 'arguments': {'command-line': 'system_reset'}}"));
            assertEquals(List.of("{\"event\": \"SHUTDOWN\", \"data\": {\"guest\": false, \"reason\": "
                    + "\"host-qmp-quit\"}}", text("")), m.qmp(
                    "{'execute': 'human-monitor-command', 'arguments': {'command-line': 'quit'}}"));
            assertEquals(0, m.server.exitStatus());
        }
    }
}
