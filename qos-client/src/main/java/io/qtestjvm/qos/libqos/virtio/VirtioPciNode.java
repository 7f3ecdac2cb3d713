package io.qtestjvm.qos.libqos.virtio;

import io.qtestjvm.qos.libqos.pci.QPciAddress;
import io.qtestjvm.qos.libqos.pci.QPciBus;
import io.qtestjvm.qos.libqos.pci.QPciDevice;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosEdgeOptions;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * A {@code virtio-*-pci} driver node on any {@code pci-bus} (virtio 1.2 4.1): its constructor finds the function
 * at the edge's address and checks its virtio type; {@code startHw} enables it, maps the BARs of the interface
 * {@link VirtioPci#open} chose and runs the first steps of device initialisation (3.1.1). It answers
 * {@code pci-device} with the {@link QPciDevice}, {@code virtio} and its device interface ({@code virtio-blk}, ...)
 * with the {@link QVirtioDevice}; tests on the node itself (e.g. {@code virtio-blk-pci}) receive the node.
 * <p>
 * Node names, edges and the options on them are QEMU's libqos graph (reference 4.6): {@code virtio-blk-pci} and
 * {@code virtio-net-pci} produce only their device interface, since they need a drive or netdev to start;
 * {@code virtio-rng-pci} also produces {@code pci-device} and {@code virtio}.
 */
public final class VirtioPciNode implements QosGraphObject {
    public static final QPciAddress SLOT_4 = new QPciAddress(QPciAddress.devfn(4, 0), 0, 0);

    private final String name;
    private final String iface;
    private final QPciDevice pci;
    private final VirtioPci transport;
    private final QVirtioDevice vdev;

    public VirtioPciNode(String name, String iface, int type, QPciBus bus, QPciAddress addr) {
        this.name = name;
        this.iface = iface;
        this.pci = bus.device(addr);
        this.transport = VirtioPci.open(pci);
        if (transport.deviceType() != type) {
            throw new AssertionError(name + " at " + pci + ": virtio type " + transport.deviceType() + ", expected "
                    + type);
        }
        this.vdev = new QVirtioDevice(transport);
    }

    /** Registers all three PCI virtio nodes with QEMU's edges. */
    public static void register(QosGraph<QTestState> graph) {
        add(graph, "virtio-blk-pci", "virtio-blk", VirtioSpec.ID_BLOCK, "id=drv0,drive=drive0,addr=04.0");
        add(graph, "virtio-net-pci", "virtio-net", VirtioSpec.ID_NET, "netdev=hs0,addr=04.0");
        add(graph, "virtio-rng-pci", "virtio-rng", VirtioSpec.ID_RNG, "addr=04.0");
        graph.produces("virtio-rng-pci", "pci-device");
        graph.produces("virtio-rng-pci", "virtio");
    }

    private static void add(QosGraph<QTestState> graph, String node, String iface, int type, String opts) {
        graph.createDriver(node, (parent, alloc, arg) -> new VirtioPciNode(node, iface, type, (QPciBus) parent,
                (QPciAddress) arg));
        graph.consumes(node, "pci-bus", QosEdgeOptions.extraDeviceOpts(opts).withArg(SLOT_4));
        graph.produces(node, iface);
    }

    public QPciDevice pci() {
        return pci;
    }

    public VirtioPci transport() {
        return transport;
    }

    public QVirtioDevice virtio() {
        return vdev;
    }

    @Override
    public void startHw() {
        transport.map();
        vdev.start();
    }

    @Override
    public Object getDriver(String want) {
        if (want.equals("pci-device")) {
            return pci;
        }
        if (want.equals("virtio") || want.equals(iface)) {
            return vdev;
        }
        return QosGraphObject.super.getDriver(want);
    }

    @Override
    public String toString() {
        return name + " at " + pci;
    }
}
