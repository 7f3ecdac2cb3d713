package io.qtestjvm.qos.qgraph;

/**
 * {@code QOSGraphEdgeOptions} (tests/qtest/libqos/qgraph.h) as the caller writes them: without the separators
 * {@link QosEdge} adds when it stores them (',' before {@code extraDeviceOpts}, ' ' before the command-line parts).
 * Every member is optional (null); {@code arg} is the constructor argument of a CONSUMED_BY edge (e.g. a PCI address)
 * and what {@code getDevice} callers may pass for CONTAINS edges.
 *
 * @param extraDeviceOpts appended to the consumer's {@code -device} option, e.g. {@code addr=04.0}
 * @param beforeCmdLine   added to the command line where the edge is walked
 * @param afterCmdLine    added after all {@code -device} options
 * @param edgeName        the path component and {@code getDevice} key; defaults to the destination's name
 * @param arg             the constructor argument
 */
public record QosEdgeOptions(String extraDeviceOpts, String beforeCmdLine, String afterCmdLine, String edgeName,
        Object arg) {
    private static final QosEdgeOptions NONE = new QosEdgeOptions(null, null, null, null, null);

    /** No options: {@code NULL} in QEMU. */
    public static QosEdgeOptions none() {
        return NONE;
    }

    public static QosEdgeOptions extraDeviceOpts(String opts) {
        return NONE.withExtraDeviceOpts(opts);
    }

    public QosEdgeOptions withExtraDeviceOpts(String v) {
        return new QosEdgeOptions(v, beforeCmdLine, afterCmdLine, edgeName, arg);
    }

    public QosEdgeOptions withBeforeCmdLine(String v) {
        return new QosEdgeOptions(extraDeviceOpts, v, afterCmdLine, edgeName, arg);
    }

    public QosEdgeOptions withAfterCmdLine(String v) {
        return new QosEdgeOptions(extraDeviceOpts, beforeCmdLine, v, edgeName, arg);
    }

    public QosEdgeOptions withEdgeName(String v) {
        return new QosEdgeOptions(extraDeviceOpts, beforeCmdLine, afterCmdLine, v, arg);
    }

    public QosEdgeOptions withArg(Object v) {
        return new QosEdgeOptions(extraDeviceOpts, beforeCmdLine, afterCmdLine, edgeName, v);
    }
}
