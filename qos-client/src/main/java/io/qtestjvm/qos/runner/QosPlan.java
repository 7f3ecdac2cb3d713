package io.qtestjvm.qos.runner;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosDiscovery;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosTestPath;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        return discover(backend, arches, graphs, selection, 1);
    }

    /**
     * As {@link #discover(QosBackend, List, Supplier, Selection)}, with up to {@code jobs} arches discovered at once
     * (each on a machine of its own, as the paths later run); the plan is the same as a sequential discovery's.
     */
    public static QosPlan discover(QosBackend backend, List<String> arches, Supplier<QosGraph<QTestState>> graphs,
                                   Selection selection, int jobs) {
        List<List<Item>> perArch = new ArrayList<>(arches.size());
        int threads = Math.min(jobs, arches.size());
        if (threads <= 1) {
            for (String arch : arches) {
                perArch.add(discoverArch(backend, arch, graphs));
            }
        } else {
            List<Callable<List<Item>>> work = new ArrayList<>(arches.size());
            for (String arch : arches) {
                work.add(() -> discoverArch(backend, arch, graphs));
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "qos-discovery");
                t.setDaemon(true);
                return t;
            });
            try {
                for (Future<List<Item>> f : pool.invokeAll(work)) {
                    perArch.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during discovery", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        List<Item> all = new ArrayList<>();
        for (List<Item> items : perArch) {
            all.addAll(items);
        }
        return select(all, selection);
    }

    /** One arch: a {@code -machine none} machine's lists applied to a fresh graph, its available paths. */
    private static List<Item> discoverArch(QosBackend backend, String arch, Supplier<QosGraph<QTestState>> graphs) {
        QosGraph<QTestState> graph = graphs.get();
        try (QTestState qts = new QTestState(backend.start(arch, "-machine none"))) {
            QosDiscovery.apply(graph, arch, qts);
        }
        List<Item> items = new ArrayList<>();
        for (QosTestPath<QTestState> p : graph.testPaths()) {
            items.add(new Item(0, arch, p));
        }
        return items;
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
