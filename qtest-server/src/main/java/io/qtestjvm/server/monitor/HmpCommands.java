package io.qtestjvm.server.monitor;

import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.qmp.JsonObject;
import io.qtestjvm.server.qmp.JsonString;
import io.qtestjvm.server.qmp.JsonValue;
import io.qtestjvm.server.qmp.QemuVersion;
import io.qtestjvm.server.qmp.QmpArgs;
import io.qtestjvm.server.qmp.QmpSession;
import io.qtestjvm.server.qmp.VmRunState;

import java.util.List;

/**
 * {@code human-monitor-command}: the text an HMP command prints, with {@code \r\n} line ends. The commands and
 * {@code info} subcommands below are the ones this emulator can answer; their texts were taken from Debian's QEMU
 * 7.2 ({@code HmpCommandsTest}). A command this monitor does not know answers {@code unknown command: 'NAME'}; a
 * known command given arguments it takes none of answers "NAME: extraneous characters at the end of line" plus a
 * "Try \"help NAME\"" hint, as HMP does. Actions ({@code stop}, {@code cont}, {@code system_reset},
 * {@code system_powerdown}, {@code quit}) emit the same events as their QMP commands, before the (empty) reply.
 */
final class HmpCommands {
    /** The {@code info} subcommands answered here, with QEMU's help line for each, in its (alphabetical) order. */
    private static final List<String[]> INFO = List.of(
            new String[] {"chardev", "info chardev  -- show the character devices"},
            new String[] {"cpus", "info cpus  -- show infos for each CPU"},
            new String[] {"iothreads", "info iothreads  -- show iothreads"},
            new String[] {"kvm", "info kvm  -- show KVM information"},
            new String[] {"name", "info name  -- show the current VM name"},
            new String[] {"qtree", "info qtree  -- show device tree"},
            new String[] {"status", "info status  -- show the current VM status (running|paused)"},
            new String[] {"uuid", "info uuid  -- show the current VM UUID"},
            new String[] {"version", "info version  -- show the version of QEMU"});
    private static final List<String> ACTIONS = List.of("cont", "quit", "stop", "system_powerdown", "system_reset");
    /** The commands answered here: names (with their short aliases) and QEMU's help line, alphabetical. */
    private static final List<String[]> COMMANDS = List.of(
            new String[] {"cont", "c", "cont|c  -- resume emulation"},
            new String[] {"help", "?", "help|? [cmd] -- show the help"},
            new String[] {"info", "", "info [subcommand] -- show various information about the system state"},
            new String[] {"quit", "q", "quit|q  -- quit the emulator"},
            new String[] {"stop", "s", "stop|s  -- stop emulation"},
            new String[] {"system_powerdown", "", "system_powerdown  -- send system power down event"},
            new String[] {"system_reset", "", "system_reset  -- reset the system"});
    private static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";

    private final QtreePrinter qtree;
    private final Board board;

    HmpCommands(QtreePrinter qtree, Board board) {
        this.qtree = qtree;
        this.board = board;
    }

    JsonValue execute(QmpArgs args, QmpSession session) {
        String line = args.requiredString("command-line");
        args.optionalInt("cpu-index", 0);
        args.end();
        return new JsonString(run(line, session).replace("\n", "\r\n"));
    }

    /** The command name is the first word; {@code info} takes the next as its own. */
    String run(String line, QmpSession session) {
        String[] words = line.trim().split("\\s+");
        if (words[0].isEmpty()) {
            return "";
        }
        String name = canonical(words[0]);
        if (name.equals("info")) {
            return info(words, session);
        }
        if (name.equals("help")) {
            return help(words);
        }
        if (!ACTIONS.contains(name)) {
            return unknown(words[0]);
        }
        if (words.length > 1) {
            return extraneous(words[0], words[0]);
        }
        return action(name, session);
    }

    /** A command's full name for its alias ({@code c} is {@code cont}), else the word itself. */
    private static String canonical(String word) {
        for (String[] c : COMMANDS) {
            if (c[1].equals(word)) {
                return c[0];
            }
        }
        return word;
    }

    /** {@code help}: every command's line; {@code help info}: the info list; {@code help X}: X's line or nothing. */
    private String help(String[] words) {
        StringBuilder sb = new StringBuilder();
        if (words.length == 1) {
            for (String[] c : COMMANDS) {
                sb.append(c[2]).append('\n');
            }
            return sb.toString();
        }
        String name = canonical(words[1]);
        if (name.equals("info")) {
            return infoList();
        }
        for (String[] c : COMMANDS) {
            if (c[0].equals(name)) {
                return c[2] + "\n";
            }
        }
        return "";
    }

    private String info(String[] words, QmpSession session) {
        return words.length == 1 ? infoList() : infoCommand(words, session);
    }

    private static String infoList() {
        StringBuilder sb = new StringBuilder();
        for (String[] i : INFO) {
            sb.append(i[1]).append('\n');
        }
        return sb.toString();
    }

    private String infoCommand(String[] words, QmpSession session) {
        if (words.length == 1) {
            StringBuilder sb = new StringBuilder();
            for (String[] i : INFO) {
                sb.append(i[1]).append('\n');
            }
            return sb.toString();
        }
        String sub = words[1];
        if (INFO.stream().noneMatch(i -> i[0].equals(sub))) {
            return unknown("info " + sub);
        }
        if (words.length > 2) {
            return extraneous(sub, "info " + sub);
        }
        return switch (sub) {
            case "qtree" -> qtree.print();
            case "status" -> "VM status: " + status(session.monitor().host().runState()) + "\n";
            case "name" -> board.config().vmName() == null ? "" : board.config().vmName() + "\n";
            case "uuid" -> (board.config().uuid() == null ? NIL_UUID : board.config().uuid()) + "\n";
            case "version" -> version(session.monitor().version());
            case "kvm" -> "kvm support: "
                    + (VmInfoCommands.kvmPresent(board.config().arch()) ? "disabled" : "not compiled") + "\n";
            case "cpus" -> cpus();
            case "chardev" -> chardevs();
            case "iothreads" -> "";
            default -> unknown("info " + sub);
        };
    }

    /** {@code info cpus}: each CPU with its host thread (the process here), the monitor's CPU (the first) starred. */
    private String cpus() {
        StringBuilder sb = new StringBuilder();
        long pid = ProcessHandle.current().pid();
        for (Board.CpuSlot c : board.cpus()) {
            sb.append(c.cpu().index() == 0 ? "* " : "  ").append("CPU #").append(c.cpu().index())
                    .append(": thread_id=").append(pid).append('\n');
        }
        return sb.toString();
    }

    /** {@code info chardev}: {@code LABEL: filename=F} per character device. */
    private String chardevs() {
        StringBuilder sb = new StringBuilder();
        for (io.qtestjvm.server.cli.ChardevList.Info c : board.config().chardevs()) {
            sb.append(c.label()).append(": filename=").append(c.filename()).append('\n');
        }
        return sb.toString();
    }

    private String action(String name, QmpSession session) {
        VmRunState vm = session.monitor().host().runState();
        switch (name) {
            case "stop" -> {
                if (vm.stop()) {
                    session.monitor().emitEvent("STOP", null);
                }
            }
            case "cont" -> {
                if (vm.needsReset()) {
                    return "Error: " + VmRunState.RESET_REQUIRED + "\n";
                }
                if (vm.cont()) {
                    session.monitor().emitEvent("RESUME", null);
                }
            }
            case "system_reset" -> {
                board.systemReset(false, ResetCommands.HOST_QMP_SYSTEM_RESET);
                vm.reset();
            }
            case "system_powerdown" -> board.systemPowerdown();
            case "quit" -> session.monitor().quit(session);
            default -> {
                return unknown(name);
            }
        }
        return "";
    }

    /** 7.2: "running", "paused (prelaunch)" for a VM never started, "paused" after stop. */
    private static String status(VmRunState vm) {
        if (vm.isRunning()) {
            return "running";
        }
        return vm.status().equals(VmRunState.PAUSED) ? "paused" : "paused (" + vm.status() + ")";
    }

    /** The version triple with the package string appended directly, as QEMU prints it. */
    private static String version(QemuVersion v) {
        return v.major() + "." + v.minor() + "." + v.micro() + v.pkg() + "\n";
    }

    private static String extraneous(String name, String helpTopic) {
        return name + ": extraneous characters at the end of line\nTry \"help " + helpTopic
                + "\" for more information\n";
    }

    private static String unknown(String name) {
        return "unknown command: '" + name + "'\n";
    }
}
