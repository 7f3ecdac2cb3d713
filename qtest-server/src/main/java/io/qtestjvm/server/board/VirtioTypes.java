package io.qtestjvm.server.board;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.PropertyDescriptor;
import io.qtestjvm.core.PropertyException;
import io.qtestjvm.core.PropertyType;
import io.qtestjvm.core.PropertyValues;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.core.TypeDescriptor;
import io.qtestjvm.devices.block.BlockBackend;
import io.qtestjvm.devices.virtio.GuestMemory;
import io.qtestjvm.devices.virtio.VirtioBlk;
import io.qtestjvm.devices.virtio.VirtioBusDevice;
import io.qtestjvm.devices.virtio.VirtioDevice;
import io.qtestjvm.devices.virtio.VirtioNet;
import io.qtestjvm.devices.virtio.VirtioPci;
import io.qtestjvm.devices.virtio.VirtioRng;
import io.qtestjvm.pci.PciBus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The virtio QOM types of a binary with PCI (names and parents from Debian's QEMU 7.2 {@code qom-list-types}):
 * {@code virtio-pci}, {@code virtio-device}, {@code virtio-bus}/{@code virtio-pci-bus}, and per device the
 * {@code -pci-base}, {@code -pci}, {@code -pci-transitional}, {@code -pci-non-transitional} and {@code -device}
 * types. {@code virtio-blk-pci} and {@code virtio-rng-pci} (and their (non-)transitional forms) plug on the PCI bus;
 * the properties are those {@code -device virtio-blk-pci,help} lists on 7.2, settable where the model has the
 * behaviour, help-only otherwise. The {@code virtio-X-device} types plug on a virtio bus (virt's virtio-mmio
 * transports) and are listed where such a bus exists.
 */
final class VirtioTypes {
    /** A virtio-pci proxy's QOM children: its virtio bus and the virtio device on it. */
    private static final String PROXY_BUS = "virtio-bus";
    private static final String PROXY_BACKEND = "virtio-backend";

    private VirtioTypes() {
    }

    private static PropertyDescriptor auto(String name) {
        return PropertyDescriptor.of(name, PropertyType.ON_OFF_AUTO, "on/off/auto", "\"auto\"").helpOnly();
    }

    private static PropertyDescriptor bool(String name, String desc, boolean dflt) {
        return PropertyDescriptor.of(name, PropertyType.BOOL, desc, Boolean.toString(dflt));
    }

    /** virtio-pci's own properties (help text and defaults of 7.2). */
    private static List<PropertyDescriptor> transportProps() {
        return List.of(
                PropertyDescriptor.of("aer", PropertyType.BOOL, "on/off", "false").helpOnly(),
                bool("any_layout", "on/off", true).helpOnly(),
                PropertyDescriptor.of("ats", PropertyType.BOOL, "on/off", "false").helpOnly(),
                PropertyDescriptor.of("disable-legacy", PropertyType.ON_OFF_AUTO, "on/off/auto", "\"auto\""),
                bool("disable-modern", "", false),
                bool("event_idx", "on/off", true),
                bool("indirect_desc", "on/off", true),
                bool("ioeventfd", "on/off", true),
                bool("iommu_platform", "on/off", false).helpOnly(),
                bool("migrate-extra", "on/off", true).helpOnly(),
                bool("modern-pio-notify", "on/off", false).helpOnly(),
                bool("notify_on_empty", "on/off", true).helpOnly(),
                bool("packed", "on/off", false),
                bool("page-per-vq", "on/off", false).helpOnly(),
                bool("queue_reset", "on/off", true).helpOnly(),
                bool("use-disabled-flag", "", true).helpOnly(),
                bool("use-started", "", true).helpOnly(),
                PropertyDescriptor.of("vectors", PropertyType.UINT32, "", "4294967295"),
                bool("virtio-pci-bus-master-bug-migration", "on/off", false).helpOnly(),
                bool("x-ats-page-aligned", "on/off", true).helpOnly(),
                bool("x-disable-legacy-check", "", false).helpOnly(),
                bool("x-disable-pcie", "on/off", false).helpOnly(),
                bool("x-ignore-backend-features", "", false).helpOnly(),
                bool("x-pcie-deverr-init", "on/off", true).helpOnly(),
                bool("x-pcie-flr-init", "on/off", true).helpOnly(),
                bool("x-pcie-lnkctl-init", "on/off", true).helpOnly(),
                bool("x-pcie-pm-init", "on/off", true).helpOnly());
    }

    private static List<PropertyDescriptor> blkProps() {
        return List.of(
                auto("account-failed"),
                auto("account-invalid"),
                auto("backend_defaults"),
                PropertyDescriptor.of("bootindex", PropertyType.INT32, null, null).helpOnly(),
                PropertyDescriptor.of("class", PropertyType.UINT32, "", "0").helpOnly(),
                PropertyDescriptor.of("cyls", PropertyType.UINT32, "", "0").helpOnly(),
                PropertyDescriptor.of("heads", PropertyType.UINT32, "", "0").helpOnly(),
                PropertyDescriptor.of("lcyls", PropertyType.UINT32, "", "0").helpOnly(),
                PropertyDescriptor.of("lheads", PropertyType.UINT32, "", "0").helpOnly(),
                PropertyDescriptor.of("lsecs", PropertyType.UINT32, "", "0").helpOnly(),
                PropertyDescriptor.of("report-discard-granularity", PropertyType.BOOL, "", "true").helpOnly(),
                PropertyDescriptor.of("secs", PropertyType.UINT32, "", "0").helpOnly(),
                PropertyDescriptor.of("share-rw", PropertyType.BOOL, "", "false").helpOnly(),
                PropertyDescriptor.of("write-cache", PropertyType.ON_OFF_AUTO, "on/off/auto", "\"auto\"").helpOnly(),
                PropertyDescriptor.of("config-wce", PropertyType.BOOL, "on/off", "true").helpOnly(),
                bool("discard", "on/off", true),
                PropertyDescriptor.of("drive", PropertyType.LINK,
                        "Node name or ID of a block device to use as a backend", null),
                PropertyDescriptor.of("max-discard-sectors", PropertyType.UINT32, "", "4194303").helpOnly(),
                PropertyDescriptor.of("max-write-zeroes-sectors", PropertyType.UINT32, "", "4194303").helpOnly(),
                PropertyDescriptor.of("num-queues", PropertyType.UINT16, "", "65535"),
                PropertyDescriptor.of("queue-size", PropertyType.UINT16, "", "256"),
                bool("request-merging", "on/off", true).helpOnly(),
                bool("scsi", "on/off", false).helpOnly(),
                bool("seg-max-adjust", "", true).helpOnly(),
                PropertyDescriptor.of("serial", PropertyType.STRING, null, null),
                bool("write-zeroes", "on/off", true),
                bool("x-enable-wce-if-config-wce", "", true).helpOnly());
    }

    private static List<PropertyDescriptor> rngProps() {
        return List.of(
                PropertyDescriptor.of("max-bytes", PropertyType.UINT64, "", "9223372036854775807").helpOnly(),
                PropertyDescriptor.of("period", PropertyType.UINT32, "", "65536").helpOnly(),
                PropertyDescriptor.of("rng", PropertyType.LINK, null, null).helpOnly());
    }

    private static List<PropertyDescriptor> netProps() {
        return List.of(
                PropertyDescriptor.of("csum", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("ctrl_guest_offloads", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("ctrl_mac_addr", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("ctrl_rx", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("ctrl_rx_extra", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("ctrl_vlan", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("ctrl_vq", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("duplex", PropertyType.STRING, null, null).helpOnly(),
                PropertyDescriptor.of("failover", PropertyType.BOOL, "", "false").helpOnly(),
                PropertyDescriptor.of("gso", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("guest_announce", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("guest_csum", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("guest_ecn", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("guest_rsc_ext", PropertyType.BOOL, "on/off", "false").helpOnly(),
                PropertyDescriptor.of("guest_tso4", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("guest_tso6", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("guest_ufo", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("hash", PropertyType.BOOL, "on/off", "false").helpOnly(),
                PropertyDescriptor.of("host_ecn", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("host_mtu", PropertyType.UINT16, "", "0").helpOnly(),
                PropertyDescriptor.of("host_tso4", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("host_tso6", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("host_ufo", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("mac", PropertyType.STRING,
                        "Ethernet 6-byte MAC Address, example: 52:54:00:12:34:56", null),
                PropertyDescriptor.of("mq", PropertyType.BOOL, "on/off", "false").helpOnly(),
                PropertyDescriptor.of("mrg_rxbuf", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("netdev", PropertyType.LINK, "ID of a netdev to use as a backend", null),
                PropertyDescriptor.of("rsc_interval", PropertyType.UINT32, "", "300000").helpOnly(),
                PropertyDescriptor.of("rss", PropertyType.BOOL, "on/off", "false").helpOnly(),
                PropertyDescriptor.of("rx_queue_size", PropertyType.UINT16, "", "256"),
                PropertyDescriptor.of("speed", PropertyType.INT32, "", "-1").helpOnly(),
                PropertyDescriptor.of("status", PropertyType.BOOL, "on/off", "true").helpOnly(),
                PropertyDescriptor.of("tx", PropertyType.STRING, null, null).helpOnly(),
                PropertyDescriptor.of("tx_queue_size", PropertyType.UINT16, "", "256"),
                PropertyDescriptor.of("x-mtu-bypass-backend", PropertyType.BOOL, "", "true").helpOnly(),
                PropertyDescriptor.of("x-txburst", PropertyType.INT32, "", "256").helpOnly(),
                PropertyDescriptor.of("x-txtimer", PropertyType.UINT32, "", "150000").helpOnly());
    }

    /** The PCI, transport and device properties in one list sorted by name, as {@code -device X,help} prints. */
    private static List<PropertyDescriptor> merged(List<PropertyDescriptor> pci, List<PropertyDescriptor> dev) {
        List<PropertyDescriptor> all = new ArrayList<>(pci);
        all.addAll(transportProps());
        all.addAll(dev);
        all.sort(PropertyDescriptor.BY_NAME);
        return all;
    }

    /**
     * The virtio types of a binary: {@code pciOnly} for x86 and ppc64 (PCI, no virtio-mmio), {@code mmio} for the arm
     * binaries, which have virtio-mmio transports and virtio-pci on virt's GPEX.
     */
    static List<TypeDescriptor.Builder<DeviceContext>> types(boolean pciOnly, boolean mmio,
            List<PropertyDescriptor> pciProps) {
        boolean bus = pciOnly || mmio;
        boolean pci = pciOnly || mmio;
        List<TypeDescriptor.Builder<DeviceContext>> out = new ArrayList<>();
        out.add(TypeDescriptor.<DeviceContext>builder("virtio-bus", "bus").abstractType().listed(bus));
        out.add(TypeDescriptor.<DeviceContext>builder("virtio-pci-bus", "virtio-bus").listed(pci)
                .qtree((o, sink) -> sink.bus(o.name(), "virtio-pci-bus",
                        o.parent().child(PROXY_BACKEND) instanceof VirtioBusDevice d ? List.of(d) : List.of())));
        out.add(TypeDescriptor.<DeviceContext>builder("virtio-device", "device").abstractType().listed(bus));
        out.add(TypeDescriptor.<DeviceContext>builder("virtio-pci", "pci-device").abstractType().listed(pci));
        for (String dev : List.of("blk", "rng", "net")) {
            boolean blk = dev.equals("blk");
            boolean net = dev.equals("net");
            String base = "virtio-" + dev + "-pci-base";
            String devType = "virtio-" + dev + "-device";
            List<PropertyDescriptor> devProps = new ArrayList<>(deviceCommonProps());
            devProps.addAll(blk ? blkProps() : net ? netProps() : rngProps());
            devProps.sort(PropertyDescriptor.BY_NAME);
            out.add(TypeDescriptor.<DeviceContext>builder(devType, "virtio-device").listed(bus)
                    .bus("virtio-bus").properties(devProps)
                    .category(blk ? "Storage devices" : net ? "Network devices" : "Misc devices")
                    .factory((ctx, v) -> busDevice(devType, ctx, v)));
            out.add(TypeDescriptor.<DeviceContext>builder(base, "virtio-pci").abstractType().listed(pci));
            List<PropertyDescriptor> props = merged(pciProps, blk ? blkProps() : net ? netProps() : rngProps());
            for (String suffix : List.of("", "-transitional", "-non-transitional")) {
                String name = "virtio-" + dev + "-pci" + suffix;
                TypeDescriptor.Builder<DeviceContext> b = TypeDescriptor.<DeviceContext>builder(name, base)
                        .listed(pci).bus(PciBus.TYPE)
                        .category(blk ? "Storage devices" : net ? "Network devices" : "Misc devices")
                        .properties(props).innerDevice(devType);
                b.interfaces("conventional-pci-device");
                Forced forced = suffix.isEmpty() ? Forced.NONE
                        : suffix.equals("-transitional") ? Forced.TRANSITIONAL : Forced.MODERN;
                if (blk) {
                    b.factory((ctx, v) -> blkPci(name, forced, ctx, v));
                } else if (net) {
                    b.factory((ctx, v) -> netPci(name, forced, ctx, v));
                } else {
                    b.factory((ctx, v) -> rngPci(name, forced, v));
                }
                out.add(b);
            }
        }
        return out;
    }

    /** What the (non-)transitional type names fix, whatever disable-legacy/-modern say. */
    private enum Forced { NONE, TRANSITIONAL, MODERN }

    private static boolean disableLegacy(PropertyValues v, Forced f) {
        if (f == Forced.MODERN) {
            return true;
        }
        if (f == Forced.TRANSITIONAL) {
            return false;
        }
        String s = v.getString("disable-legacy");
        return "on".equals(s);
    }

    private static boolean disableModern(PropertyValues v, Forced f) {
        return f == Forced.NONE && v.getBool("disable-modern", false);
    }

    private static int vectors(PropertyValues v, int dflt) {
        long n = v.getLong("vectors", 0xffffffffL);
        return n == 0xffffffffL ? dflt : (int) Math.min(n, 2048);
    }

    private static Device blkPci(String type, Forced forced, DeviceContext ctx, PropertyValues v)
            throws PropertyException {
        Blk b = blk(ctx, v);
        VirtioBusDevice backend = new VirtioBusDevice("virtio-blk-device", VirtioBlk.DEVICE_ID, b.device(),
                blkQtree(v, !disableModern(v, forced)));
        VirtioPci pci = proxy(new VirtioPci(type, VirtioBlk.DEVICE_ID, 0x1001, 0x0100, vectors(v, b.queues() + 1),
                disableLegacy(v, forced), disableModern(v, forced), backend::attach), backend, forced, v);
        VirtioBlk blk = (VirtioBlk) pci.device();
        b.node().attach(pci, "/virtio-backend", blk::capacityChanged);
        return pci;
    }

    /** A virtio-blk device to build: the block node it claimed, its queue count, and the device over a memory. */
    private record Blk(BlockNode node, int queues, Function<GuestMemory, VirtioDevice> device) {
    }

    /**
     * The virtio-blk device of {@code -device virtio-blk-*} over its {@code drive=} (checked as 7.2 does); the
     * transport registers the claimed node with the block layer.
     */
    private static Blk blk(DeviceContext ctx, PropertyValues v) throws PropertyException {
        String id = v.getString("drive");
        if (id == null) {
            throw new PropertyException("drive property not set");
        }
        BlockNode node = ctx.blocks().resolve(id, "virtio-blk-device.drive");
        long nq = v.getLong("num-queues", 0xffff);
        int queues = nq == 0xffff ? 1 : (int) nq;
        if (queues == 0) {
            throw new PropertyException("num-queues property must be larger than 0");
        }
        int queueSize = (int) v.getLong("queue-size", 256);
        if (queueSize <= 2) {
            throw new PropertyException("invalid queue-size property (" + queueSize + "), must be > 2");
        }
        if (queueSize > 1024 || Integer.bitCount(queueSize) != 1) {
            throw new PropertyException("invalid queue-size property (" + queueSize + "), must be a power of 2 "
                    + "(max 1024)");
        }
        BlockBackend backend = ctx.blocks().claim(node);
        VirtioBlk.Options o = new VirtioBlk.Options(queues, queueSize, v.getBool("event_idx", true),
                v.getBool("indirect_desc", true), v.getBool("packed", false), v.getBool("discard", true),
                v.getBool("write-zeroes", true), v.getString("serial"));
        return new Blk(node, queues, mem -> new VirtioBlk(mem, backend, o, node.options().policy(),
                ctx.blocks().inflight(), v.getBool("ioeventfd", true)));
    }

    /**
     * virtio-net-pci: four MSI-X vectors, class 0x0200. Without {@code mac=} QEMU numbers NICs from
     * 52:54:00:12:34:56 in creation order, the board's default NIC first (observed: :57 beside pc's default e1000,
     * :56 with {@code -nodefaults}); only the first user NIC is numbered here. The {@code netdev} is accepted and
     * joined to the
     * machine's network layer ({@link io.qtestjvm.server.net.NetStack}).
     */
    private static Device netPci(String type, Forced forced, DeviceContext ctx, PropertyValues v)
            throws PropertyException {
        VirtioBusDevice backend = new VirtioBusDevice("virtio-net-device", VirtioNet.DEVICE_ID,
                net(ctx, v, type.startsWith("virtio-net-pci") ? "virtio-net-pci" : type), netQtree(mac(ctx, v), v));
        return proxy(new VirtioPci(type, VirtioNet.DEVICE_ID, 0x1000, 0x0200, vectors(v, 4),
                disableLegacy(v, forced), disableModern(v, forced), backend::attach), backend, forced, v);
    }

    /** The NIC's MAC: {@code mac=}, else QEMU's (52:54:00:12:34:56, :57 when the board has its default NIC). */
    private static byte[] mac(DeviceContext ctx, PropertyValues v) throws PropertyException {
        byte[] mac = {0x52, 0x54, 0x00, 0x12, 0x34, (byte) (ctx.config().defaultNic() ? 0x57 : 0x56)};
        String text = v.getString("mac");
        if (text != null) {
            String[] parts = text.split("[:-]", -1);
            if (parts.length != 6) {
                throw new PropertyException("Property 'virtio-net-device.mac' doesn't take value '" + text + "'");
            }
            for (int i = 0; i < 6; i++) {
                try {
                    if (parts[i].isEmpty() || parts[i].length() > 2) {
                        throw new NumberFormatException();
                    }
                    mac[i] = (byte) Integer.parseInt(parts[i], 16);
                } catch (NumberFormatException e) {
                    throw new PropertyException("Property 'virtio-net-device.mac' doesn't take value '" + text
                            + "'");
                }
            }
        }
        return mac;
    }

    private static Function<GuestMemory, VirtioDevice> net(DeviceContext ctx, PropertyValues v, String model)
            throws PropertyException {
        byte[] mac = mac(ctx, v);
        int rx = (int) v.getLong("rx_queue_size", 256);
        int tx = (int) v.getLong("tx_queue_size", 256);
        boolean eventIdx = v.getBool("event_idx", true);
        boolean indirect = v.getBool("indirect_desc", true);
        boolean packed = v.getBool("packed", false);
        String netdev = v.getString("netdev");
        try {
            ctx.net().checkNetdev(netdev);
        } catch (io.qtestjvm.server.net.NetException e) {
            throw new PropertyException(e.getMessage());
        }
        return mem -> {
            VirtioNet net = new VirtioNet(mem, mac, rx, tx, eventIdx, indirect, packed);
            ctx.net().attachNic(netdev, net, model);
            return net;
        };
    }

    private static Device rngPci(String type, Forced forced, PropertyValues v) {
        VirtioBusDevice backend = new VirtioBusDevice("virtio-rng-device", VirtioRng.DEVICE_ID, rng(v), rngQtree());
        return proxy(new VirtioPci(type, VirtioRng.DEVICE_ID, 0x1005, 0x00ff, vectors(v, 2),
                disableLegacy(v, forced), disableModern(v, forced), backend::attach), backend, forced, v);
    }

    /**
     * A virtio-pci device is a proxy (virtio 1.2 §4.1): the virtio device proper sits on the proxy's own virtio bus.
     * As on QEMU, both are the proxy's QOM children ({@code virtio-bus}, a {@code virtio-pci-bus}, and
     * {@code virtio-backend}, the {@code virtio-X-device}), so {@code qom-list}, {@code info qtree} and the
     * {@code DEVICE_DELETED} of the backend before the proxy's on unplug show it.
     */
    private static VirtioPci proxy(VirtioPci pci, VirtioBusDevice backend, Forced forced, PropertyValues v) {
        pci.addChild(PROXY_BUS, new QomObject("virtio-pci-bus"));
        pci.addChild(PROXY_BACKEND, backend);
        pci.setQtreeProperties(proxyQtree(pci, forced, v));
        return pci;
    }

    /**
     * The proxy's own lines of {@code info qtree}, as Debian's QEMU 7.2 prints them before pci-device's: the
     * transitional type's {@code disable-legacy} (auto shows as "off" on a conventional PCI bus) and
     * {@code disable-modern}, blk's {@code class}, then virtio-pci's; the -transitional and -non-transitional types
     * have no disable-* properties. Values we do not model are QEMU's defaults ({@code VirtioPciProxyTreeTest}).
     */
    private static List<String[]> proxyQtree(VirtioPci pci, Forced forced, PropertyValues v) {
        List<String[]> out = new ArrayList<>();
        if (forced == Forced.NONE) {
            out.add(q("disable-legacy", "\"" + (disableLegacy(v, forced) ? "on" : "off") + "\""));
            out.add(q("disable-modern", Boolean.toString(disableModern(v, forced))));
        }
        if (pci.device() instanceof VirtioBlk) {
            out.add(q("class", num(v.getLong("class", 0))));
        }
        out.add(q("ioeventfd", Boolean.toString(v.getBool("ioeventfd", true))));
        out.add(q("vectors", num(pci.msixVectors())));
        for (String[] d : List.of(q("virtio-pci-bus-master-bug-migration", "false"), q("migrate-extra", "true"),
                q("modern-pio-notify", "false"), q("x-disable-pcie", "false"), q("page-per-vq", "false"),
                q("x-ignore-backend-features", "false"), q("ats", "false"), q("x-ats-page-aligned", "true"),
                q("x-pcie-deverr-init", "true"), q("x-pcie-lnkctl-init", "true"), q("x-pcie-pm-init", "true"),
                q("x-pcie-flr-init", "true"), q("aer", "false"))) {
            out.add(d);
        }
        return out;
    }

    private static Function<GuestMemory, VirtioDevice> rng(PropertyValues v) {
        boolean eventIdx = v.getBool("event_idx", true);
        boolean indirect = v.getBool("indirect_desc", true);
        boolean packed = v.getBool("packed", false);
        return mem -> new VirtioRng(mem, VirtioRng.host(), eventIdx, indirect, packed);
    }

    /** The virtio device properties every device type has beside its own (7.2's {@code virtio-device} list). */
    private static List<PropertyDescriptor> deviceCommonProps() {
        return List.of(
                bool("any_layout", "on/off", true).helpOnly(),
                bool("event_idx", "on/off", true),
                bool("indirect_desc", "on/off", true),
                bool("iommu_platform", "on/off", false).helpOnly(),
                bool("notify_on_empty", "on/off", true).helpOnly(),
                bool("packed", "on/off", false),
                bool("queue_reset", "on/off", true).helpOnly(),
                bool("use-disabled-flag", "", true).helpOnly(),
                bool("use-started", "", true).helpOnly(),
                bool("x-disable-legacy-check", "", false).helpOnly());
    }

    /** A {@code virtio-X-device} for a virtio bus (virtio-mmio's): the device without a transport. */
    private static Device busDevice(String type, DeviceContext ctx, PropertyValues v) throws PropertyException {
        return switch (type) {
            case "virtio-blk-device" -> {
                Blk b = blk(ctx, v);
                VirtioBusDevice d = new VirtioBusDevice(type, VirtioBlk.DEVICE_ID, b.device(), blkQtree(v, false));
                // the device exists once its transport took it: a resize before that has nobody to tell
                b.node().attach(d, "", () -> {
                    if (d.device() instanceof VirtioBlk blk) {
                        blk.capacityChanged();
                    }
                });
                yield d;
            }
            case "virtio-net-device" -> new VirtioBusDevice(type, VirtioNet.DEVICE_ID, net(ctx, v, type),
                    netQtree(mac(ctx, v), v));
            default -> new VirtioBusDevice(type, VirtioRng.DEVICE_ID, rng(v), rngQtree());
        };
    }

    // info qtree: the properties of a virtio device on a virtio-mmio bus, in the order and format Debian's QEMU 7.2
    // prints them (its lines are the device's properties, then virtio-device's); values we do not model are QEMU's
    // defaults.

    private static String[] q(String name, String value) {
        return new String[] {name, value};
    }

    private static String num(long v) {
        return v + " (0x" + Long.toHexString(v) + ")";
    }

    private static List<String[]> virtioDeviceQtree(boolean anyLayout) {
        return List.of(q("indirect_desc", "true"), q("event_idx", "true"), q("notify_on_empty", "true"),
                q("any_layout", Boolean.toString(anyLayout)), q("iommu_platform", "false"), q("packed", "false"),
                q("queue_reset", "true"), q("use-started", "true"), q("use-disabled-flag", "true"),
                q("x-disable-legacy-check", "false"));
    }

    private static List<String[]> netQtree(byte[] mac, PropertyValues v) {
        List<String[]> out = new ArrayList<>();
        for (String f : List.of("csum", "guest_csum", "gso", "guest_tso4", "guest_tso6", "guest_ecn", "guest_ufo",
                "guest_announce", "host_tso4", "host_tso6", "host_ecn", "host_ufo", "mrg_rxbuf", "status", "ctrl_vq",
                "ctrl_rx", "ctrl_vlan", "ctrl_rx_extra", "ctrl_mac_addr", "ctrl_guest_offloads")) {
            out.add(q(f, "true"));
        }
        for (String f : List.of("mq", "rss", "hash", "guest_rsc_ext")) {
            out.add(q(f, "false"));
        }
        String netdev = v.getString("netdev");
        out.addAll(List.of(q("rsc_interval", num(300000)), q("mac", "\"" + String.format(
                "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]) + "\""),
                q("netdev", "\"" + (netdev == null ? "" : netdev) + "\""), q("x-txtimer", num(150000)),
                q("x-txburst", num(256)), q("tx", "\"\""), q("rx_queue_size", num(v.getLong("rx_queue_size", 256))),
                q("tx_queue_size", num(v.getLong("tx_queue_size", 256))), q("host_mtu", num(0)),
                q("x-mtu-bypass-backend", "true"), q("speed", "-1 (0xffffffffffffffff)"), q("duplex", "\"\""),
                q("failover", "false")));
        out.addAll(virtioDeviceQtree(true));
        return out;
    }

    private static List<String[]> rngQtree() {
        List<String[]> out = new ArrayList<>(List.of(q("max-bytes", num(Long.MAX_VALUE)), q("period", num(65536))));
        out.addAll(virtioDeviceQtree(true));
        return out;
    }

    /**
     * @param anyLayout whether the transport offers VIRTIO_F_VERSION_1: without it virtio-blk withdraws ANY_LAYOUT
     *                  (a legacy-only offer), and QEMU's line shows the offer (false on virtio-mmio version 1, true
     *                  on a transitional virtio-blk-pci: {@code VirtioPciProxyTreeTest})
     */
    private static List<String[]> blkQtree(PropertyValues v, boolean anyLayout) {
        String serial = v.getString("serial");
        long nq = v.getLong("num-queues", 0xffff);
        List<String[]> out = new ArrayList<>(List.of(q("drive", "\"" + v.getString("drive") + "\""),
                q("backend_defaults", "\"auto\""), q("logical_block_size", "512 (512 B)"),
                q("physical_block_size", "512 (512 B)"), q("min_io_size", "0 (0 B)"), q("opt_io_size", "0 (0 B)"),
                q("discard_granularity", "4294967295 (4 GiB)"), q("write-cache", "\"auto\""),
                q("share-rw", "false"), q("account-invalid", "\"auto\""), q("account-failed", "\"auto\""),
                q("rerror", "\"auto\""), q("werror", "\"auto\""), q("cyls", num(2080)), q("heads", num(16)),
                q("secs", num(63)), q("lcyls", num(0)), q("lheads", num(0)), q("lsecs", num(0)),
                q("serial", "\"" + (serial == null ? "" : serial) + "\""), q("config-wce", "true"),
                q("scsi", "false"), q("request-merging", "true"), q("num-queues", num(nq == 0xffff ? 1 : nq)),
                q("queue-size", num(v.getLong("queue-size", 256))), q("seg-max-adjust", "true"),
                q("discard", Boolean.toString(v.getBool("discard", true))), q("report-discard-granularity", "true"),
                q("write-zeroes", Boolean.toString(v.getBool("write-zeroes", true))),
                q("max-discard-sectors", num(4194303)), q("max-write-zeroes-sectors", num(4194303)),
                q("x-enable-wce-if-config-wce", "true")));
        out.addAll(virtioDeviceQtree(anyLayout));
        return out;
    }
}
