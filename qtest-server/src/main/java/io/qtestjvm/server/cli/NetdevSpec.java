package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -netdev TYPE,id=ID,...} (the QAPI schema's Netdev): the back ends the
 * virtio-net model will use, {@code user}, {@code socket} (an inherited {@code fd=}, or listen/connect/mcast/udp)
 * and {@code hubport}. Other QEMU types are recognised but refused.
 *
 * @param id      the netdev id
 * @param type    the back-end type
 * @param fd      {@code socket,fd=N}, or -1
 * @param hubId   {@code hubport,hubid=N}, or -1
 * @param options every option as given
 * @param arg     the option text as given (for error messages)
 */
public record NetdevSpec(String id, String type, int fd, int hubId, Map<String, String> options, String arg) {
    /** NetClientDriver members a -netdev accepts in QEMU 7.2. */
    static final Set<String> QEMU_TYPES = Set.of("user", "tap", "l2tpv3", "socket", "stream", "dgram", "vde",
            "bridge", "hubport", "netmap", "vhost-user", "vhost-vdpa");
    private static final Set<String> SOCKET_KEYS = Set.of("type", "id", "fd", "listen", "connect", "mcast",
            "localaddr", "udp");
    private static final Set<String> HUBPORT_KEYS = Set.of("type", "id", "hubid", "netdev");
    /** QAPI's NetdevUserOptions members (QEMU 7.2); their values are taken as given. */
    private static final Set<String> USER_KEYS = Set.of("type", "id", "hostname", "restrict", "ipv4", "ipv6", "ip",
            "net", "host", "tftp", "bootfile", "dhcpstart", "dns", "dnssearch", "domainname", "ipv6-prefix",
            "ipv6-prefixlen", "ipv6-host", "ipv6-dns", "smb", "smbserver", "hostfwd", "guestfwd", "tftp-server-name");

    /**
     * Parses one {@code -netdev} as QEMU checks it when it makes the back end (a duplicate ID is the command line's
     * check, before: {@link #checkIds}).
     */
    public static NetdevSpec parse(String arg) throws StartupException {
        QemuOpts o = QemuOpts.parse(arg, "type");
        String id = OptionSupport.required("netdev", arg, o, "id");
        String type = OptionSupport.required("netdev", arg, o, "type");
        OptionSupport.member("netdev", arg, "type", type, QEMU_TYPES);
        int fd = -1;
        int hub = -1;
        switch (type) {
            case "user" -> {
                // slirp's options are accepted as given (nothing is routed anywhere), but for the two it cannot do
                // without: a user netdev with neither IPv4 nor IPv6 is refused, as QEMU 7.2 refuses it
                unexpected(arg, o, USER_KEYS);
                if (!enabled(arg, o, "ipv4") && !enabled(arg, o, "ipv6")) {
                    throw StartupException.at("netdev", arg, "IPv4 and IPv6 disabled");
                }
            }
            case "socket" -> {
                unexpected(arg, o, SOCKET_KEYS);
                int given = 0;
                for (String k : new String[] {"fd", "listen", "connect", "mcast", "udp"}) {
                    given += o.has(k) ? 1 : 0;
                }
                if (given != 1) {
                    throw StartupException.at("netdev", arg,
                            "exactly one of listen=, connect=, mcast= or udp= is required");
                }
                if (o.has("fd")) {
                    fd = inheritedFd(arg, id, o.get("fd"));
                }
                if (o.has("udp") && !o.has("localaddr")) {
                    throw StartupException.at("netdev", arg, "localaddr= is mandatory with udp=");
                }
            }
            case "hubport" -> {
                unexpected(arg, o, HUBPORT_KEYS);
                String h = OptionSupport.required("netdev", arg, o, "hubid");
                try {
                    hub = Integer.parseInt(h);
                } catch (NumberFormatException e) {
                    throw StartupException.at("netdev", arg, "Parameter 'hubid' expects int32");
                }
            }
            default -> throw StartupException.at("netdev", arg, "netdev type '" + type
                    + "' is not supported by qtest-jvm (user, socket, hubport)");
        }
        return new NetdevSpec(id, type, fd, hub, Map.copyOf(o.asMap()), arg);
    }

    /**
     * QEMU's check of the {@code -netdev} options as it reads the command line: no ID given twice (an option without
     * an ID is refused later, by {@link #parse}).
     */
    public static void checkIds(List<String> args) throws StartupException {
        List<String> ids = new ArrayList<>();
        for (String n : args) {
            String id = QemuOpts.parse(n, "type").get("id");
            if (id != null && ids.contains(id)) {
                throw StartupException.at("netdev", n, "Duplicate ID '" + id + "' for netdev");
            }
            ids.add(id);
        }
    }

    /** An on/off option that is on unless given off ({@code Parameter 'K' expects 'on' or 'off'} otherwise). */
    private static boolean enabled(String arg, QemuOpts o, String key) throws StartupException {
        if (!o.has(key)) {
            return true;
        }
        try {
            return QemuOpts.parseBool(key, o.get(key));
        } catch (IllegalArgumentException e) {
            throw StartupException.at("netdev", arg, e.getMessage());
        }
    }

    /**
     * A key the back end does not have: Debian's QEMU 7.2 says {@code Invalid parameter 'K'}. With several such keys
     * it names one in its hash table's order (e.g. {@code zzz} of {@code zzz=1,aaa=2}); this names the first given.
     */
    private static void unexpected(String arg, QemuOpts o, Set<String> keys) throws StartupException {
        for (String k : o.keys()) {
            if (!keys.contains(k)) {
                throw StartupException.at("netdev", arg, "Invalid parameter '" + k + "'");
            }
        }
    }

    /** monitor_fd_param: the number must name a descriptor this process holds. */
    private static int inheritedFd(String arg, String id, String text) throws StartupException {
        int fd;
        try {
            fd = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw StartupException.at("netdev", arg, id + ": No file descriptor named " + text + " found");
        }
        if (fd < 0 || !Files.exists(Path.of("/proc/self/fd/" + fd))) {
            throw StartupException.at("netdev", arg, id + ": Can't use file descriptor " + fd
                    + ": Bad file descriptor");
        }
        return fd;
    }
}
