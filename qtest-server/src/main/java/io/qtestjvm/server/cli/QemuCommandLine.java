package io.qtestjvm.server.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * QEMU's command line (its manual's option list): single- or double-dash options, each either a
 * flag or followed by exactly one argument, kept in command-line order. Unknown options and missing arguments
 * fail as QEMU fails: {@code -foo: invalid option}, {@code -m: requires an argument}.
 */
public final class QemuCommandLine {
    /** One option as given. */
    public record Option(String name, String arg) {
    }

    /** Options taking an argument; the value says nothing, the key set is what matters. */
    private static final Map<String, Boolean> TAKES_ARG = Map.ofEntries(
            Map.entry("machine", true), Map.entry("M", true), Map.entry("accel", true), Map.entry("m", true),
            Map.entry("smp", true), Map.entry("cpu", true), Map.entry("device", true), Map.entry("drive", true),
            Map.entry("blockdev", true), Map.entry("netdev", true), Map.entry("nic", true), Map.entry("net", true),
            Map.entry("object", true), Map.entry("global", true), Map.entry("rtc", true), Map.entry("serial", true),
            Map.entry("parallel", true), Map.entry("monitor", true), Map.entry("display", true),
            Map.entry("vga", true), Map.entry("audio", true), Map.entry("audiodev", true), Map.entry("trace", true),
            Map.entry("qmp", true), Map.entry("qmp-pretty", true), Map.entry("qtest", true),
            Map.entry("qtest-log", true), Map.entry("chardev", true), Map.entry("mon", true),
            Map.entry("run-with", true), Map.entry("name", true), Map.entry("boot", true), Map.entry("bios", true),
            Map.entry("L", true), Map.entry("k", true), Map.entry("uuid", true), Map.entry("icount", true),
            Map.entry("numa", true), Map.entry("fw_cfg", true), Map.entry("kernel", true), Map.entry("append", true),
            Map.entry("initrd", true), Map.entry("dtb", true), Map.entry("sandbox", true), Map.entry("d", true),
            Map.entry("D", true), Map.entry("pidfile", true), Map.entry("incoming", true),
            Map.entry("action", true), Map.entry("overcommit", true), Map.entry("msg", true),
            Map.entry("compat", true), Map.entry("sd", true), Map.entry("hda", true), Map.entry("cdrom", true),
            Map.entry("usbdevice", true), Map.entry("add-fd", true), Map.entry("iscsi", true),
            Map.entry("smbios", true),
            Map.entry("fsdev", true), Map.entry("virtfs", true), Map.entry("tpmdev", true),
            Map.entry("semihosting-config", true), Map.entry("mem-path", true), Map.entry("plugin", true),
            Map.entry("g", true), Map.entry("watchdog-action", true), Map.entry("loadvm", true),
            Map.entry("option-rom", true), Map.entry("pflash", true), Map.entry("mtdblock", true),
            Map.entry("fda", true), Map.entry("hdb", true), Map.entry("hdc", true), Map.entry("hdd", true));

    private static final List<String> FLAGS = List.of(
            "S", "nodefaults", "nographic", "no-reboot", "no-shutdown", "enable-kvm", "usb", "no-user-config",
            "snapshot", "no-hpet", "no-acpi", "version", "help", "h", "s", "full-screen", "daemonize",
            "preconfig", "only-migratable", "nouserconfig", "enable-sync-profile");

    private final List<Option> options;

    private QemuCommandLine(List<Option> options) {
        this.options = options;
    }

    public static QemuCommandLine parse(String[] args) throws StartupException {
        List<Option> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty()) {
                continue; // "sh -c" never passes empty words, but in-JVM callers may
            }
            if (!a.startsWith("-") || a.equals("-")) {
                // QEMU treats a bare word as the disk image of -hda; we have no IDE disk model
                if (!java.nio.file.Files.exists(java.nio.file.Path.of(a))) {
                    throw new StartupException(a + ": Could not open '" + a + "': No such file or directory");
                }
                throw new StartupException(a + ": machine type does not support if=ide,bus=0,unit=0");
            }
            String name = a.startsWith("--") ? a.substring(2) : a.substring(1);
            if (TAKES_ARG.containsKey(name)) {
                if (i + 1 >= args.length) {
                    throw new StartupException("-" + name + ": requires an argument");
                }
                out.add(new Option(name.equals("M") ? "machine" : name, args[++i]));
            } else if (FLAGS.contains(name)) {
                out.add(new Option(name.equals("h") ? "help" : name, null));
            } else {
                throw new StartupException("-" + name + ": invalid option");
            }
        }
        return new QemuCommandLine(Collections.unmodifiableList(out));
    }

    public List<Option> options() {
        return options;
    }

    /** Every argument of option {@code name}, in order. */
    public List<String> all(String name) {
        List<String> r = new ArrayList<>();
        for (Option o : options) {
            if (o.name().equals(name)) {
                r.add(o.arg());
            }
        }
        return r;
    }

    /** The last argument of {@code name} (QEMU: the last one wins for most single-valued options), or null. */
    public String last(String name) {
        String r = null;
        for (Option o : options) {
            if (o.name().equals(name)) {
                r = o.arg();
            }
        }
        return r;
    }

    public boolean has(String name) {
        for (Option o : options) {
            if (o.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
