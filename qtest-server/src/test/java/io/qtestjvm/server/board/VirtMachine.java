package io.qtestjvm.server.board;

import io.qtestjvm.server.cli.QemuCommandLine;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.Compat;
import io.qtestjvm.server.qtest.QtestEngine;
import io.qtestjvm.server.qtest.QtestLog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: a {@link VirtBoard} built from {@code -machine virt,PROPS ARGS} through its machine descriptor and
 * driven through the qtest engine as {@code InJvmServer} drives a board; the virt properties come separately
 * ({@code "gic-version=3,iommu=smmuv3"}).
 */
final class VirtMachine {
    final VirtBoard board;
    private final QtestEngine engine;
    private final StringBuilder out = new StringBuilder();

    private VirtMachine(VirtBoard board, Compat compat) {
        this.board = board;
        this.engine = new QtestEngine(board, compat, true,
                (b, off, len) -> out.append(new String(b, off, len, StandardCharsets.ISO_8859_1)), QtestLog.none());
        engine.opened();
    }

    static VirtMachine start(String arch, String props, String args) throws StartupException {
        return start("7.2", arch, props, args);
    }

    static VirtMachine start(String compat, String arch, String props, String args) throws StartupException {
        Compat c = Compat.parse(compat);
        VirtBoard board = board(c, arch, props, args);
        board.plugConfiguredDevices();
        return new VirtMachine(board, c);
    }

    static VirtBoard board(Compat compat, String arch, String props, String args) throws StartupException {
        List<String> argv = new ArrayList<>(List.of("-machine", props.isBlank() ? "virt" : "virt," + props));
        if (!args.isBlank()) {
            argv.addAll(List.of(args.trim().split(" +")));
        }
        MachineConfig config = MachineConfig.from(arch, QemuCommandLine.parse(argv.toArray(String[]::new)), compat);
        return (VirtBoard) Targets.create(config);
    }

    /**
     * One qtest command; returns every line produced since the previous command (IRQ lines raised meanwhile from
     * the test's own wiring, then the command's), each ending in newline.
     */
    String qtest(String line) {
        engine.execute(line);
        board.runDeferred();
        String s = out.toString();
        out.setLength(0);
        return s;
    }

    /** The reply of a read command, e.g. {@code 0x0000000074726976}. */
    String value(String line) {
        String r = qtest(line).trim();
        if (!r.startsWith("OK ")) {
            throw new AssertionError(line + " -> " + r);
        }
        return r.substring(3);
    }

    long readl(long addr) {
        return Long.decode(value("readl 0x" + Long.toHexString(addr)));
    }
}
