package io.qtestjvm.qos.qgraph;

/**
 * One stored edge ({@code struct QOSGraphEdge}, tests/qtest/libqos/qgraph.c {@code add_edge}): the options are kept
 * in the form walk_path appends them, i.e. {@code extraDeviceOpts} with a leading ',' and the two command-line parts
 * with a leading ' '; absent options stay null. The edge name defaults to the destination.
 */
public final class QosEdge {
    private final QosEdgeKind kind;
    private final String source;
    private final String dest;
    private final String edgeName;
    private final Object arg;
    private final String extraDeviceOpts;
    private final String beforeCmdLine;
    private final String afterCmdLine;

    QosEdge(QosEdgeKind kind, String source, String dest, QosEdgeOptions opts) {
        this.kind = kind;
        this.source = source;
        this.dest = dest;
        this.edgeName = opts.edgeName() != null ? opts.edgeName() : dest;
        this.arg = opts.arg();
        this.extraDeviceOpts = opts.extraDeviceOpts() == null ? null : "," + opts.extraDeviceOpts();
        this.beforeCmdLine = opts.beforeCmdLine() == null ? null : " " + opts.beforeCmdLine();
        this.afterCmdLine = opts.afterCmdLine() == null ? null : " " + opts.afterCmdLine();
    }

    public QosEdgeKind kind() {
        return kind;
    }

    public String source() {
        return source;
    }

    public String dest() {
        return dest;
    }

    public String edgeName() {
        return edgeName;
    }

    public Object arg() {
        return arg;
    }

    /** With its leading ',' or null. */
    public String extraDeviceOpts() {
        return extraDeviceOpts;
    }

    /** With its leading ' ' or null. */
    public String beforeCmdLine() {
        return beforeCmdLine;
    }

    /** With its leading ' ' or null. */
    public String afterCmdLine() {
        return afterCmdLine;
    }

    @Override
    public String toString() {
        return source + " --" + kind + "--> " + dest;
    }
}
