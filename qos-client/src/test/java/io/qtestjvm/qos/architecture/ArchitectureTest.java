package io.qtestjvm.qos.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module rules of DESIGN.md and the project's "no mutable static state" rule, checked on the compiled main code
 * of every module (this test scope sees them all: qos-client's own classes and, through qtest-server, the emu-*
 * modules). A machine's state belongs to the machine: two machines in one JVM must not share anything but constants.
 */
class ArchitectureTest {
    /** The emulator's packages: emu-core, emu-memory, emu-pci, emu-devices, emu-smmuv3, qtest-server. */
    private static final String[] EMULATOR = {"io.qtestjvm.core..", "io.qtestjvm.memory..", "io.qtestjvm.pci..",
        "io.qtestjvm.devices..", "io.qtestjvm.smmu..", "io.qtestjvm.smmuv3..", "io.qtestjvm.server.."};
    /**
     * Types whose instances change after construction: a static field of one of these is shared mutable state even
     * when the field is final. Arrays are constant tables by convention here (ArchUnit cannot see element writes).
     */
    private static final List<String> MUTABLE_TYPES = List.of("java.util.concurrent.atomic.", "java.util.ArrayList",
            "java.util.LinkedList", "java.util.HashMap", "java.util.HashSet", "java.util.LinkedHashMap",
            "java.util.LinkedHashSet", "java.util.TreeMap", "java.util.TreeSet", "java.util.ArrayDeque",
            "java.util.BitSet", "java.util.Random", "java.util.SplittableRandom", "java.util.concurrent.Concurrent",
            "java.util.concurrent.locks.", "java.lang.StringBuilder", "java.lang.StringBuffer",
            "java.lang.ThreadLocal", "java.io.ByteArrayOutputStream", "java.nio.ByteBuffer");

    private static JavaClasses main;

    @BeforeAll
    static void importMainCode() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.qtestjvm");
    }

    @Test
    void mainCodeOfEveryModuleIsImported() {
        for (String c : List.of("io.qtestjvm.core.Device", "io.qtestjvm.memory.MemoryRegion",
                "io.qtestjvm.pci.PciDevice", "io.qtestjvm.devices.edu.Edu", "io.qtestjvm.server.InJvmServer",
                "io.qtestjvm.qos.libqtest.QTestState")) {
            assertTrue(main.contain(c), c + " was not imported: the rules below would check nothing");
        }
        assertTrue(!main.contain(ArchitectureTest.class.getName()), "test classes were imported");
    }

    private static ArchCondition<JavaField> beImmutableConstants() {
        return new ArchCondition<>("be final and of a type whose instances do not change") {
            @Override
            public void check(JavaField f, ConditionEvents events) {
                if (!f.getModifiers().contains(JavaModifier.FINAL)) {
                    events.add(SimpleConditionEvent.violated(f, f.getFullName() + " is a static field that is not "
                            + "final"));
                    return;
                }
                String type = f.getRawType().getName();
                for (String m : MUTABLE_TYPES) {
                    if (type.startsWith(m)) {
                        events.add(SimpleConditionEvent.violated(f, f.getFullName() + " is static and of the "
                                + "mutable type " + type));
                        return;
                    }
                }
            }
        };
    }

    private static ArchRule noMutableStaticState(String... packages) {
        return fields().that().areStatic()
                .and().areDeclaredInClassesThat().resideInAnyPackage(packages)
                .should(beImmutableConstants())
                .because("a machine's state belongs to the machine (issue 8): two machines in one JVM share "
                        + "nothing but constants");
    }

    @Test
    void emulatorMainCodeHasNoMutableStaticState() {
        noMutableStaticState(EMULATOR).check(main);
    }

    /** What the rule must refuse: a counter, a final but mutable holder, a shared cache. */
    static final class StaticStateSamples {
        static long counter;
        static final java.util.concurrent.atomic.AtomicLong GENERATION = new java.util.concurrent.atomic.AtomicLong();
        static final java.util.HashMap<String, String> CACHE = new java.util.HashMap<>();
        static final int LIMIT = 4;
        static final List<String> NAMES = List.of("a");
    }

    @Test
    void mutableStaticStateRuleRefusesCountersHoldersAndCaches() {
        JavaClasses sample = new ClassFileImporter().importClasses(StaticStateSamples.class);
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> noMutableStaticState("io.qtestjvm.qos.architecture..").check(sample));
        String m = e.getMessage();
        assertTrue(m.contains("counter") && m.contains("GENERATION") && m.contains("CACHE"), m);
        assertTrue(!m.contains("LIMIT") && !m.contains("NAMES"), m);
    }

    @Test
    void qosClientMainCodeDependsOnNoEmulatorModule() {
        noClasses().that().resideInAPackage("io.qtestjvm.qos..")
                .should().dependOnClassesThat().resideInAnyPackage(EMULATOR)
                .because("DESIGN.md: qos-client has no emu-* / qtest-server dependency in main scope; the in-JVM "
                        + "adapter lives in its test scope")
                .check(main);
    }

    @Test
    void deviceModelsDoNotDependOnTheServer() {
        noClasses().that().resideInAnyPackage("io.qtestjvm.core..", "io.qtestjvm.memory..", "io.qtestjvm.pci..",
                        "io.qtestjvm.devices..", "io.qtestjvm.smmu..", "io.qtestjvm.smmuv3..")
                .should().dependOnClassesThat().resideInAnyPackage("io.qtestjvm.server..", "io.qtestjvm.qos..",
                        "io.qtestjvm.bench..")
                .because("DESIGN.md: device models sit below qtest-server and know nothing of boards, QMP or qtest")
                .check(main);
    }

    @Test
    void emulatorModulesDependOnlyDownwards() {
        noClasses().that().resideInAPackage("io.qtestjvm.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.qtestjvm.memory..", "io.qtestjvm.pci..",
                        "io.qtestjvm.devices..")
                .check(main);
        noClasses().that().resideInAPackage("io.qtestjvm.memory..")
                .should().dependOnClassesThat().resideInAnyPackage("io.qtestjvm.core..", "io.qtestjvm.pci..",
                        "io.qtestjvm.devices..")
                .because("emu-memory stands on its own (its pom names no other module)")
                .check(main);
        noClasses().that().resideInAPackage("io.qtestjvm.pci..")
                .should().dependOnClassesThat().resideInAnyPackage("io.qtestjvm.devices..")
                .check(main);
    }
}
