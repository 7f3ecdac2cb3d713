package io.qtestjvm.server.runtime;

import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.server.board.QomTypes;
import io.qtestjvm.server.board.Targets;
import io.qtestjvm.server.cli.CpuModels;
import io.qtestjvm.server.cli.QemuCommandLine;
import io.qtestjvm.server.qtest.Compat;

/**
 * The listing requests QEMU answers on stdout and then exits 0 (as Debian's QEMU 7.2 answers them):
 * {@code -machine help}, {@code -cpu help}, {@code -device help}, {@code -device DRIVER,help} (whose unknown
 * driver is reported on stderr, still with status 0).
 */
final class HelpRequests {
    private HelpRequests() {
    }

    /** The text to print, or null when the command line asks for no listing. */
    static String answer(String arch, String prog, QemuCommandLine cl, Compat compat) {
        for (String m : cl.all("machine")) {
            String type = QemuOpts.parse(m, "type").get("type");
            if ("help".equals(type) || "?".equals(type)) {
                return Targets.machineHelp(arch, compat);
            }
        }
        String cpu = cl.last("cpu");
        if ("help".equals(cpu) || "?".equals(cpu)) {
            return CpuModels.help(arch);
        }
        for (String d : cl.all("device")) {
            QemuOpts o = QemuOpts.parse(d, "driver");
            String driver = o.get("driver");
            if ("help".equals(driver) || "?".equals(driver)) {
                return QomTypes.forArch(arch, compat).deviceHelp();
            }
            if (driver != null && (o.has("help") || o.has("?"))) {
                String h = QomTypes.forArch(arch, compat).deviceHelp(driver);
                if (h == null) {
                    System.err.println(prog + ": -device " + d + ": Device '" + driver + "' not found");
                    return "";
                }
                return h;
            }
        }
        return null;
    }
}
