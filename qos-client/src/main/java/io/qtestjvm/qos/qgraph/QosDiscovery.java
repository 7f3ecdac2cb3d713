package io.qtestjvm.qos.qgraph;

import io.qtestjvm.qos.libqtest.QTestState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What qos-test learns from the machine before it walks the graph (tests/qtest/qos-test.c
 * {@code qos_set_machines_devices_available}; reference 3.1): the {@code query-machines} list and the
 * {@code qom-list-types {"abstract": true, "implements": "device"}} list, decoded from the QMP {@code return} values
 * as parsed JSON (lists of maps). Only the members the graph uses are kept.
 */
public final class QosDiscovery {
    /** The QMP command qos-test sends for the machine list. */
    public static final String QUERY_MACHINES = "{\"execute\": \"query-machines\"}";
    /** The QMP command qos-test sends for the device types (abstract ones included). */
    public static final String QOM_LIST_TYPES =
            "{\"execute\": \"qom-list-types\", \"arguments\": {\"abstract\": true, \"implements\": \"device\"}}";

    private QosDiscovery() {
    }

    /** A {@code MachineInfo}: name and optional alias (e.g. {@code pc-i440fx-7.2} alias {@code pc}). */
    public record MachineInfo(String name, String alias) {
    }

    /** An {@code ObjectTypeInfo}: QEMU emits {@code abstract} only when true. */
    public record TypeInfo(String name, boolean isAbstract) {
    }

    /** Decodes the {@code return} value of {@code query-machines}. */
    public static List<MachineInfo> machines(Object qmpReturn) {
        List<MachineInfo> out = new ArrayList<>();
        for (Map<?, ?> m : entries(qmpReturn, "query-machines")) {
            out.add(new MachineInfo(string(m, "name", "query-machines"), (String) m.get("alias")));
        }
        return out;
    }

    /** Decodes the {@code return} value of {@code qom-list-types}. */
    public static List<TypeInfo> types(Object qmpReturn) {
        List<TypeInfo> out = new ArrayList<>();
        for (Map<?, ?> m : entries(qmpReturn, "qom-list-types")) {
            out.add(new TypeInfo(string(m, "name", "qom-list-types"), Boolean.TRUE.equals(m.get("abstract"))));
        }
        return out;
    }

    /**
     * Applies both lists to the graph, machines first as qos-test does.
     *
     * @param arch {@code qtest_get_arch()}: the suffix of the QEMU binary's name
     */
    public static void apply(QosGraph<?> graph, String arch, Object machinesReturn, Object typesReturn) {
        graph.applyMachines(arch, machines(machinesReturn));
        graph.applyTypes(types(typesReturn));
    }

    /** Sends both queries to a running machine (qos-test starts it with {@code -machine none}) and applies them. */
    public static void apply(QosGraph<?> graph, String arch, QTestState qts) {
        Object machines = qts.qmp(QUERY_MACHINES).get("return");
        graph.applyMachines(arch, machines(machines));
        Object types = qts.qmp(QOM_LIST_TYPES).get("return");
        graph.applyTypes(types(types));
    }

    private static List<Map<?, ?>> entries(Object qmpReturn, String command) {
        if (!(qmpReturn instanceof List<?> list)) {
            throw new IllegalArgumentException(command + " returned " + qmpReturn + ", not a list");
        }
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(command + " list entry " + o + " is not an object");
            }
            out.add(m);
        }
        return out;
    }

    private static String string(Map<?, ?> m, String key, String command) {
        if (!(m.get(key) instanceof String s)) {
            throw new IllegalArgumentException(command + " entry " + m + " has no string '" + key + "'");
        }
        return s;
    }
}
