package io.qtestjvm.server.monitor;

import io.qtestjvm.server.qmp.JsonString;
import io.qtestjvm.server.qmp.JsonValue;
import io.qtestjvm.server.qmp.QmpArgs;

/**
 * {@code human-monitor-command} (monitor/hmp.c through qmp_human_monitor_command): the text an HMP command prints,
 * with QEMU's {@code \r\n} line ends. Only {@code info qtree} is implemented; any other command answers as QEMU
 * does for a command it does not know.
 */
final class HmpCommands {
    private final QtreePrinter qtree;

    HmpCommands(QtreePrinter qtree) {
        this.qtree = qtree;
    }

    JsonValue execute(QmpArgs args) {
        String line = args.requiredString("command-line");
        args.optionalInt("cpu-index", 0);
        args.end();
        return new JsonString(run(line).replace("\n", "\r\n"));
    }

    /** monitor_parse_command: the command name is the first word; {@code info} takes the next as its own. */
    String run(String line) {
        String[] words = line.trim().split("\\s+");
        if (words[0].isEmpty()) {
            return "";
        }
        if (!words[0].equals("info")) {
            return unknown(words[0]);
        }
        if (words.length == 1) {
            return "info qtree  -- show device tree\n";
        }
        return switch (words[1]) {
            case "qtree" -> qtree.print();
            default -> unknown("info " + words[1]);
        };
    }

    private static String unknown(String name) {
        return "unknown command: '" + name + "'\n";
    }
}
