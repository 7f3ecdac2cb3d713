package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -drive} (QEMU's manual, "Block device options"): the interface, the
 * image (a host file, or {@code null-co://} / {@code null-aio://}), the format (raw only here) and the options the
 * device models need later ({@link BlockOptionCheck}). Unknown options fail as QEMU's format driver rejects them;
 * {@code serial=} is one of them since QEMU 7.2 (it is a device property now).
 *
 * @param id           the drive id (QEMU makes one up when none is given)
 * @param iface        {@code if=} (QEMU's default for pc is {@code ide})
 * @param bus          {@code bus=}
 * @param unit         {@code unit=}
 * @param backend      the image
 * @param format       {@code format=}, or null when QEMU would probe
 * @param readOnly     {@code read-only=}
 * @param autoReadOnly {@code auto-read-only=}
 * @param options      every option as given
 */
public record DriveSpec(String id, String iface, int bus, int unit, BlockBackend backend, String format,
                        boolean readOnly, boolean autoReadOnly, Map<String, String> options) {
    static final Set<String> INTERFACES = Set.of("ide", "scsi", "floppy", "pflash", "mtd", "sd", "virtio", "none",
            "xen");
    /** The -drive options QEMU itself takes, which are not passed on to the format driver. */
    private static final Set<String> DRIVE_KEYS = Set.of("if", "bus", "unit", "index", "media", "snapshot",
            "aio", "format", "readonly", "rerror", "werror", "copy-on-read", "addr", "file", "read-only", "cache",
            "auto-read-only", "discard", "detect-zeroes", "id", "node-name", "driver", "boot", "cyls", "heads",
            "secs", "trans", "force-share", "group", "throttling.iops-total", "cache.direct",
            "cache.no-flush", "cache.writeback", "aio-max-batch", "bps", "iops");
    /** Block formats QEMU 7.2 has that we do not (for an honest message rather than "Unknown driver"). */
    private static final Set<String> OTHER_FORMATS = Set.of("qcow2", "qcow", "vmdk", "vdi", "vpc", "vhdx", "qed",
            "parallels", "dmg", "bochs", "cloop", "luks", "vvfat", "blkdebug", "blkverify", "throttle",
            "copy-on-read", "preallocate", "compress", "quorum", "replication", "snapshot-access", "nbd", "iscsi",
            "rbd", "ssh", "nfs", "gluster", "http", "https", "ftp", "ftps", "host_cdrom");
    private static final Set<String> OUR_FORMATS = Set.of("raw", "file", "host_device", "null-co", "null-aio");

    /** Parses one {@code -drive}; {@code ids} are the ids taken so far (the parsed drive's id is added). */
    public static DriveSpec parse(String arg, List<String> ids, List<String> warnings) throws StartupException {
        QemuOpts o = QemuOpts.parse(arg, null);
        String iface = o.get("if", "ide");
        if (!INTERFACES.contains(iface)) {
            throw StartupException.at("drive", arg, "unsupported bus type '" + iface + "'");
        }
        String id = o.get("id");
        if (id == null) {
            id = iface.equals("none") ? "none" + ids.size() : iface + ids.size();
        } else if (ids.contains(id)) {
            throw StartupException.at("drive", arg, "Duplicate ID '" + id + "' for drive");
        }
        String format = o.get("format");
        if (format != null && !OUR_FORMATS.contains(format)) {
            if (OTHER_FORMATS.contains(format)) {
                throw StartupException.at("drive", arg, "format '" + format
                        + "' is not supported by qtest-jvm (raw images, null-co://, null-aio:// only)");
            }
            throw StartupException.at("drive", arg, "Unknown driver '" + format + "'");
        }
        BlockOptionCheck.drive(arg, o);
        BlockBackend backend = backend(arg, o);
        if (backend != null && backend.kind() == BlockBackend.Kind.FILE) {
            BlockOptionCheck.driveFile(arg, o);
        }
        String shownFormat = format == null ? "raw" : format;
        for (String k : o.keys()) {
            if (!DRIVE_KEYS.contains(k) && !k.startsWith("file.") && !k.startsWith("cache.")
                    && !k.startsWith("throttling.")) {
                throw StartupException.at("drive", arg, "Block format '" + shownFormat
                        + "' does not support the option '" + k + "'");
            }
        }
        if (format == null && backend != null) {
            warnings.add(probeWarning(o, backend));
        }
        int bus = (int) intOpt(arg, o, "bus");
        int unit = (int) intOpt(arg, o, "unit");
        // QEMU renames the legacy "readonly" to "read-only" and refuses both together
        String roText = o.get("read-only");
        if (o.get("readonly") != null) {
            if (roText != null) {
                throw StartupException.at("drive", arg,
                        "'read-only' and its alias 'readonly' can't be used at the same time");
            }
            roText = o.get("readonly");
        }
        boolean ro = roText != null && OptionSupport.bool("drive", arg, "read-only", roText);
        boolean aro = o.get("auto-read-only") == null
                || OptionSupport.bool("drive", arg, "auto-read-only", o.get("auto-read-only"));
        ids.add(id);
        return new DriveSpec(id, iface, bus, unit, backend, format, ro, aro, Map.copyOf(o.asMap()));
    }

    private static long intOpt(String arg, QemuOpts o, String key) throws StartupException {
        return o.get(key) == null ? 0 : OptionSupport.number("drive", arg, key, o.get(key));
    }

    /** The image behind {@code file=} (or {@code file.driver=}); null for an empty drive (no medium). */
    private static BlockBackend backend(String arg, QemuOpts o) throws StartupException {
        String file = o.get("file", o.get("file.filename"));
        String protocol = o.get("file.driver");
        if ("".equals(o.get("file")) && protocol == null) {
            // an empty file= is a drive without medium, unless a format asks for one (as QEMU does)
            if (o.get("format") != null) {
                throw StartupException.at("drive", arg, "A block device must be specified for \"file\"");
            }
            return null;
        }
        if (file != null && protocol == null) {
            if (file.startsWith("null-co://")) {
                protocol = "null-co";
            } else if (file.startsWith("null-aio://")) {
                protocol = "null-aio";
            } else if (file.matches("^[a-z][a-z0-9+.-]*:.*") && !file.startsWith("/")) {
                throw StartupException.at("drive", arg, "protocol '" + file.substring(0, file.indexOf(':'))
                        + "' is not supported by qtest-jvm (host files, null-co://, null-aio:// only)");
            } else {
                protocol = "file";
            }
        }
        if (protocol == null) {
            return null;
        }
        switch (protocol) {
            case "null-co", "null-aio" -> {
                boolean zeroes = o.get("file.read-zeroes") != null
                        && OptionSupport.bool("drive", arg, "read-zeroes", o.get("file.read-zeroes"));
                long size = o.get("file.size") == null ? BlockBackend.NULL_DEFAULT_SIZE
                        : OptionSupport.size("drive", arg, "size", o.get("file.size"), 'B');
                return new BlockBackend(protocol.equals("null-co") ? BlockBackend.Kind.NULL_CO
                        : BlockBackend.Kind.NULL_AIO, null, zeroes, size);
            }
            case "file", "host_device" -> {
                if (file == null) {
                    throw StartupException.at("drive", arg, "Parameter 'filename' is missing");
                }
                return BlockBackend.file("drive", arg, file);
            }
            default -> throw StartupException.at("drive", arg, "Unknown protocol '" + protocol + "'");
        }
    }

    /** QEMU's warning when the raw format was probed (printed without the binary's prefix). */
    private static String probeWarning(QemuOpts o, BlockBackend backend) {
        String name;
        List<String> fileOpts = new ArrayList<>();
        for (String k : o.keys()) {
            if (k.startsWith("file.") && !k.equals("file.driver") && !k.equals("file.filename")) {
                fileOpts.add("\"" + k.substring(5) + "\": \"" + o.get(k) + "\"");
            }
        }
        if (backend.kind() != BlockBackend.Kind.FILE && !fileOpts.isEmpty()) {
            fileOpts.add("\"driver\": \"" + (backend.kind() == BlockBackend.Kind.NULL_CO ? "null-co" : "null-aio")
                    + "\"");
            name = "json:{" + String.join(", ", fileOpts) + "}";
        } else {
            name = o.get("file", o.get("file.filename"));
        }
        return "WARNING: Image format was not specified for '" + name + "' and probing guessed raw.\n"
                + "         Automatically detecting the format is dangerous for raw images, write operations on "
                + "block 0 will be restricted.\n"
                + "         Specify the 'raw' format explicitly to remove the restrictions.";
    }
}
