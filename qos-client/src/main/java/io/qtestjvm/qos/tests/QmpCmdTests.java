package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestFunctions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * QEMU's qmp-cmd-test (tests/qtest/qmp-cmd-test.c) query smoke test: read {@code query-qmp-schema} on
 * {@code none}, and run every command whose argument type has no mandatory member and whose return type is not an
 * empty object; each must answer a return, except the few that need command-line arguments or a build option, which
 * answer their documented error class. Commands with the 'unstable' feature (x-query-profile, x-query-usb) may
 * also answer GenericError: on Debian's QEMU 7.2 they do on {@code none} (no profiler built in, no USB). Departure: all queries run in one machine instead of one machine each.
 */
public final class QmpCmdTests {
    /** Not queries, or success depends on the target or the host (the program skips these). */
    private static final Set<String> IGNORED = Set.of("add-fd", "query-cpu-definitions", "query-gic-capabilities",
            "query-pci", "query-sev-launch-measure", "query-sev", "query-sev-capabilities", "query-sgx",
            "query-sgx-capabilities");
    /** Queries that fail without special command-line arguments, with their error class. */
    private static final Map<String, String> FAILS = Map.of("query-acpi-ospm-status", "GenericError",
            "query-balloon", "DeviceNotActive", "query-hotpluggable-cpus", "GenericError",
            "query-vm-generation-id", "GenericError");

    private QmpCmdTests() {
    }

    public static void register(QtestFunctions reg) {
        reg.add("qmp-cmd/queries", l -> {
            try (QTestState qts = l.init("-nodefaults -machine none")) {
                int run = 0;
                for (Map.Entry<String, Boolean> q : queries(qts).entrySet()) {
                    String cmd = q.getKey();
                    Map<String, Object> r = qts.qmp("{ 'execute': '" + cmd + "' }");
                    String expected = FAILS.get(cmd);
                    if (q.getValue() && r.get("error") instanceof Map<?, ?> e && "GenericError".equals(e.get("class"))) {
                        run++;
                        continue;
                    }
                    if (expected == null) {
                        Check.isTrue(r.containsKey("return"), cmd + " returns: " + r);
                    } else {
                        Object err = r.get("error");
                        Check.isTrue(err instanceof Map<?, ?> e && expected.equals(e.get("class")),
                                cmd + " fails with " + expected + ": " + r);
                    }
                    run++;
                }
                Check.isTrue(run >= 8, "query commands run: " + run);
            }
        });
    }

    /** The query-like commands of the schema, as the program selects them, each with whether it is unstable. */
    @SuppressWarnings("unchecked")
    private static Map<String, Boolean> queries(QTestState qts) {
        Object ret = qts.qmp("{ 'execute': 'query-qmp-schema' }").get("return");
        Check.isTrue(ret instanceof List, "query-qmp-schema returns a list");
        Map<String, Map<String, Object>> byName = new HashMap<>();
        for (Object o : (List<Object>) ret) {
            Map<String, Object> e = (Map<String, Object>) o;
            byName.put((String) e.get("name"), e);
        }
        Map<String, Boolean> out = new java.util.TreeMap<>();
        for (Map<String, Object> si : byName.values()) {
            if (!"command".equals(si.get("meta-type")) || IGNORED.contains((String) si.get("name"))) {
                continue;
            }
            Map<String, Object> arg = byName.get((String) si.get("arg-type"));
            Map<String, Object> retType = byName.get((String) si.get("ret-type"));
            Check.isTrue(arg != null && retType != null, "types of " + si.get("name") + " are defined");
            boolean mandatory = false;
            for (Object m : (List<Object>) arg.get("members")) {
                mandatory |= !((Map<String, Object>) m).containsKey("default");
            }
            boolean emptyObject = "object".equals(retType.get("meta-type"))
                    && ((List<Object>) retType.get("members")).isEmpty();
            if (!mandatory && !emptyObject) {
                Object features = si.get("features");
                out.put((String) si.get("name"), features instanceof List<?> f && f.contains("unstable"));
            }
        }
        return out;
    }
}
