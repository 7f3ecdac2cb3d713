package io.qtestjvm.server.runtime;

import io.qtestjvm.server.net.NetStack;

import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * How the stand-in ends, as QEMU does: SIGTERM, SIGINT and SIGHUP print
 * {@code <prog>: terminating on signal N} and exit with status 0 after flushing what must be flushed;
 * {@code -run-with exit-with-parent=on} exits when the process that started us is gone.
 */
public final class ProcessLife {
    private ProcessLife() {
    }

    /** How long a termination signal waits for the machine thread to end the process before it does so itself. */
    private static final long MACHINE_EXIT_WAIT_MS = 1000;

    /**
     * Installs the signal handlers; {@code beforeExit} runs before the process halts. The exit is handed to the
     * machine thread ({@code machine}), as QEMU's main loop handles the shutdown request a signal raises: the process
     * then ends between two commands, and with the machine thread out of its selector a plain halt is quick
     * ({@link #exitNow}). If the machine thread has not ended the process within a second (a command that runs
     * long), the signal's thread does.
     * {@code qtestDriven}: QEMU prints the message only when it is not driven by qtest: Debian's QEMU 7.2 under
     * {@code -qtest} exits 0 on SIGTERM without a word.
     * QEMU adds {@code from pid N (name)}, which a JVM signal handler cannot learn.
     */
    @SuppressWarnings("removal")
    public static void onTerminationSignals(String prog, boolean qtestDriven, Runnable beforeExit,
                                            Executor machine) {
        for (String[] sig : new String[][] {{"TERM", "15"}, {"INT", "2"}, {"HUP", "1"}}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(sig[0]), s -> {
                    if (!qtestDriven) {
                        System.err.println(prog + ": terminating on signal " + sig[1]);
                    }
                    machine.execute(() -> exitNow(beforeExit, 0));
                    try {
                        Thread.sleep(MACHINE_EXIT_WAIT_MS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exitNow(beforeExit, 0);
                });
            } catch (IllegalArgumentException e) {
                // the signal is reserved by the JVM on this platform; the default action stays
            }
        }
    }

    /**
     * Runs {@code beforeExit} and ends the process with {@code status} at once, no shutdown hooks run, nothing
     * blocks. The JVM's halt waits up to 300 ms while another thread is in a native call (measured: SIGTERM handled
     * on the signal's thread while the machine thread sat in its selector took 310-323 ms), so a halt is used only
     * when no thread of ours can be there: on the machine thread, with no stdio reader and no socket netdev threads.
     * Otherwise libc's {@code _exit} ({@link NativeExit}), which waits for its background linking if that is still
     * running, then the halt should FFM be unavailable.
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
            ExitReport.report(status);
            if (!haltIsQuick()) {
                NativeExit.exit(status);
            }
            Runtime.getRuntime().halt(status);
        }
    }

    /**
     * Whether no thread of ours may be blocked in a native call: the caller is the machine thread (the process's
     * main thread, which runs the event loop) and neither the stdio reader ({@link EventLoop}) nor a socket netdev's
     * threads ({@link NetStack#IO_THREAD_PREFIX}) are alive.
     */
    private static boolean haltIsQuick() {
        return Thread.currentThread().getName().equals("main")
                && !threadAlive(EventLoop.STDIO_READER, NetStack.IO_THREAD_PREFIX);
    }

    /**
     * Whether an exit now could find a thread of ours in a native call, so that the JVM's halt would wait: the
     * stdio reader, a socket netdev's threads, or the thread that exits with the parent (it is not the machine
     * thread) are alive.
     */
    static boolean haltMayWait() {
        return threadAlive(EventLoop.STDIO_READER, NetStack.IO_THREAD_PREFIX, EXIT_WITH_PARENT);
    }

    /** Whether a thread whose name starts with one of {@code prefixes} is alive (one walk of the threads). */
    private static boolean threadAlive(String... prefixes) {
        Thread[] all = new Thread[Thread.activeCount() + 8];
        int n = Thread.enumerate(all);
        for (int i = 0; i < n; i++) {
            for (String prefix : prefixes) {
                if (all[i].getName().startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    static final String EXIT_WITH_PARENT = "exit-with-parent";

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
        }, EXIT_WITH_PARENT);
        t.setDaemon(true);
        t.start();
    }
}
