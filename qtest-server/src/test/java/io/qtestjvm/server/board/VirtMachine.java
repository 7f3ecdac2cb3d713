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
 * Test helper: a {@link VirtBoard} built directly (the machine is not registered in the catalogues yet) and driven
 * through the qtest engine as {@code InJvmServer} drives a board. The command line is QEMU's minus
 * {@code -machine}; the virt properties come separately ({@code "gic-version=3,iommu=smmuv3"}).
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
        // machine 'none' takes one CPU only: with -smp the topology is resolved under pc's limits instead (the
        // config's machine is only a carrier; VirtBoard applies virt's own CPU limit)
        boolean smp = (" " + args + " ").contains(" -smp ");
        List<String> argv = new ArrayList<>(List.of("-machine", smp ? "pc" : "none"));
        String cpu = null;
        String[] words = args.isBlank() ? new String[0] : args.trim().split(" +");
        for (int i = 0; i < words.length; i++) {
            if (words[i].equals("-cpu")) {
                cpu = words[++i];
            } else {
                argv.add(words[i]);
            }
        }
        MachineConfig config = MachineConfig.from(smp ? "x86_64" : arch,
                QemuCommandLine.parse(argv.toArray(String[]::new)), compat);
        java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
        if (!props.isBlank()) {
            for (String kv : props.split(",")) {
                String[] two = kv.split("=", 2);
                p.put(two[0], two.length > 1 ? two[1] : "on");
            }
        }
        return new VirtBoard(config, VirtOptions.parse(p, cpu));
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
