package io.qtestjvm.server.runtime;

import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.server.cli.StartupException;

/**
 * A character device as the command line names it: {@code -qtest unix:PATH[,server=on,wait=off]},
 * {@code tcp:HOST:PORT[,server=on...]}, {@code stdio}, or {@code -chardev socket,id=ID,path=PATH[,server=on]}.
 * Without {@code server=on} we connect as a client, as QEMU does for libqtest's sockets.
 */
public record ChardevSpec(Kind kind, String path, String host, int port, boolean server, boolean waitForClient) {
    /** Transport kinds we serve. */
    public enum Kind { UNIX, TCP, STDIO, NULL }

    /** Parses the legacy {@code -qtest}/{@code -qmp}/{@code -serial} form (QEMU's documented {@code -serial} syntax).
     */
    public static ChardevSpec parseCompat(String option, String spec) throws StartupException {
        if (spec.equals("stdio")) {
            return new ChardevSpec(Kind.STDIO, null, null, 0, false, false);
        }
        if (spec.equals("none") || spec.equals("null")) {
            return new ChardevSpec(Kind.NULL, null, null, 0, false, false);
        }
        if (spec.startsWith("unix:")) {
            QemuOpts o = QemuOpts.parse(spec.substring(5), "path");
            return unix(option, o);
        }
        if (spec.startsWith("tcp:")) {
            QemuOpts o = QemuOpts.parse(spec.substring(4), "addr");
            String addr = o.get("addr", "");
            int colon = addr.lastIndexOf(':');
            if (colon < 0) {
                throw new StartupException("-" + option + " " + spec + ": tcp address needs HOST:PORT");
            }
            String host = addr.substring(0, colon);
            int port;
            try {
                port = Integer.parseInt(addr.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new StartupException("-" + option + " " + spec + ": invalid port '" + addr.substring(colon + 1)
                        + "'");
            }
            if (!host.isEmpty() && !isLoopback(host)) {
                throw new StartupException("-" + option + " " + spec + ": only loopback addresses are served");
            }
            return new ChardevSpec(Kind.TCP, null, host.isEmpty() ? "127.0.0.1" : host, port,
                    bool(o, "server", false), bool(o, "wait", true));
        }
        throw new StartupException("-" + option + " " + spec + ": '" + spec
                + "' is not a supported character device (unix:, tcp:, stdio)");
    }

    /** Parses {@code -chardev BACKEND,id=...,...}. */
    public static ChardevSpec parseChardev(QemuOpts o) throws StartupException {
        String backend = o.get("backend");
        switch (backend == null ? "" : backend) {
            case "socket" -> {
                if (o.has("path")) {
                    return unix("chardev", o);
                }
                if (o.has("port")) {
                    String host = o.get("host", "127.0.0.1");
                    if (!isLoopback(host)) {
                        throw new StartupException("-chardev: only loopback addresses are served");
                    }
                    try {
                        return new ChardevSpec(Kind.TCP, null, host, Integer.parseInt(o.get("port")),
                                bool(o, "server", false), bool(o, "wait", true));
                    } catch (NumberFormatException e) {
                        throw new StartupException("-chardev: invalid port '" + o.get("port") + "'");
                    }
                }
                throw new StartupException("chardev: socket: no host given");
            }
            case "stdio" -> {
                return new ChardevSpec(Kind.STDIO, null, null, 0, false, false);
            }
            case "null" -> {
                return new ChardevSpec(Kind.NULL, null, null, 0, false, false);
            }
            default -> throw new StartupException("-chardev " + backend + ": '" + backend
                    + "' is not a valid char driver name");
        }
    }

    private static ChardevSpec unix(String option, QemuOpts o) throws StartupException {
        String path = o.get("path");
        if (path == null || path.isEmpty()) {
            throw new StartupException("-" + option + ": unix socket needs a path");
        }
        return new ChardevSpec(Kind.UNIX, path, null, 0, bool(o, "server", false), bool(o, "wait", true));
    }

    private static boolean bool(QemuOpts o, String key, boolean fallback) throws StartupException {
        String v = o.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return QemuOpts.parseBool(key, v);
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}
