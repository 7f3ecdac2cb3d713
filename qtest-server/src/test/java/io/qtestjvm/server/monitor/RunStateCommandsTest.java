package io.qtestjvm.server.monitor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.qtestjvm.server.monitor.PcMachine.error;
import static io.qtestjvm.server.monitor.QmpMachine.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** stop, cont, x-exit-preconfig, system_powerdown and the preconfig gate, as Debian's QEMU 7.2 answers them. */
class RunStateCommandsTest {
    private static final String STOP = "{\"event\": \"STOP\"}";
    private static final String RESUME = "{\"event\": \"RESUME\"}";
    private static final String PRELAUNCH = "{\"return\": {\"status\": \"prelaunch\", \"singlestep\": false, "
            + "\"running\": false}}";
    private static final String RUNNING = "{\"return\": {\"status\": \"running\", \"singlestep\": false, "
            + "\"running\": true}}";
    private static final String PAUSED = "{\"return\": {\"status\": \"paused\", \"singlestep\": false, "
            + "\"running\": false}}";
    private static final String STATUS = "{'execute': 'query-status'}";

    @Test
    void stopInPrelaunchChangesNothingAndContResumesOnce() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none", "-S")) {
            assertEquals(List.of(OK), m.qmp("{'execute': 'stop'}"));
            assertEquals(List.of(PRELAUNCH), m.qmp(STATUS));
            assertEquals(List.of(RESUME, OK), m.qmp("{'execute': 'cont'}"));
            assertEquals(List.of(OK), m.qmp("{'execute': 'cont'}"));
            assertEquals(List.of(RUNNING), m.qmp(STATUS));
        }
    }

    @Test
    void stopPausesWithOneStopEventAndContResumes() {
        try (QmpMachine m = QmpMachine.x86("-machine", "pc")) {
            assertEquals(List.of(STOP, OK), m.qmp("{'execute': 'stop'}"));
            assertEquals(List.of(OK), m.qmp("{'execute': 'stop'}"));
            assertEquals(List.of(PAUSED), m.qmp(STATUS));
            assertEquals(List.of(RESUME, OK), m.qmp("{'execute': 'cont'}"));
            assertEquals(List.of(RUNNING), m.qmp(STATUS));
        }
    }

    @Test
    void systemPowerdownEmitsPowerdownBeforeTheReturn() {
        try (QmpMachine m = QmpMachine.x86("-machine", "pc")) {
            assertEquals(List.of("{\"event\": \"POWERDOWN\"}", OK), m.qmp("{'execute': 'system_powerdown'}"));
        }
    }

    @Test
    void preconfigAllowsOnlyPreconfigCommandsUntilExit() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none", "--preconfig")) {
            assertEquals(List.of(PRELAUNCH), m.qmp(STATUS));
            String gated = "The command '%s' is permitted only after machine initialization has completed";
            for (String c : List.of("query-cpus-fast", "stop", "cont", "query-kvm", "human-monitor-command",
                    "system_reset", "query-machines", "device_add", "system_powerdown")) {
                assertEquals(List.of(error("GenericError", gated.formatted(c)).replace("{\"error\"",
                        "{\"id\": 1, \"error\"")), m.qmp("{'execute': '" + c + "', 'id': 1}"), c);
            }
            assertEquals(List.of("{\"return\": {}, \"id\": 1}"), m.qmp("{'execute': 'query-name', 'id': 1}"));
            assertEquals(List.of("{\"return\": [], \"id\": 1}"), m.qmp("{'execute': 'query-iothreads', 'id': 1}"));
            assertEquals(List.of(error("GenericError", "Parameter 'x' is unexpected")),
                    m.qmp("{'execute': 'x-exit-preconfig', 'arguments': {'x': 1}}"));
            assertEquals(List.of(RESUME, "{\"return\": {}, \"id\": \"e\"}"),
                    m.qmp("{'execute': 'x-exit-preconfig', 'id': 'e'}"));
            assertEquals(List.of(RUNNING), m.qmp(STATUS));
            assertEquals(List.of(error("GenericError", "The command is permitted only before machine initialization")),
                    m.qmp("{'execute': 'x-exit-preconfig'}"));
            assertEquals(List.of("{\"return\": []}"), m.qmp("{'execute': 'query-cpus-fast'}"));
        }
    }

    @Test
    void exitPreconfigWithMinusSStaysInPrelaunch() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none", "-S", "--preconfig")) {
            assertEquals(List.of(OK), m.qmp("{'execute': 'x-exit-preconfig'}"));
            assertEquals(List.of(PRELAUNCH), m.qmp(STATUS));
            assertEquals(List.of(RESUME, "{\"return\": \"\"}"), m.qmp(
                    "{'execute': 'human-monitor-command', 'arguments': {'command-line': 'cont'}}"));
        }
    }

    @Test
    void execOobRunsOobCommandsAndRefusesTheOthersOnceOobIsEnabled() {
        try (QmpMachine m = QmpMachine.x86WithOob("-machine", "pc")) {
            String err = "migrate-pause is currently only supported during postcopy-active state";
            assertEquals(List.of(error("GenericError", err).replace("{\"error\"", "{\"id\": \"o\", \"error\"")),
                    m.qmp("{'exec-oob': 'migrate-pause', 'id': 'o'}"));
            assertEquals(List.of("{\"id\": \"x\", \"error\": {\"class\": \"GenericError\", \"desc\": "
                    + "\"The command query-cpus-fast does not support OOB\"}}"),
                    m.qmp("{'exec-oob': 'query-cpus-fast', 'id': 'x'}"));
            assertEquals(List.of("{\"id\": \"err-2\", \"error\": {\"class\": \"GenericError\", \"desc\": "
                    + "\"QMP input lacks member 'execute'\"}}"), m.qmp("{'id': 'err-2'}"));
            // replies come in request order: in-band commands here never block, so nothing is overtaken
            assertEquals(List.of("{\"return\": {}, \"id\": \"ib\"}", error("GenericError", err)
                    .replace("{\"error\"", "{\"id\": \"oob\", \"error\"")), m.qmp(
                    "{'execute': 'query-name', 'id': 'ib'}{'exec-oob': 'migrate-pause', 'id': 'oob'}"));
        }
        try (QmpMachine m = QmpMachine.x86WithOob("-machine", "none", "--preconfig")) {
            assertEquals(List.of("{\"id\": \"o\", \"error\": {\"class\": \"GenericError\", \"desc\": "
                    + "\"The command 'migrate-pause' is permitted only after machine initialization has completed\"}}"),
                    m.qmp("{'exec-oob': 'migrate-pause', 'id': 'o'}"));
        }
    }

    @Test
    void migratePauseRunsOutOfBandAndFailsWithoutPostcopy() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none")) {
            String err = "migrate-pause is currently only supported during postcopy-active state";
            assertEquals(List.of(error("GenericError", err)), m.qmp("{'execute': 'migrate-pause'}"));
        }
    }
}
