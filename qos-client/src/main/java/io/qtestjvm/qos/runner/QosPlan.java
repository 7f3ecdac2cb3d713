package io.qtestjvm.qos.runner;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosDiscovery;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosTestPath;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The paths one run executes, numbered from 1 in qos-test's order: per arch, discovery on a {@code -machine none}
 * machine of the backend ({@code qos_set_machines_devices_available}), the graph's available paths, then the
 * filters (name regex, machine) and the shard over what is left.
 *
 * @param paths the selected paths in run order
 * @param total how many paths the backend has before filtering and sharding
 */
public record QosPlan(List<Item> paths, int total) {
    /** One path to run: its 1-based number in the plan, the arch whose binary runs it, and the path. */
    public record Item(int number, String arch, QosTestPath<QTestState> path) {
        public String name() {
            return path.name();
        }
    }

    /** What to keep: a regex found in the path name, a machine type (or {@code arch/type}), a shard. */
    public record Selection(Pattern nameFilter, String machine, Shard shard) {
        public static Selection all() {
            return new Selection(null, null, Shard.all());
        }

        boolean keeps(QosTestPath<?> p) {
            if (nameFilter != null && !nameFilter.matcher(p.name()).find()) {
                return false;
            }
            if (machine != null) {
                String node = p.machine().name();
                String type = node.substring(node.indexOf('/') + 1);
                return machine.equals(type) || machine.equals(node);
            }
            return true;
        }
    }

    public QosPlan {
        paths = List.copyOf(paths);
    }

    /**
     * Discovers each arch on {@code backend} and selects its paths.
     *
     * @param graphs a fresh graph with every node and test registered, nothing available yet
     */
    public static QosPlan discover(QosBackend backend, List<String> arches, Supplier<QosGraph<QTestState>> graphs,
                                   Selection selection) {
        List<Item> all = new ArrayList<>();
        for (String arch : arches) {
            QosGraph<QTestState> graph = graphs.get();
            try (QTestState qts = new QTestState(backend.start(arch, "-machine none"))) {
                QosDiscovery.apply(graph, arch, qts);
            }
            for (QosTestPath<QTestState> p : graph.testPaths()) {
                all.add(new Item(0, arch, p));
            }
        }
        return select(all, selection);
    }

    /** Applies {@code selection} to {@code all} (numbers are reassigned from 1). */
    public static QosPlan select(List<Item> all, Selection selection) {
        List<Item> kept = new ArrayList<>();
        for (Item i : all) {
            if (selection.keeps(i.path())) {
                kept.add(i);
            }
        }
        List<Item> mine = selection.shard().of(kept);
        List<Item> numbered = new ArrayList<>(mine.size());
        for (Item i : mine) {
            numbered.add(new Item(numbered.size() + 1, i.arch(), i.path()));
        }
        return new QosPlan(numbered, all.size());
    }

    public int size() {
        return paths.size();
    }
}
