package io.qtestjvm.qos.runner;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestTransport;
import io.qtestjvm.qos.qgraph.QosMachineControl;
import io.qtestjvm.qos.qgraph.QosTestOptions;
import io.qtestjvm.qos.qgraph.QosTestRunner;
import io.qtestjvm.qos.tests.NotApplicable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Runs a {@link QosPlan} on up to {@code jobs} machines at once. The plan is cut into units: maximal runs of
 * consecutive paths with the same arch and command line, which qos-test would run on one machine reset with
 * {@code system_reset} between them. Each worker thread takes the next unit, runs it on a fresh
 * {@link QosTestRunner} (so a unit's exchanges do not depend on which worker ran it or what ran before), and stops
 * its machine at the end. With {@code jobs == 1} this is qos-test's order. In-JVM machines are confined to the
 * worker thread that started them; process machines are separate processes.
 *
 * <p>A path fails on any exception or error (its machine is then replaced); it is skipped when it
 * needs a moving virtual clock the backend lacks, or throws {@link NotApplicable}. Without {@code keepGoing} no new
 * path starts after the first failure.
 */
public final class ParallelRun {
    /** Receives each result as it ends, from the worker thread that ran it. */
    @FunctionalInterface
    public interface Listener {
        void finished(PathResult result);
    }

    private final QosBackend backend;
    private final int jobs;
    private final boolean keepGoing;
    private final BiFunction<QosPlan.Item, QtestTransport, QtestTransport> wrap;

    /**
     * @param wrap applied to every transport started, with the path that started it (e.g. to record exchanges)
     */
    public ParallelRun(QosBackend backend, int jobs, boolean keepGoing,
                       BiFunction<QosPlan.Item, QtestTransport, QtestTransport> wrap) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        this.backend = backend;
        this.jobs = jobs;
        this.keepGoing = keepGoing;
        this.wrap = wrap == null ? (i, t) -> t : wrap;
    }

    /** The plan's units in order (each a run of paths sharing one machine). */
    static List<List<QosPlan.Item>> units(QosPlan plan) {
        List<List<QosPlan.Item>> units = new ArrayList<>();
        List<QosPlan.Item> cur = null;
        for (QosPlan.Item i : plan.paths()) {
            if (cur == null || !cur.getLast().arch().equals(i.arch())
                    || !cur.getLast().path().commandLine().equals(i.path().commandLine())) {
                cur = new ArrayList<>();
                units.add(cur);
            }
            cur.add(i);
        }
        return units;
    }

    /** Runs the plan; returns the results of the paths that ran, in plan order. */
    public List<PathResult> run(QosPlan plan, Listener listener) {
        List<List<QosPlan.Item>> units = units(plan);
        PathResult[] results = new PathResult[plan.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Runnable worker = () -> {
            int u;
            while (!stop.get() && (u = next.getAndIncrement()) < units.size()) {
                runUnit(units.get(u), results, stop, listener);
            }
        };
        int threads = Math.min(jobs, Math.max(1, units.size()));
        if (threads == 1) {
            worker.run();
        } else {
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                started.add(Thread.ofPlatform().name("qos-worker-" + t).start(worker));
            }
            for (Thread t : started) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.set(true);
                }
            }
        }
        List<PathResult> out = new ArrayList<>();
        for (PathResult r : results) {
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private void runUnit(List<QosPlan.Item> unit, PathResult[] results, AtomicBoolean stop, Listener listener) {
        QosPlan.Item[] current = new QosPlan.Item[1];
        TailTransport[] tail = new TailTransport[1];
        QosTestRunner<QTestState> runner = new QosTestRunner<>(QosMachineControl.qtest(cmd -> {
            QosPlan.Item item = current[0];
            tail[0] = new TailTransport(wrap.apply(item, backend.start(item.arch(), cmd)));
            return new QTestState(tail[0]);
        }));
        try {
            for (QosPlan.Item item : unit) {
                if (stop.get()) {
                    return;
                }
                current[0] = item;
                PathResult r = runPath(runner, item, tail);
                results[item.number() - 1] = r;
                if (r.failed() && !keepGoing) {
                    stop.set(true);
                }
                if (listener != null) {
                    listener.finished(r);
                }
            }
        } finally {
            try {
                runner.close();
            } catch (RuntimeException e) {
                // the machine is gone either way; its results are already recorded
            }
        }
    }

    private PathResult runPath(QosTestRunner<QTestState> runner, QosPlan.Item item, TailTransport[] tail) {
        long t0 = System.nanoTime();
        QosTestOptions opts = item.path().test().testOptions();
        if (opts.needsVirtualTime() && !backend.virtualTime()) {
            return new PathResult(item, PathResult.Outcome.SKIP, "needs virtual time: " + opts.virtualTimeReason(),
                    List.of(), System.nanoTime() - t0, null);
        }
        try {
            runner.run(item.path());
            return new PathResult(item, PathResult.Outcome.PASS, null, List.of(), System.nanoTime() - t0, null);
        } catch (NotApplicable e) {
            return new PathResult(item, PathResult.Outcome.SKIP, e.getMessage(), List.of(), System.nanoTime() - t0,
                    null);
        } catch (Throwable e) { // any Error too: a worker must not die with its unit half run
            List<String> last = tail[0] == null ? List.of() : tail[0].tail();
            try {
                runner.close();
            } catch (RuntimeException ignored) {
                // a failed machine may not stop cleanly; the next path starts a new one
            }
            return new PathResult(item, PathResult.Outcome.FAIL, describe(e), last, System.nanoTime() - t0, e);
        }
    }

    /** The failing check: the exception and where in test code it was thrown. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        for (StackTraceElement f : e.getStackTrace()) {
            String c = f.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.equals("io.qtestjvm.qos.tests.Check")
                    && !c.startsWith("io.qtestjvm.qos.libqtest.")) {
                sb.append(" (at ").append(f.getClassName()).append('.').append(f.getMethodName()).append(':')
                        .append(f.getLineNumber()).append(')');
                break;
            }
        }
        return sb.toString();
    }
}
