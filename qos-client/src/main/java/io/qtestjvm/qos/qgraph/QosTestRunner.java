package io.qtestjvm.qos.qgraph;

/**
 * {@code run_one_test} of tests/qtest/qos-test.c (reference 3.5): runs the test's {@code before} hook on a copy of
 * the path's command line; if the result equals the previous test's command line the running machine is reused after
 * {@code system_reset} and its {@code RESET} event, otherwise the old machine is stopped and a new one started; then
 * the path's objects are built, the test runs, and the objects are destroyed. Not thread-safe: one runner per
 * sequence of tests, as qos-test has one global QEMU.
 *
 * @param <H> the machine handle type
 */
public final class QosTestRunner<H> implements AutoCloseable {
    private final QosMachineControl<H> control;
    private H machine;
    private String oldCommandLine;
    private QosTestPath<H> currentPath;
    private int starts;
    private int resets;
    private int resetFallbacks;

    public QosTestRunner(QosMachineControl<H> control) {
        this.control = control;
    }

    /** Runs one path's test. */
    public void run(QosTestPath<H> path) {
        QosNode<H> test = path.test();
        QosTestOptions opts = test.testOptions();
        StringBuilder cmd = new StringBuilder(path.commandLine());
        Object arg = opts.arg();
        currentPath = path;
        if (opts.before() != null) {
            arg = opts.before().before(cmd, arg);
        }
        restartOrContinue(cmd.toString());
        try (QosObjects objs = QosObjects.allocate(path, machine)) {
            test.testFunction().run(objs.object(), arg, objs.allocator());
        }
    }

    /**
     * {@code restart_qemu_or_continue}. Unlike QEMU, the command line is remembered only once the start succeeded,
     * so a failed start is retried rather than followed by a reset of no machine; and a machine without
     * {@code system_reset} ({@link QosMachineControl#trySystemReset} false) is replaced by a new one.
     */
    public void restartOrContinue(String commandLine) {
        if (commandLine.equals(oldCommandLine) && machine != null) {
            if (control.trySystemReset(machine)) {
                resets++;
                return;
            }
            resetFallbacks++;
        }
        stopMachine();
        machine = control.start(commandLine);
        starts++;
        oldCommandLine = commandLine;
    }

    /** Machines started so far. */
    public int starts() {
        return starts;
    }

    /** Machines reused with {@code system_reset} so far. */
    public int resets() {
        return resets;
    }

    /** Reuses that fell back to a restart because the machine has no {@code system_reset}. */
    public int resetFallbacks() {
        return resetFallbacks;
    }

    /** {@code qos_invalidate_command_line}: the next test starts a new machine (for tests that replace it). */
    public void invalidateCommandLine() {
        oldCommandLine = null;
    }

    /** The running machine, or null. */
    public H machine() {
        return machine;
    }

    /** {@code qos_get_current_command_line}: the current path's command line before its {@code before} hook. */
    public String currentCommandLine() {
        return currentPath == null ? null : currentPath.commandLine();
    }

    /** The path being (or last) run, for {@code qos_allocate_objects} on a replacement machine. */
    public QosTestPath<H> currentPath() {
        return currentPath;
    }

    /** The final {@code qtest_end}. */
    @Override
    public void close() {
        stopMachine();
    }

    private void stopMachine() {
        H m = machine;
        machine = null;
        oldCommandLine = null;
        if (m != null) {
            control.stop(m);
        }
    }
}
