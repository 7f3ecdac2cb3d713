package io.qtestjvm.qos.qgraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Test names and command lines of libqos' real registrations compared with what qos-test builds (reference 3.3,
 * 3.4 and 8).
 */
class QosCommandLineTest {
    private static Map<String, QosTestPath<Object>> paths(QosGraph<Object> g) {
        return g.testPaths().stream().collect(Collectors.toMap(QosTestPath::name, Function.identity()));
    }

    @Test
    void pcSdhciPciHasTheDoubleSpaceAfterTheMachine() {
        var p = paths(LibqosRegistrations.discovered("x86_64", "pc-i440fx-7.2", "pc"))
                .get("/x86_64/pc/i440FX-pcihost/pci-bus-pc/pci-bus/sdhci-pci/sdhci/sdhci-tests/registers");
        assertEquals("-M pc  -device sdhci-pci,addr=04.0", p.commandLine());
    }

    @Test
    void pcVirtioBlkPciGetsItsDrivesFromTheBeforeHook() {
        var p = paths(LibqosRegistrations.discovered("x86_64", "pc-i440fx-7.2", "pc"))
                .get("/x86_64/pc/i440FX-pcihost/pci-bus-pc/pci-bus/virtio-blk-pci/virtio-blk/virtio-blk-tests/basic");
        assertEquals("-M pc  -device virtio-blk-pci,id=drv0,drive=drive0,addr=4.0", p.commandLine());
        StringBuilder cmd = new StringBuilder(p.commandLine());
        p.test().testOptions().before().before(cmd, null);
        assertTrue(cmd.toString().matches("-M pc  -device virtio-blk-pci,id=drv0,drive=drive0,addr=4\\.0"
                + " -drive if=none,id=drive0,file=/tmp/qtest\\.\\d+,format=raw,auto-read-only=off"
                + " -drive if=none,id=drive1,file=null-co://,file\\.read-zeroes=on,format=raw "), cmd.toString());
    }

    @Test
    void raspi2bSdhciIsBuiltInSoOnlyTheMachineFragmentRemains() {
        var p = paths(LibqosRegistrations.discovered("arm", "raspi2b", null))
                .get("/arm/raspi2b/generic-sdhci/sdhci/sdhci-tests/registers");
        assertEquals("-M raspi2b ", p.commandLine());
    }

    @Test
    void armVirtVirtioBlkDeviceOnVirtioMmio() {
        var p = paths(LibqosRegistrations.discovered("arm", "virt", null))
                .get("/arm/virt/virtio-mmio/virtio-bus/virtio-blk-device/virtio-blk/virtio-blk-tests/basic");
        assertEquals("-M virt  -device virtio-blk-device,drive=drive0", p.commandLine());
    }

    @Test
    void aarch64VirtMachineArgsHaveNoTrailingSpace() {
        var p = paths(LibqosRegistrations.discovered("aarch64", "virt", null))
                .get("/aarch64/virt/generic-pcihost/pci-bus-generic/pci-bus/virtio-rng-pci"
                        + "/virtio-rng-pci-tests/hotplug");
        assertEquals("-M virt, -cpu max -device virtio-rng-pci,addr=04.0", p.commandLine());
    }

    @Test
    void pseriesSdhciPci() {
        var p = paths(LibqosRegistrations.discovered("ppc64", "pseries-7.2", "pseries"))
                .get("/ppc64/pseries/spapr-pci-host-bridge/pci-bus-spapr/pci-bus/sdhci-pci/sdhci"
                        + "/sdhci-tests/registers");
        assertEquals("-M pseries  -device sdhci-pci,addr=04.0", p.commandLine());
    }

    @Test
    void edgeOptionsAreStoredWithTheirSeparators() {
        QosGraph<Object> g = new QosGraph<>();
        g.createDriver("dev", null);
        g.consumes("dev", "bus", new QosEdgeOptions("addr=04.0", "-netdev user,id=hs0", "-snapshot", null, null));
        QosEdge e = g.edge("bus", "dev");
        assertEquals(",addr=04.0", e.extraDeviceOpts());
        assertEquals(" -netdev user,id=hs0", e.beforeCmdLine());
        assertEquals(" -snapshot", e.afterCmdLine());
        assertEquals("dev", e.edgeName());
    }

    @Test
    void beforeGoesWhereTheEdgeIsWalkedAfterGoesLastAndDeviceOptsFollowTheConsumer() {
        QosGraph<Object> g = new QosGraph<>();
        g.createMachine("x86_64/pc", null);
        g.contains("x86_64/pc", "host", QosEdgeOptions.none().withBeforeCmdLine("-m 256").withAfterCmdLine("-S"));
        g.createDriver("host", null);
        g.produces("host", "bus");
        g.createDriver("nic", null);
        g.consumes("nic", "bus", new QosEdgeOptions("netdev=hs0", "-netdev user,id=hs0", "-no-shutdown", null, null));
        g.produces("nic", "net");
        g.addTest("t", "net", (o, a, al) -> { }, null);
        g.setAvailability("x86_64/pc", true);
        g.setAvailability("nic", true);
        assertEquals(List.of("-M pc  -m 256 -netdev user,id=hs0 -device nic,netdev=hs0 -S -no-shutdown"),
                g.testPaths().stream().map(QosTestPath::commandLine).toList());
    }

    @Test
    void anAbstractConsumerLosesItsDeviceAndItsOptionsGoToTheNextConsumer() {
        QosGraph<Object> g = new QosGraph<>();
        g.createMachine("x86_64/pc", null);
        g.contains("x86_64/pc", "bus-pc");
        g.createDriver("bus-pc", null);
        g.produces("bus-pc", "bus");
        g.createDriver("base-dev", null);
        g.consumes("base-dev", "bus", QosEdgeOptions.extraDeviceOpts("addr=05.0"));
        g.produces("base-dev", "base");
        g.createDriver("leaf-dev", null);
        g.consumes("leaf-dev", "base", QosEdgeOptions.extraDeviceOpts("x=1"));
        g.produces("leaf-dev", "leaf");
        g.addTest("t", "leaf", (o, a, al) -> { }, null);
        g.addTest("u", "base", (o, a, al) -> { }, null);
        g.applyMachines("x86_64", List.of(new QosDiscovery.MachineInfo("pc", null)));
        g.applyTypes(List.of(new QosDiscovery.TypeInfo("base-dev", true), new QosDiscovery.TypeInfo("leaf-dev",
                false)));
        Map<String, String> cmd = g.testPaths().stream()
                .collect(Collectors.toMap(QosTestPath::name, QosTestPath::commandLine));
        assertEquals("-M pc  -device leaf-dev,addr=05.0,x=1",
                cmd.get("/x86_64/pc/bus-pc/bus/base-dev/base/leaf-dev/leaf/leaf-tests/t"));
        assertEquals("-M pc ,addr=05.0", cmd.get("/x86_64/pc/bus-pc/bus/base-dev/base/base-tests/u"));
    }

    @Test
    void aNamedDriverUsesItsQemuNameOnTheCommandLine() {
        QosGraph<Object> g = new QosGraph<>();
        g.createMachine("x86_64/pc", null);
        g.contains("x86_64/pc", "bus");
        g.createDriver("bus", null);
        g.produces("bus", "pci-bus");
        g.createDriverNamed("virtio-9p-pci-0", "virtio-9p-pci", null);
        g.consumes("virtio-9p-pci-0", "pci-bus", QosEdgeOptions.extraDeviceOpts("addr=04.0"));
        g.addTest("t", "virtio-9p-pci-0", (o, a, al) -> { }, null);
        g.setAvailability("x86_64/pc", true);
        g.setAvailability("virtio-9p-pci", true);
        var p = g.testPaths().getFirst();
        assertEquals("/x86_64/pc/bus/pci-bus/virtio-9p-pci-0/virtio-9p-pci-0-tests/t", p.name());
        assertEquals("-M pc  -device virtio-9p-pci,addr=04.0", p.commandLine());
    }
}
