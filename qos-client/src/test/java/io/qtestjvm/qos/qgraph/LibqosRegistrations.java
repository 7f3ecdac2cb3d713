package io.qtestjvm.qos.qgraph;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * libqos' real node registrations for the boards this project models, transcribed from QEMU's
 * tests/qtest/libqos (x86_64_pc-machine.c, pci-pc.c, ppc64_pseries-machine.c, pci-spapr.c, arm-raspi2-machine.c,
 * arm-virt-machine.c, generic-pcihost.c, virtio-mmio.c, sdhci.c, virtio-blk.c, virtio-rng.c) and the tests that hang
 * off them (sdhci-test.c, virtio-blk-test.c, virtio-rng-test.c). Constructors are absent: these graphs are walked,
 * not run.
 */
final class LibqosRegistrations {
    /** The {@code -drive}s virtio-blk-test's {@code before} hook appends (file name made unique per call). */
    static final String DRIVES = " -drive if=none,id=drive0,file=%s,format=raw,auto-read-only=off"
            + " -drive if=none,id=drive1,file=null-co://,file.read-zeroes=on,format=raw ";

    private static final AtomicInteger TEMP = new AtomicInteger();

    private LibqosRegistrations() {
    }

    static QosGraph<Object> graph() {
        QosGraph<Object> g = new QosGraph<>();
        // x86_64_pc-machine.c, pci-pc.c
        g.createMachine("i386/pc", null);
        g.contains("i386/pc", "i440FX-pcihost");
        g.createMachine("x86_64/pc", null);
        g.contains("x86_64/pc", "i440FX-pcihost");
        g.createDriver("i440FX-pcihost", null);
        g.contains("i440FX-pcihost", "pci-bus-pc");
        g.createDriver("pci-bus-pc", null);
        g.produces("pci-bus-pc", "pci-bus");
        // ppc64_pseries-machine.c, pci-spapr.c
        g.createMachine("ppc64/pseries", null);
        g.createDriver("spapr-pci-host-bridge", null);
        g.contains("ppc64/pseries", "spapr-pci-host-bridge");
        g.contains("spapr-pci-host-bridge", "pci-bus-spapr");
        g.createDriver("pci-bus-spapr", null);
        g.produces("pci-bus-spapr", "pci-bus");
        // arm-raspi2-machine.c
        g.createMachine("arm/raspi2b", null);
        g.contains("arm/raspi2b", "generic-sdhci");
        // arm-virt-machine.c
        g.createMachine("arm/virt", null);
        g.contains("arm/virt", "virtio-mmio");
        g.createMachineArgs("aarch64/virt", null, " -cpu max");
        g.contains("aarch64/virt", "generic-pcihost");
        // generic-pcihost.c (7.2: pci-bus only)
        g.createDriver("pci-bus-generic", null);
        g.produces("pci-bus-generic", "pci-bus");
        g.createDriver("generic-pcihost", null);
        g.contains("generic-pcihost", "pci-bus-generic");
        // virtio-mmio.c
        g.createDriver("virtio-mmio", null);
        g.produces("virtio-mmio", "virtio-bus");
        // sdhci.c
        g.createDriver("generic-sdhci", null);
        g.produces("generic-sdhci", "sdhci");
        g.createDriver("sdhci-pci", null);
        g.produces("sdhci-pci", "sdhci");
        g.consumes("sdhci-pci", "pci-bus", QosEdgeOptions.extraDeviceOpts("addr=04.0").withArg("devfn 04.0"));
        // virtio-blk.c
        g.createDriver("virtio-blk-device", null);
        g.consumes("virtio-blk-device", "virtio-bus", QosEdgeOptions.extraDeviceOpts("drive=drive0"));
        g.produces("virtio-blk-device", "virtio-blk");
        g.createDriver("virtio-blk-pci", null);
        g.consumes("virtio-blk-pci", "pci-bus",
                QosEdgeOptions.extraDeviceOpts("id=drv0,drive=drive0,addr=4.0").withArg("devfn 04.0"));
        g.produces("virtio-blk-pci", "virtio-blk");
        // virtio-rng.c
        g.createDriver("virtio-rng-device", null);
        g.consumes("virtio-rng-device", "virtio-bus", null);
        g.produces("virtio-rng-device", "virtio");
        g.produces("virtio-rng-device", "virtio-rng");
        g.createDriver("virtio-rng-pci", null);
        g.consumes("virtio-rng-pci", "pci-bus", QosEdgeOptions.extraDeviceOpts("addr=04.0").withArg("devfn 04.0"));
        g.produces("virtio-rng-pci", "pci-device");
        g.produces("virtio-rng-pci", "virtio");
        g.produces("virtio-rng-pci", "virtio-rng");
        // sdhci-test.c
        g.addTest("registers", "sdhci", (o, a, al) -> { }, null);
        // virtio-blk-test.c
        QosTestOptions blk = QosTestOptions.before(LibqosRegistrations::virtioBlkSetup);
        for (String t : List.of("indirect", "config", "basic", "resize")) {
            g.addTest(t, "virtio-blk", (o, a, al) -> { }, blk);
        }
        for (String t : List.of("msix", "idx", "nxvirtq", "hotplug")) {
            g.addTest(t, "virtio-blk-pci", (o, a, al) -> { }, blk);
        }
        // virtio-rng-test.c
        g.addTest("hotplug", "virtio-rng-pci", (o, a, al) -> { }, null);
        return g;
    }

    /** virtio-blk-test's {@code virtio_blk_test_setup}: a new temporary image per test. */
    static Object virtioBlkSetup(StringBuilder cmd, Object arg) {
        cmd.append(DRIVES.formatted("/tmp/qtest." + TEMP.incrementAndGet()));
        return arg;
    }

    /** The QOM device types of a QEMU binary that has every device above (none abstract). */
    static List<QosDiscovery.TypeInfo> allDeviceTypes() {
        return List.of("i440FX-pcihost", "sdhci-pci", "generic-sdhci", "virtio-blk-pci", "virtio-blk-device",
                "virtio-rng-pci", "virtio-rng-device", "virtio-mmio", "spapr-pci-host-bridge", "gpex-pcihost")
                .stream().map(n -> new QosDiscovery.TypeInfo(n, false)).toList();
    }

    /** A graph with discovery applied as qos-test does for {@code qemu-system-<arch>} offering {@code machine}. */
    static QosGraph<Object> discovered(String arch, String machine, String alias) {
        QosGraph<Object> g = graph();
        g.applyMachines(arch, List.of(new QosDiscovery.MachineInfo(machine, alias)));
        g.applyTypes(allDeviceTypes());
        return g;
    }
}
