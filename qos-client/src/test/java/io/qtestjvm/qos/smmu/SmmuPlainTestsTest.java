package io.qtestjvm.qos.smmu;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestFunctions;
import io.qtestjvm.qos.tests.IommuSmmuv3Tests;
import io.qtestjvm.qos.tests.PlainTests;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The plain aarch64 SMMU tests (the ports of upstream's {@code iommu-smmuv3-test} and of the RFC's smmu-testdev
 * smoke test) on every backend under the default compat (10.2), where both DMA engines are registered: they run on
 * [jvm] and [jvm-process] and report themselves not applicable on [qemu], with the reason they give.
 */
class SmmuPlainTestsTest {

    @TestFactory
    List<DynamicTest> jvm() {
        return tests(Backend.JVM);
    }

    @TestFactory
    List<DynamicTest> jvmProcess() {
        return tests(Backend.JVM_PROCESS);
    }

    @TestFactory
    List<DynamicTest> qemu() {
        return tests(Backend.QEMU);
    }

    private static List<DynamicTest> tests(Backend backend) {
        List<QtestFunctions.Entry> entries = PlainTests.forArch("aarch64").entries().stream()
                .filter(e -> IommuSmmuv3Tests.PATHS.contains(e.path())).toList();
        assertEquals(IommuSmmuv3Tests.PATHS, entries.stream().map(QtestFunctions.Entry::path).toList(),
                "the registered paths");
        List<DynamicTest> tests = new ArrayList<>();
        for (QtestFunctions.Entry e : entries) {
            tests.add(DynamicTest.dynamicTest(e.path() + " [" + backend.label() + "]", () -> {
                if (e.virtualTimeReason() != null && !backend.hasVirtualTime()) {
                    Assumptions.abort("not applicable on [" + backend.label() + "]: " + e.virtualTimeReason());
                }
                e.body().run(args -> new QTestState(backend.start("aarch64", args, "10.2")));
            }));
        }
        return tests;
    }
}
