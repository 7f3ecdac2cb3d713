package io.qtestjvm.server.monitor;

import org.junit.jupiter.api.Test;

import static io.qtestjvm.server.monitor.PcMachine.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** query-name, query-kvm, query-iothreads, query-cpus-fast, query-hotpluggable-cpus, query-commands, qom-set. */
class VmInfoCommandsTest {
    @Test
    void queryNameAnswersTheNameGivenWithMinusNameAndEchoesTheId() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none")) {
            assertEquals("{\"return\": {}, \"id\": \"cookie#1\"}",
                    m.one("{'execute': 'query-name', 'id': 'cookie#1'}"));
        }
        try (QmpMachine m = QmpMachine.x86("-machine", "none", "-name", "foo")) {
            assertEquals("{\"return\": {\"name\": \"foo\"}}", m.one("{'execute': 'query-name'}"));
        }
        try (QmpMachine m = QmpMachine.x86("-machine", "none", "-name", "guest=bar,debug-threads=on")) {
            assertEquals("{\"return\": {\"name\": \"bar\"}}", m.one("{'execute': 'query-name'}"));
        }
    }

    @Test
    void kvmIsPresentButDisabledOnX86AndAbsentElsewhere() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none")) {
            assertEquals("{\"return\": {\"enabled\": false, \"present\": true}}", m.one("{'execute': 'query-kvm'}"));
        }
        try (QmpMachine m = QmpMachine.of("aarch64", "-machine", "none")) {
            assertEquals("{\"return\": {\"enabled\": false, \"present\": false}}", m.one("{'execute': 'query-kvm'}"));
        }
    }

    @Test
    void noIothreadsAndNoCpusOnNone() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none")) {
            assertEquals("{\"return\": []}", m.one("{'execute': 'query-iothreads'}"));
            assertEquals("{\"return\": [], \"id\": {\"a\": [1]}}",
                    m.one("{'execute': 'query-cpus-fast', 'id': {'a': [1]}}"));
            assertEquals(error("GenericError", "Parameter 'x' is unexpected"),
                    m.one("{'execute': 'query-cpus-fast', 'arguments': {'x': 1}}"));
        }
    }

    @Test
    void hotpluggableCpusIsNotEnabledOnNoneAndListsPcSlotsLastFirst() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none")) {
            assertEquals(error("GenericError", "The feature 'query-hotpluggable-cpus' is not enabled"),
                    m.one("{'execute': 'query-hotpluggable-cpus'}"));
        }
        try (QmpMachine m = QmpMachine.x86("-machine", "pc", "-smp", "2")) {
            String r = m.one("{'execute': 'query-hotpluggable-cpus'}");
            // Debian's 7.2: both slots plugged, each with its CPU's path (CPU 1 after the vAPIC helper)
            assertEquals("{\"return\": [{\"props\": {\"core-id\": 1, \"thread-id\": 0, \"socket-id\": 0}, "
                    + "\"vcpus-count\": 1, \"qom-path\": \"/machine/unattached/device[2]\", \"type\": "
                    + "\"qemu64-x86_64-cpu\"}, {\"props\": {\"core-id\": 0, \"thread-id\": 0, \"socket-id\": 0}, "
                    + "\"vcpus-count\": 1, \"qom-path\": \"/machine/unattached/device[0]\", \"type\": "
                    + "\"qemu64-x86_64-cpu\"}]}", r);
        }
    }

    @Test
    void queryCommandsListsEveryCommandByName() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none")) {
            String r = m.one("{'execute': 'query-commands'}");
            for (String c : new String[] {"qmp_capabilities", "query-name", "query-commands", "stop", "cont",
                "x-exit-preconfig", "qom-set", "migrate-pause", "human-monitor-command"}) {
                assertTrue(r.contains("{\"name\": \"" + c + "\"}"), c);
            }
        }
    }

    @Test
    void qomSetChecksArgumentsThenPathThenProperty() {
        try (QmpMachine m = QmpMachine.x86("-machine", "pc")) {
            assertEquals(error("GenericError", "Parameter 'value' is missing"),
                    m.one("{'execute': 'qom-set', 'arguments': {'path': '/machine', 'property': 'rtc-time'}}"));
            assertEquals(error("GenericError", "Parameter 'path' is missing"),
                    m.one("{'execute': 'qom-set', 'arguments': {'property': 'nope', 'value': 'x'}}"));
            assertEquals(error("GenericError", "Invalid parameter type for 'path', expected: string"),
                    m.one("{'execute': 'qom-set', 'arguments': {'path': 1, 'property': 'nope', 'value': 'x'}}"));
            assertEquals(error("DeviceNotFound", "Device '/machine/nope' not found"), m.one(
                    "{'execute': 'qom-set', 'arguments': {'path': '/machine/nope', 'property': 'type', 'value': 1}}"));
            assertEquals(error("GenericError", "Property 'pc-i440fx-7.2-machine.nope' not found"), m.one(
                    "{'execute': 'qom-set', 'arguments': {'path': '/machine', 'property': 'nope', 'value': 'x'}}"));
            assertEquals(error("GenericError", "Property 'pc-i440fx-7.2-machine.type' is not writable"), m.one(
                    "{'execute': 'qom-set', 'arguments': {'path': '/machine', 'property': 'type', 'value': 'x'}}"));
            assertEquals(error("GenericError", "Property 'pc-i440fx-7.2-machine.unattached' is not writable"),
                    m.one("{'execute': 'qom-set', 'arguments': {'path': '/machine', 'property': 'unattached', "
                            + "'value': 'x'}}"));
        }
    }
}
