package io.qtestjvm.qos.qgraph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The qgraph driver framework (tests/qtest/libqos/qgraph.c, qos_external.c; reference section 3): registration of
 * machines, drivers, interfaces and tests with their edges, availability from QMP discovery, and the depth-first walk
 * that yields every machine-to-test path with its test name and command line exactly as qos-test registers them.
 *
 * <p>Edges of one source are kept in QEMU's list order: newest first ({@code QSLIST_INSERT_HEAD}). The walk pushes
 * them in that order, so siblings are visited in registration order, as in qos-test.
 *
 * @param <H> the machine handle the machine constructors receive (a {@code QTestState} in real use)
 */
public final class QosGraph<H> {
    /** {@code QOS_ROOT}: the unnamed root, a driver without a command line whose CONTAINS edges lead to machines. */
    public static final String ROOT = "";

    private final Map<String, QosNode<H>> nodes = new LinkedHashMap<>();
    private final Map<String, List<QosEdge>> edges = new LinkedHashMap<>();

    public QosGraph() {
        createNode(ROOT, QosNodeKind.DRIVER, null, null, null, null, null, null);
    }

    // ---- registration (qgraph.h) ----

    /** {@code qos_node_create_machine}: node {@code <arch>/<machine>}, fragment {@code "-M <machine> "}. */
    public QosNode<H> createMachine(String name, QosMachineConstructor<H> constructor) {
        return createMachineArgs(name, constructor, null);
    }

    /**
     * {@code qos_node_create_machine_args}: with {@code args} the fragment is {@code "-M <machine>," + args} without a
     * trailing space (aarch64/virt passes {@code " -cpu max"}, giving {@code "-M virt, -cpu max"}).
     */
    public QosNode<H> createMachineArgs(String name, QosMachineConstructor<H> constructor, String args) {
        String machine = machineType(name);
        String cmd = args != null ? "-M " + machine + "," + args : "-M " + machine + " ";
        QosNode<H> node = createNode(name, QosNodeKind.MACHINE, null, cmd, constructor, null, null, null);
        addEdge(ROOT, name, QosEdgeKind.CONTAINS, QosEdgeOptions.none());
        return node;
    }

    /** {@code qos_node_create_driver}: fragment {@code " -device <name>"}; the constructor may be null. */
    public QosNode<H> createDriver(String name, QosDriverConstructor constructor) {
        return createNode(name, QosNodeKind.DRIVER, null, " -device " + name, null, constructor, null, null);
    }

    /**
     * {@code qos_node_create_driver_named}: a node whose QOM type differs from its (unique) node name; the fragment
     * and QMP discovery use {@code qemuName}.
     */
    public QosNode<H> createDriverNamed(String name, String qemuName, QosDriverConstructor constructor) {
        return createNode(name, QosNodeKind.DRIVER, qemuName, " -device " + qemuName, null, constructor, null, null);
    }

    /** {@code qos_node_contains}: one CONTAINS edge per options object, or one without options. */
    public void contains(String container, String contained, QosEdgeOptions... opts) {
        if (opts.length == 0) {
            addEdge(container, contained, QosEdgeKind.CONTAINS, QosEdgeOptions.none());
            return;
        }
        for (QosEdgeOptions o : opts) {
            addEdge(container, contained, QosEdgeKind.CONTAINS, o);
        }
    }

    /** {@code qos_node_produces}: creates the interface node if needed. */
    public void produces(String producer, String iface) {
        createInterface(iface);
        addEdge(producer, iface, QosEdgeKind.PRODUCES, QosEdgeOptions.none());
    }

    /** {@code qos_node_consumes}: the CONSUMED_BY edge is stored on the interface. */
    public void consumes(String consumer, String iface, QosEdgeOptions opts) {
        createInterface(iface);
        addEdge(iface, consumer, QosEdgeKind.CONSUMED_BY, opts == null ? QosEdgeOptions.none() : opts);
    }

    /**
     * {@code qos_add_test}: node {@code <iface>-tests/<name>}, available from creation, consumed from {@code iface}
     * (an interface or, as virtio-blk-test does with {@code virtio-blk-pci}, a driver; no interface is created).
     */
    public QosNode<H> addTest(String name, String iface, QosTestFunction fn, QosTestOptions opts) {
        QosTestOptions o = opts == null ? QosTestOptions.none() : opts;
        String testName = iface + "-tests/" + name;
        QosNode<H> node = createNode(testName, QosNodeKind.TEST, null, null, null, null, fn, o);
        addEdge(iface, testName, QosEdgeKind.CONSUMED_BY, o.edge());
        return node;
    }

    // ---- availability (qgraph.c qos_graph_node_set_availability, qos_external.c) ----

    /**
     * {@code qos_graph_node_set_availability}: every node whose {@code qemu_name ?: name} equals {@code name}, and
     * recursively (by node name) everything reachable through CONTAINS and PRODUCES edges, never CONSUMED_BY.
     */
    public void setAvailability(String name, boolean available) {
        for (QosNode<H> n : nodes.values()) {
            if (n.matchName().equals(name)) {
                n.setAvailable(available);
                Set<String> seen = new HashSet<>();
                seen.add(n.name());
                propagate(n.name(), available, seen);
            }
        }
    }

    private void propagate(String source, boolean available, Set<String> seen) {
        for (QosEdge e : edges.getOrDefault(source, List.of())) {
            if (e.kind() != QosEdgeKind.CONSUMED_BY && seen.add(e.dest())) {
                QosNode<H> d = nodes.get(e.dest());
                if (d != null) {
                    // QEMU recurses without a seen set; the set only stops a CONTAINS/PRODUCES cycle
                    d.setAvailable(available);
                    propagate(d.name(), available, seen);
                }
            }
        }
    }

    /** {@code qos_delete_cmd_line}: looks the node up by node name only (not by {@code qemu_name}), as QEMU does. */
    public void deleteCommandLine(String name) {
        QosNode<H> n = nodes.get(name);
        if (n != null) {
            n.deleteCommandLine();
        }
    }

    /** {@code machines_apply_to_node}: {@code <arch>/<name>} and {@code <arch>/<alias>} for each machine. */
    public void applyMachines(String arch, Collection<QosDiscovery.MachineInfo> machines) {
        for (QosDiscovery.MachineInfo m : machines) {
            setAvailability(arch + "/" + m.name(), true);
            if (m.alias() != null) {
                setAvailability(arch + "/" + m.alias(), true);
            }
        }
    }

    /** {@code types_apply_to_node}: available, and an abstract type loses its {@code -device} fragment. */
    public void applyTypes(Collection<QosDiscovery.TypeInfo> types) {
        for (QosDiscovery.TypeInfo t : types) {
            setAvailability(t.name(), true);
            if (t.isAbstract()) {
                deleteCommandLine(t.name());
            }
        }
    }

    // ---- lookup ----

    public QosNode<H> node(String name) {
        return nodes.get(name);
    }

    /** All nodes in creation order (the root first). */
    public Collection<QosNode<H>> nodes() {
        return Collections.unmodifiableCollection(nodes.values());
    }

    /** The sources that have edges, in the order their first edge was added. */
    public Collection<String> edgeSources() {
        return Collections.unmodifiableCollection(edges.keySet());
    }

    /** The edges leaving {@code source} in QEMU's list order (newest first); empty when none. */
    public List<QosEdge> edgesFrom(String source) {
        return Collections.unmodifiableList(edges.getOrDefault(source, List.of()));
    }

    /** {@code qos_graph_get_edge}: the first edge in list order (the newest) from source to dest, or null. */
    public QosEdge edge(String source, String dest) {
        for (QosEdge e : edges.getOrDefault(source, List.of())) {
            if (e.dest().equals(dest)) {
                return e;
            }
        }
        return null;
    }

    // ---- the walk (qgraph.c qos_traverse_graph, qos-test.c walk_path) ----

    /** Every test path from the root through available nodes, in qos-test's registration order. */
    public List<QosTestPath<H>> testPaths() {
        List<QosTestPath<H>> out = new ArrayList<>();
        forEachTestPath(p -> out.add(QosTestPath.build(this, p)));
        return out;
    }

    /**
     * {@code qos_traverse_graph}: QEMU's iterative DFS, reproduced step for step (including that popping a frame
     * clears its node's visited flag), so paths come out in QEMU's order. The callback gets the edges from the root's
     * CONTAINS edge to the test.
     */
    public void forEachTestPath(Consumer<List<QosEdge>> callback) {
        record Frame<N>(N node, Frame<N> parent, QosEdge parentEdge) {
        }
        Deque<Frame<QosNode<H>>> stack = new ArrayDeque<>();
        Set<QosNode<H>> visited = new HashSet<>();
        stack.push(new Frame<>(nodes.get(ROOT), null, null));
        while (!stack.isEmpty()) {
            Frame<QosNode<H>> top = stack.peek();
            QosNode<H> v = top.node();
            if (visited.contains(v)) {
                visited.remove(stack.pop().node());
                continue;
            }
            visited.add(v);
            List<QosEdge> list = edges.get(v.name());
            if (list == null) {
                visited.remove(stack.pop().node());
                if (v.kind() == QosNodeKind.TEST) {
                    List<QosEdge> path = new ArrayList<>();
                    for (Frame<QosNode<H>> f = top; f.parent() != null; f = f.parent()) {
                        path.add(f.parentEdge());
                    }
                    Collections.reverse(path);
                    callback.accept(path);
                }
                continue;
            }
            for (QosEdge e : list) {
                QosNode<H> dest = nodes.get(e.dest());
                if (dest == null) {
                    throw new IllegalStateException("node " + e.dest() + " in " + v.name() + " -> " + e.dest()
                            + " does not exist");
                }
                if (!visited.contains(dest) && dest.available()) {
                    stack.push(new Frame<>(dest, top, e));
                }
            }
        }
    }

    // ---- internals ----

    /** {@code qos_get_machine_type}: the part after the first '/', which must not be empty. */
    static String machineType(String name) {
        int slash = name.indexOf('/');
        if (slash < 0 || slash == name.length() - 1) {
            throw new IllegalArgumentException("Machine name has to be of the form <arch>/<machine>: '" + name + "'");
        }
        return name.substring(slash + 1);
    }

    private QosNode<H> createNode(String name, QosNodeKind kind, String qemuName, String cmd,
            QosMachineConstructor<H> mc, QosDriverConstructor dc, QosTestFunction fn, QosTestOptions to) {
        if (nodes.containsKey(name)) {
            throw new IllegalStateException("Node " + name + " already created");
        }
        QosNode<H> n = new QosNode<>(name, kind, qemuName, cmd, mc, dc, fn, to);
        nodes.put(name, n);
        return n;
    }

    private void createInterface(String name) {
        QosNode<H> n = nodes.get(name);
        if (n == null) {
            createNode(name, QosNodeKind.INTERFACE, null, null, null, null, null, null);
        } else if (n.kind() != QosNodeKind.INTERFACE) {
            throw new IllegalStateException("Node " + name + " is not an interface but a " + n.kind());
        }
    }

    private void addEdge(String source, String dest, QosEdgeKind kind, QosEdgeOptions opts) {
        // QSLIST_INSERT_HEAD: newest first
        edges.computeIfAbsent(source, k -> new ArrayList<>()).addFirst(new QosEdge(kind, source, dest, opts));
    }
}
