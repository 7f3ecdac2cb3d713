package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The character devices the command line creates, as {@code query-chardev} reports them ({@code ChardevInfo}):
 * the qtest channel ({@code -qtest SPEC}, label {@code qtest}), each {@code -chardev} by its id, each {@code -qmp}
 * monitor ({@code compat_monitorN}) and each {@code -serial} backend ({@code serialN}). The filename is the
 * backend's description as Debian's 7.2 writes it: {@code unix:} for a connected client socket,
 * {@code unix:PATH,server=on} for a listening one, {@code tcp:HOST:PORT} (with {@code ,server=on}), {@code null},
 * {@code stdio}, {@code vc}. {@code frontend-open} says whether something reads the backend: the qtest engine, a
 * monitor ({@code -mon chardev=ID}), a serial port. Known differences: QEMU's default serial and parallel
 * backends ({@code vc}, created when no {@code -serial}/{@code -parallel} is given) are not listed; no UART model
 * here reads a chardev, so a {@code -serial} backend reports its frontend closed; the entries come in command-line
 * order (QEMU lists them in its hash table's order).
 */
public final class ChardevList {
    /** One {@code ChardevInfo}. */
    public record Info(String label, String filename, boolean frontendOpen) {
    }

    private ChardevList() {
    }

    /** The chardevs of {@code cl} (the options were checked before). */
    public static List<Info> from(QemuCommandLine cl) {
        Set<String> monitored = new LinkedHashSet<>();
        for (String mon : cl.all("mon")) {
            String id = QemuOpts.parse(mon, "chardev").get("chardev");
            if (id != null) {
                monitored.add(id);
            }
        }
        List<Info> out = new ArrayList<>();
        String qtest = cl.last("qtest");
        if (qtest != null) {
            out.add(new Info("qtest", compatFilename(qtest), true));
        }
        for (String c : cl.all("chardev")) {
            QemuOpts o = QemuOpts.parse(c, "backend");
            String id = o.get("id");
            if (id != null) {
                out.add(new Info(id, chardevFilename(o), monitored.contains(id)));
            }
        }
        int n = 0;
        for (String q : cl.all("qmp")) {
            out.add(new Info("compat_monitor" + n++, compatFilename(q), true));
        }
        int serial = 0;
        for (String s : cl.all("serial")) {
            if (!s.equals("none")) {
                out.add(new Info("serial" + serial++, compatFilename(s), false));
            }
        }
        return out;
    }

    /** The legacy form ({@code unix:PATH[,server=on]}, {@code tcp:HOST:PORT}, {@code null}, {@code stdio}, ...). */
    private static String compatFilename(String spec) {
        if (spec.startsWith("unix:")) {
            QemuOpts o = QemuOpts.parse(spec.substring(5), "path");
            return server(o) ? "unix:" + o.get("path", "") + ",server=on" : "unix:";
        }
        if (spec.startsWith("tcp:")) {
            QemuOpts o = QemuOpts.parse(spec.substring(4), "addr");
            return "tcp:" + o.get("addr", "") + (server(o) ? ",server=on" : "");
        }
        return spec.split("[:,]", 2)[0];
    }

    private static String chardevFilename(QemuOpts o) {
        String backend = o.get("backend", "");
        if (backend.equals("socket")) {
            if (o.has("path")) {
                return server(o) ? "unix:" + o.get("path") + ",server=on" : "unix:";
            }
            return "tcp:" + o.get("host", "") + ":" + o.get("port", "") + (server(o) ? ",server=on" : "");
        }
        return backend;
    }

    private static boolean server(QemuOpts o) {
        String v = o.get("server");
        return v != null && (v.isEmpty() || v.equals("on") || v.equals("yes") || v.equals("true"));
    }
}
