package io.qtestjvm.qos.qgraph;

/**
 * {@code QOSGraphTestOptions} (tests/qtest/libqos/qgraph.h).
 *
 * @param edge       options of the edge from the interface to the test; QEMU forbids an {@code arg} there
 * @param before     optional hook run before the machine starts (may append to the command line)
 * @param arg        the test's argument when there is no hook (or the hook's input)
 * @param subprocess when true the path runs the test in a child process under {@code <path>/subprocess}
 */
public record QosTestOptions(QosEdgeOptions edge, QosBeforeTest before, Object arg, boolean subprocess) {
    private static final QosTestOptions NONE = new QosTestOptions(QosEdgeOptions.none(), null, null, false);

    public QosTestOptions {
        if (edge == null) {
            edge = QosEdgeOptions.none();
        }
        if (edge.arg() != null) {
            // qos_add_test asserts !opts->edge.arg: a test has no constructor to take it
            throw new IllegalArgumentException("a test edge takes no constructor argument, got " + edge.arg());
        }
    }

    public static QosTestOptions none() {
        return NONE;
    }

    public static QosTestOptions before(QosBeforeTest before) {
        return new QosTestOptions(QosEdgeOptions.none(), before, null, false);
    }

    public QosTestOptions withEdge(QosEdgeOptions v) {
        return new QosTestOptions(v, before, arg, subprocess);
    }

    public QosTestOptions withBefore(QosBeforeTest v) {
        return new QosTestOptions(edge, v, arg, subprocess);
    }

    public QosTestOptions withArg(Object v) {
        return new QosTestOptions(edge, before, v, subprocess);
    }

    public QosTestOptions withSubprocess(boolean v) {
        return new QosTestOptions(edge, before, arg, v);
    }
}
