package io.qtestjvm.qos.libqos.arm;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.pci.GenericPcihost;
import io.qtestjvm.qos.libqos.virtio.VirtioMmio;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * The {@code arm/virt} and {@code aarch64/virt} machine nodes (tests/qtest/libqos/arm-virt-machine.c; reference
 * 4.5). Both make the allocator {@code [0x4000_0000, 0x6000_0000)} (512 MiB from the RAM base, whatever {@code -m}
 * says) with 4 KiB pages and build the virtio-mmio transport at 0x0a003e00, the highest of virt's 32 (where the
 * first {@code -device virtio-*-device} lands), which reads its identity and writes GuestPageSize at once, on the
 * PCI paths too. {@code arm/virt} contains {@code virtio-mmio}; {@code aarch64/virt} is started with
 * {@code -cpu max} and contains {@code generic-pcihost}.
 */
public final class VirtMachine implements QosGraphObject {
    public static final String ARM_NODE = "arm/virt";
    public static final String AARCH64_NODE = "aarch64/virt";
    public static final long ALLOC_START = 0x4000_0000L;
    public static final long ALLOC_END = 0x6000_0000L;
    public static final long PAGE_SIZE = 4096;
    public static final long VIRTIO_MMIO_BASE = 0x0a00_3e00L;
    public static final int VIRTIO_MMIO_SIZE = 0x200;

    private final String name;
    private final GuestAllocator alloc = new GuestAllocator(ALLOC_START, ALLOC_END, PAGE_SIZE);
    private final VirtioMmio virtioMmio;
    private final GenericPcihost pcihost;

    private VirtMachine(String name, QTestState qts, boolean pci) {
        this.name = name;
        this.virtioMmio = new VirtioMmio(qts, alloc, VIRTIO_MMIO_BASE, VIRTIO_MMIO_SIZE);
        this.pcihost = pci ? new GenericPcihost(qts) : null;
    }

    /** Registers both machines and their containment edges. */
    public static void register(QosGraph<QTestState> graph) {
        graph.createMachine(ARM_NODE, qts -> new VirtMachine(ARM_NODE, qts, false));
        graph.contains(ARM_NODE, VirtioMmio.NODE);
        graph.createMachineArgs(AARCH64_NODE, qts -> new VirtMachine(AARCH64_NODE, qts, true), " -cpu max");
        graph.contains(AARCH64_NODE, GenericPcihost.NODE);
    }

    public GuestAllocator allocator() {
        return alloc;
    }

    @Override
    public QosGraphObject getDevice(String device) {
        if (device.equals(VirtioMmio.NODE)) {
            return virtioMmio;
        }
        if (device.equals(GenericPcihost.NODE) && pcihost != null) {
            return pcihost;
        }
        return QosGraphObject.super.getDevice(device);
    }

    @Override
    public Object getDriver(String iface) {
        if (iface.equals("memory")) {
            return alloc;
        }
        return QosGraphObject.super.getDriver(iface);
    }

    @Override
    public String toString() {
        return name;
    }
}
