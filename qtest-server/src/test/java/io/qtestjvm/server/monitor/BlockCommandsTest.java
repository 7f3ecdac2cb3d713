package io.qtestjvm.server.monitor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.qtestjvm.server.monitor.PcMachine.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * query-block and block_resize on pc, against the replies of Debian's QEMU 7.2 for the same command line (its
 * generated node names {@code #blockN} + two random digits are {@code #blockN00} here).
 */
class BlockCommandsTest {
    private static final String OK = "{\"return\": {}}";
    @TempDir
    Path dir;

    private Path image(long size) throws IOException {
        Path p = Files.createTempFile(dir, "img", ".raw");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return p;
    }

    private static String resize(String args) {
        return "{'execute': 'block_resize', 'arguments': {" + args + "}}";
    }

    private static String inserted(String file, String node, boolean ro, long size, boolean fileImage) {
        String image = "{\"virtual-size\": " + size + ", \"filename\": \"" + file + "\", \"format\": \"raw\", "
                + "\"actual-size\": 0" + (fileImage ? ", \"dirty-flag\": false" : "") + "}";
        return "{\"iops_rd\": 0, \"detect_zeroes\": \"off\", \"image\": " + image + ", \"iops_wr\": 0, \"ro\": " + ro
                + ", \"node-name\": \"" + node + "\", \"backing_file_depth\": 0, \"drv\": \"raw\", \"iops\": 0, "
                + "\"bps_wr\": 0, \"write_threshold\": 0, \"encrypted\": false, \"bps\": 0, \"bps_rd\": 0, "
                + "\"cache\": {\"no-flush\": false, \"direct\": false, \"writeback\": true}, \"file\": \"" + file
                + "\"}";
    }

    @Test
    void queryBlockHasQemusShape() throws IOException {
        Path img = image(64L << 20);
        String nullName = "json:{\\\"driver\\\": \\\"raw\\\", \\\"file\\\": {\\\"read-zeroes\\\": \\\"on\\\", "
                + "\\\"driver\\\": \\\"null-co\\\"}}";
        try (QmpMachine m = QmpMachine.x86("-nodefaults",
                "-drive", "if=none,id=drive0,file=" + img + ",format=raw,auto-read-only=off",
                "-drive", "if=none,id=drive1,file=null-co://,file.read-zeroes=on,format=raw",
                "-drive", "if=none,id=drive2,file=" + img + ",format=raw,read-only=on",
                "-device", "virtio-blk-pci,drive=drive0,id=vb")) {
            String expected = "{\"return\": [{\"io-status\": \"ok\", \"device\": \"drive0\", \"locked\": false, "
                    + "\"removable\": false, \"inserted\": " + inserted(img.toString(), "#block100", false,
                    64L << 20, true) + ", \"qdev\": \"/machine/peripheral/vb/virtio-backend\", \"type\": "
                    + "\"unknown\"}, {\"device\": \"drive1\", \"locked\": false, \"removable\": true, \"inserted\": "
                    + inserted(nullName, "#block300", false, 1L << 30, false) + ", \"type\": \"unknown\"}, "
                    + "{\"device\": \"drive2\", \"locked\": false, \"removable\": true, \"inserted\": "
                    + inserted(img.toString(), "#block500", true, 64L << 20, true) + ", \"type\": \"unknown\"}]}";
            assertEquals(expected, m.one("{'execute': 'query-block'}"));
        }
    }

    @Test
    void blockResizeAnswersAsQemu() throws IOException {
        Path img = image(64L << 20);
        try (QmpMachine m = QmpMachine.x86("-nodefaults",
                "-drive", "if=none,id=drive0,file=" + img + ",format=raw,auto-read-only=off",
                "-drive", "if=none,id=drive1,file=null-co://,file.read-zeroes=on,format=raw",
                "-drive", "if=none,id=drive2,file=" + img + ",format=raw,read-only=on",
                "-device", "virtio-blk-pci,drive=drive0,id=vb")) {
            assertEquals(error("GenericError", "Cannot find device='nosuch' nor node-name=''"),
                    m.one(resize("'device': 'nosuch', 'size': 33554432")));
            assertEquals(error("GenericError", "Cannot find device='' nor node-name='nosuch'"),
                    m.one(resize("'node-name': 'nosuch', 'size': 33554432")));
            assertEquals(error("GenericError", "Cannot find device='' nor node-name=''"),
                    m.one(resize("'size': 33554432")));
            assertEquals(error("GenericError", "Parameter 'size' expects a >0 size"),
                    m.one(resize("'device': 'drive0', 'size': -1")));
            assertEquals(error("GenericError", "Parameter 'size' is missing"), m.one(resize("'device': 'drive0'")));
            assertEquals(error("GenericError", "Invalid parameter type for 'size', expected: integer"),
                    m.one(resize("'device': 'drive0', 'size': '1'")));
            assertEquals(error("GenericError", "Image format driver does not support resize"),
                    m.one(resize("'device': 'drive1', 'size': 33554432")));
            assertEquals(error("GenericError", "Image is read-only"),
                    m.one(resize("'device': 'drive2', 'size': 33554432")));
            assertEquals(OK, m.one(resize("'device': 'drive0', 'node-name': 'x', 'size': 33554432")));
            assertEquals(32L << 20, Files.size(img));
            assertEquals(OK, m.one(resize("'node-name': '#block100', 'size': 1000")));
            assertEquals(1000, Files.size(img));
            assertEquals(OK, m.one(resize("'device': 'drive0', 'size': 0")));
            assertEquals(0, Files.size(img));
        }
    }

    @Test
    void blockdevNodesServeVirtioBlkAndResizeThroughEitherNode() throws IOException {
        Path img = image(8L << 20);
        try (QmpMachine m = QmpMachine.x86("-nodefaults",
                "-blockdev", "driver=file,filename=" + img + ",node-name=nf",
                "-blockdev", "driver=raw,file=nf,node-name=nb",
                "-device", "virtio-blk-pci,drive=nb,id=vb2")) {
            String entry = "{\"return\": [{\"io-status\": \"ok\", \"device\": \"\", \"locked\": false, "
                    + "\"removable\": false, \"inserted\": %s, \"qdev\": \"/machine/peripheral/vb2/virtio-backend\", "
                    + "\"type\": \"unknown\"}]}";
            assertEquals(entry.formatted(inserted(img.toString(), "nb", false, 8L << 20, true)),
                    m.one("{'execute': 'query-block'}"));
            assertEquals(OK, m.one(resize("'node-name': 'nf', 'size': 2097152")));
            assertEquals(2L << 20, Files.size(img));
            assertEquals(entry.formatted(inserted(img.toString(), "nb", false, 2L << 20, true)),
                    m.one("{'execute': 'query-block'}"));
            assertEquals(error("GenericError", "Cannot find device='vb2' nor node-name=''"),
                    m.one(resize("'device': 'vb2', 'size': 2097152")));
        }
    }

    @Test
    void transactionChecksItsArgumentsAsQemuAndAbortFailsIt() throws IOException {
        Path img = image(1L << 20);
        try (QmpMachine m = QmpMachine.x86("-nodefaults", "-drive", "if=none,id=drive0,file=" + img + ",format=raw",
                "-device", "virtio-blk-pci,drive=drive0")) {
            String tx = "{'execute': 'transaction', 'arguments': {%s}}";
            assertEquals(OK, m.one(tx.formatted("'actions': []")));
            assertEquals(OK, m.one(tx.formatted("'actions': [], 'properties': {'completion-mode': 'grouped'}")));
            assertEquals(error("GenericError", "Parameter 'actions[0].data' is missing"),
                    m.one(tx.formatted("'actions': [{'type': 'abort'}]")));
            assertEquals(error("GenericError", "Transaction aborted using Abort action"),
                    m.one(tx.formatted("'actions': [{'type': 'abort', 'data': {}}]")));
            assertEquals(error("GenericError", "Parameter 'type' does not accept value 'bogus'"),
                    m.one(tx.formatted("'actions': [{'type': 'bogus', 'data': {}}]")));
            assertEquals(error("GenericError", "Parameter 'actions[0].type' is missing"),
                    m.one(tx.formatted("'actions': [{'data': {}}]")));
            assertEquals(error("GenericError", "Parameter 'actions' is missing"), m.one(tx.formatted("")));
            assertEquals(error("GenericError", "Invalid parameter type for 'actions', expected: array"),
                    m.one(tx.formatted("'actions': {}")));
            assertEquals(error("GenericError", "Parameter 'completion-mode' does not accept value 'bogus'"),
                    m.one(tx.formatted("'actions': [], 'properties': {'completion-mode': 'bogus'}")));
            assertEquals(error("GenericError", "Transaction aborted using Abort action"), m.one(tx.formatted(
                    "'actions': [{'type': 'abort', 'data': {}}, {'type': 'block-dirty-bitmap-add', "
                            + "'data': {'node': 'drive0', 'name': 'b1'}}]")));
        }
    }
}
