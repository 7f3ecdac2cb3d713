package io.qtestjvm.qos.libqos.virtio;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosEdgeOptions;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * A {@code virtio-*-device} node on {@code virtio-bus} (the device behind a virtio-mmio transport, virtio 1.2 4.2):
 * checks the transport's device ID, runs the first initialisation steps in {@code startHw}, and answers
 * {@code virtio} and its device interface with the {@link QVirtioDevice}. Edges and options are QEMU's.
 */
public final class VirtioMmioDeviceNode implements QosGraphObject {
    private final String name;
    private final String iface;
    private final VirtioMmio transport;
    private final QVirtioDevice vdev;

    public VirtioMmioDeviceNode(String name, String iface, int type, VirtioMmio transport) {
        if (transport.deviceType() != type) {
            throw new AssertionError(name + " on " + transport + ": device ID " + transport.deviceType()
                    + ", expected " + type);
        }
        this.name = name;
        this.iface = iface;
        this.transport = transport;
        this.vdev = new QVirtioDevice(transport);
    }

    public static void register(QosGraph<QTestState> graph) {
        add(graph, "virtio-blk-device", "virtio-blk", VirtioSpec.ID_BLOCK, "drive=drive0");
        add(graph, "virtio-net-device", "virtio-net", VirtioSpec.ID_NET, "netdev=hs0");
        add(graph, "virtio-rng-device", "virtio-rng", VirtioSpec.ID_RNG, null);
        graph.produces("virtio-rng-device", "virtio");
    }

    private static void add(QosGraph<QTestState> graph, String node, String iface, int type, String opts) {
        graph.createDriver(node, (parent, alloc, arg) -> new VirtioMmioDeviceNode(node, iface, type,
                (VirtioMmio) parent));
        graph.consumes(node, VirtioMmio.BUS, opts == null ? QosEdgeOptions.none()
                : QosEdgeOptions.extraDeviceOpts(opts));
        graph.produces(node, iface);
    }

    public QVirtioDevice virtio() {
        return vdev;
    }

    @Override
    public void startHw() {
        vdev.start();
    }

    @Override
    public Object getDriver(String want) {
        if (want.equals("virtio") || want.equals(iface)) {
            return vdev;
        }
        return QosGraphObject.super.getDriver(want);
    }

    @Override
    public String toString() {
        return name + " on " + transport;
    }
}
