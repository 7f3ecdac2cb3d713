package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

import java.util.List;
import java.util.Set;

/**
 * One {@code -numa node,...} option (QEMU's manual, "-numa node[,memdev=id][,cpus=first[-last]][,nodeid=node]"):
 * the node's id when given, its CPU index range when given, and its memory backend or legacy size. The texts of
 * the option errors are QEMU 7.2's (CommandLineErrorTest).
 *
 * @param arg      the option as given, for error locations
 * @param nodeId   {@code nodeid=}, or -1 for the next free number
 * @param cpuFirst the first CPU index of {@code cpus=}, or -1 when not given
 * @param cpuLast  the last CPU index of {@code cpus=}
 * @param memdev   {@code memdev=}, or null
 * @param mem      {@code mem=} as given, or null
 */
public record NumaSpec(String arg, int nodeId, int cpuFirst, int cpuLast, String memdev, String mem) {
    private static final Set<String> TYPES = Set.of("node", "dist", "cpu", "hmat-lb", "hmat-cache");
    private static final Set<String> NODE_KEYS = Set.of("type", "nodeid", "cpus", "mem", "memdev", "initiator");

    public static NumaSpec parse(String arg) throws StartupException {
        QemuOpts o = QemuOpts.parse(arg, "type");
        String type = o.get("type");
        if (type == null) {
            throw StartupException.at("numa", arg, "Parameter 'type' is missing");
        }
        if (!TYPES.contains(type)) {
            throw StartupException.at("numa", arg, "Parameter 'type' does not accept value '" + type + "'");
        }
        if (!type.equals("node")) {
            throw StartupException.at("numa", arg, "-numa " + type + " is not supported by qtest-jvm");
        }
        for (String k : o.keys()) {
            if (!NODE_KEYS.contains(k)) {
                throw StartupException.at("numa", arg, "Invalid parameter '" + k + "'");
            }
        }
        int nodeId = o.has("nodeid") ? number(arg, "nodeid", o.get("nodeid")) : -1;
        int first = -1;
        int last = -1;
        String cpus = o.get("cpus");
        if (cpus != null) {
            int dash = cpus.indexOf('-');
            first = number(arg, "cpus", dash < 0 ? cpus : cpus.substring(0, dash));
            last = dash < 0 ? first : number(arg, "cpus", cpus.substring(dash + 1));
            if (last < first) {
                throw StartupException.at("numa", arg, "Parameter 'cpus' expects a uint64 value or range");
            }
        }
        return new NumaSpec(arg, nodeId, first, last, o.get("memdev"), o.get("mem"));
    }

    private static int number(String arg, String key, String text) throws StartupException {
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw StartupException.at("numa", arg, key.equals("cpus") ? "Parameter 'cpus' expects a uint64 value or range"
                : "Parameter '" + key + "' expects a uint64 value");
    }

    /** The node ids of {@code nodes} in order, auto ids being the count of nodes before them. */
    static int[] ids(List<NumaSpec> nodes) {
        int[] ids = new int[nodes.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = nodes.get(i).nodeId() < 0 ? i : nodes.get(i).nodeId();
        }
        return ids;
    }
}
