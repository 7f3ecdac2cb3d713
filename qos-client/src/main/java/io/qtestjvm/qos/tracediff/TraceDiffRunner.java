package io.qtestjvm.qos.tracediff;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestTransport;
import io.qtestjvm.qos.qgraph.QosMachineControl;
import io.qtestjvm.qos.qgraph.QosTestPath;
import io.qtestjvm.qos.qgraph.QosTestRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs graph paths on two backends, each path on a fresh machine of each, records both qtest and QMP exchanges,
 * and reports per path the first reply that differs beyond the {@link AllowList}. A test that fails on a backend
 * ends its trace with a {@code (test failed: ...)} exchange, so a failure on one side only is a difference too.
 */
public final class TraceDiffRunner {
    /** The outcome for one path. */
    public record Result(String path, List<Exchange> left, List<Exchange> right,
                         Optional<TraceDiff.Difference> difference) {
    }

    private TraceDiffRunner() {
    }

    /**
     * @param startLeft  command line to a started transport of the first backend
     * @param startRight the same for the second backend
     */
    public static List<Result> run(List<QosTestPath<QTestState>> paths, Function<String, QtestTransport> startLeft,
                                   Function<String, QtestTransport> startRight, AllowList allow) {
        List<Result> results = new ArrayList<>();
        for (QosTestPath<QTestState> path : paths) {
            List<Exchange> left = record(path, startLeft);
            List<Exchange> right = record(path, startRight);
            results.add(new Result(path.name(), left, right, TraceDiff.firstDifference(left, right, allow)));
        }
        return results;
    }

    private static List<Exchange> record(QosTestPath<QTestState> path, Function<String, QtestTransport> start) {
        List<RecordingTransport> recorders = new ArrayList<>();
        QosTestRunner<QTestState> runner = new QosTestRunner<>(QosMachineControl.qtest(cmd -> {
            RecordingTransport r = new RecordingTransport(start.apply(cmd));
            recorders.add(r);
            return new QTestState(r);
        }));
        String failure = null;
        try {
            runner.run(path);
        } catch (RuntimeException | AssertionError e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            runner.close();
        }
        List<Exchange> trace = new ArrayList<>();
        for (RecordingTransport r : recorders) {
            trace.addAll(r.trace());
        }
        if (failure != null) {
            trace.add(new Exchange(Exchange.Channel.QTEST, "(test failed)", List.of(failure)));
        }
        return trace;
    }
}
