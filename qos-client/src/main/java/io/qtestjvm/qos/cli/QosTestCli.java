package io.qtestjvm.qos.cli;

import io.qtestjvm.qos.libqtest.ProcessTransport;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestTransport;
import io.qtestjvm.qos.qgraph.QosDiscovery;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphDump;
import io.qtestjvm.qos.qgraph.QosTestPath;
import io.qtestjvm.qos.tests.QosTests;
import io.qtestjvm.qos.tracediff.AllowList;
import io.qtestjvm.qos.tracediff.TraceDiffRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code qos-test} in Java: lists the graph's test paths for a binary as {@code qos-test -l} does, dumps the graph
 * ({@code --verbose}) or writes it as Graphviz DOT with the available nodes marked, and {@code trace-diff} runs
 * paths against two binaries and prints the first reply that differs. The binary defaults to
 * {@code QTEST_QEMU_BINARY}; availability comes from a {@code -machine none} instance of it, as in qos-test.
 */
@Command(name = "qos-test", mixinStandardHelpOptions = true, version = "qos-test (qtest-jvm) 0.1.0",
        subcommands = {QosTestCli.TraceDiffCommand.class},
        description = "List qgraph test paths, dump the graph, or trace-diff two backends.")
public final class QosTestCli implements Callable<Integer> {
    @Option(names = {"-l", "--list"}, description = "list the available test paths (qos-test -l)")
    boolean list;

    @Option(names = "--verbose", description = "dump every node with [available]/[UNAVAILABLE] (qos-test -v)")
    boolean verbose;

    @Option(names = "--dot", paramLabel = "FILE", description = "write the graph as Graphviz DOT")
    Path dot;

    @Option(names = "--binary", paramLabel = "BIN", description = "the *-system-<arch> binary (QTEST_QEMU_BINARY)")
    String binary;

    @Option(names = "--accel", defaultValue = "qtest",
            description = "accelerator for the binary (Debian's QEMU has no qtest: use 'tcg -S')")
    String accel;

    @Option(names = {"-p", "--path"}, paramLabel = "REGEX", description = "only paths matching this")
    String pathFilter;

    public static void main(String[] args) {
        System.exit(new CommandLine(new QosTestCli()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        String bin = binary != null ? binary : QTestState.binaryFromEnvironment();
        QosGraph<QTestState> graph = discover(bin, accel);
        if (list || (!verbose && dot == null)) {
            for (String p : selectedNames(graph, pathFilter)) {
                System.out.println(p);
            }
        }
        if (verbose) {
            System.out.print(QosGraphDump.verbose(graph));
        }
        if (dot != null) {
            Files.writeString(dot, QosGraphDump.dot(graph));
        }
        return 0;
    }

    static QosGraph<QTestState> discover(String bin, String accel) {
        QosGraph<QTestState> graph = QosTests.graph();
        try (QTestState qts = new QTestState(start(bin, accel, "-machine none"))) {
            QosDiscovery.apply(graph, QTestState.archOf(bin), qts);
        }
        return graph;
    }

    static QtestTransport start(String bin, String accel, String args) {
        return ProcessTransport.start(bin, args, accel, Path.of(bin).getFileName().toString(), 50_000, Map.of());
    }

    static List<String> selectedNames(QosGraph<QTestState> graph, String filter) {
        List<String> out = new ArrayList<>();
        for (QosTestPath<QTestState> p : selected(graph, filter)) {
            out.add(p.name());
        }
        return out;
    }

    static List<QosTestPath<QTestState>> selected(QosGraph<QTestState> graph, String filter) {
        Pattern p = filter == null ? null : Pattern.compile(filter);
        List<QosTestPath<QTestState>> out = new ArrayList<>();
        for (QosTestPath<QTestState> path : graph.testPaths()) {
            if (p == null || p.matcher(path.name()).find()) {
                out.add(path);
            }
        }
        return out;
    }

    /** {@code qos-test trace-diff}: the same paths on two binaries, the first differing reply of each. */
    @Command(name = "trace-diff", mixinStandardHelpOptions = true,
            description = "Run paths against two binaries and print the first reply that differs (beyond the "
                    + "documented allow-list).")
    static final class TraceDiffCommand implements Callable<Integer> {
        @Option(names = "--left", required = true, paramLabel = "BIN") String left;
        @Option(names = "--left-accel", defaultValue = "qtest") String leftAccel;
        @Option(names = "--right", required = true, paramLabel = "BIN") String right;
        @Option(names = "--right-accel", defaultValue = "tcg -S") String rightAccel;
        @Option(names = {"-p", "--path"}, paramLabel = "REGEX", description = "only paths matching this")
        String pathFilter;
        @Option(names = "--show", description = "print both traces in full") boolean show;

        @Override
        public Integer call() {
            QosGraph<QTestState> graph = discover(left, leftAccel);
            List<QosTestPath<QTestState>> paths = new ArrayList<>();
            boolean frozen = !leftAccel.startsWith("qtest") || !rightAccel.startsWith("qtest");
            for (QosTestPath<QTestState> p : selected(graph, pathFilter)) {
                if (frozen && p.test().testOptions().needsVirtualTime()) {
                    // one side runs without the qtest accelerator: its clock does not move
                    System.out.println("n/a  " + p.name() + " (needs virtual time: "
                            + p.test().testOptions().virtualTimeReason() + ")");
                } else {
                    paths.add(p);
                }
            }
            Function<String, QtestTransport> l = cmd -> start(left, leftAccel, cmd);
            Function<String, QtestTransport> r = cmd -> start(right, rightAccel, cmd);
            int differing = 0;
            for (TraceDiffRunner.Result res : TraceDiffRunner.run(paths, l, r, AllowList.standard())) {
                if (res.difference().isPresent()) {
                    differing++;
                    System.out.println("DIFF " + res.path() + "\n" + res.difference().get());
                } else {
                    System.out.println("same " + res.path() + " (" + res.left().size() + " exchanges)");
                }
                if (show) {
                    res.left().forEach(e -> System.out.println("  L " + e));
                    res.right().forEach(e -> System.out.println("  R " + e));
                }
            }
            return differing == 0 ? 0 : 1;
        }
    }
}
