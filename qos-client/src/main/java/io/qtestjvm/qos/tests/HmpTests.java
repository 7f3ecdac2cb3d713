package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestFunctions;

import java.util.Map;

/**
 * QEMU's test-hmp (tests/qtest/test-hmp.c) on {@code none} and {@code pc}: every {@code info} subcommand that
 * {@code help info} lists answers text, and so do the run-state commands; the machine is still answering QMP
 * afterwards. (The program's fixed list of other HMP commands needs devices and back-ends the stand-in lacks;
 * unknown commands answer HMP's "unknown command" text, which that program accepts.)
 */
public final class HmpTests {
    private HmpTests() {
    }

    public static void register(QtestFunctions reg) {
        boolean x86 = reg.arch().equals("x86_64") || reg.arch().equals("i386");
        for (String machine : x86 ? new String[] {"none", "pc"} : new String[] {"none"}) {
            reg.add("hmp/" + machine, l -> {
                try (QTestState qts = l.init("-nodefaults -machine " + machine)) {
                    String list = hmp(qts, "help info");
                    int n = 0;
                    for (String line : list.split("\r\n")) {
                        Check.isTrue(line.startsWith("info "), "help info line: " + line);
                        hmp(qts, "info " + line.substring(5).split(" ")[0]);
                        n++;
                    }
                    Check.isTrue(n > 5, "info subcommands: " + n);
                    for (String c : new String[] {"cont", "stop", "cont", "system_reset", "system_powerdown",
                        "help", "nosuchcommand"}) {
                        hmp(qts, c);
                    }
                    Check.isTrue(hmp(qts, "nosuchcommand").equals("unknown command: 'nosuchcommand'\r\n"),
                            "unknown command text");
                    Check.isTrue(qts.qmp("{ 'execute': 'query-status' }").containsKey("return"), "QMP still answers");
                }
            });
        }
    }

    private static String hmp(QTestState qts, String line) {
        Map<String, Object> r = qts.qmp("{ 'execute': 'human-monitor-command', 'arguments': { 'command-line': '"
                + line + "' } }");
        Object ret = r.get("return");
        Check.isTrue(ret instanceof String, "HMP '" + line + "' returns text: " + r);
        return (String) ret;
    }
}
