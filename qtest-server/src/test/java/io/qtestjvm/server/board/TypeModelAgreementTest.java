package io.qtestjvm.server.board;

import io.qtestjvm.core.PropertyDescriptor;
import io.qtestjvm.core.QomPropertyDescriptor;
import io.qtestjvm.core.TypeDescriptor;
import io.qtestjvm.server.InJvmServer;
import io.qtestjvm.server.qtest.Compat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks every registered QOM type and machine of every binary under both compat versions and checks that each entry
 * point says what the descriptor says: {@code qom-list-types} (listed, parent, abstract), {@code -device help} and
 * {@code -device X,help} (offered devices, every property's line), {@code device_add} (refusals of abstract,
 * internal and unoffered types; a device on a bus the machine lacks), {@code -device} on each machine with the bus
 * ({@code qom-list}/{@code qom-get} show the declared QOM properties, {@code info qtree} shows the device, a PCI
 * function with its address and ids),
 * {@code query-machines}, {@code -machine help}, and the board each machine descriptor builds.
 */
class TypeModelAgreementTest {
    private static final Pattern OBJECT = Pattern.compile("\\{([^{}]*)\\}");
    private static final Pattern NAME = Pattern.compile("\"name\": \"([^\"]+)\"");
    private static final Pattern PARENT = Pattern.compile("\"parent\": \"([^\"]+)\"");

    static Stream<Arguments> binaries() {
        List<Arguments> out = new ArrayList<>();
        for (String compat : List.of("7.2", "10.2")) {
            for (String arch : List.of("x86_64", "i386", "arm", "aarch64", "ppc64")) {
                out.add(Arguments.of(arch, compat));
            }
        }
        return out.stream();
    }

    private static InJvmServer start(String compat, String arch, String... args) {
        InJvmServer s = InJvmServer.startAs(compat, arch, args);
        assertEquals("{\"return\": {}}", s.qmp("{'execute': 'qmp_capabilities'}").strip());
        return s;
    }

    private static String qmp(InJvmServer s, String request) {
        return s.qmp(request).strip();
    }

    /** name -> (parent or "", abstract) from a qom-list-types reply. */
    private static Map<String, String[]> listedTypes(InJvmServer s) {
        String r = qmp(s, "{'execute': 'qom-list-types', 'arguments': {'abstract': true}}");
        Map<String, String[]> out = new LinkedHashMap<>();
        Matcher m = OBJECT.matcher(r.substring(r.indexOf('[')));
        while (m.find()) {
            String o = m.group(1);
            Matcher n = NAME.matcher(o);
            Matcher p = PARENT.matcher(o);
            assertTrue(n.find(), o);
            out.put(n.group(1), new String[] {p.find() ? p.group(1) : "", String.valueOf(o.contains("\"abstract\": "
                    + "true"))});
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binaries")
    void everyTypeIsReportedAsItsDescriptorSays(String arch, String compat) {
        QomTypes types = QomTypes.forArch(arch, Compat.parse(compat));
        try (InJvmServer s = start(compat, arch, "-machine", "none")) {
            Map<String, String[]> listed = listedTypes(s);
            for (TypeDescriptor<DeviceContext> t : types.registry().all()) {
                String[] seen = listed.get(t.name());
                assertEquals(t.listed(), seen != null, t.name() + ": listed by qom-list-types");
                if (seen != null) {
                    assertEquals(t.parent() == null ? "" : t.parent(), seen[0], t.name() + ": parent");
                    assertEquals(String.valueOf(t.isAbstract()), seen[1], t.name() + ": abstract");
                }
            }
            assertEquals(listed.size(), types.registry().list(null, true).size(), "qom-list-types lists only "
                    + "registered types");

            String help = types.deviceHelp();
            for (TypeDescriptor<DeviceContext> t : types.registry().all()) {
                boolean offered = t.factory() != null;
                assertEquals(offered, help.contains("name \"" + t.name() + "\""), t.name() + ": in -device help");
                String own = types.deviceHelp(t.name());
                assertEquals(offered, own != null, t.name() + ": -device " + t.name() + ",help");
                if (offered) {
                    for (PropertyDescriptor p : t.properties()) {
                        assertTrue(own.contains(p.helpLine(Compat.parse(compat).major(),
                                Compat.parse(compat).minor()) + "\n"), t.name() + "." + p.name() + " in " + own);
                    }
                }
                String refusal = deviceAddRefusal(types, t);
                if (refusal != null) {
                    String r = qmp(s, "{'execute': 'device_add', 'arguments': {'driver': '" + t.name() + "'}}");
                    assertTrue(r.contains(refusal), t.name() + ": device_add on none: " + r);
                }
            }
        }
    }

    /** What device_add of {@code t} on the none machine (no bus) answers, or null when it is not a device. */
    private static String deviceAddRefusal(QomTypes types, TypeDescriptor<DeviceContext> t) {
        if (!types.registry().isA(t.name(), "device")) {
            return "'" + t.name() + "' is not a valid device model name";
        }
        if (!t.userCreatable()) {
            return "Parameter 'driver' expects a pluggable device type";
        }
        if (t.isAbstract()) {
            return "Parameter 'driver' expects a non-abstract device type";
        }
        if (t.factory() == null) {
            return "'" + t.name() + "' is not a valid device model name";
        }
        return t.bus() != null ? "No '" + t.bus() + "' bus found for device '" + t.name() + "'" : null;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binaries")
    void everyMachineIsReportedAndBuiltAsItsDescriptorSays(String arch, String compat) {
        Compat c = Compat.parse(compat);
        QomTypes types = QomTypes.forArch(arch, c);
        List<Machines.Machine> machines = Machines.forArch(arch, c);
        String machineHelp = Targets.machineHelp(arch, c);
        try (InJvmServer s = start(compat, arch, "-machine", "none")) {
            String q = qmp(s, "{'execute': 'query-machines'}");
            List<String> names = new ArrayList<>();
            Matcher n = NAME.matcher(q);
            while (n.find()) {
                names.add(n.group(1));
            }
            assertEquals(Machines.queryOrder(arch, c).stream().map(Machines.Machine::name).toList(), names);
        }
        for (Machines.Machine m : machines) {
            assertTrue(machineHelp.contains(String.format("%-20s %s", m.name(), m.desc())), m.name());
            if (m.alias() != null) {
                assertTrue(machineHelp.contains(String.format("%-20s %s (alias of %s)", m.alias(), m.desc(),
                        m.name())), m.alias());
            }
            TypeDescriptor<DeviceContext> qom = types.get(m.qomType());
            assertTrue(qom != null && !qom.isAbstract() && m.qomParent().equals(qom.parent()), m.qomType());
            for (String name : m.alias() == null ? List.of(m.name()) : List.of(m.name(), m.alias())) {
                try (InJvmServer s = start(compat, arch, "-machine", name)) {
                    assertEquals("{\"return\": \"" + m.qomType() + "\"}", qmp(s, "{'execute': 'qom-get', "
                            + "'arguments': {'path': '/machine', 'property': 'type'}}"), name);
                    everyObjectAnswersQomListAndGet(s, name);
                    deviceOnEveryBus(types, s, name);
                    assertEquals(0, s.internalErrors(), name + ": internal errors");
                }
            }
        }
    }

    /** {@code qom-list} and {@code qom-get} of every property of every object of the machine answer a value. */
    private static void everyObjectAnswersQomListAndGet(InJvmServer s, String machine) {
        Pattern prop = Pattern.compile("\\{\"name\": \"([^\"]+)\", \"type\": \"[^\"]+\"\\}");
        QomTypes types = s.board().types();
        for (io.qtestjvm.core.QomObject o : s.board().qomRoot().descendants()) {
            assertTrue(types.registry().contains(o.typeName()), machine + " " + o.path() + ": type "
                    + o.typeName() + " has no descriptor");
            String list = qmp(s, "{'execute': 'qom-list', 'arguments': {'path': '" + o.path() + "'}}");
            assertTrue(list.startsWith("{\"return\": ["), machine + " " + o.path() + ": " + list);
            Matcher m = prop.matcher(list);
            while (m.find()) {
                String got = qmp(s, "{'execute': 'qom-get', 'arguments': {'path': '" + o.path() + "', 'property': '"
                        + m.group(1) + "'}}");
                assertTrue(got.startsWith("{\"return\": "), machine + " " + o.path() + "." + m.group(1) + ": "
                        + got);
            }
        }
    }

    /**
     * Every offered device whose bus the machine has plugs with {@code device_add} or fails as its descriptor says
     * (a bus that takes no hot-plug); one that plugs shows its QOM properties and is in {@code info qtree}.
     */
    private static void deviceOnEveryBus(QomTypes types, InJvmServer s, String machine) {
        Board board = s.board();
        int n = 0;
        for (TypeDescriptor<DeviceContext> t : types.userDevices()) {
            Object bus = t.bus() == null ? null : board.findBus(t.bus());
            String id = "dev" + n++;
            // a system-bus device (no bus type) plugs with its mandatory properties: the PHB's index
            String extra = t.name().equals("spapr-pci-host-bridge") ? ", 'index': 1" : "";
            String r = qmp(s, "{'execute': 'device_add', 'arguments': {'driver': '" + t.name() + "', 'id': '" + id
                    + "'" + extra + "}}");
            if (bus == null && t.bus() != null) {
                assertTrue(r.contains("No '" + t.bus() + "' bus found for device '" + t.name() + "'"),
                        machine + " " + t.name() + ": " + r);
                continue;
            }
            // pc (ACPI) and pseries (PAPR dynamic reconfiguration) take hot-plugged PCI functions and bridges
            if (!t.hotpluggable() || !(board instanceof PcBoard || board instanceof PseriesBoard)) {
                assertTrue(r.contains("\"error\""), machine + " " + t.name() + " must refuse hot-plug: " + r);
                continue;
            }
            if (r.contains("\"drive property not set\"")
                    && t.properties().stream().anyMatch(p -> p.name().equals("drive"))) {
                continue; // QEMU's answer for a block device without its required drive (virtio-blk)
            }
            assertEquals("{\"return\": {}}", r, machine + " " + t.name());
            String path = "/machine/peripheral/" + id;
            String list = qmp(s, "{'execute': 'qom-list', 'arguments': {'path': '" + path + "'}}");
            for (QomPropertyDescriptor p : types.registry().qomProperties(t.name())) {
                assertTrue(list.contains("{\"name\": \"" + p.name() + "\", \"type\": \"" + p.qomType() + "\"}"),
                        t.name() + "." + p.name() + " in " + list);
                String got = qmp(s, "{'execute': 'qom-get', 'arguments': {'path': '" + path + "', 'property': '"
                        + p.name() + "'}}");
                assertTrue(got.startsWith("{\"return\": "), t.name() + "." + p.name() + ": " + got);
            }
            String qtree = qmp(s, "{'execute': 'human-monitor-command', 'arguments': {'command-line': "
                    + "'info qtree'}}");
            String head = "dev: " + t.name() + ", id \\\"" + id + "\\\"";
            assertTrue(qtree.contains(head), t.name() + " in " + qtree);
            if (types.registry().isA(t.name(), "pci-device")) {
                // the pci-device type's qtree lines reach every PCI function through its lineage
                String block = qtree.substring(qtree.indexOf(head) + head.length());
                int next = block.indexOf("dev: ");
                block = next < 0 ? block : block.substring(0, next);
                assertTrue(block.contains("addr = ") && block.contains(", pci id "), t.name() + ": " + block);
            }
        }
    }
}
