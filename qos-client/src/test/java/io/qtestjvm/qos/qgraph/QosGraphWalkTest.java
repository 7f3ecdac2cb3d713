package io.qtestjvm.qos.qgraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.qos.libqtest.Json;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The walk's test names and order, and availability by QEMU's rules (reference 3.2, 3.3). */
class QosGraphWalkTest {
    private static List<String> names(QosGraph<?> g) {
        return g.testPaths().stream().map(QosTestPath::name).toList();
    }

    @Test
    void pcPathsComeInQosTestOrder() {
        String bus = "/x86_64/pc/i440FX-pcihost/pci-bus-pc/pci-bus/";
        assertEquals(List.of(
                bus + "sdhci-pci/sdhci/sdhci-tests/registers",
                bus + "virtio-blk-pci/virtio-blk/virtio-blk-tests/indirect",
                bus + "virtio-blk-pci/virtio-blk/virtio-blk-tests/config",
                bus + "virtio-blk-pci/virtio-blk/virtio-blk-tests/basic",
                bus + "virtio-blk-pci/virtio-blk/virtio-blk-tests/resize",
                bus + "virtio-blk-pci/virtio-blk-pci-tests/msix",
                bus + "virtio-blk-pci/virtio-blk-pci-tests/idx",
                bus + "virtio-blk-pci/virtio-blk-pci-tests/nxvirtq",
                bus + "virtio-blk-pci/virtio-blk-pci-tests/hotplug",
                bus + "virtio-rng-pci/virtio-rng-pci-tests/hotplug"),
                names(LibqosRegistrations.discovered("x86_64", "pc-i440fx-7.2", "pc")));
    }

    @Test
    void armPathsFollowMachineRegistrationOrder() {
        assertEquals(List.of(
                "/arm/raspi2b/generic-sdhci/sdhci/sdhci-tests/registers",
                "/arm/virt/virtio-mmio/virtio-bus/virtio-blk-device/virtio-blk/virtio-blk-tests/indirect",
                "/arm/virt/virtio-mmio/virtio-bus/virtio-blk-device/virtio-blk/virtio-blk-tests/config",
                "/arm/virt/virtio-mmio/virtio-bus/virtio-blk-device/virtio-blk/virtio-blk-tests/basic",
                "/arm/virt/virtio-mmio/virtio-bus/virtio-blk-device/virtio-blk/virtio-blk-tests/resize"),
                names(withMachines("arm", "virt", "raspi2b")));
    }

    private static QosGraph<Object> withMachines(String arch, String... machines) {
        QosGraph<Object> g = LibqosRegistrations.graph();
        g.applyMachines(arch, java.util.Arrays.stream(machines).map(m -> new QosDiscovery.MachineInfo(m, null))
                .toList());
        g.applyTypes(LibqosRegistrations.allDeviceTypes());
        return g;
    }

    @Test
    void machineAvailabilityFollowsItsAliasAndOnlyForTheBinarysArch() {
        QosGraph<Object> named = LibqosRegistrations.graph();
        named.applyMachines("x86_64", List.of(new QosDiscovery.MachineInfo("pc-i440fx-7.2", null)));
        assertFalse(named.node("x86_64/pc").available());
        QosGraph<Object> aliased = LibqosRegistrations.graph();
        aliased.applyMachines("x86_64", List.of(new QosDiscovery.MachineInfo("pc-i440fx-7.2", "pc")));
        assertTrue(aliased.node("x86_64/pc").available());
        assertFalse(aliased.node("i386/pc").available());
    }

    @Test
    void aMachineMakesWhatItContainsAndProducesAvailableButNotItsConsumers() {
        QosGraph<Object> g = LibqosRegistrations.graph();
        g.applyMachines("x86_64", List.of(new QosDiscovery.MachineInfo("pc", null)));
        for (String n : List.of("x86_64/pc", "i440FX-pcihost", "pci-bus-pc", "pci-bus")) {
            assertTrue(g.node(n).available(), n);
        }
        for (String n : List.of("sdhci-pci", "sdhci", "virtio-blk-pci", "virtio-blk")) {
            assertFalse(g.node(n).available(), n);
        }
        assertTrue(g.node("sdhci-tests/registers").available(), "test nodes are available from creation");
        assertEquals(List.of(), names(g), "no consumer type reported, so no path");
    }

    @Test
    void aConsumerTypeMakesItsProducedInterfacesAvailable() {
        QosGraph<Object> g = LibqosRegistrations.graph();
        g.applyMachines("x86_64", List.of(new QosDiscovery.MachineInfo("pc", null)));
        g.applyTypes(List.of(new QosDiscovery.TypeInfo("virtio-rng-pci", false)));
        for (String n : List.of("virtio-rng-pci", "pci-device", "virtio", "virtio-rng")) {
            assertTrue(g.node(n).available(), n);
        }
        assertEquals(List.of(
                "/x86_64/pc/i440FX-pcihost/pci-bus-pc/pci-bus/virtio-rng-pci/virtio-rng-pci-tests/hotplug"), names(g));
    }

    @Test
    void availabilityDoesNotCrossConsumedByEdges() {
        QosGraph<Object> g = LibqosRegistrations.graph();
        g.setAvailability("pci-bus", true);
        assertFalse(g.node("sdhci-pci").available());
        assertFalse(g.node("virtio-rng-pci").available());
    }

    @Test
    void aNamedDriverIsMatchedByItsQemuNameNotItsNodeName() {
        QosGraph<Object> g = new QosGraph<>();
        g.createDriverNamed("dev-0", "dev", null);
        g.produces("dev-0", "iface");
        g.setAvailability("dev-0", true);
        assertFalse(g.node("dev-0").available());
        g.setAvailability("dev", true);
        assertTrue(g.node("dev-0").available());
        assertTrue(g.node("iface").available());
    }

    @Test
    void siblingsAreVisitedInRegistrationOrderAndEachContainsEdgeIsItsOwnPath() {
        QosGraph<Object> g = new QosGraph<>();
        g.createMachine("arm/board", null);
        g.contains("arm/board", "ctl", QosEdgeOptions.none().withEdgeName("ctl-0"),
                QosEdgeOptions.none().withEdgeName("ctl-1"));
        g.createDriver("ctl", null);
        g.produces("ctl", "i");
        g.addTest("b", "i", (o, a, al) -> { }, null);
        g.addTest("a", "i", (o, a, al) -> { }, null);
        g.createMachine("arm/other", null);
        g.contains("arm/other", "ctl");
        g.setAvailability("arm/other", true);
        g.setAvailability("arm/board", true);
        assertEquals(List.of("/arm/board/ctl-0/i/i-tests/b", "/arm/board/ctl-0/i/i-tests/a",
                "/arm/board/ctl-1/i/i-tests/b", "/arm/board/ctl-1/i/i-tests/a",
                "/arm/other/ctl/i/i-tests/b", "/arm/other/ctl/i/i-tests/a"), names(g));
    }

    @Test
    void aSubprocessTestRunsUnderItsSubprocessPath() {
        QosGraph<Object> g = new QosGraph<>();
        g.createMachine("x86_64/pc", null);
        g.produces("x86_64/pc", "i");
        g.addTest("t", "i", (o, a, al) -> { }, QosTestOptions.none().withSubprocess(true));
        g.setAvailability("x86_64/pc", true);
        QosTestPath<Object> p = g.testPaths().getFirst();
        assertTrue(p.subprocess());
        assertEquals("/x86_64/pc/i/i-tests/t/subprocess", p.subprocessName());
    }

    @Test
    void discoveryDecodesQmpRepliesAsQosTestDoes() {
        QosGraph<Object> g = LibqosRegistrations.graph();
        Object machines = Json.object("{\"return\": [{\"hotpluggable-cpus\": true, \"name\": \"pc-i440fx-7.2\","
                + " \"numa-mem-supported\": false, \"default-cpu-type\": \"qemu64-x86_64-cpu\", \"cpu-max\": 255,"
                + " \"deprecated\": false, \"default-ram-id\": \"pc.ram\", \"alias\": \"pc\", \"is-default\": true},"
                + " {\"name\": \"none\", \"cpu-max\": 1, \"hotpluggable-cpus\": false, \"numa-mem-supported\": false,"
                + " \"deprecated\": false}]}").get("return");
        Object types = Json.object("{\"return\": [{\"name\": \"sdhci-pci\", \"parent\": \"pci-device\"},"
                + " {\"name\": \"pci-device\", \"abstract\": true, \"parent\": \"device\"}]}").get("return");
        QosDiscovery.apply(g, "x86_64", machines, types);
        assertEquals(List.of("/x86_64/pc/i440FX-pcihost/pci-bus-pc/pci-bus/sdhci-pci/sdhci/sdhci-tests/registers"),
                names(g));
    }

    @Test
    void registrationErrorsAreReportedAsQemuAbortsOnThem() {
        QosGraph<Object> g = new QosGraph<>();
        g.createDriver("d", null);
        var dup = assertThrows(IllegalStateException.class, () -> g.createDriver("d", null));
        assertEquals("Node d already created", dup.getMessage());
        assertThrows(IllegalStateException.class, () -> g.produces("x", "d"));
        assertThrows(IllegalArgumentException.class, () -> g.createMachine("pc", null));
        assertThrows(IllegalArgumentException.class, () -> g.createMachine("x86_64/", null));
        g.createMachine("x86_64/m", null);
        g.contains("x86_64/m", "missing");
        g.setAvailability("x86_64/m", true);
        var missing = assertThrows(IllegalStateException.class, g::testPaths);
        assertEquals("node missing in x86_64/m -> missing does not exist", missing.getMessage());
    }

    @Test
    void newestEdgeComesFirstInTheStoredList() {
        QosGraph<Object> g = LibqosRegistrations.graph();
        assertEquals(List.of("virtio-rng-pci", "virtio-blk-pci", "sdhci-pci"),
                g.edgesFrom("pci-bus").stream().map(QosEdge::dest).toList());
    }
}
