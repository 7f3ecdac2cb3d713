package io.qtestjvm.qos.qgraph;

/**
 * {@code QOSGraphTestOptions} (tests/qtest/libqos/qgraph.h).
 *
 * @param edge       options of the edge from the interface to the test; QEMU forbids an {@code arg} there
 * @param before     optional hook run before the machine starts (may append to the command line)
 * @param arg        the test's argument when there is no hook (or the hook's input)
 * @param subprocess when true the path runs the test in a child process under {@code <path>/subprocess}
 * @param virtualTimeReason not in QEMU: non-null when the test moves the virtual clock ({@code clock_step}), saying
 *                   why; a backend whose clock does not move (QEMU with {@code -accel tcg -S}) reports the test as
 *                   not applicable with this reason instead of running it
 */
public record QosTestOptions(QosEdgeOptions edge, QosBeforeTest before, Object arg, boolean subprocess,
        String virtualTimeReason) {
    private static final QosTestOptions NONE = new QosTestOptions(QosEdgeOptions.none(), null, null, false, null);

    public QosTestOptions {
        if (edge == null) {
            edge = QosEdgeOptions.none();
        }
        if (edge.arg() != null) {
            // qos_add_test asserts !opts->edge.arg: a test has no constructor to take it
            throw new IllegalArgumentException("a test edge takes no constructor argument, got " + edge.arg());
        }
    }

    public QosTestOptions(QosEdgeOptions edge, QosBeforeTest before, Object arg, boolean subprocess) {
        this(edge, before, arg, subprocess, null);
    }

    public static QosTestOptions none() {
        return NONE;
    }

    public static QosTestOptions before(QosBeforeTest before) {
        return new QosTestOptions(QosEdgeOptions.none(), before, null, false);
    }

    /** A test that needs the virtual clock to move, for {@code reason} (e.g. "edu DMA runs on a 100 ms timer"). */
    public static QosTestOptions needsVirtualTime(String reason) {
        return NONE.withNeedsVirtualTime(reason);
    }

    public boolean needsVirtualTime() {
        return virtualTimeReason != null;
    }

    public QosTestOptions withEdge(QosEdgeOptions v) {
        return new QosTestOptions(v, before, arg, subprocess, virtualTimeReason);
    }

    public QosTestOptions withBefore(QosBeforeTest v) {
        return new QosTestOptions(edge, v, arg, subprocess, virtualTimeReason);
    }

    public QosTestOptions withArg(Object v) {
        return new QosTestOptions(edge, before, v, subprocess, virtualTimeReason);
    }

    public QosTestOptions withSubprocess(boolean v) {
        return new QosTestOptions(edge, before, arg, v, virtualTimeReason);
    }

    public QosTestOptions withNeedsVirtualTime(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a test that needs virtual time says why, got '" + reason + "'");
        }
        return new QosTestOptions(edge, before, arg, subprocess, reason);
    }
}
