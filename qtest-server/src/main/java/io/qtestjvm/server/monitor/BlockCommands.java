package io.qtestjvm.server.monitor;

import io.qtestjvm.devices.block.BlockBackend;
import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.board.BlockLayer;
import io.qtestjvm.server.board.BlockNode;
import io.qtestjvm.server.board.BlockOptions;
import io.qtestjvm.server.board.HostFileStat;
import io.qtestjvm.server.qmp.JsonArray;
import io.qtestjvm.server.qmp.JsonObject;
import io.qtestjvm.server.qmp.QmpCommandRegistry;
import io.qtestjvm.server.qmp.QmpError;
import io.qtestjvm.server.qmp.QmpSchema;
import io.qtestjvm.server.qmp.QmpSchema.Member;

import java.util.ArrayList;
import java.util.List;

import static io.qtestjvm.server.qmp.QmpSchema.Member.optional;
import static io.qtestjvm.server.qmp.QmpSchema.Member.required;

/**
 * The QMP block commands (qapi/block-core.json): {@code query-block} (BlockInfo per block backend, members in
 * the schema's order so that the reply's bytes are QEMU's) and {@code block_resize}.
 *
 * <p>QEMU 7.2 facts (observed on Debian's QEMU): {@code block_resize} looks up {@code device} first and then
 * {@code node-name}, and answers "Cannot find device='D' nor node-name='N'" (absent ones as ""); a negative size is
 * "Parameter 'size' expects a >0 size" while 0 is accepted; a read-only image is "Image is read-only"; null-co is
 * "Image format driver does not support resize". {@code query-block}'s {@code io-status} and {@code qdev} appear
 * only for a backend a device uses (virtio-blk: not removable); {@code dirty-flag} only for a file image;
 * {@code actual-size} is the host file's allocated bytes (0 for the null drivers).
 */
final class BlockCommands {
    private BlockCommands() {
    }

    static void register(QmpCommandRegistry registry, Board board) {
        BlockLayer blocks = board.blocks();
        registry.register("query-block", (args, session) -> {
            args.end();
            blocks.drain();
            JsonArray out = new JsonArray();
            for (BlockNode n : blocks.listed()) {
                out.add(blockInfo(n));
            }
            return out;
        });
        registry.register("block_resize", (args, session) -> {
            String device = args.optionalString("device");
            String nodeName = args.optionalString("node-name");
            long size = args.requiredInt("size");
            args.end();
            blocks.drain();
            BlockNode n = blocks.lookup(device, nodeName);
            if (n == null) {
                throw QmpError.generic("Cannot find device='" + (device == null ? "" : device) + "' nor node-name='"
                        + (nodeName == null ? "" : nodeName) + "'");
            }
            if (size < 0) {
                throw QmpError.generic("Parameter 'size' expects a >0 size");
            }
            String err = blocks.resize(n, size);
            if (err != null) {
                throw QmpError.generic(err);
            }
            return null;
        });
    }

    /**
     * The schema of both commands (7.2's types, without the members of ImageInfo and BlockDeviceInfo that only
     * other formats fill: snapshots, backing-image, format-specific, dirty-bitmaps).
     */
    static void schema(QmpSchema s, java.util.Map<String, String[]> cmd, String empty) {
        cmd.put("block_resize", new String[] {s.object(List.of(optional("device", "str"), optional("node-name", "str"),
                required("size", "int"))), empty});
        List<Member> image = new ArrayList<>(List.of(required("filename", "str"), required("format", "str"),
                optional("dirty-flag", "bool"), optional("actual-size", "int"), required("virtual-size", "int"),
                optional("cluster-size", "int"), optional("encrypted", "bool"), optional("compressed", "bool"),
                optional("backing-filename", "str"), optional("full-backing-filename", "str"),
                optional("backing-filename-format", "str")));
        List<Member> dev = new ArrayList<>(List.of(required("file", "str"), optional("node-name", "str"),
                required("ro", "bool"), required("drv", "str"), optional("backing_file", "str"),
                required("backing_file_depth", "int"), required("encrypted", "bool"),
                required("detect_zeroes", s.enumeration(List.of("off", "on", "unmap")))));
        for (String k : new String[] {"bps", "bps_rd", "bps_wr", "iops", "iops_rd", "iops_wr"}) {
            dev.add(required(k, "int"));
        }
        dev.add(required("image", s.object(image)));
        for (String k : new String[] {"bps_max", "bps_rd_max", "bps_wr_max", "iops_max", "iops_rd_max",
                "iops_wr_max", "bps_max_length", "bps_rd_max_length", "bps_wr_max_length", "iops_max_length",
                "iops_rd_max_length", "iops_wr_max_length", "iops_size"}) {
            dev.add(optional(k, "int"));
        }
        dev.add(optional("group", "str"));
        dev.add(required("cache", s.object(List.of(required("writeback", "bool"), required("direct", "bool"),
                required("no-flush", "bool")))));
        dev.add(required("write_threshold", "int"));
        String info = s.object(List.of(required("device", "str"), optional("qdev", "str"), required("type", "str"),
                required("removable", "bool"), required("locked", "bool"), optional("inserted", s.object(dev)),
                optional("tray_open", "bool"), optional("io-status", s.enumeration(List.of("ok", "failed",
                        "nospace")))));
        cmd.put("query-block", new String[] {empty, s.array(info)});
    }

    /** BlockInfo: device, qdev, type, removable, locked, inserted, io-status. */
    private static JsonObject blockInfo(BlockNode n) {
        JsonObject o = new JsonObject();
        o.put("device", n.device());
        String qdev = n.qdevPath();
        if (qdev != null) {
            o.put("qdev", qdev);
        }
        o.put("type", "unknown");
        o.put("removable", qdev == null);
        o.put("locked", false);
        if (n.hasMedium()) {
            o.put("inserted", inserted(n));
        }
        if (qdev != null) {
            o.put("io-status", "ok");
        }
        return o;
    }

    /** BlockDeviceInfo of the root node. */
    private static JsonObject inserted(BlockNode n) {
        BlockOptions opt = n.options();
        JsonObject o = new JsonObject();
        o.put("file", n.filename());
        o.put("node-name", n.nodeName());
        o.put("ro", n.readOnly());
        o.put("drv", n.drv());
        o.put("backing_file_depth", 0);
        o.put("encrypted", false);
        o.put("detect_zeroes", opt.detectZeroes());
        for (String k : new String[] {"bps", "bps_rd", "bps_wr", "iops", "iops_rd", "iops_wr"}) {
            o.put(k, 0);
        }
        JsonObject image = new JsonObject();
        image.put("filename", n.filename());
        image.put("format", n.drv());
        if (n.file() != null) {
            image.put("dirty-flag", false);
        }
        long allocated = n.file() == null ? 0 : HostFileStat.allocatedBytes(n.file());
        if (allocated >= 0) {
            image.put("actual-size", allocated);
        }
        image.put("virtual-size", virtualSize(n));
        o.put("image", image);
        o.put("cache", new JsonObject().put("writeback", opt.writeback()).put("direct", opt.direct())
                .put("no-flush", opt.noFlush()));
        o.put("write_threshold", 0);
        return o;
    }

    private static long virtualSize(BlockNode n) {
        BlockBackend b = n.backend();
        if (b != null) {
            return b.size();
        }
        if (n.file() != null) {
            try {
                return (java.nio.file.Files.size(n.file()) + 511) & -512L;
            } catch (java.io.IOException e) {
                return 0;
            }
        }
        return io.qtestjvm.server.cli.BlockBackend.NULL_DEFAULT_SIZE;
    }
}
