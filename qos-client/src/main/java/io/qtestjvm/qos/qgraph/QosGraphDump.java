package io.qtestjvm.qos.qgraph;

import java.util.List;

/**
 * Human views of a graph: the {@code qos-test --verbose} dump ({@code qos_dump_graph}, tests/qtest/libqos/qgraph.c:
 * every line prefixed {@code "# "} as {@code qos_printf} does, {@code type=N} being QEMU's enum values) and a
 * Graphviz DOT rendering with available nodes filled.
 */
public final class QosGraphDump {
    private QosGraphDump() {
    }

    /**
     * The verbose dump. Nodes come in creation order and edges in QEMU's list order (QEMU walks a hash table, whose
     * order is arbitrary); a pointer is shown as an identity hash, a missing node as {@code (nil)}, a missing
     * command line as {@code (null)}, as glibc's printf prints them.
     */
    public static String verbose(QosGraph<?> graph) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ALL QGRAPH EDGES: {\n");
        for (String src : graph.edgeSources()) {
            sb.append("# \t src='").append(src).append("'\n");
            for (QosEdge e : graph.edgesFrom(src)) {
                QosNode<?> dest = graph.node(e.dest());
                sb.append("# \t\t|-> dest='").append(e.dest()).append("' type=").append(e.kind().ordinal())
                        .append(" (node=").append(dest == null ? "(nil)" : pointer(dest)).append(')');
                if (dest == null) {
                    sb.append(" <------- ERROR !");
                }
                sb.append('\n');
            }
        }
        sb.append("# }\n");
        sb.append("# ALL QGRAPH NODES: {\n");
        for (QosNode<?> n : graph.nodes()) {
            sb.append("# \t name='").append(n.name()).append("' ");
            if (n.qemuName() != null) {
                sb.append("qemu_name='").append(n.qemuName()).append("' ");
            }
            sb.append("type=").append(n.kind().ordinal()).append(" cmd_line='")
                    .append(n.commandLine() == null ? "(null)" : n.commandLine()).append("' [")
                    .append(n.available() ? "available" : "UNAVAILABLE").append("]\n");
        }
        sb.append("# }\n");
        return sb.toString();
    }

    /**
     * Graphviz DOT: one node per graph node except the root (machines are the sources), shaped by kind; available
     * nodes are filled green, unavailable ones dashed grey. Edges carry their kind, and their name when it differs
     * from the destination; they are written in registration order.
     */
    public static String dot(QosGraph<?> graph) {
        StringBuilder sb = new StringBuilder("digraph qgraph {\n  rankdir=LR;\n  node [fontname=\"monospace\"];\n");
        for (QosNode<?> n : graph.nodes()) {
            if (n.name().equals(QosGraph.ROOT)) {
                continue;
            }
            sb.append("  ").append(quote(n.name())).append(" [shape=").append(shape(n.kind()));
            if (n.available()) {
                sb.append(", style=filled, fillcolor=palegreen");
            } else {
                sb.append(", style=dashed, color=grey50, fontcolor=grey50");
            }
            sb.append(", tooltip=").append(quote(n.kind() + (n.qemuName() != null ? " " + n.qemuName() : "")))
                    .append("];\n");
        }
        for (String src : graph.edgeSources()) {
            if (src.equals(QosGraph.ROOT)) {
                continue;
            }
            List<QosEdge> list = graph.edgesFrom(src);
            for (QosEdge e : list.reversed()) {
                String label = e.kind().name().toLowerCase();
                if (!e.edgeName().equals(e.dest())) {
                    label += "\\n" + e.edgeName();
                }
                sb.append("  ").append(quote(src)).append(" -> ").append(quote(e.dest()))
                        .append(" [label=").append(quote(label)).append("];\n");
            }
        }
        return sb.append("}\n").toString();
    }

    private static String shape(QosNodeKind kind) {
        return switch (kind) {
            case MACHINE -> "box3d";
            case DRIVER -> "box";
            case INTERFACE -> "ellipse";
            case TEST -> "note";
        };
    }

    private static String quote(String s) {
        // keep "\n" escapes produced above; escape quotes only
        return '"' + s.replace("\"", "\\\"") + '"';
    }

    private static String pointer(Object o) {
        return "0x" + Integer.toHexString(System.identityHashCode(o));
    }
}
