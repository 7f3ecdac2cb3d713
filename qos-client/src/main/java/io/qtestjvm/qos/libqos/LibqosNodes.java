package io.qtestjvm.qos.libqos;

import io.qtestjvm.qos.libqos.arm.Raspi2bMachine;
import io.qtestjvm.qos.libqos.arm.VirtMachine;
import io.qtestjvm.qos.libqos.edu.EduDevice;
import io.qtestjvm.qos.libqos.iommu.QIommuTestdev;
import io.qtestjvm.qos.libqos.iommu.QSmmuTestdev;
import io.qtestjvm.qos.libqos.pci.GenericPcihost;
import io.qtestjvm.qos.libqos.ppc64.PseriesMachine;
import io.qtestjvm.qos.libqos.sdhci.GenericSdhci;
import io.qtestjvm.qos.libqos.sdhci.SdhciPci;
import io.qtestjvm.qos.libqos.virtio.VirtioMmio;
import io.qtestjvm.qos.libqos.virtio.VirtioMmioDeviceNode;
import io.qtestjvm.qos.libqos.virtio.VirtioPciNode;
import io.qtestjvm.qos.libqos.x86.PcMachine;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraph;

/**
 * Every libqos graph node this project has, registered as libqos' {@code libqos_init} constructors do: one line per
 * machine, bus or device; each registers its own nodes and edges. A new machine or bus is one small class (its
 * {@code QosGraphObject}s and a {@code register} method) plus one line here.
 */
public final class LibqosNodes {
    private LibqosNodes() {
    }

    public static void registerAll(QosGraph<QTestState> graph) {
        // x86_64_pc-machine.c, pci-pc.c
        PcMachine.register(graph, "i386");
        PcMachine.register(graph, "x86_64");
        PcMachine.registerPciBus(graph);
        // arm-raspi2-machine.c, sdhci.c
        Raspi2bMachine.register(graph);
        GenericSdhci.register(graph);
        SdhciPci.register(graph);
        // the virt machines and the generic ECAM PCI host
        VirtMachine.register(graph);
        GenericPcihost.register(graph);
        // ppc64_pseries-machine.c, pci-spapr.c
        PseriesMachine.register(graph);
        // ours: hw/misc/edu.c on any pci-bus
        EduDevice.register(graph);
        // virtio 1.2 chapter 4 transports (PCI, MMIO) and the device nodes on them
        VirtioPciNode.register(graph);
        VirtioMmio.register(graph);
        VirtioMmioDeviceNode.register(graph);
        // hw/misc/iommu-testdev.c and the RFC's smmu-testdev on any pci-bus (discovery keeps them where they exist)
        QIommuTestdev.register(graph);
        QSmmuTestdev.register(graph);
    }
}
