package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The options that configure nothing we model but must be accepted, or refused, as QEMU 7.2 does (its manual
 * and the QAPI types behind them): {@code -display}, {@code -audiodev}, {@code -audio}, {@code -trace},
 * {@code -serial}, {@code -net}/{@code -nic}, {@code -name}.
 */
public final class FrontendOptions {
    private static final Set<String> DISPLAYS = Set.of("none", "gtk", "sdl", "curses", "egl-headless", "dbus",
            "spice-app", "cocoa", "default");
    private static final Set<String> AUDIO_DRIVERS = Set.of("none", "alsa", "coreaudio", "dbus", "dsound",
            "jack", "oss", "pa", "sdl", "sndio", "spice", "wav");
    private static final Set<String> NET_TYPES = Set.of("none", "nic", "user", "tap", "l2tpv3", "socket",
            "stream", "dgram", "vde", "bridge", "hubport", "netmap", "vhost-user", "vhost-vdpa");
    private static final Set<String> CHAR_PREFIXES = Set.of("null", "none", "stdio", "vc", "pty", "msmouse",
            "braille", "file", "pipe", "unix", "tcp", "udp", "telnet", "websocket", "chardev", "mon", "COM");

    private FrontendOptions() {
    }

    /** Checks every such option of the command line. */
    public static void check(QemuCommandLine cl) throws StartupException {
        for (String d : cl.all("display")) {
            display(d);
        }
        for (String a : cl.all("audiodev")) {
            audiodev(a);
        }
        for (String a : cl.all("audio")) {
            audio(a);
        }
        for (String t : cl.all("trace")) {
            trace(t);
        }
        for (String s : cl.all("serial")) {
            serial(s);
        }
        for (String n : cl.all("net")) {
            netType("net", n);
        }
        for (String n : cl.all("nic")) {
            netType("nic", n);
        }
        for (String n : cl.all("name")) {
            OptionSupport.onlyKeys("name", n, QemuOpts.parse(n, "guest"), Set.of("guest", "process",
                    "debug-threads"));
        }
    }

    static void display(String arg) throws StartupException {
        String type = arg.split("[,=]", 2)[0];
        if (type.equals("vnc")) {
            return; // -display vnc=:N
        }
        OptionSupport.member("display", arg, "type", type, DISPLAYS);
    }

    static void audiodev(String arg) throws StartupException {
        QemuOpts o = QemuOpts.parse(arg, "driver");
        OptionSupport.required("audiodev", arg, o, "id");
        OptionSupport.member("audiodev", arg, "driver", o.get("driver", ""), AUDIO_DRIVERS);
    }

    /** {@code -audio [driver=]DRIVER[,model=M]} (QEMU 8.2+; 7.2 demands a model, we accept it as newer QEMU). */
    static void audio(String arg) throws StartupException {
        QemuOpts o = QemuOpts.parse(arg, "driver");
        OptionSupport.member("audio", arg, "driver", o.get("driver", ""), AUDIO_DRIVERS);
    }

    /** {@code -trace [enable=]PATTERN[,events=FILE][,file=FILE]}: accepted; no trace points are emitted. */
    static void trace(String arg) throws StartupException {
        QemuOpts o = QemuOpts.parse(arg, "enable");
        OptionSupport.onlyKeys("trace", arg, o, Set.of("enable", "events", "file"));
        String events = o.get("events");
        if (events != null && !Files.isReadable(Path.of(events))) {
            throw StartupException.afterColon(events + ": No such file or directory");
        }
    }

    static void serial(String arg) throws StartupException {
        String kind = arg.split("[:,]", 2)[0];
        if (!CHAR_PREFIXES.contains(kind) && !arg.startsWith("/dev/")) {
            String loc = StartupException.location("serial", arg);
            throw StartupException.reports(loc + ": '" + arg + "' is not a valid char driver",
                    loc + ": could not connect serial device to character backend '" + arg + "'");
        }
    }

    static void netType(String option, String arg) throws StartupException {
        QemuOpts o = QemuOpts.parse(arg, "type");
        String type = o.get("type", "");
        if (option.equals("nic") && type.equals("nic")) {
            type = "";
        }
        OptionSupport.member(option, arg, "type", type, NET_TYPES);
    }
}
