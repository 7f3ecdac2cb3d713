package io.qtestjvm.qos.graphtests;

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

/**
 * The plain per-arch tests ({@code qtest_add_func}) beside the graph, one dynamic test per registered path and
 * backend, named {@code <path> [<backend>]}, selected by {@code qos.filter}/{@code qos.shard} as the graph paths.
 */
class PlainFunctionTests {
    private static final String COMPAT = "7.2";
    private static final List<String> ARCHES = List.of("x86_64", "i386", "arm", "aarch64", "ppc64");

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
        List<QtestFunctions.Entry> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String arch : ARCHES) {
            backend.assumeAvailable(arch);
            for (QtestFunctions.Entry e : PlainTests.forArch(arch).entries()) {
                if (IommuSmmuv3Tests.PATHS.contains(e.path())) {
                    continue; // their devices exist only under 10.2: SmmuPlainTestsTest runs them
                }
                all.add(e);
                names.add(e.path());
            }
        }
        List<String> selected = PathSelection.select(names);
        List<DynamicTest> tests = new ArrayList<>();
        for (QtestFunctions.Entry e : all) {
            if (!selected.contains(e.path())) {
                continue;
            }
            String arch = e.path().split("/")[1];
            tests.add(DynamicTest.dynamicTest(e.path() + " [" + backend.label() + "]", () -> {
                if (e.virtualTimeReason() != null && !backend.hasVirtualTime()) {
                    Assumptions.abort("not applicable on [" + backend.label() + "] (its virtual clock does not "
                            + "move): needs virtual time: " + e.virtualTimeReason());
                }
                e.body().run(args -> new QTestState(backend.start(arch, args, COMPAT)));
            }));
        }
        return tests;
    }
}
