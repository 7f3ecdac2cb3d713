package io.qtestjvm.server.monitor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.qtestjvm.server.monitor.PcMachine.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** device_add / device_del on pc: replies and texts as Debian's QEMU 7.2 gives them (QMP over stdio and sockets). */
class HotplugCommandsTest {
    private static final String OK = "{\"return\": {}}";
    private static final String DELETED_E = "{\"event\": \"DEVICE_DELETED\", \"data\": {\"device\": \"e\", "
            + "\"path\": \"/machine/peripheral/e\"}}";

    private static String add(String args) {
        return "{'execute': 'device_add', 'arguments': {" + args + "}}";
    }

    private static String del(String id) {
        return "{'execute': 'device_del', 'arguments': {'id': '" + id + "'}}";
    }

    @Test
    void deviceAddRefusesAsQemuDoes() {
        try (PcMachine m = new PcMachine()) {
            assertEquals(List.of(error("GenericError", "Parameter 'driver' is missing")), m.qmp(add("'id': 'x'")));
            assertEquals(List.of(error("GenericError", "'nosuch' is not a valid device model name")),
                    m.qmp(add("'driver': 'nosuch', 'id': 'x'")));
            assertEquals(List.of(error("GenericError", "Parameter 'id' expects an identifier")),
                    m.qmp(add("'driver': 'edu', 'id': '1x'")));
            assertEquals(List.of(error("GenericError", "Parameter 'id' expects an identifier")),
                    m.qmp(add("'driver': 'edu', 'id': 'a b'")));
            assertEquals(List.of(error("GenericError", "Property 'edu.foo' not found")),
                    m.qmp(add("'driver': 'edu', 'id': 'e', 'foo': '1'")));
            assertEquals(List.of(error("GenericError", "Property 'edu.addr' doesn't take value 'zz'")),
                    m.qmp(add("'driver': 'edu', 'id': 'g', 'addr': 'zz'")));
            assertEquals(List.of(error("GenericError", "Parameter 'dma_mask' expects integer")),
                    m.qmp(add("'driver': 'edu', 'id': 'g', 'dma_mask': 'abc'")));
            assertEquals(List.of(error("GenericError", "Parameter 'driver' expects a pluggable device type")),
                    m.qmp(add("'driver': 'PIIX4_PM', 'id': 'p', 'addr': '1.3'")));
            assertEquals(List.of(error("GenericError", "Parameter 'driver' expects a non-abstract device type")),
                    m.qmp(add("'driver': 'pci-device'")));
            assertEquals(List.of(error("GenericError",
                    "PCI: slot 1 function 0 not available for edu, in use by PIIX3,id=(null)")),
                    m.qmp(add("'driver': 'edu', 'id': 'g', 'addr': '1'")));
            assertEquals(List.of(OK), m.qmp(add("'driver': 'edu', 'id': 'e', 'addr': '6'")));
            assertEquals(List.of(error("GenericError", "Duplicate device ID 'e'")),
                    m.qmp(add("'driver': 'edu', 'id': 'e', 'addr': '7'")));
            assertEquals(List.of(error("GenericError",
                    "PCI: slot 6 function 0 not available for edu, in use by edu,id=e")),
                    m.qmp(add("'driver': 'edu', 'id': 'f', 'addr': 6")));
        }
    }

    @Test
    void deviceDelRefusesAsQemuDoes() {
        try (PcMachine m = new PcMachine("-device", "edu")) {
            assertEquals(List.of(error("DeviceNotFound", "Device 'nosuch' not found")), m.qmp(del("nosuch")));
            assertEquals(List.of(error("GenericError", "Parameter 'id' is missing")),
                    m.qmp("{'execute': 'device_del', 'arguments': {}}"));
            assertEquals(List.of(error("GenericError", "/machine/peripheral is not a hotpluggable device")),
                    m.qmp(del("/machine/peripheral")));
            assertEquals(List.of(error("GenericError", "Bus 'main-system-bus' does not support hotplugging")),
                    m.qmp(del("/machine/i440fx")));
            assertEquals(List.of(OK), m.qmp(del("/machine/peripheral-anon/device[0]")));
            assertEquals(List.of(OK), m.qmp(add("'driver': 'edu', 'id': 'e', 'addr': '6'")));
            assertEquals(List.of(OK), m.qmp(del("e")));
            assertEquals(List.of(error("GenericError", "Device e is already in the process of unplug")),
                    m.qmp(del("e")));
        }
    }

    @Test
    void builtInFunctionsRefuseByTypeAndIsaDevicesByBus() {
        try (PcMachine m = new PcMachine()) {
            String piix3 = pathOf(m, "PIIX3");
            assertEquals(List.of(error("GenericError", "Device 'PIIX3' does not support hotplugging")),
                    m.qmp(del(piix3)));
            assertEquals(List.of(error("GenericError", "Bus 'isa.0' does not support hotplugging")),
                    m.qmp(del(pathOf(m, "isa-pit"))));
        }
    }

    private static String pathOf(PcMachine m, String type) {
        return m.server.board().devices().stream().filter(d -> d.typeName().equals(type)).findFirst()
                .orElseThrow().path();
    }

    @Test
    void deviceDelThenEjectRemovesTheDeviceAndFreesItsIdAndSlot() {
        try (PcMachine m = new PcMachine()) {
            assertEquals(List.of(OK), m.qmp(add("'driver': 'edu', 'id': 'e', 'addr': '6'")));
            assertEquals(List.of(OK), m.qmp(del("e")));
            assertEquals(0x40, m.inl(0xae04));
            assertEquals(List.of(), m.pending()); // nothing goes before the guest ejects
            m.outl(0xae08, 1 << 6);
            assertEquals(List.of(DELETED_E), m.pending());
            assertEquals(0, m.inl(0xae04));
            assertEquals(0xffffffffL, m.configRead(6 << 3, 0));
            assertEquals(List.of(OK), m.qmp(add("'driver': 'edu', 'id': 'e', 'addr': '6'")));
            assertEquals(0x11e81234L, m.configRead(6 << 3, 0));
        }
    }

    @Test
    void ejectedDeviceNoLongerDecodesItsBar() {
        try (PcMachine m = new PcMachine()) {
            long before = PcMachine.value(m.qtest("readl 0xfe000000"));
            m.qmp(add("'driver': 'edu', 'id': 'e', 'addr': '6'"));
            m.configWrite(6 << 3, 0x10, 0xfe00_0000L);
            m.configWrite(6 << 3, 0x04, 0x0002);
            assertEquals(0x010000edL, PcMachine.value(m.qtest("readl 0xfe000000")));
            m.qmp(del("e"));
            m.outl(0xae08, 1 << 6);
            assertEquals(before, PcMachine.value(m.qtest("readl 0xfe000000")));
        }
    }

    @Test
    void anonymousDeviceDeletedEventHasOnlyThePath() {
        try (PcMachine m = new PcMachine()) {
            m.qmp(add("'driver': 'edu', 'addr': '5'"));
            m.qmp(del("/machine/peripheral-anon/device[0]"));
            m.outl(0xae08, 1 << 5);
            assertEquals(List.of("{\"event\": \"DEVICE_DELETED\", \"data\": {\"path\": "
                    + "\"/machine/peripheral-anon/device[0]\"}}"), m.pending());
        }
    }
}
