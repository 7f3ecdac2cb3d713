package io.qtestjvm.qos.cli;

import io.qtestjvm.qos.libqtest.ProcessTransport;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestTransport;
import io.qtestjvm.qos.qgraph.QosDiscovery;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosGraphDump;
import io.qtestjvm.qos.qgraph.QosTestPath;
import io.qtestjvm.qos.runner.JUnitXmlReport;
import io.qtestjvm.qos.runner.ParallelRun;
import io.qtestjvm.qos.runner.PathResult;
import io.qtestjvm.qos.runner.ProgressLine;
import io.qtestjvm.qos.runner.QosBackend;
import io.qtestjvm.qos.runner.QosPlan;
import io.qtestjvm.qos.runner.Seconds;
import io.qtestjvm.qos.runner.Shard;
import io.qtestjvm.qos.runner.TapReport;
import io.qtestjvm.qos.tests.QosTests;
import io.qtestjvm.qos.tracediff.AllowList;
import io.qtestjvm.qos.tracediff.TraceDiffRunner;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code qos-test} in Java. Without a subcommand it runs the graph's test paths as QEMU's qos-test does, against
 * {@code --binary} / {@code QTEST_QEMU_BINARY}, or in this JVM ({@code --in-jvm}, the default when no binary is
 * named), on {@code -j} machines at once, and reports TAP ({@code --tap}; also whenever the output is not a
 * terminal), JUnit XML ({@code --junit FILE}) and, on a terminal, a one-line progress display. {@code -l} lists
 * the paths instead, {@code --verbose} / {@code --dot FILE} dump the graph, and {@code trace-diff} runs paths
 * against two binaries and prints the first reply that differs. Availability comes from a {@code -machine none}
 * machine of each arch, as in qos-test.
 *
 * <p>Exit status: 0 when every path that ran passed (skips included), 1 when one failed or could not run, 2 for a
 * usage error (always one line on stderr).
 */
public final class QosTestCli implements Callable<Integer> {
    /** The arches the in-JVM stand-in runs graph paths for, in qos-test's binary order. */
    static final List<String> IN_JVM_ARCHES = List.of("x86_64", "i386", "arm", "aarch64", "ppc64");

    boolean list;

    boolean verbose;

    Path dot;

    String binary;

    boolean inJvm;

    List<String> arches;

    String accel = "qtest";

    String compat;

    String pathFilter;

    String machine;

    boolean tap;

    Path junit;

    boolean keepGoing;

    Integer jobs;

    String shard;

    /** Environment, replaceable in tests. */
    Map<String, String> env = System.getenv();
    PrintStream out = System.out;
    PrintStream err = System.err;
    boolean terminal = System.console() != null && System.console().isTerminal();
    /** The graph every arch starts from (nodes and tests registered, nothing available), replaceable in tests. */
    Supplier<QosGraph<QTestState>> graphs = QosTests::graph;

    /** A mistake in how qos-test was called: one line on stderr, exit status 2. */
    static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message, null, false, false);
        }
    }

    public static void main(String[] args) {
        // the JDK looks for a selector provider on the class path unless a property names one, which opens and
        // indexes our jars before the first channel (~14 ms); its own provider is the one it would find on Linux
        if (System.getProperty("os.name", "").equals("Linux")) {
            System.setProperty("java.nio.channels.spi.SelectorProvider", "sun.nio.ch.EPollSelectorProvider");
        }
        System.exit(run(new QosTestCli(), args));
    }

    static final String VERSION = "qos-test (qtest-jvm) 0.1.0";

    /** A subcommand: its name (the first argument), its description, its options, its command from them. */
    private record Subcommand(String name, String description, Supplier<Options> options,
                              Function<Options.Parsed, Callable<Integer>> command) {
    }

    private static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand("trace-diff", TraceDiffCommand.DESCRIPTION, TraceDiffCommand::options,
                    TraceDiffCommand::new),
            new Subcommand("startup", StartupCommand.DESCRIPTION, StartupCommand::options, StartupCommand::new));

    /** The main command's options (qos-test's own, and the ones this runner adds). */
    static Options options() {
        Options o = new Options("qos-test", "Run qgraph test paths (TAP, JUnit XML), list them, dump the graph, or "
                + "trace-diff two backends.")
                .value("accel", "ACCEL", "accelerator for the binary (Debian's QEMU has no qtest: use 'tcg -S')",
                        "--accel")
                .value("arch", "ARCH[,ARCH...]", "with --in-jvm: the arches to run (default "
                        + String.join(",", IN_JVM_ARCHES) + ")", "--arch")
                .value("binary", "BIN", "the *-system-<arch> binary (QTEST_QEMU_BINARY)", "--binary")
                .value("compat", "VER", "the QEMU version the stand-in emulates (QTEST_JVM_COMPAT: 7.2 or 10.2)",
                        "--compat")
                .value("dot", "FILE", "write the graph as Graphviz DOT", "--dot")
                .flag("in-jvm", "run on the stand-in in this JVM (default when no binary is named)", "--in-jvm")
                .value("jobs", "N", "machines at once (default: the cores)", "-j", "--jobs")
                .value("junit", "FILE", "write a JUnit XML report", "--junit")
                .flag("keep-going", "go on after a failure", "-k", "--keep-going")
                .flag("list", "list the available test paths (qos-test -l)", "-l", "--list")
                .value("machine", "MACHINE", "only paths on this machine type (e.g. pc, raspi2b, x86_64/pc)",
                        "-m", "--machine")
                .value("path", "REGEX", "only paths matching this", "-p", "--path")
                .value("shard", "I/N", "run the I-th of N slices (also Bazel's TEST_TOTAL_SHARDS/TEST_SHARD_INDEX)",
                        "--shard")
                .flag("tap", "print TAP (the default when the output is not a terminal)", "--tap")
                .flag("verbose", "dump every node with [available]/[UNAVAILABLE] (qos-test -v)", "--verbose");
        for (Subcommand c : SUBCOMMANDS) {
            o.command(c.name(), c.description());
        }
        return o;
    }

    /** Takes the parsed options into the fields {@link #call} reads. */
    void take(Options.Parsed o) {
        list = o.flag("list");
        verbose = o.flag("verbose");
        dot = o.path("dot");
        binary = o.value("binary", null);
        inJvm = o.flag("in-jvm");
        arches = o.list("arch");
        accel = o.value("accel", "qtest");
        compat = o.value("compat", null);
        pathFilter = o.value("path", null);
        machine = o.value("machine", null);
        tap = o.flag("tap");
        junit = o.path("junit");
        keepGoing = o.flag("keep-going");
        jobs = o.integer("jobs", "--jobs", null);
        shard = o.value("shard", null);
    }

    /** Runs the command line on {@code cli}; returns the exit status. */
    static int run(QosTestCli cli, String... args) {
        PrintStream err = cli.err;
        try {
            List<String> a = List.of(args);
            Subcommand sub = null;
            for (Subcommand c : SUBCOMMANDS) {
                if (!a.isEmpty() && c.name().equals(a.getFirst())) {
                    sub = c;
                }
            }
            Options opts = sub != null ? sub.options().get() : options();
            Options.Parsed parsed = opts.parse(sub != null ? a.subList(1, a.size()) : a);
            if (parsed.help()) {
                cli.out.print(opts.help());
                return 0;
            }
            if (parsed.version()) {
                cli.out.println(VERSION);
                return 0;
            }
            Callable<Integer> command = cli;
            if (sub != null) {
                command = sub.command().apply(parsed);
            } else {
                cli.take(parsed);
            }
            return command.call();
        } catch (UsageError | IllegalArgumentException e) {
            err.println("qos-test: " + firstLine(e.getMessage()));
            return 2;
        } catch (Exception e) {
            err.println("qos-test: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
            return 1;
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    @Override
    public Integer call() throws IOException {
        Target target = target();
        QosPlan.Selection selection = selection();
        int j = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (j < 1) {
            throw new UsageError("-j " + j + ": the number of jobs is at least 1");
        }
        if (verbose || dot != null) {
            QosGraph<QTestState> graph = discoverGraph(graphs.get(), target.backend(), target.arches().getFirst());
            if (verbose) {
                out.print(QosGraphDump.verbose(graph));
            }
            if (dot != null) {
                Files.writeString(dot, QosGraphDump.dot(graph));
            }
            if (!list) {
                return 0;
            }
        }
        QosPlan plan = QosPlan.discover(target.backend(), target.arches(), graphs, selection, j);
        if (list) {
            for (QosPlan.Item i : plan.paths()) {
                out.println(i.name());
            }
            return 0;
        }
        return execute(target.backend(), plan, j);
    }

    private int execute(QosBackend backend, QosPlan plan, int j) throws IOException {
        boolean useTap = tap || !terminal;
        TapReport tapReport = useTap ? new TapReport(out, plan.size()) : null;
        ProgressLine progress = useTap ? null : new ProgressLine(out, plan.size());
        long t0 = System.nanoTime();
        List<PathResult> results = new ParallelRun(backend, j, keepGoing, null).run(plan, r -> {
            if (tapReport != null) {
                tapReport.finished(r);
            } else {
                progress.finished(r);
            }
        });
        long wall = System.nanoTime() - t0;
        int failed = 0;
        int skipped = 0;
        for (PathResult r : results) {
            failed += r.failed() ? 1 : 0;
            skipped += r.outcome() == PathResult.Outcome.SKIP ? 1 : 0;
        }
        boolean unrun = results.size() < plan.size();
        if (tapReport != null) {
            tapReport.end(unrun ? "stopped after the first failure (-k keeps going)" : null);
        } else {
            progress.end();
        }
        if (junit != null) {
            JUnitXmlReport.write(junit, backend.label(), results, wall);
        }
        err.println("qos-test: " + (results.size() - failed - skipped) + " passed, " + failed + " failed, "
                + skipped + " skipped" + (unrun ? ", " + (plan.size() - results.size()) + " not run" : "") + " of "
                + plan.size() + " paths on [" + backend.label() + "] with -j " + j + " in " + Seconds.of(wall, 2)
                + " s");
        return failed == 0 && !unrun ? 0 : 1;
    }

    /** The backend and the arches it runs. */
    record Target(QosBackend backend, List<String> arches) {
    }

    Target target() {
        String bin = binary;
        if (bin == null && !inJvm) {
            String fromEnv = env.get("QTEST_QEMU_BINARY");
            bin = fromEnv == null || fromEnv.isEmpty() ? null : fromEnv;
        }
        if (inJvm && binary != null) {
            throw new UsageError("--in-jvm and --binary exclude each other");
        }
        String c = compat != null ? compat : env.get("QTEST_JVM_COMPAT");
        if (c != null && !c.equals("7.2") && !c.equals("10.2")) {
            throw new UsageError("--compat " + c + ": the stand-in emulates QEMU 7.2 or 10.2");
        }
        if (bin == null) {
            QosBackend b = QosBackend.jvm(c);
            String why = b.unavailableReason("x86_64");
            if (why != null) {
                throw new UsageError("--in-jvm: " + why + "; name a binary with --binary or QTEST_QEMU_BINARY");
            }
            List<String> a = arches == null || arches.isEmpty() ? IN_JVM_ARCHES : arches;
            for (String arch : a) {
                if (!IN_JVM_ARCHES.contains(arch)) {
                    throw new UsageError("--arch " + arch + ": the in-JVM graph has " + IN_JVM_ARCHES);
                }
            }
            return new Target(b, List.copyOf(a));
        }
        if (arches != null) {
            throw new UsageError("--arch is for --in-jvm; a binary runs the arch its name ends with");
        }
        if (!bin.contains("-system-")) {
            throw new UsageError("the binary must be named *-system-<arch>: " + bin);
        }
        QosBackend b = QosBackend.process(bin, accel);
        if (c != null) {
            b = new QosBackend(b.label(), b.binaryForArch(), b.accel(), c, b.virtualTime(), false);
        }
        String arch = QTestState.archOf(bin);
        String why = b.unavailableReason(arch);
        if (why != null) {
            throw new UsageError(why);
        }
        return new Target(b, List.of(arch));
    }

    QosPlan.Selection selection() {
        Pattern p;
        try {
            p = pathFilter == null ? null : Pattern.compile(pathFilter);
        } catch (PatternSyntaxException e) {
            throw new UsageError("-p " + pathFilter + ": " + firstLine(e.getDescription()));
        }
        Shard s;
        try {
            Shard bazel = Shard.fromBazel(env);
            if (shard != null && bazel != null) {
                throw new UsageError("--shard and TEST_TOTAL_SHARDS exclude each other");
            }
            s = shard != null ? Shard.parse(shard) : bazel != null ? bazel : Shard.all();
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new UsageError(e.getMessage());
        }
        return new QosPlan.Selection(p, machine, s);
    }

    static QosGraph<QTestState> discoverGraph(QosGraph<QTestState> graph, QosBackend backend, String arch) {
        try (QTestState qts = new QTestState(backend.start(arch, "-machine none"))) {
            QosDiscovery.apply(graph, arch, qts);
        }
        return graph;
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
    static final class TraceDiffCommand implements Callable<Integer> {
        static final String DESCRIPTION = "Run paths against two binaries and print the first reply that differs "
                + "(beyond the documented allow-list).";
        private final String left;
        private final String leftAccel;
        private final String right;
        private final String rightAccel;
        private final String pathFilter;
        private final boolean show;

        static Options options() {
            return new Options("qos-test trace-diff", DESCRIPTION)
                    .required("left", "BIN", "the first binary", "--left")
                    .value("left-accel", "ACCEL", "its accelerator (default qtest)", "--left-accel")
                    .required("right", "BIN", "the second binary", "--right")
                    .value("right-accel", "ACCEL", "its accelerator (default 'tcg -S')", "--right-accel")
                    .value("path", "REGEX", "only paths matching this", "-p", "--path")
                    .flag("show", "print both traces in full", "--show");
        }

        TraceDiffCommand(Options.Parsed o) {
            left = o.value("left", null);
            leftAccel = o.value("left-accel", "qtest");
            right = o.value("right", null);
            rightAccel = o.value("right-accel", "tcg -S");
            pathFilter = o.value("path", null);
            show = o.flag("show");
        }

        @Override
        public Integer call() {
            for (String b : List.of(left, right)) {
                if (!b.contains("-system-")) {
                    throw new UsageError("the binary must be named *-system-<arch>: " + b);
                }
            }
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
