package io.qtestjvm.qos.engine;

import io.qtestjvm.qos.runner.ParallelRun;
import io.qtestjvm.qos.runner.PathResult;
import io.qtestjvm.qos.runner.QosBackend;
import io.qtestjvm.qos.runner.QosPlan;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.opentest4j.TestAbortedException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A JUnit Platform engine for qgraph tests ({@code qos-graph}): each {@link QosGraphSuite} or class with
 * {@link QosTest} methods becomes a container per configured backend ({@code qos.backend}, see
 * {@link EngineConfig}), and, when that container runs, one dynamic test per available graph path of each arch,
 * named {@code <QEMU path> [<backend>]}, in qos-test's order with machine reuse through {@code system_reset}. A
 * backend that cannot run here is skipped ({@code qemu} without QEMU installed), or fails when it must run
 * ({@code QTEST_REQUIRE_QEMU}, or the stand-in missing). A path that needs a moving virtual clock on a backend
 * without one, or that finds its device lacks the feature under test, is aborted with the reason.
 */
public final class QosGraphTestEngine implements TestEngine {
    /** The engine id in unique ids and {@code --include-engine}. */
    public static final String ID = "qos-graph";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("io.qtestjvm");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("qos-client");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "qos-graph tests");
        Predicate<String> names = className -> request.getFiltersByType(ClassNameFilter.class).stream()
                .allMatch(f -> f.apply(className).included());
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (ClassSelector s : request.getSelectorsByType(ClassSelector.class)) {
            addIfSuite(classes, s.getJavaClass());
        }
        for (MethodSelector s : request.getSelectorsByType(MethodSelector.class)) {
            addIfSuite(classes, s.getJavaClass());
        }
        for (PackageSelector s : request.getSelectorsByType(PackageSelector.class)) {
            classes.addAll(ReflectionSupport.findAllClassesInPackage(s.getPackageName(), SuiteGraph::isSuite, names));
        }
        for (ClasspathRootSelector s : request.getSelectorsByType(ClasspathRootSelector.class)) {
            classes.addAll(ReflectionSupport.findAllClassesInClasspathRoot(s.getClasspathRoot(), SuiteGraph::isSuite,
                    names));
        }
        for (UniqueIdSelector s : request.getSelectorsByType(UniqueIdSelector.class)) {
            List<UniqueId.Segment> segs = s.getUniqueId().getSegments();
            if (s.getUniqueId().hasPrefix(uniqueId) && segs.size() > 1 && segs.get(1).getType().equals("class")) {
                ReflectionSupport.tryToLoadClass(segs.get(1).getValue()).toOptional()
                        .ifPresent(c -> addIfSuite(classes, c));
            }
        }
        EngineConfig config = EngineConfig.from(request.getConfigurationParameters(), System.getenv());
        for (Class<?> c : classes) {
            SuiteDescriptor suite = new SuiteDescriptor(uniqueId.append("class", c.getName()), c);
            for (QosBackend b : config.backends()) {
                suite.addChild(new BackendDescriptor(suite.getUniqueId().append("backend", b.label()), b, c));
            }
            engine.addChild(suite);
        }
        return engine;
    }

    private static void addIfSuite(Set<Class<?>> classes, Class<?> c) {
        if (SuiteGraph.isSuite(c)) {
            classes.add(c);
        }
    }

    @Override
    public void execute(ExecutionRequest request) {
        TestDescriptor root = request.getRootTestDescriptor();
        EngineExecutionListener listener = request.getEngineExecutionListener();
        EngineConfig config = EngineConfig.from(request.getConfigurationParameters(), System.getenv());
        listener.executionStarted(root);
        for (TestDescriptor suite : root.getChildren()) {
            listener.executionStarted(suite);
            for (TestDescriptor child : suite.getChildren()) {
                if (child instanceof BackendDescriptor b) {
                    runBackend(b, config, listener);
                }
            }
            listener.executionFinished(suite, TestExecutionResult.successful());
        }
        listener.executionFinished(root, TestExecutionResult.successful());
    }

    private static void runBackend(BackendDescriptor d, EngineConfig config, EngineExecutionListener listener) {
        QosBackend backend = d.backend;
        for (String arch : config.arches()) {
            String why = backend.unavailableReason(arch);
            if (why != null) {
                if (backend.label().equals("qemu") && !backend.requireQemu()) {
                    listener.executionSkipped(d, why);
                    return;
                }
                listener.executionStarted(d);
                String must = backend.label().equals("qemu") ? " (QTEST_REQUIRE_QEMU is set)" : "";
                listener.executionFinished(d, TestExecutionResult.failed(new AssertionError(
                        "[" + backend.label() + "] cannot run" + must + ": " + why)));
                return;
            }
        }
        listener.executionStarted(d);
        QosPlan plan;
        try {
            plan = QosPlan.discover(backend, config.arches(), () -> SuiteGraph.build(d.suiteClass),
                    config.selection());
        } catch (RuntimeException | AssertionError e) {
            listener.executionFinished(d, TestExecutionResult.failed(e));
            return;
        }
        PathDescriptor[] tests = new PathDescriptor[plan.size()];
        for (QosPlan.Item item : plan.paths()) {
            PathDescriptor t = new PathDescriptor(d.getUniqueId().append("path", item.name()),
                    item.name() + " [" + backend.label() + "]", d.suiteClass);
            d.addChild(t);
            listener.dynamicTestRegistered(t);
            tests[item.number() - 1] = t;
        }
        new ParallelRun(backend, 1, true, null).run(plan, r -> {
            PathDescriptor t = tests[r.item().number() - 1];
            listener.executionStarted(t);
            listener.executionFinished(t, result(r, backend));
        });
        listener.executionFinished(d, TestExecutionResult.successful());
    }

    private static TestExecutionResult result(PathResult r, QosBackend backend) {
        return switch (r.outcome()) {
            case PASS -> TestExecutionResult.successful();
            case SKIP -> TestExecutionResult.aborted(new TestAbortedException("not applicable on ["
                    + backend.label() + "]" + (backend.virtualTime() ? "" : " (its virtual clock does not move)")
                    + ": " + r.message()));
            case FAIL -> {
                Throwable t = r.failure() != null ? r.failure() : new AssertionError(r.message());
                if (!r.lastExchanges().isEmpty()) {
                    t.addSuppressed(new LastExchanges(String.join("\n", r.lastExchanges())));
                }
                yield TestExecutionResult.failed(t);
            }
        };
    }

    /** The last qtest/QMP exchanges before a failure, attached to it as a suppressed exception. */
    static final class LastExchanges extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LastExchanges(String text) {
            super("last exchanges:\n" + text, null, false, false);
        }
    }

    /** One suite class. */
    static final class SuiteDescriptor extends AbstractTestDescriptor {
        SuiteDescriptor(UniqueId id, Class<?> c) {
            super(id, c.getSimpleName(), ClassSource.from(c));
        }

        @Override
        public Type getType() {
            return Type.CONTAINER;
        }
    }

    /** One backend of a suite: its paths are registered when it runs. */
    static final class BackendDescriptor extends AbstractTestDescriptor {
        final QosBackend backend;
        final Class<?> suiteClass;

        BackendDescriptor(UniqueId id, QosBackend backend, Class<?> suiteClass) {
            // no source: Surefire starts a test set at each container with a class source, and one per suite is
            // what counts the suite's tests
            super(id, "[" + backend.label() + "]", null);
            this.backend = backend;
            this.suiteClass = suiteClass;
        }

        @Override
        public Type getType() {
            return Type.CONTAINER;
        }

        @Override
        public boolean mayRegisterTests() {
            return true;
        }
    }

    /** One graph path on one backend. */
    static final class PathDescriptor extends AbstractTestDescriptor {
        PathDescriptor(UniqueId id, String displayName, Class<?> suiteClass) {
            // a method source named by the path: reports (Surefire's XML) name the test case by it
            super(id, displayName, MethodSource.from(suiteClass.getName(), displayName));
        }

        @Override
        public Type getType() {
            return Type.TEST;
        }

        @Override
        public String getLegacyReportingName() {
            return getDisplayName();
        }
    }
}
