package io.qtestjvm.qos.runner;

import io.qtestjvm.qos.tests.QosTests;
import io.qtestjvm.qos.tracediff.Exchange;
import io.qtestjvm.qos.tracediff.RecordingTransport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Machines in one JVM share nothing: the whole graph of every arch the in-JVM stand-in has, run twice at the same
 * time with several workers each, gives exactly the qtest and QMP exchanges of a sequential run, path by path; and
 * discovering the arches on several threads plans what discovering them one after another does.
 */
class ConcurrentRunEquivalenceTest {
    private static final List<String> ARCHES = List.of("x86_64", "i386", "arm", "aarch64", "ppc64");
    private static final Pattern TIMESTAMP =
            Pattern.compile("\"timestamp\": \\{\"seconds\": \\d+, \"microseconds\": \\d+}");

    /** Every exchange of one run, by the path that started each machine, and every outcome. */
    record Recorded(Map<String, List<Exchange>> exchanges, Map<String, PathResult.Outcome> outcomes) {
    }

    private static Recorded record(QosPlan plan, int jobs) {
        Map<String, List<RecordingTransport>> recorders = new ConcurrentHashMap<>();
        ParallelRun run = new ParallelRun(QosBackend.jvm("7.2"), jobs, true, (item, t) -> {
            RecordingTransport r = new RecordingTransport(t);
            recorders.computeIfAbsent(item.name(), k -> new CopyOnWriteArrayList<>()).add(r);
            return r;
        });
        Map<String, PathResult.Outcome> outcomes = new TreeMap<>();
        for (PathResult r : run.run(plan, null)) {
            outcomes.put(r.item().name(), r.outcome());
        }
        Map<String, List<Exchange>> exchanges = new TreeMap<>();
        recorders.forEach((path, rs) -> {
            List<Exchange> all = new ArrayList<>();
            rs.forEach(r -> r.trace().forEach(e -> all.add(withoutTimestamps(e))));
            exchanges.put(path, all);
        });
        return new Recorded(exchanges, outcomes);
    }

    /** QMP events carry the host's time of day, the one thing that differs between two runs. */
    private static Exchange withoutTimestamps(Exchange e) {
        List<String> replies = new ArrayList<>();
        for (String r : e.replies()) {
            replies.add(TIMESTAMP.matcher(r).replaceAll("\"timestamp\": {}"));
        }
        return new Exchange(e.channel(), e.request(), replies);
    }

    @Test
    void twoConcurrentParallelRunsRecordTheSequentialRunsExchanges() throws Exception {
        QosPlan plan = QosPlan.discover(QosBackend.jvm("7.2"), ARCHES, QosTests::graph, QosPlan.Selection.all());
        assertTrue(plan.paths().stream().map(QosPlan.Item::arch).distinct().count() == ARCHES.size(),
                "every machine of every arch is in the plan");
        Recorded sequential = record(plan, 1);
        assertEquals(plan.size(), sequential.outcomes().size());
        assertTrue(sequential.outcomes().values().stream().noneMatch(o -> o == PathResult.Outcome.FAIL),
                sequential.outcomes().toString());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Recorded> a = pool.submit(() -> record(plan, 3));
            Future<Recorded> b = pool.submit(() -> record(plan, 3));
            for (Recorded r : List.of(a.get(), b.get())) {
                assertEquals(sequential.outcomes(), r.outcomes());
                assertEquals(sequential.exchanges().keySet(), r.exchanges().keySet());
                for (String path : sequential.exchanges().keySet()) {
                    List<Exchange> want = sequential.exchanges().get(path);
                    List<Exchange> got = r.exchanges().get(path);
                    // a path that is not applicable to its machine (decided from the declared configuration)
                    // may skip before its first command; every other one must have talked to its machine
                    assertTrue(want.size() > 2 || sequential.outcomes().get(path) == PathResult.Outcome.SKIP,
                            path + " exchanged something");
                    // a NIC's input arrives from a host socket on the back end's reader thread, so how many polls a
                    // test makes before a frame shows differs run to run; its outcome is compared above
                    if (!path.contains("/virtio-net")) {
                        assertEquals(want, got, path);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void discoveringArchesAtOncePlansWhatDiscoveringThemInTurnPlans() {
        QosPlan.Selection all = QosPlan.Selection.all();
        QosPlan inTurn = QosPlan.discover(QosBackend.jvm("7.2"), ARCHES, QosTests::graph, all, 1);
        QosPlan atOnce = QosPlan.discover(QosBackend.jvm("7.2"), ARCHES, QosTests::graph, all, 3);
        assertEquals(inTurn.total(), atOnce.total());
        assertEquals(describe(inTurn), describe(atOnce));
        assertEquals(ARCHES, inTurn.paths().stream().map(QosPlan.Item::arch).distinct().toList(),
                "arches in the order given");
    }

    private static List<String> describe(QosPlan plan) {
        List<String> out = new ArrayList<>();
        for (QosPlan.Item i : plan.paths()) {
            out.add(i.number() + " " + i.arch() + " " + i.name());
        }
        return out;
    }
}
