package io.qtestjvm.qos.hotplug;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.pci.PciBusPc;
import io.qtestjvm.qos.libqtest.QTestState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ACPI PCI hotplug on {@code pc} as libqos drives it ({@code qtest_qmp_device_add}, then
 * {@code qpci_unplug_acpi_device_test}: {@code device_del}, {@code outl 0xae08 1<<slot}, wait for DEVICE_DELETED),
 * and the error replies of device_add/device_del, on every backend (QEMU: Debian's 7.2, compat 7.2).
 */
class PcHotplugTest {
    private static final int SLOT = 6;
    private static final int DEVFN = SLOT << 3;
    private static final int PCI_EJ = 0xae08;

    private static QTestState start(Backend backend, String args) {
        return new QTestState(backend.start("x86_64", args, "7.2"));
    }

    private static Map<String, Object> error(Map<String, Object> reply) {
        assertTrue(reply.containsKey("error"), () -> "expected an error, got " + reply);
        @SuppressWarnings("unchecked")
        Map<String, Object> e = (Map<String, Object>) reply.get("error");
        return e;
    }

    private static void assertError(String cls, String desc, Map<String, Object> reply) {
        Map<String, Object> e = error(reply);
        assertEquals(cls, e.get("class"));
        assertEquals(desc, e.get("desc"));
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void eduAddedAtSlot6IsRemovedByDeviceDelAndEject(Backend backend) {
        QTestState qts = start(backend, "-machine pc");
        try {
            PciBusPc bus = new PciBusPc(qts);
            assertEquals(0xffff_ffff, bus.configReadl(DEVFN, 0), "slot 6 empty at start");
            long unmapped = qts.readl(PciBusPc.MMIO_WINDOW_START) & 0xffff_ffffL;
            assertEquals(Map.of(), qts.qmp("{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"edu\", "
                    + "\"id\": \"edu0\", \"addr\": \"06.0\"}}").get("return"));
            assertEquals(0x11e8_1234, bus.configReadl(DEVFN, 0));
            assertEquals(1 << SLOT, qts.inl(0xae00), "PCI_UP shows the new slot");
            bus.deviceAt(DEVFN).enable();
            long bar = bus.deviceAt(DEVFN).iomap(0).addr();
            assertEquals(0x010000ed, qts.readl(bar));

            assertEquals(Map.of(), qts.qmp("{\"execute\": \"device_del\", \"arguments\": {\"id\": \"edu0\"}}")
                    .get("return"));
            assertEquals(1 << SLOT, qts.inl(0xae04), "PCI_DOWN marks the slot");
            qts.outl(PCI_EJ, 1 << SLOT);
            Map<String, Object> ev = qts.eventWait("DEVICE_DELETED");
            assertEquals(Map.of("device", "edu0", "path", "/machine/peripheral/edu0"), ev.get("data"));
            assertEquals(0, qts.inl(0xae04));
            assertEquals(0xffff, bus.configReadw(DEVFN, 0), "slot 6 empty again");
            assertEquals(unmapped, qts.readl(bar) & 0xffff_ffffL, "BAR0 no longer decoded");

            assertEquals(Map.of(), qts.qmp("{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"edu\", "
                    + "\"id\": \"edu0\", \"addr\": \"06.0\"}}").get("return"), "the id is free again");
            assertEquals(0x11e8_1234, bus.configReadl(DEVFN, 0));
        } finally {
            assertEquals(0, qts.quit());
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void hotplugRegistersAtRest(Backend backend) {
        QTestState qts = start(backend, "-machine pc");
        try {
            assertEquals(0xffff_fff8, qts.inl(0xae0c), "PCI_RMV: slots 0-2 built in");
            assertEquals(0, qts.inl(0xae00));
            assertEquals(0, qts.inl(0xae04));
            assertEquals(0, qts.inl(0xae10));
            assertEquals(0, qts.inw(0xae0c), "only 4-byte accesses are valid");
            qts.outl(0xae10, 1);
            assertEquals(0xffff_ffff, qts.inl(0xae0c), "selector 1 names no bus");
        } finally {
            assertEquals(0, qts.quit());
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void errorRepliesMatchQemu(Backend backend) {
        QTestState qts = start(backend, "-machine pc -device edu,id=e,addr=06.0");
        try {
            assertError("GenericError", "Parameter 'driver' is missing",
                    qts.qmp("{\"execute\": \"device_add\", \"arguments\": {\"id\": \"x\"}}"));
            assertError("GenericError", "'nosuch' is not a valid device model name",
                    qts.qmp("{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"nosuch\"}}"));
            assertError("GenericError", "Parameter 'id' expects an identifier",
                    qts.qmp("{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"edu\", \"id\": \"1x\"}}"));
            assertError("GenericError", "Duplicate device ID 'e'",
                    qts.qmp("{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"edu\", \"id\": \"e\"}}"));
            assertError("GenericError", "Property 'edu.foo' not found", qts.qmp("{\"execute\": \"device_add\", "
                    + "\"arguments\": {\"driver\": \"edu\", \"id\": \"f\", \"foo\": \"1\"}}"));
            assertError("GenericError", "PCI: slot 6 function 0 not available for edu, in use by edu,id=e",
                    qts.qmp("{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"edu\", \"id\": \"f\", "
                            + "\"addr\": \"6\"}}"));
            assertError("DeviceNotFound", "Device 'nosuch' not found",
                    qts.qmp("{\"execute\": \"device_del\", \"arguments\": {\"id\": \"nosuch\"}}"));
            assertEquals(Map.of(), qts.qmp("{\"execute\": \"device_del\", \"arguments\": {\"id\": \"e\"}}")
                    .get("return"));
            assertError("GenericError", "Device e is already in the process of unplug",
                    qts.qmp("{\"execute\": \"device_del\", \"arguments\": {\"id\": \"e\"}}"));
        } finally {
            assertEquals(0, qts.quit());
        }
    }
}
