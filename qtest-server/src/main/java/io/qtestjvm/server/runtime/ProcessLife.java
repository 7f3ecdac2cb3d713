package io.qtestjvm.server.runtime;

import java.util.Optional;

/**
 * How the stand-in ends, as QEMU does: SIGTERM, SIGINT and SIGHUP print
 * {@code <prog>: terminating on signal N} and exit with status 0 after flushing what must be flushed;
 * {@code -run-with exit-with-parent=on} exits when the process that started us is gone.
 */
public final class ProcessLife {
    private ProcessLife() {
    }

    /**
     * Installs the signal handlers; {@code beforeExit} runs (on the signal thread) before the process halts.
     * {@code qtestDriven}: QEMU prints the message only when it is not driven by qtest: Debian's QEMU 7.2 under
     * {@code -qtest} exits 0 on SIGTERM without a word.
     * QEMU adds {@code from pid N (name)}, which a JVM signal handler cannot learn.
     */
    @SuppressWarnings("removal")
    public static void onTerminationSignals(String prog, boolean qtestDriven, Runnable beforeExit) {
        for (String[] sig : new String[][] {{"TERM", "15"}, {"INT", "2"}, {"HUP", "1"}}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(sig[0]), s -> {
                    if (!qtestDriven) {
                        System.err.println(prog + ": terminating on signal " + sig[1]);
                    }
                    exitNow(beforeExit, 0);
                });
            } catch (IllegalArgumentException e) {
                // the signal is reserved by the JVM on this platform; the default action stays
            }
        }
    }

    /**
     * Runs {@code beforeExit} and ends the process with {@code status} at once ({@link NativeExit}), falling back
     * to {@link Runtime#halt}; no shutdown hooks run, nothing blocks.
     */
    public static void exitNow(Runnable beforeExit, int status) {
        if (Boolean.getBoolean(AotTraining.ACTIVE_PROPERTY)) {
            throw new AotTraining.TrainingExit(status); // the training run must end normally to write the cache
        }
        try {
            beforeExit.run();
        } catch (RuntimeException e) {
            System.err.println("error while flushing at exit: " + e);
        } finally {
            System.err.flush();
            System.out.flush();
            NativeExit.exit(status);
            Runtime.getRuntime().halt(status);
        }
    }

    /** {@code -run-with exit-with-parent=on}: a daemon thread polls the parent and exits 0 once it is gone. */
    public static void exitWithParent(Runnable beforeExit) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty()) {
            return;
        }
        ProcessHandle p = parent.get();
        Thread t = new Thread(() -> {
            while (p.isAlive()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
            exitNow(beforeExit, 0);
        }, "exit-with-parent");
        t.setDaemon(true);
        t.start();
    }
}
