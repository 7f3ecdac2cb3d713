package io.qtestjvm.server.board;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.PropertyException;
import io.qtestjvm.devices.block.BlockBackend;
import io.qtestjvm.devices.block.NullBackend;
import io.qtestjvm.devices.block.RawFileBackend;
import io.qtestjvm.server.cli.BlockdevSpec;
import io.qtestjvm.server.cli.DriveSpec;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qmp.JsonObject;
import io.qtestjvm.server.qmp.JsonWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The machine's block layer: the images of {@code -drive} and {@code -blockdev} as named nodes, their attachment to
 * devices ({@code drive=} takes a drive id first, then a node name), and what the QMP block commands need
 * ({@link #lookup}, {@link #resize}, {@link #listed}).
 *
 * <p>Facts of QEMU 7.2 (observed on Debian's QEMU): {@code query-block} lists the drives in command-line order,
 * then the anonymous backends devices made for {@code -blockdev} nodes in device order; a {@code -drive} that backs
 * a device is deleted with the device; a size change reaches the device from the main loop, after the command's
 * reply.
 */
public final class BlockLayer {
    private final List<BlockNode> drives = new ArrayList<>();
    private final List<BlockNode> nodes = new ArrayList<>();
    private final List<BlockNode> anonymous = new ArrayList<>();
    private final Set<String> claimedDrives;
    private final Consumer<Runnable> defer;
    private final io.qtestjvm.devices.block.InflightIo inflight = new io.qtestjvm.devices.block.InflightIo();
    private int generated;

    /** The machine's block requests in flight, which devices complete from the main loop (QEMU's AIO). */
    public io.qtestjvm.devices.block.InflightIo inflight() {
        return inflight;
    }

    /** {@code bdrv_drain_all}: every request in flight completes now. */
    public void drain() {
        inflight.drain();
    }

    BlockLayer(MachineConfig config, Set<String> claimedDrives, Consumer<Runnable> defer) {
        this.claimedDrives = claimedDrives;
        this.defer = defer;
        for (BlockdevSpec b : config.blockdevs()) {
            nodes.add(blockdevNode(b));
        }
        for (DriveSpec d : config.drives()) {
            BlockNode n = driveNode(d);
            drives.add(n);
            nodes.add(n);
        }
    }

    private BlockNode driveNode(DriveSpec d) {
        String name = d.options().get("node-name");
        if (name == null) {
            // QEMU names an anonymous node "#block" + a counter + two random digits; the file child counts too
            name = "#block" + (++generated) + "00";
            generated += d.backend() == null ? 0 : 1;
        }
        io.qtestjvm.server.cli.BlockBackend b = d.backend();
        String drv = d.format() == null ? "raw" : d.format();
        BlockNode.Opener opener = b == null ? null : () -> SdCardDrive.open(d);
        return new BlockNode(d.id(), name, drv, b == null ? "" : imageName(b, d.options(), "file."),
                b == null ? null : b.path(), d.readOnly(), DriveOptions.of(d.options()), true, opener);
    }

    private BlockNode blockdevNode(BlockdevSpec spec) {
        Map<String, String> o = spec.options();
        boolean ro = "on".equals(o.get("read-only"));
        boolean aro = "on".equals(o.get("auto-read-only"));
        io.qtestjvm.server.cli.BlockBackend b = spec.backend();
        BlockNode.Opener opener = b == null ? null : () -> open(b, ro, aro);
        String prefix = spec.driver().equals("raw") ? "file." : "";
        String name = b == null ? "" : imageName(b, o, prefix);
        BlockNode n = new BlockNode("", spec.nodeName(), spec.driver(), name, b == null ? null : b.path(), ro,
                DriveOptions.of(o), false, opener);
        if (spec.fileRef() != null) {
            BlockNode child = find(spec.fileRef());
            if (child != null) {
                n = new BlockNode("", spec.nodeName(), spec.driver(), child.filename(), child.file(), ro,
                        DriveOptions.of(o), false, () -> null);
                n.shareImageOf(child);
            }
        }
        return n;
    }

    /**
     * The image's name: the file's path, {@code null-co://} for a null driver without options, otherwise the
     * {@code json:} description QEMU makes of the node's options.
     */
    private static String imageName(io.qtestjvm.server.cli.BlockBackend b, Map<String, String> o, String prefix) {
        if (b.kind() == io.qtestjvm.server.cli.BlockBackend.Kind.FILE) {
            return b.path().toString();
        }
        String driver = b.kind() == io.qtestjvm.server.cli.BlockBackend.Kind.NULL_CO ? "null-co" : "null-aio";
        JsonObject opts = new JsonObject();
        boolean any = false;
        for (Map.Entry<String, String> e : o.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(prefix) && (k.endsWith("read-zeroes") || k.endsWith("size") || k.endsWith("latency-ns"))
                    && k.indexOf('.', prefix.length()) < 0) {
                String key = k.substring(prefix.length());
                if (key.equals("size") && prefix.isEmpty()) {
                    opts.put(key, b.size());
                } else {
                    opts.put(key, e.getValue());
                }
                any = true;
            }
        }
        if (!any) {
            return driver + "://";
        }
        opts.put("driver", driver);
        if (prefix.isEmpty()) {
            return "json:" + JsonWriter.toJson(opts);
        }
        return "json:" + JsonWriter.toJson(new JsonObject().put("driver", "raw").put("file", opts));
    }

    private static BlockBackend open(io.qtestjvm.server.cli.BlockBackend b, boolean ro, boolean aro)
            throws StartupException {
        if (b.kind() != io.qtestjvm.server.cli.BlockBackend.Kind.FILE) {
            return new NullBackend(b.size(), b.readZeroes());
        }
        try {
            return RawFileBackend.open(b.path(), ro, aro);
        } catch (IOException e) {
            throw new StartupException("Could not open '" + b.path() + "': " + e.getMessage());
        }
    }

    private BlockNode find(String nodeName) {
        for (BlockNode n : nodes) {
            if (n.nodeName().equals(nodeName)) {
                return n;
            }
        }
        return null;
    }

    private BlockNode drive(String id) {
        for (BlockNode n : drives) {
            if (n.device().equals(id)) {
                return n;
            }
        }
        return null;
    }

    /**
     * A device's {@code drive=} as the property setter checks it ({@code prop} is the property as QEMU names it in
     * errors, e.g. {@code virtio-blk-device.drive}): a drive id, else a node name, not in use by another device.
     * Nothing changes until {@link #claim}.
     */
    public BlockNode resolve(String name, String prop) throws PropertyException {
        BlockNode n = drive(name);
        if (n == null) {
            n = find(name);
        }
        if (n == null) {
            throw new PropertyException("Property '" + prop + "' can't find value '" + name + "'");
        }
        if (n.attachedDevice() != null || (n.fromDrive() && claimedDrives.contains(n.device()))) {
            throw new PropertyException("Drive '" + name + "' is already in use by another device");
        }
        return n;
    }

    /** The device's realize took {@code n}: its image is opened; bind the device with {@link BlockNode#attach}. */
    public BlockBackend claim(BlockNode n) throws PropertyException {
        BlockBackend b;
        try {
            b = n.open();
        } catch (StartupException e) {
            throw new PropertyException(e.getMessage());
        }
        if (b == null) {
            throw new PropertyException("Device needs media, but drive is empty");
        }
        if (n.fromDrive()) {
            claimedDrives.add(n.device());
        } else {
            anonymous.add(n);
        }
        return b;
    }

    /** A device left the machine: its nodes are free again, and a {@code -drive} it used is deleted with it. */
    void deviceGone(Device device) {
        for (BlockNode n : List.copyOf(nodes)) {
            if (n.attachedDevice() == device) {
                n.detach();
                anonymous.remove(n);
                if (n.fromDrive()) {
                    drives.remove(n);
                    nodes.remove(n);
                    BlockBackend b = n.backend();
                    if (b != null) {
                        b.close();
                    }
                }
            }
        }
    }

    /** QEMU's {@code bdrv_lookup_bs}: the backend named {@code device} first, then the node {@code nodeName}. */
    public BlockNode lookup(String device, String nodeName) {
        if (device != null) {
            BlockNode n = drive(device);
            if (n != null) {
                return n;
            }
        }
        return nodeName == null ? null : find(nodeName);
    }

    /**
     * Changes the image size of {@code n} ({@code block_resize}); the devices on every node over that image hear
     * of it from the main loop. @return null, or QEMU's error text
     */
    public String resize(BlockNode n, long size) {
        BlockBackend b;
        try {
            b = n.open();
        } catch (StartupException e) {
            return e.getMessage();
        }
        if (b == null) {
            return "Device '" + n.device() + "' has no medium";
        }
        if (n.readOnly()) {
            return "Image is read-only";
        }
        int rc = b.resize(size);
        if (rc == io.qtestjvm.devices.block.BlockResult.ENOTSUP) {
            return "Image format driver does not support resize";
        }
        if (rc != io.qtestjvm.devices.block.BlockResult.OK) {
            return "Could not resize: " + io.qtestjvm.devices.block.BlockResult.name(rc);
        }
        for (BlockNode other : nodes) {
            if (other.backend() == b) {
                defer.accept(other::resized);
            }
        }
        return null;
    }

    /** The block backends {@code query-block} lists, in its order. */
    public List<BlockNode> listed() {
        List<BlockNode> all = new ArrayList<>(drives);
        all.addAll(anonymous);
        return all;
    }

    /** Flushes every opened image (exit, machine close). */
    void flush() {
        for (BlockNode n : nodes) {
            if (n.sharedWith() == null && n.backend() != null) {
                n.backend().flush();
            }
        }
    }
}
