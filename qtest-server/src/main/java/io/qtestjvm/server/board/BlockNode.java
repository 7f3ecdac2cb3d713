package io.qtestjvm.server.board;

import io.qtestjvm.core.Device;
import io.qtestjvm.devices.block.BlockBackend;

import java.nio.file.Path;

/**
 * One image the machine's block layer serves: a {@code -drive} (a named block backend with its root node) or a
 * {@code -blockdev} root node, as {@code query-block} and {@code block_resize} see it. The image is opened when a
 * device first attaches; nodes of one {@code -blockdev} chain (raw over a file node) share the opened image.
 *
 * <p>Facts of QEMU 7.2 (observed on Debian's QEMU through QMP): a {@code -drive} node without {@code node-name}
 * gets a generated name {@code #blockNNN}; a block backend attached to virtio-blk is not removable and has an
 * I/O status; {@code -blockdev} nodes show up in {@code query-block} only through a device, with device name "".
 */
public final class BlockNode {
    /** How the image is made; {@link BlockLayer} opens it on the first attach. */
    interface Opener {
        BlockBackend open() throws io.qtestjvm.server.cli.StartupException;
    }

    private final String device;
    private final String nodeName;
    private final String drv;
    private final String filename;
    private final Path file;
    private final boolean readOnly;
    private final BlockOptions options;
    private final boolean fromDrive;
    private final Opener opener;
    private BlockNode sharedWith;
    private BlockBackend backend;
    private Device attached;
    private String qdevSuffix;
    private Runnable onResize;

    BlockNode(String device, String nodeName, String drv, String filename, Path file, boolean readOnly,
            BlockOptions options, boolean fromDrive, Opener opener) {
        this.device = device;
        this.nodeName = nodeName;
        this.drv = drv;
        this.filename = filename;
        this.file = file;
        this.readOnly = readOnly;
        this.options = options;
        this.fromDrive = fromDrive;
        this.opener = opener;
    }

    /** The block backend's name: the drive id, or "" for a node a device took by node name. */
    public String device() {
        return device;
    }

    public String nodeName() {
        return nodeName;
    }

    /** The format driver's name ({@code raw}, {@code file}, {@code null-co}, ...). */
    public String drv() {
        return drv;
    }

    /** The image's name as QEMU prints it (a path, {@code null-co://} or a {@code json:} description). */
    public String filename() {
        return filename;
    }

    /** The host file, or null for the null drivers. */
    public Path file() {
        return file;
    }

    public boolean readOnly() {
        return readOnly || (backend != null && backend.readOnly());
    }

    public BlockOptions options() {
        return options;
    }

    /** Whether the node came from {@code -drive} (deleted with its device) rather than {@code -blockdev}. */
    public boolean fromDrive() {
        return fromDrive;
    }

    /** Whether the node has a medium ({@code -drive if=none} without {@code file=} has none). */
    public boolean hasMedium() {
        return opener != null;
    }

    /** The opened image, or null before the first attach. */
    public BlockBackend backend() {
        return sharedWith != null ? sharedWith.backend() : backend;
    }

    void shareImageOf(BlockNode child) {
        this.sharedWith = child;
    }

    BlockNode sharedWith() {
        return sharedWith;
    }

    /** Opens the image if nobody did yet. */
    BlockBackend open() throws io.qtestjvm.server.cli.StartupException {
        if (sharedWith != null) {
            return sharedWith.open();
        }
        if (backend == null && opener != null) {
            backend = opener.open();
        }
        return backend;
    }

    /** The device using the node, or null. */
    public Device attachedDevice() {
        return attached;
    }

    /** The QOM path QEMU names as {@code qdev}: the device's path plus the virtio backend child, for example. */
    public String qdevPath() {
        return attached == null ? null : attached.path() + qdevSuffix;
    }

    /**
     * Binds a device: {@code qdevSuffix} is appended to its QOM path for {@code qdev}; {@code onResize} tells the
     * device model that the image size changed.
     */
    public void attach(Device device, String qdevSuffix, Runnable onResize) {
        this.attached = device;
        this.qdevSuffix = qdevSuffix;
        this.onResize = onResize;
    }

    void detach() {
        attached = null;
        onResize = null;
    }

    void resized() {
        if (onResize != null) {
            onResize.run();
        }
    }
}
