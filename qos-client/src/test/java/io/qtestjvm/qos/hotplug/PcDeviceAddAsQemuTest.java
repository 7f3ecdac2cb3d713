package io.qtestjvm.qos.hotplug;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.pci.PciBusPc;
import io.qtestjvm.qos.libqtest.QTestState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code device_add}/{@code -device} details where the stand-in once differed from Debian's QEMU 7.2 (issue 10
 * item 5): {@code bus=} paths, an all-ones {@code dma_mask}, {@code multifunction} (parsed, applied to the header
 * type, and the slot's function rules), the {@code hotplugged}/{@code hotpluggable} properties, QOM path and
 * {@code device_del} error classes. Every expectation was read off QEMU 7.2 first; each test runs on all backends.
 */
class PcDeviceAddAsQemuTest {
    private static final int HEADER_TYPE = 0x0e;

    private static QTestState start(Backend backend, String args) {
        return new QTestState(backend.start("x86_64", args, "7.2"));
    }

    private static Map<String, Object> add(QTestState qts, String args) {
        return qts.qmp("{\"execute\": \"device_add\", \"arguments\": {" + args + "}}");
    }

    private static Object qomGet(QTestState qts, String path, String property) {
        Map<String, Object> r = qts.qmp("{\"execute\": \"qom-get\", \"arguments\": {\"path\": \"" + path
                + "\", \"property\": \"" + property + "\"}}");
        assertTrue(r.containsKey("return"), () -> "qom-get " + path + " " + property + ": " + r);
        return r.get("return");
    }

    private static void assertError(String cls, String desc, Map<String, Object> reply) {
        assertTrue(reply.containsKey("error"), () -> "expected an error, got " + reply);
        @SuppressWarnings("unchecked")
        Map<String, Object> e = (Map<String, Object>) reply.get("error");
        assertEquals(cls, e.get("class"));
        assertEquals(desc, e.get("desc"));
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void busPathsResolveAsQemuResolvesThem(Backend backend) {
        QTestState qts = start(backend, "-machine pc -device edu,id=e -device sdhci-pci,id=s");
        try {
            assertEquals(Map.of(), add(qts, "\"driver\": \"edu\", \"bus\": \"pci.0\", \"id\": \"b\", "
                    + "\"addr\": \"06.0\"").get("return"));
            assertEquals(0x11e8_1234, new PciBusPc(qts).configReadl(6 << 3, 0));
            assertEquals("/machine/i440fx/pci.0", qomGet(qts, "/machine/peripheral/b", "parent_bus"));
            assertEquals(Map.of(), add(qts, "\"driver\": \"edu\", \"bus\": \"//i440FX-pcihost//pci.0//\"")
                    .get("return"));
            assertEquals(Map.of(), add(qts, "\"driver\": \"edu\", \"bus\": \"pci.0/\"").get("return"));
            assertError("GenericError", "Bus 'nosuch' not found", add(qts, "\"driver\": \"edu\", \"bus\": \"nosuch\""));
            assertError("GenericError", "Bus '' not found", add(qts, "\"driver\": \"edu\", \"bus\": \"\""));
            assertError("DeviceNotFound", "Device 'machine' not found",
                    add(qts, "\"driver\": \"edu\", \"bus\": \"/machine/i440fx/pci.0\""));
            assertError("DeviceNotFound", "Device 'pci.0' not found",
                    add(qts, "\"driver\": \"edu\", \"bus\": \"/pci.0\""));
            assertError("DeviceNotFound", "Device 'x' not found",
                    add(qts, "\"driver\": \"edu\", \"bus\": \"pci.0/x\""));
            assertError("GenericError", "Device 'e' has no child bus",
                    add(qts, "\"driver\": \"edu\", \"bus\": \"pci.0/e\""));
            assertError("GenericError", "Device 'piix3-ide' has multiple child buses",
                    add(qts, "\"driver\": \"edu\", \"bus\": \"pci.0/piix3-ide\""));
            assertError("GenericError", "Bus 'nosuch' not found",
                    add(qts, "\"driver\": \"edu\", \"bus\": \"/i440FX-pcihost/nosuch\""));
            assertError("GenericError", "Device 'edu' can't go on System bus",
                    add(qts, "\"driver\": \"edu\", \"bus\": \"/\""));
            assertError("GenericError", "Device 'edu' can't go on ISA bus",
                    add(qts, "\"driver\": \"edu\", \"bus\": \"pci.0/PIIX3/isa.0\""));
            assertError("GenericError", "Device 'edu' can't go on IDE bus",
                    add(qts, "\"driver\": \"edu\", \"bus\": \"ide.0\""));
            assertError("GenericError", "Device 'edu' can't go on sdhci-bus bus",
                    add(qts, "\"driver\": \"edu\", \"bus\": \"pci.0/s\""));
            assertError("GenericError", "Bus 'sd-bus' does not support hotplugging",
                    add(qts, "\"driver\": \"sd-card\", \"bus\": \"sd-bus\""));
        } finally {
            assertEquals(0, qts.quit());
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void allOnesDmaMaskIsAccepted(Backend backend) {
        QTestState qts = start(backend, "-machine pc -device edu,id=c,dma_mask=0xffffffffffffffff");
        try {
            assertEquals("18446744073709551615", String.valueOf(qomGet(qts, "/machine/peripheral/c", "dma_mask")));
            assertEquals(Map.of(), add(qts, "\"driver\": \"edu\", \"id\": \"h\", \"bus\": \"pci.0\", "
                    + "\"dma_mask\": \"0xffffffffffffffff\"").get("return"));
            assertEquals("18446744073709551615", String.valueOf(qomGet(qts, "/machine/peripheral/h", "dma_mask")));
            assertError("GenericError", "Parameter 'dma_mask' expects integer",
                    add(qts, "\"driver\": \"edu\", \"dma_mask\": \"0x10000000000000000\""));
        } finally {
            assertEquals(0, qts.quit());
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void multifunctionSetsTheHeaderTypeBitAndGovernsTheSlot(Backend backend) {
        QTestState qts = start(backend, "-machine pc -device edu,id=m,addr=05.0,multifunction=on "
                + "-device edu,addr=05.1 -device edu,addr=09.0");
        try {
            PciBusPc bus = new PciBusPc(qts);
            assertEquals(0x80, bus.configReadb(5 << 3, HEADER_TYPE), "function 0 says multi-function");
            assertEquals(0x00, bus.configReadb((5 << 3) | 1, HEADER_TYPE));
            assertEquals(0x00, bus.configReadb(9 << 3, HEADER_TYPE));
            assertEquals(Boolean.TRUE, qomGet(qts, "/machine/peripheral/m", "multifunction"));
            assertError("GenericError", "Parameter 'multifunction' expects 'on' or 'off'",
                    add(qts, "\"driver\": \"edu\", \"multifunction\": \"maybe\""));
            assertError("GenericError", "PCI: slot 9 function 0 already occupied by edu, new func edu cannot be "
                    + "exposed to guest.", add(qts, "\"driver\": \"edu\", \"addr\": \"09.1\""));
            assertEquals(Map.of(), add(qts, "\"driver\": \"edu\", \"addr\": \"07.1\"").get("return"));
            assertError("GenericError", "PCI: 7.0 indicates single function, but 7.1 is already populated.",
                    add(qts, "\"driver\": \"edu\", \"addr\": \"07.0\""));
            assertEquals(Map.of(), add(qts, "\"driver\": \"edu\", \"addr\": \"07.0\", \"multifunction\": \"on\"")
                    .get("return"));
            assertEquals(0x80, bus.configReadb(7 << 3, HEADER_TYPE));
        } finally {
            assertEquals(0, qts.quit());
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void hotplugPropertiesOfTheHostBridgeAndFunctions(Backend backend) {
        QTestState qts = start(backend, "-machine pc -device edu,id=cold");
        try {
            assertEquals(Boolean.FALSE, qomGet(qts, "/machine/i440fx", "hotpluggable"));
            assertEquals(Boolean.FALSE, qomGet(qts, "/machine/i440fx", "hotplugged"));
            String i440fx = null;
            String piix3 = null;
            String e1000 = null;
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> children = (List<Map<String, Object>>) qts.qmp("{\"execute\": \"qom-list\", "
                    + "\"arguments\": {\"path\": \"/machine/unattached\"}}").get("return");
            for (Map<String, Object> c : children) {
                String path = "/machine/unattached/" + c.get("name");
                switch (String.valueOf(c.get("type"))) {
                    case "child<i440FX>" -> i440fx = path;
                    case "child<PIIX3>" -> piix3 = path;
                    case "child<e1000>" -> e1000 = path;
                    default -> {
                    }
                }
            }
            assertNotNull(i440fx, "the i440FX function is in the composition tree");
            assertEquals(Boolean.FALSE, qomGet(qts, i440fx, "hotpluggable"));
            assertEquals(Boolean.FALSE, qomGet(qts, i440fx, "hotplugged"));
            assertEquals("/machine/i440fx/pci.0", qomGet(qts, i440fx, "parent_bus"));
            assertEquals(Boolean.FALSE, qomGet(qts, piix3, "hotpluggable"));
            assertEquals(Boolean.TRUE, qomGet(qts, e1000, "hotpluggable"));
            assertEquals(Boolean.TRUE, qomGet(qts, "/machine/peripheral/cold", "hotpluggable"));
            assertEquals(Boolean.FALSE, qomGet(qts, "/machine/peripheral/cold", "hotplugged"));
            assertEquals(Map.of(), add(qts, "\"driver\": \"edu\", \"id\": \"hot\"").get("return"));
            assertEquals(Boolean.TRUE, qomGet(qts, "/machine/peripheral/hot", "hotplugged"));
        } finally {
            assertEquals(0, qts.quit());
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void qomPathsAndDeviceDelErrorsAsQemu(Backend backend) {
        QTestState qts = start(backend, "-machine pc");
        try {
            assertError("DeviceNotFound", "Device '/machine/../machine' not found", qts.qmp("{\"execute\": "
                    + "\"qom-get\", \"arguments\": {\"path\": \"/machine/../machine\", \"property\": \"type\"}}"));
            assertError("DeviceNotFound", "Device '/machine/.' not found", qts.qmp("{\"execute\": "
                    + "\"qom-get\", \"arguments\": {\"path\": \"/machine/.\", \"property\": \"type\"}}"));
            assertEquals("pc-i440fx-7.2-machine", qomGet(qts, "//machine/", "type"));
            assertError("GenericError", "Path '' is ambiguous",
                    qts.qmp("{\"execute\": \"qom-list\", \"arguments\": {\"path\": \"\"}}"));
            assertError("DeviceNotFound", "Device '' not found", qts.qmp("{\"execute\": \"qom-get\", "
                    + "\"arguments\": {\"path\": \"\", \"property\": \"type\"}}"));
            assertError("GenericError", " is not a hotpluggable device",
                    qts.qmp("{\"execute\": \"device_del\", \"arguments\": {\"id\": \"\"}}"));
            assertError("DeviceNotFound", "Device '..' not found",
                    qts.qmp("{\"execute\": \"device_del\", \"arguments\": {\"id\": \"..\"}}"));
        } finally {
            assertEquals(0, qts.quit());
        }
    }
}
