package io.qtestjvm.server.monitor;

import io.qtestjvm.server.qmp.QemuVersion;
import io.qtestjvm.server.qmp.QmpCommandRegistry;
import io.qtestjvm.server.qmp.QmpSchema;
import io.qtestjvm.server.qmp.QmpSchema.Member;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.qtestjvm.server.qmp.QmpSchema.Member.optional;
import static io.qtestjvm.server.qmp.QmpSchema.Member.required;

/**
 * {@code query-qmp-schema}: the introspection of the commands this monitor has, with the argument and return types
 * of the QMP reference manual for QEMU 7.2 (what a client decoding the replies relies on), and the events the
 * machines emit. Only registered commands are listed, so the schema never promises a command that answers
 * CommandNotFound. Version differences kept: StatusInfo's {@code singlestep} (until 9.0), MachineInfo's
 * {@code acpi} (from 8.0) and query-machines' {@code compat-props} (from 9.1).
 */
final class SchemaCommands {
    private SchemaCommands() {
    }

    static void register(QmpCommandRegistry registry) {
        registry.registerPreconfig("query-qmp-schema", (args, s) -> {
            args.end();
            return build(s.monitor().commands(), s.monitor().version()).toJson();
        });
    }

    /** The schema of {@code registry}'s commands under {@code v}. */
    static QmpSchema build(QmpCommandRegistry registry, QemuVersion v) {
        QmpSchema s = new QmpSchema();
        String empty = s.object(List.of());
        Map<String, String[]> cmd = new LinkedHashMap<>();

        String qmpCap = s.enumeration(List.of("oob"));
        cmd.put("qmp_capabilities", sig(s.object(List.of(optional("enable", s.array(qmpCap)))), empty));
        String triple = s.object(List.of(required("major", "int"), required("minor", "int"),
                required("micro", "int")));
        cmd.put("query-version", sig(empty, s.object(List.of(required("qemu", triple), required("package", "str")))));
        String runState = s.enumeration(List.of("debug", "inmigrate", "internal-error", "io-error", "paused",
                "postmigrate", "prelaunch", "finish-migrate", "restore-vm", "running", "save-vm", "shutdown",
                "suspended", "watchdog", "guest-panicked", "colo"));
        List<Member> status = v.statusHasSinglestep()
                ? List.of(required("running", "bool"), required("singlestep", "bool"), required("status", runState))
                : List.of(required("running", "bool"), required("status", runState));
        cmd.put("query-status", sig(empty, s.object(status)));
        cmd.put("quit", sig(empty, empty));
        cmd.put("query-commands", sig(empty, s.array(s.object(List.of(required("name", "str"))))));
        cmd.put("query-name", sig(empty, s.object(List.of(optional("name", "str")))));
        cmd.put("query-kvm", sig(empty, s.object(List.of(required("enabled", "bool"), required("present", "bool")))));
        cmd.put("query-iothreads", sig(empty, s.array(s.object(List.of(required("id", "str"),
                required("thread-id", "int"), required("poll-max-ns", "int"), required("poll-grow", "int"),
                required("poll-shrink", "int"), required("aio-max-batch", "int"))))));
        String cpuProps = s.object(List.of(optional("node-id", "int"), optional("socket-id", "int"),
                optional("die-id", "int"), optional("cluster-id", "int"), optional("core-id", "int"),
                optional("thread-id", "int")));
        cmd.put("query-cpus-fast", sig(empty, s.array(cpuInfoFast(s, empty, cpuProps))));
        cmd.put("query-hotpluggable-cpus", sig(empty, s.array(s.object(List.of(required("type", "str"),
                required("vcpus-count", "int"), required("props", cpuProps), optional("qom-path", "str"))))));
        cmd.put("query-cpu-definitions", sig(empty, s.array(s.object(List.of(required("name", "str"),
                optional("migration-safe", "bool"), required("static", "bool"),
                optional("unavailable-features", s.array("str")), required("typename", "str"),
                optional("alias-of", "str"), required("deprecated", "bool"))))));
        cmd.put("query-chardev", sig(empty, s.array(s.object(List.of(required("label", "str"),
                required("filename", "str"), required("frontend-open", "bool"))))));
        cmd.put("qom-set", sig(s.object(List.of(required("path", "str"), required("property", "str"),
                required("value", "any"))), empty));
        cmd.put("qom-get", sig(s.object(List.of(required("path", "str"), required("property", "str"))), "any"));
        cmd.put("qom-list", sig(s.object(List.of(required("path", "str"))), s.array(s.object(List.of(
                required("name", "str"), required("type", "str"), optional("description", "str"),
                optional("default-value", "any"))))));
        cmd.put("qom-list-types", sig(s.object(List.of(optional("implements", "str"), optional("abstract", "bool"))),
                s.array(s.object(List.of(required("name", "str"), optional("abstract", "bool"),
                        optional("parent", "str"))))));
        cmd.put("query-machines", queryMachines(s, v));
        cmd.put("device_add", sig(s.object(List.of(required("driver", "str"), optional("bus", "str"),
                optional("id", "str"))), empty, "json-cli", "json-cli-hotplug"));
        cmd.put("device_del", sig(s.object(List.of(required("id", "str"))), empty));
        cmd.put("human-monitor-command", sig(s.object(List.of(required("command-line", "str"),
                optional("cpu-index", "int"))), "str", "savevm-monitor-nodes"));
        for (String c : List.of("system_reset", "stop", "cont", "system_powerdown", "migrate-pause")) {
            cmd.put(c, sig(empty, empty));
        }
        cmd.put("set_link", sig(s.object(List.of(required("name", "str"), required("up", "bool"))), empty));
        cmd.put("announce-self", sig(s.object(List.of(required("initial", "int"), required("max", "int"),
                required("rounds", "int"), required("step", "int"), optional("interfaces", s.array("str")),
                optional("id", "str"))), empty));
        cmd.put("x-exit-preconfig", sig(empty, empty, "unstable"));
        cmd.put("query-qmp-schema", sig(empty, s.array(schemaInfo(s))));
        BlockCommands.schema(s, cmd, empty);
        TransactionCommand.schema(s, cmd, empty);

        for (QmpCommandRegistry.Entry e : registry.entries()) {
            String[] sig = cmd.get(e.name());
            if (sig != null) {
                s.command(e.name(), sig[0], sig[1], e.allowOob(), List.of(sig).subList(2, sig.length));
            }
        }
        String shutdownCause = s.enumeration(List.of("none", "host-error", "host-qmp-quit", "host-qmp-system-reset",
                "host-signal", "host-ui", "guest-shutdown", "guest-reset", "guest-panic", "subsystem-reset",
                "snapshot-load"));
        String guestReason = s.object(List.of(required("guest", "bool"), required("reason", shutdownCause)));
        s.event("SHUTDOWN", guestReason);
        s.event("POWERDOWN", empty);
        s.event("RESET", guestReason);
        s.event("STOP", empty);
        s.event("RESUME", empty);
        s.event("DEVICE_DELETED", s.object(List.of(optional("device", "str"), required("path", "str"))));
        return s;
    }

    /** SchemaInfo itself: a union on {@code meta-type} with one variant type per meta-type. */
    private static String schemaInfo(QmpSchema s) {
        String metaType = s.enumeration(List.of("builtin", "enum", "array", "object", "alternate", "command",
                "event"));
        String strs = s.array("str");
        String jsonType = s.enumeration(List.of("string", "number", "int", "boolean", "null", "object", "array",
                "value"));
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("builtin", s.object(List.of(required("json-type", jsonType))));
        variants.put("enum", s.object(List.of(required("members", s.array(s.object(List.of(required("name", "str"),
                optional("features", strs))))), required("values", strs).withFeatures("deprecated"))));
        variants.put("array", s.object(List.of(required("element-type", "str"))));
        variants.put("object", s.object(List.of(required("members", s.array(s.object(List.of(required("name", "str"),
                        required("type", "str"), optional("default", "any"), optional("features", strs))))),
                optional("tag", "str"), optional("variants", s.array(s.object(List.of(required("case", "str"),
                        required("type", "str"))))))));
        variants.put("alternate", s.object(List.of(required("members", s.array(s.object(List.of(
                required("type", "str"))))))));
        variants.put("command", s.object(List.of(required("arg-type", "str"), required("ret-type", "str"),
                optional("allow-oob", "bool"))));
        variants.put("event", s.object(List.of(required("arg-type", "str"))));
        return s.union(List.of(required("name", "str"), required("meta-type", metaType),
                optional("features", strs)), "meta-type", variants);
    }

    /** CpuInfoFast: a union on {@code target}, where only s390x adds a member ({@code cpu-state}). */
    private static String cpuInfoFast(QmpSchema s, String empty, String cpuProps) {
        List<String> targets = List.of("aarch64", "alpha", "arm", "avr", "cris", "hppa", "i386", "loongarch64",
                "m68k", "microblaze", "microblazeel", "mips", "mips64", "mips64el", "mipsel", "nios2", "or1k", "ppc",
                "ppc64", "riscv32", "riscv64", "rx", "s390x", "sh4", "sh4eb", "sparc", "sparc64", "tricore",
                "x86_64", "xtensa", "xtensaeb");
        String target = s.enumeration(targets);
        String s390State = s.enumeration(List.of("uninitialized", "stopped", "check-stop", "operating", "load"));
        Map<String, String> variants = new LinkedHashMap<>();
        for (String t : targets) {
            variants.put(t, t.equals("s390x") ? s.object(List.of(required("cpu-state", s390State))) : empty);
        }
        return s.union(List.of(required("cpu-index", "int"), required("qom-path", "str"),
                required("thread-id", "int"), optional("props", cpuProps), required("target", target)), "target",
                variants);
    }

    private static String[] queryMachines(QmpSchema s, QemuVersion v) {
        List<Member> info = new java.util.ArrayList<>(List.of(required("name", "str"), optional("alias", "str"),
                optional("is-default", "bool"), required("cpu-max", "int"), required("hotpluggable-cpus", "bool"),
                required("numa-mem-supported", "bool"), required("deprecated", "bool"),
                optional("default-cpu-type", "str"), optional("default-ram-id", "str")));
        List<Member> arg = List.of();
        if (v.atLeast(8, 0)) {
            info.add(required("acpi", "bool"));
        }
        if (v.atLeast(9, 1)) {
            String compatProp = s.object(List.of(required("qom-type", "str"), required("property", "str"),
                    required("value", "str")));
            info.add(optional("compat-props", s.array(compatProp)));
            arg = List.of(optional("compat-props", "bool"));
        }
        return sig(s.object(arg), s.array(s.object(info)));
    }

    private static String[] sig(String arg, String ret, String... features) {
        String[] out = new String[2 + features.length];
        out[0] = arg;
        out[1] = ret;
        System.arraycopy(features, 0, out, 2, features.length);
        return out;
    }
}
