package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -blockdev} (qapi/block-core.json BlockdevOptions, checked by the QAPI visitor): a root node with a
 * {@code node-name} and one of the drivers we serve: {@code file} (a host file), {@code null-co}/{@code null-aio},
 * or {@code raw} over a child given inline ({@code file.driver=...}) or by node name ({@code file=NODE}).
 *
 * @param nodeName the node name
 * @param driver   the driver
 * @param backend  the bytes (for raw: its child's)
 * @param fileRef  for raw: the referenced node name, or null when the child is inline
 * @param options  every option as given
 */
public record BlockdevSpec(String nodeName, String driver, BlockBackend backend, String fileRef,
                           Map<String, String> options) {
    /** BlockdevDriver members of QEMU 7.2 (for QAPI's enum check). */
    private static final Set<String> QEMU_DRIVERS = Set.of("blkdebug", "blklogwrites", "blkreplay", "blkverify",
            "bochs", "cloop", "compress", "copy-before-write", "copy-on-read", "dmg", "file", "snapshot-access",
            "ftp", "ftps", "gluster", "host_cdrom", "host_device", "http", "https", "io_uring", "iscsi", "luks",
            "nbd", "nfs", "null-aio", "null-co", "nvme", "nvme-io_uring", "parallels", "preallocate", "qcow",
            "qcow2", "qed", "quorum", "raw", "rbd", "replication", "ssh", "throttle", "vdi", "vhdx",
            "virtio-blk-vhost-user", "virtio-blk-vhost-vdpa", "vmdk", "vpc", "vvfat");
    private static final Set<String> COMMON = Set.of("driver", "node-name", "discard", "cache.direct",
            "cache.no-flush", "read-only", "auto-read-only", "force-share", "detect-zeroes");
    private static final Set<String> FILE_KEYS = Set.of("filename", "pr-manager", "locking", "aio",
            "aio-max-batch", "drop-cache", "x-check-cache-dropped");
    private static final Set<String> NULL_KEYS = Set.of("size", "latency-ns", "read-zeroes");
    private static final Set<String> RAW_KEYS = Set.of("file", "offset", "size");

    /** Parses one {@code -blockdev}; {@code names} are the node names taken so far. */
    public static BlockdevSpec parse(String arg, List<String> names) throws StartupException {
        QemuOpts o = QemuOpts.parse(arg, null);
        String driver = OptionSupport.required("blockdev", arg, o, "driver");
        OptionSupport.member("blockdev", arg, "driver", driver, QEMU_DRIVERS);
        Set<String> own = switch (driver) {
            case "file", "host_device" -> FILE_KEYS;
            case "null-co", "null-aio" -> NULL_KEYS;
            case "raw" -> RAW_KEYS;
            default -> throw StartupException.at("blockdev", arg, "block driver '" + driver
                    + "' is not supported by qtest-jvm (file, raw, null-co, null-aio only)");
        };
        for (String k : o.keys()) {
            boolean child = driver.equals("raw") && k.startsWith("file.");
            if (!COMMON.contains(k) && !own.contains(k) && !child) {
                throw StartupException.at("blockdev", arg, "Parameter '" + k + "' is unexpected");
            }
        }
        String prefix = driver.equals("raw") ? "file." : "";
        String fileDriver = o.get(prefix + "driver");
        BlockOptionCheck.blockdev(arg, o, prefix, "file".equals(fileDriver) || "host_device".equals(fileDriver));
        String node = o.get("node-name");
        if (node == null) {
            throw StartupException.at("blockdev", arg, "'node-name' must be specified for the root node");
        }
        if (names.contains(node)) {
            throw StartupException.at("blockdev", arg, "Duplicate nodes with node-name='" + node + "'");
        }
        BlockBackend backend;
        String ref = null;
        switch (driver) {
            case "file", "host_device" -> backend = BlockBackend.file("blockdev", arg,
                    OptionSupport.required("blockdev", arg, o, "filename"));
            case "null-co", "null-aio" -> backend = nullBackend(arg, driver, o, "");
            default -> {
                String childDriver = o.get("file.driver");
                if (childDriver == null) {
                    ref = OptionSupport.required("blockdev", arg, o, "file");
                    if (!names.contains(ref)) {
                        throw StartupException.at("blockdev", arg, "Cannot find device='' nor node-name='" + ref
                                + "'");
                    }
                    backend = null;
                } else if (childDriver.equals("file") || childDriver.equals("host_device")) {
                    backend = BlockBackend.file("blockdev", arg,
                            OptionSupport.required("blockdev", arg, o, "file.filename"));
                } else if (childDriver.equals("null-co") || childDriver.equals("null-aio")) {
                    backend = nullBackend(arg, childDriver, o, "file.");
                } else {
                    OptionSupport.member("blockdev", arg, "file.driver", childDriver, QEMU_DRIVERS);
                    throw StartupException.at("blockdev", arg, "block driver '" + childDriver
                            + "' is not supported by qtest-jvm (file, null-co, null-aio only)");
                }
            }
        }
        names.add(node);
        return new BlockdevSpec(node, driver, backend, ref, Map.copyOf(o.asMap()));
    }

    /** A QAPI 'int' member as the keyval visitor reads it ({@code Parameter 'KEY' expects integer}). */
    private static long integer(String arg, String key, String value) throws StartupException {
        try {
            long v = Long.decode(value);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to QEMU's text
        }
        throw StartupException.at("blockdev", arg, "Parameter '" + key + "' expects integer");
    }

    private static BlockBackend nullBackend(String arg, String driver, QemuOpts o, String prefix)
            throws StartupException {
        String rz = o.get(prefix + "read-zeroes");
        boolean zeroes = rz != null && OptionSupport.bool("blockdev", arg, "read-zeroes", rz);
        String size = o.get(prefix + "size");
        long bytes = size == null ? BlockBackend.NULL_DEFAULT_SIZE : integer(arg, prefix + "size", size);
        return new BlockBackend(driver.equals("null-co") ? BlockBackend.Kind.NULL_CO : BlockBackend.Kind.NULL_AIO,
                null, zeroes, bytes);
    }
}
