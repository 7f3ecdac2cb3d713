package io.qtestjvm.qos.engine;

import io.qtestjvm.qos.graphtests.QosGraphTests;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project's graph suite runs as QEMU 7.2, which has neither IOMMU DMA engine, so their graph tests
 * ({@code iommu-testdev-tests/*}, {@code smmu-testdev-tests/*}) are run here under the default compat (10.2), on
 * [jvm] and [jvm-process]: iommu-testdev on pc and virt, smmu-testdev on virt only (the RFC's device is arm-only).
 */
class IommuTestdevGraphTest {
    @Test
    void theDmaEngineGraphTestsPassUnderTheNewestCompat() {
        EngineRun r = EngineRun.run(List.of(DiscoverySelectors.selectClass(QosGraphTests.class)),
                Map.of("qos.backend", "jvm,process", "qos.compat", "10.2", "qos.filter", "testdev-tests/"));
        for (Map.Entry<String, TestExecutionResult> e : r.tests.entrySet()) {
            assertEquals(TestExecutionResult.Status.SUCCESSFUL, e.getValue().getStatus(),
                    e.getKey() + ": " + e.getValue().getThrowable().map(Throwable::toString).orElse(""));
        }
        List<String> jvm = r.tests.keySet().stream().filter(n -> n.endsWith(" [jvm]")).toList();
        assertEquals(6, count(jvm, "/x86_64/", "/iommu-testdev-tests/"), jvm.toString());
        assertEquals(6, count(jvm, "/i386/", "/iommu-testdev-tests/"), jvm.toString());
        assertEquals(6, count(jvm, "/aarch64/", "/iommu-testdev-tests/"), jvm.toString());
        assertEquals(3, count(jvm, "/aarch64/", "/smmu-testdev-tests/"), jvm.toString());
        assertEquals(0, count(jvm, "/x86_64/", "/smmu-testdev-tests/"), "smmu-testdev is arm-only");
        // [jvm-process] runs the same paths where the launcher is built (bin/test builds it first)
        assertTrue(r.tests.size() == jvm.size() || r.tests.size() == 2 * jvm.size(), r.tests.keySet().toString());
    }

    private static long count(List<String> names, String arch, String tests) {
        return names.stream().filter(n -> n.startsWith(arch) && n.contains(tests)).count();
    }
}
