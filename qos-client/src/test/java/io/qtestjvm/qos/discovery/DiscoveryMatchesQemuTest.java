package io.qtestjvm.qos.discovery;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.Json;
import io.qtestjvm.qos.libqtest.QtestTransport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What qos-test and libqtest discover on a {@code -machine none} binary (reference 3.1): under
 * {@code QTEST_JVM_COMPAT=7.2} every machine and type a backend reports must equal, member for member, the entry of
 * the same name in Debian's QEMU 7.2 (asked in the same run), and the {@code implements} filters must select the
 * same of our types as QEMU's do. On {@code [qemu]} the comparison is QEMU with itself, which keeps the harness
 * honest; on arm and aarch64 every {@code virt-M.N} of QEMU 7.2 is there. Under 10.2 the replies must fit 10.2's
 * schema: {@code acpi} present, no {@code secure}, no {@code compat-props} unasked; virt's versions follow QEMU's
 * policy (deprecated after three years, removed after six).
 */
class DiscoveryMatchesQemuTest {
    private static final List<String> ARCHES = List.of("x86_64", "i386", "arm", "aarch64", "ppc64");
    private static final List<String> FILTERS = List.of("device", "pci-device", "sys-bus-device", "machine",
            "conventional-pci-device", "interface", "bus", "hotplug-handler", "isa-device");
    private static final Set<String> MACHINE_INFO_102 = Set.of("name", "alias", "is-default", "cpu-max",
            "hotpluggable-cpus", "numa-mem-supported", "deprecated", "default-cpu-type", "default-ram-id", "acpi");
    private static final Set<String> MACHINE_INFO_102_REQUIRED = Set.of("name", "cpu-max", "hotpluggable-cpus",
            "numa-mem-supported", "deprecated", "acpi");
    private static final Set<String> OBJECT_TYPE_INFO = Set.of("name", "abstract", "parent");

    /** Debian's QEMU 7.2 answers per arch, asked once. */
    private static final Map<String, Answers> QEMU = new HashMap<>();

    /** One binary's discovery answers: entries by name. */
    private record Answers(Map<String, Map<String, Object>> machines, Map<String, Map<String, Object>> types,
                           Map<String, Set<String>> implementers) {
    }

    static Stream<Arguments> backendsAndArches() {
        List<Arguments> out = new ArrayList<>();
        for (Backend b : Backend.values()) {
            for (String arch : ARCHES) {
                out.add(Arguments.of(b, arch));
            }
        }
        return out.stream();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byName(String reply) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Object list = Json.object(reply).get("return");
        if (!(list instanceof List)) {
            throw new AssertionError("not a list reply: " + reply);
        }
        for (Object o : (List<Object>) list) {
            Map<String, Object> m = (Map<String, Object>) o;
            out.put((String) m.get("name"), m);
        }
        return out;
    }

    private static Answers ask(Backend backend, String arch, String compat) {
        try (QtestTransport t = backend.start(arch, "-machine none", compat)) {
            var machines = byName(t.qmp("{\"execute\": \"query-machines\"}"));
            var types = byName(t.qmp("{\"execute\": \"qom-list-types\", \"arguments\": {\"abstract\": true}}"));
            Map<String, Set<String>> implementers = new HashMap<>();
            for (String f : FILTERS) {
                implementers.put(f, byName(t.qmp("{\"execute\": \"qom-list-types\", \"arguments\": "
                        + "{\"abstract\": true, \"implements\": \"" + f + "\"}}")).keySet());
            }
            return new Answers(machines, types, implementers);
        }
    }

    private static synchronized Answers qemu(String arch) {
        Backend.QEMU.assumeAvailable(arch);
        return QEMU.computeIfAbsent(arch, a -> ask(Backend.QEMU, a, "7.2"));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("backendsAndArches")
    void everyMachineEqualsQemu72sEntryOfTheSameName(Backend backend, String arch) {
        Answers qemu = qemu(arch);
        Answers ours = ask(backend, arch, "7.2");
        assertTrue(ours.machines().containsKey("none"), ours.machines().toString());
        for (var e : ours.machines().entrySet()) {
            assertEquals(qemu.machines().get(e.getKey()), e.getValue(), "machine " + e.getKey());
        }
        if (arch.equals("x86_64") || arch.equals("i386")) {
            assertEquals("pc", ours.machines().get("pc-i440fx-7.2").get("alias"));
        }
        if (arch.equals("arm") || arch.equals("aarch64")) {
            assertEquals("virt", ours.machines().get("virt-7.2").get("alias"));
            assertEquals(qemu.machines().keySet().stream().filter(n -> n.startsWith("virt-")).sorted().toList(),
                    ours.machines().keySet().stream().filter(n -> n.startsWith("virt-")).sorted().toList(),
                    "every virt version of QEMU 7.2");
        }
        if (arch.equals("ppc64")) {
            assertEquals("pseries", ours.machines().get("pseries-7.2").get("alias"));
            assertEquals(Boolean.TRUE, ours.machines().get("pseries-7.2").get("is-default"));
        }
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("backendsAndArches")
    void everyTypeEqualsQemu72sEntryAndFiltersAlike(Backend backend, String arch) {
        Answers qemu = qemu(arch);
        Answers ours = ask(backend, arch, "7.2");
        List<String> differences = new ArrayList<>();
        for (var e : ours.types().entrySet()) {
            if (!e.getValue().equals(qemu.types().get(e.getKey()))) {
                differences.add(e.getKey() + ": ours " + e.getValue() + ", QEMU " + qemu.types().get(e.getKey()));
            }
            for (String f : FILTERS) {
                boolean mine = ours.implementers().get(f).contains(e.getKey());
                boolean theirs = qemu.implementers().get(f).contains(e.getKey());
                if (mine != theirs) {
                    differences.add(e.getKey() + " implements " + f + ": ours " + mine + ", QEMU " + theirs);
                }
            }
        }
        assertEquals(List.of(), differences);
        assertTrue(ours.types().containsKey("none-machine"), ours.types().keySet().toString());
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("backendsAndArches")
    void repliesFitTheSchemaOf102(Backend backend, String arch) {
        Assumptions.assumeTrue(backend != Backend.QEMU, "Debian's QEMU is 7.2");
        Answers ours = ask(backend, arch, "10.2");
        for (var m : ours.machines().values()) {
            assertTrue(MACHINE_INFO_102.containsAll(m.keySet()), "unknown member in " + m);
            assertTrue(m.keySet().containsAll(MACHINE_INFO_102_REQUIRED), "missing member in " + m);
            assertTrue(m.get("acpi") instanceof Boolean, m.toString());
        }
        for (var t : ours.types().values()) {
            assertTrue(OBJECT_TYPE_INFO.containsAll(t.keySet()), "unknown member in " + t);
            assertFalse(Boolean.FALSE.equals(t.get("abstract")), "abstract is only sent when true: " + t);
        }
        if (arch.equals("x86_64") || arch.equals("i386")) {
            var pc = ours.machines().get("pc-i440fx-10.2");
            assertEquals("pc", pc.get("alias"));
            assertEquals(Boolean.TRUE, pc.get("acpi"));
        }
        if (arch.equals("arm") || arch.equals("aarch64")) {
            var virt = ours.machines().get("virt-10.2");
            assertEquals("virt", virt.get("alias"));
            assertEquals(Boolean.TRUE, virt.get("acpi"));
            assertEquals(Boolean.FALSE, virt.get("deprecated"));
            assertEquals(Boolean.TRUE, ours.machines().get("virt-7.1").get("deprecated"), "three years older");
            assertFalse(ours.machines().containsKey("virt-4.2"), "removed after six years");
        }
    }
}
