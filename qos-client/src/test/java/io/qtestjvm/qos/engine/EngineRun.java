package io.qtestjvm.qos.engine;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the qos-graph engine through the JUnit Platform launcher, as Surefire and IDEs do, and keeps every test's
 * and container's result by display name (skip reasons as aborted results with the reason as message).
 */
final class EngineRun {
    final Map<String, TestExecutionResult> tests = new LinkedHashMap<>();
    final Map<String, TestExecutionResult> containers = new LinkedHashMap<>();
    final Map<String, String> skipped = new LinkedHashMap<>();

    static EngineRun run(List<? extends DiscoverySelector> selectors, Map<String, String> params) {
        EngineRun r = new EngineRun();
        LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .filters(EngineFilter.includeEngines(QosGraphTestEngine.ID))
                // explicit values beat junit-platform.properties and -D system properties of the build (the
                // project's graph suite adds ppc64 there; a nested run keeps the engine's default arches)
                .configurationParameter("qos.filter", "").configurationParameter("qos.shard", "")
                .configurationParameter("qos.arches", "")
                .configurationParameters(params);
        LauncherDiscoveryRequest request = b.build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                (id.isTest() ? r.tests : r.containers).put(id.getDisplayName(), result);
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                r.skipped.put(id.getDisplayName(), reason);
            }
        });
        return r;
    }
}
