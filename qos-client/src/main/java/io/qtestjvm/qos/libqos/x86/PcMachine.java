package io.qtestjvm.qos.libqos.x86;

import io.qtestjvm.qos.libqos.FwCfgIo;
import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.pci.PciBusPc;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphObject;

/**
 * The {@code x86_64/pc} and {@code i386/pc} machine nodes (tests/qtest/libqos/x86_64_pc-machine.c, malloc-pc.c;
 * reference 4.2, 4.7): the constructor reads the RAM size through fw_cfg on ports 0x510/0x511 as
 * {@code pc_alloc_init} does and makes the allocator {@code [1 MiB, min(ram, 0xE0000000))} with 4 KiB pages. The
 * machine contains {@code i440FX-pcihost}, which contains {@code pci-bus-pc}, which produces {@code pci-bus}.
 */
public final class PcMachine implements QosGraphObject {
    public static final long ALLOC_START = 0x10_0000L;
    /** The PCI hole starts here: RAM above it is not below 4 GiB, so the allocator stops. */
    public static final long ALLOC_LIMIT = 0xe000_0000L;
    public static final long PAGE_SIZE = 4096;

    private final String name;
    private final GuestAllocator alloc;
    private final Pcihost pcihost;

    /** {@code i440FX-pcihost}: only a container of the bus in libqos. */
    private static final class Pcihost implements QosGraphObject {
        private final PciBusPc bus;

        Pcihost(PciBusPc bus) {
            this.bus = bus;
        }

        @Override
        public QosGraphObject getDevice(String device) {
            if (device.equals("pci-bus-pc")) {
                return bus;
            }
            return QosGraphObject.super.getDevice(device);
        }

        @Override
        public String toString() {
            return "i440FX-pcihost";
        }
    }

    public PcMachine(String name, QTestState qts) {
        this.name = name;
        long ram = new FwCfgIo(qts, FwCfgIo.PC_BASE).getU64(FwCfgIo.RAM_SIZE);
        long end = Long.compareUnsigned(ram, ALLOC_LIMIT) < 0 ? ram : ALLOC_LIMIT;
        if (end <= ALLOC_START) {
            throw new AssertionError(name + ": fw_cfg RAM size 0x" + Long.toHexString(ram)
                    + " leaves nothing above the allocator start 0x" + Long.toHexString(ALLOC_START));
        }
        this.alloc = new GuestAllocator(ALLOC_START, end, PAGE_SIZE);
        this.pcihost = new Pcihost(new PciBusPc(qts));
    }

    /** Registers {@code <arch>/pc} containing {@code i440FX-pcihost} (x86_64_pc-machine.c). */
    public static void register(QosGraph<QTestState> graph, String arch) {
        String node = arch + "/pc";
        graph.createMachine(node, qts -> new PcMachine(node, qts));
        graph.contains(node, "i440FX-pcihost");
    }

    /** Registers {@code i440FX-pcihost} containing {@code pci-bus-pc} producing {@code pci-bus} (pci-pc.c). */
    public static void registerPciBus(QosGraph<QTestState> graph) {
        graph.createDriver("i440FX-pcihost", null);
        graph.contains("i440FX-pcihost", "pci-bus-pc");
        graph.createDriver("pci-bus-pc", null);
        graph.produces("pci-bus-pc", "pci-bus");
    }

    public GuestAllocator allocator() {
        return alloc;
    }

    @Override
    public QosGraphObject getDevice(String device) {
        if (device.equals("i440FX-pcihost")) {
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
