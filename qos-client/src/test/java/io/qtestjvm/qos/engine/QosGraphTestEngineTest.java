package io.qtestjvm.qos.engine;

import io.qtestjvm.qos.libqos.sdhci.QSdhci;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosAllocator;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosTestOptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The qos-graph engine as Surefire drives it: discovery, names, outcomes, backends that cannot run. */
class QosGraphTestEngineTest {
    /** Annotated tests: one passes, one fails its check, one takes an edge name; an allocator is injected. */
    public static class AnnotatedSuite {
        @QosTest(consumes = "sdhci")
        void readsCapabilities(QSdhci sdhci, QosAllocator alloc) {
            if (alloc == null || sdhci.readq(0x40) != sdhci.props().capareg()) {
                throw new AssertionError("capabilities");
            }
        }

        @QosTest(consumes = "sdhci", edgeName = "renamed-edge")
        void named(QSdhci sdhci) {
            sdhci.readw(0xfe);
        }

        @QosTest(consumes = "sdhci")
        void failsItsCheck(QSdhci sdhci) {
            throw new AssertionError("block size: 0x" + Integer.toHexString(sdhci.readw(0x04)) + ", expected 0x7");
        }
    }

    /** A suite registering through the graph API, with a test that needs virtual time. */
    public static class ApiSuite implements QosGraphSuite {
        @Override
        public void register(QosGraph<QTestState> graph) {
            graph.addTest("steps-the-clock", "pci-device", (obj, arg, alloc) -> { },
                    QosTestOptions.needsVirtualTime("it steps the clock"));
        }
    }

    @Test
    void annotatedMethodsBecomeOneTestPerPathNamedByTheQemuPath() {
        EngineRun r = EngineRun.run(List.of(DiscoverySelectors.selectClass(AnnotatedSuite.class)),
                Map.of("qos.backend", "jvm"));
        List<String> pass = r.tests.keySet().stream().filter(n -> n.contains("/readsCapabilities ")).toList();
        assertEquals(List.of(
                "/x86_64/pc/i440FX-pcihost/pci-bus-pc/pci-bus/sdhci-pci/sdhci/sdhci-tests/readsCapabilities [jvm]",
                "/i386/pc/i440FX-pcihost/pci-bus-pc/pci-bus/sdhci-pci/sdhci/sdhci-tests/readsCapabilities [jvm]",
                "/arm/raspi2b/generic-sdhci/sdhci/sdhci-tests/readsCapabilities [jvm]",
                "/aarch64/virt/generic-pcihost/pci-bus-generic/pci-bus/sdhci-pci/sdhci/sdhci-tests/readsCapabilities"
                        + " [jvm]"), pass);
        for (String n : pass) {
            assertEquals(TestExecutionResult.Status.SUCCESSFUL, r.tests.get(n).getStatus(), n);
        }
        assertTrue(r.tests.containsKey("/arm/raspi2b/generic-sdhci/sdhci/renamed-edge [jvm]"), r.tests.toString());
        TestExecutionResult failed = r.tests.get("/arm/raspi2b/generic-sdhci/sdhci/sdhci-tests/failsItsCheck [jvm]");
        assertEquals(TestExecutionResult.Status.FAILED, failed.getStatus());
        Throwable t = failed.getThrowable().orElseThrow();
        assertInstanceOf(AssertionError.class, t);
        assertEquals("block size: 0x0, expected 0x7", t.getMessage());
        assertTrue(t.getSuppressed()[0].getMessage().startsWith("last exchanges:\n"), t.getSuppressed()[0]
                .getMessage());
        assertEquals(12, r.tests.size(), r.tests.keySet().toString());
    }

    @Test
    void aTestNeedingVirtualTimeIsAbortedWithItsReasonWhereTheClockStandsStill() {
        EngineRun r = EngineRun.run(List.of(DiscoverySelectors.selectClass(ApiSuite.class)),
                Map.of("qos.backend", "jvm,qemu", "qos.arches", "x86_64", "qos.require-qemu", "false"));
        String jvm = r.tests.keySet().stream().filter(n -> n.startsWith("/x86_64/pc/")
                && n.endsWith("/pci-device/pci-device-tests/steps-the-clock [jvm]")).findFirst()
                .orElseThrow(() -> new AssertionError(r.tests.keySet().toString()));
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, r.tests.get(jvm).getStatus(), r.tests.toString());
        TestExecutionResult qemu = r.tests.get(jvm.replace("[jvm]", "[qemu]"));
        if (qemu != null) { // Debian's QEMU is installed
            assertEquals(TestExecutionResult.Status.ABORTED, qemu.getStatus());
            assertEquals("not applicable on [qemu] (its virtual clock does not move): needs virtual time: it steps "
                    + "the clock", qemu.getThrowable().orElseThrow().getMessage());
        }
    }

    @Test
    void aMissingQemuIsSkippedUnlessRequiredThenItFails() {
        Map<String, String> params = Map.of("qos.backend", "qemu", "qos.binary", "/nonexistent/qemu-system-x86_64");
        EngineRun optional = EngineRun.run(List.of(DiscoverySelectors.selectClass(ApiSuite.class)),
                merge(params, "qos.require-qemu", "false"));
        assertEquals("/nonexistent/qemu-system-x86_64 is not installed", optional.skipped.get("[qemu]"));
        assertTrue(optional.tests.isEmpty());
        EngineRun required = EngineRun.run(List.of(DiscoverySelectors.selectClass(ApiSuite.class)),
                merge(params, "qos.require-qemu", "true"));
        TestExecutionResult r = required.containers.get("[qemu]");
        assertEquals(TestExecutionResult.Status.FAILED, r.getStatus());
        assertTrue(r.getThrowable().orElseThrow().getMessage().contains("QTEST_REQUIRE_QEMU"), r.toString());
        assertFalse(required.skipped.containsKey("[qemu]"));
    }

    @Test
    void shardsOfTheEngineCoverEveryPathOnce() {
        EngineRun all = EngineRun.run(List.of(DiscoverySelectors.selectClass(AnnotatedSuite.class)),
                Map.of("qos.backend", "jvm"));
        List<String> joined = new java.util.ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            joined.addAll(EngineRun.run(List.of(DiscoverySelectors.selectClass(AnnotatedSuite.class)),
                    Map.of("qos.backend", "jvm", "qos.shard", i + "/2")).tests.keySet());
        }
        assertEquals(List.copyOf(all.tests.keySet()), joined);
    }

    private static Map<String, String> merge(Map<String, String> m, String k, String v) {
        java.util.Map<String, String> out = new java.util.HashMap<>(m);
        out.put(k, v);
        return out;
    }
}
