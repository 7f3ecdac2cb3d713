package io.qtestjvm.server.monitor;

import io.qtestjvm.server.InJvmServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact replies of the discovery commands; expected bytes are Debian's QEMU 7.2 entries where it has them. */
class DiscoveryCommandsTest {
    private static String qmp(InJvmServer s, String cmd) {
        String r = s.qmp(cmd);
        assertTrue(r.endsWith("\r\n"), r);
        return r.substring(0, r.length() - 2);
    }

    private static InJvmServer start(String compat, String arch, String... args) {
        InJvmServer s = InJvmServer.startAs(compat, arch, args);
        assertEquals("{\"return\": {}}", qmp(s, "{\"execute\":\"qmp_capabilities\"}"));
        return s;
    }

    @Test
    void queryMachinesOn72MatchesDebianBytesEntryByEntry() {
        try (InJvmServer s = start("7.2", "x86_64", "-machine", "none")) {
            assertEquals("{\"return\": [{\"hotpluggable-cpus\": false, \"name\": \"none\", \"numa-mem-supported\": "
                    + "false, \"cpu-max\": 1, \"deprecated\": false, \"default-ram-id\": \"ram\"}, "
                    + "{\"hotpluggable-cpus\": true, \"name\": \"pc-i440fx-7.2\", \"numa-mem-supported\": false, "
                    + "\"default-cpu-type\": \"qemu64-x86_64-cpu\", \"is-default\": true, \"cpu-max\": 255, "
                    + "\"deprecated\": false, \"default-ram-id\": \"pc.ram\", \"alias\": \"pc\"}, "
                    + "{\"hotpluggable-cpus\": true, \"name\": \"isapc\", \"numa-mem-supported\": false, "
                    + "\"default-cpu-type\": \"486-x86_64-cpu\", \"cpu-max\": 1, \"deprecated\": false, "
                    + "\"default-ram-id\": \"pc.ram\"}]}",
                    qmp(s, "{\"execute\":\"query-machines\"}"));
        }
    }

    /** Debian's qemu-system-arm 7.2 reports raspi2b so (no default machine, no default CPU type on arm). */
    @Test
    void armOffersRaspi2bAsQemu72ReportsIt() {
        try (InJvmServer s = start("7.2", "arm", "-machine", "none")) {
            String r = qmp(s, "{\"execute\":\"query-machines\"}");
            assertTrue(r.contains("{\"hotpluggable-cpus\": false, \"name\": \"raspi2b\", \"numa-mem-supported\": "
                    + "false, \"cpu-max\": 4, \"deprecated\": false, \"default-ram-id\": \"ram\"}"), r);
            String types = qmp(s, "{\"execute\":\"qom-list-types\",\"arguments\":{\"implements\":\"machine\"}}");
            assertTrue(types.contains("{\"name\": \"raspi2b-machine\", \"parent\": \"raspi-common-machine\"}"), types);
            String sysbus = qmp(s, "{\"execute\":\"qom-list-types\",\"arguments\":{\"implements\":"
                    + "\"sys-bus-device\"}}");
            for (String t : new String[] {"generic-sdhci", "bcm2835-ic", "bcm2836-control", "bcm2835-sys-timer"}) {
                assertTrue(sysbus.contains("{\"name\": \"" + t + "\", \"parent\": \"sys-bus-device\"}"), sysbus);
            }
        }
    }

    @Test
    void queryMachinesOn72RejectsTheCompatPropsArgumentItDoesNotHave() {
        try (InJvmServer s = start("7.2", "x86_64", "-machine", "none")) {
            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"Parameter 'compat-props' is "
                    + "unexpected\"}}", qmp(s, "{\"execute\":\"query-machines\",\"arguments\":{\"compat-props\":true}}"));
        }
    }

    @Test
    void queryMachinesOn102AddsAcpiAndSendsCompatPropsOnlyWhenAsked() {
        try (InJvmServer s = start("10.2", "i386", "-machine", "none")) {
            String r = qmp(s, "{\"execute\":\"query-machines\"}");
            assertTrue(r.contains("\"name\": \"pc-i440fx-10.2\""), r);
            assertTrue(r.contains("\"default-cpu-type\": \"qemu32-i386-cpu\""), r);
            assertTrue(r.contains("\"acpi\": true"), r);
            assertTrue(r.contains("\"acpi\": false"), r);
            assertFalse(r.contains("compat-props") || r.contains("secure"), r);
            String asked = qmp(s, "{\"execute\":\"query-machines\",\"arguments\":{\"compat-props\":true}}");
            assertTrue(asked.contains("\"compat-props\": []"), asked);
        }
    }

    /**
     * aarch64 and arm: {@code none} first, arm's {@code raspi2b}, and every {@code virt-M.N} entry byte for byte as Debian's QEMU 7.2
     * printed it (board/virt-qemu-7.2/query-machines-virt-ARCH.json, members in the same order), nothing else.
     */
    @Test
    void armBinariesReportNoneAndQemu72sVirtEntriesExactly() throws java.io.IOException {
        for (String arch : java.util.List.of("aarch64", "arm")) {
            String saved;
            try (java.io.InputStream in = getClass().getResourceAsStream("/io/qtestjvm/server/board/virt-qemu-7.2/"
                    + "query-machines-virt-" + arch + ".json")) {
                saved = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            String flat = saved.strip().replaceAll("\\s*\\n\\s*", "").replace(",\"", ", \"");
            java.util.Set<String> qemu = new java.util.TreeSet<>(java.util.List.of(
                    flat.substring(2, flat.length() - 2).split("\\},\\{")));
            try (InJvmServer s = start("7.2", arch, "-machine", "none")) {
                String r = qmp(s, "{\"execute\":\"query-machines\"}");
                String none = "{\"hotpluggable-cpus\": false, \"name\": \"none\", \"numa-mem-supported\": false, "
                        + "\"cpu-max\": 1, \"deprecated\": false, \"default-ram-id\": \"ram\"}, {";
                String prefix = "{\"return\": [" + none;
                assertTrue(r.startsWith(prefix), r);
                java.util.Set<String> ours = new java.util.TreeSet<>();
                for (String m : r.substring(prefix.length(), r.length() - 3).split("\\}, \\{")) {
                    if (m.contains("\"name\": \"virt-") || !m.contains("\"name\": \"raspi2b\"")) {
                        ours.add(m);
                    }
                }
                assertEquals(qemu, ours, arch);
                assertEquals(21, ours.size(), arch + ": virt-2.6 .. virt-7.2");
            }
        }
    }

    @Test
    void qomListTypesPrintsAbstractOnlyWhenTrueAndParentWhenThere() {
        try (InJvmServer s = start("7.2", "x86_64", "-machine", "none")) {
            String all = qmp(s, "{\"execute\":\"qom-list-types\",\"arguments\":{\"abstract\":true}}");
            assertTrue(all.contains("{\"abstract\": true, \"name\": \"object\"}"), all);
            assertTrue(all.contains("{\"abstract\": true, \"name\": \"pci-device\", \"parent\": \"device\"}"), all);
            assertTrue(all.contains("{\"name\": \"edu\", \"parent\": \"pci-device\"}"), all);
            assertTrue(all.contains("{\"name\": \"pc-i440fx-7.2-machine\", \"parent\": \"generic-pc-machine\"}"),
                    all);
            assertTrue(all.contains("{\"abstract\": true, \"name\": \"pci-piix3\", \"parent\": \"pci-device\"}"),
                    all);
        }
    }

    @Test
    void qomListTypesFiltersByImplementsAndDropsAbstractByDefault() {
        try (InJvmServer s = start("7.2", "x86_64", "-machine", "none")) {
            assertEquals("{\"return\": [{\"name\": \"i440FX\", \"parent\": \"pci-device\"}, {\"name\": \"PIIX3\", "
                    + "\"parent\": \"pci-piix3\"}, {\"name\": \"PIIX4_PM\", \"parent\": \"pci-device\"}, "
                    + "{\"name\": \"edu\", \"parent\": \"pci-device\"}, "
                    + "{\"name\": \"sdhci-pci\", \"parent\": \"pci-device\"}, "
                    + "{\"name\": \"virtio-blk-pci\", \"parent\": \"virtio-blk-pci-base\"}, "
                    + "{\"name\": \"virtio-blk-pci-transitional\", \"parent\": \"virtio-blk-pci-base\"}, "
                    + "{\"name\": \"virtio-blk-pci-non-transitional\", \"parent\": \"virtio-blk-pci-base\"}, "
                    + "{\"name\": \"virtio-rng-pci\", \"parent\": \"virtio-rng-pci-base\"}, "
                    + "{\"name\": \"virtio-rng-pci-transitional\", \"parent\": \"virtio-rng-pci-base\"}, "
                    + "{\"name\": \"virtio-rng-pci-non-transitional\", \"parent\": \"virtio-rng-pci-base\"}, "
                    + "{\"name\": \"virtio-net-pci\", \"parent\": \"virtio-net-pci-base\"}, "
                    + "{\"name\": \"virtio-net-pci-transitional\", \"parent\": \"virtio-net-pci-base\"}, "
                    + "{\"name\": \"virtio-net-pci-non-transitional\", \"parent\": \"virtio-net-pci-base\"}]}",
                    qmp(s, "{\"execute\":\"qom-list-types\",\"arguments\":{\"implements\":\"pci-device\"}}"));
            assertEquals("{\"return\": [{\"name\": \"none-machine\", \"parent\": \"machine\"}, "
                    + "{\"name\": \"pc-i440fx-7.2-machine\", \"parent\": \"generic-pc-machine\"}, "
                    + "{\"name\": \"isapc-machine\", \"parent\": \"generic-pc-machine\"}]}",
                    qmp(s, "{\"execute\":\"qom-list-types\",\"arguments\":{\"implements\":\"machine\"}}"));
            assertEquals("{\"return\": []}",
                    qmp(s, "{\"execute\":\"qom-list-types\",\"arguments\":{\"implements\":\"no-such-type\"}}"));
        }
    }

    @Test
    void devicesTheBoardBuildsButMinusDeviceCannotPlugAreNotAdvertised() {
        try (InJvmServer s = start("7.2", "x86_64", "-machine", "none")) {
            String devices = qmp(s, "{\"execute\":\"qom-list-types\",\"arguments\":{\"abstract\":true,"
                    + "\"implements\":\"device\"}}");
            assertTrue(devices.contains("\"name\": \"edu\""), devices);
            assertFalse(devices.contains("\"name\": \"e1000\""), devices);
            assertFalse(devices.contains("\"name\": \"VGA\""), devices);
            assertFalse(devices.contains("\"name\": \"isa-pit\""), devices);
        }
    }

    @Test
    void implementsInterfaceFollowsQemusAmbiguousCastRule() {
        try (InJvmServer s = start("7.2", "x86_64", "-machine", "none")) {
            String r = qmp(s, "{\"execute\":\"qom-list-types\",\"arguments\":{\"abstract\":true,"
                    + "\"implements\":\"interface\"}}");
            // one matching interface: listed; two (device: vmstate-if and resettable) make QEMU's cast fail
            assertTrue(r.contains("\"name\": \"bus\""), r);
            assertTrue(r.contains("\"name\": \"x86-machine\""), r);
            assertFalse(r.contains("\"name\": \"device\""), r);
            assertFalse(r.contains("\"name\": \"generic-pc-machine\""), r);
            assertFalse(r.contains("\"name\": \"PIIX4_PM\""), r);
        }
    }

    @Test
    void piix3DerivesFromPciPiixUnder102() {
        try (InJvmServer s = start("10.2", "x86_64", "-machine", "none")) {
            String r = qmp(s, "{\"execute\":\"qom-list-types\",\"arguments\":{\"implements\":\"pci-device\"}}");
            assertTrue(r.contains("{\"name\": \"PIIX3\", \"parent\": \"pci-piix\"}"), r);
        }
    }

    @Test
    void qomListShowsChildrenWithTheirTypes() {
        try (InJvmServer s = start("7.2", "x86_64", "-machine", "pc", "-device", "edu")) {
            assertEquals("{\"return\": [{\"name\": \"type\", \"type\": \"string\"}, {\"name\": \"device[0]\", "
                    + "\"type\": \"child<edu>\"}]}",
                    qmp(s, "{\"execute\":\"qom-list\",\"arguments\":{\"path\":\"/machine/peripheral-anon\"}}"));
            assertEquals("{\"return\": [{\"name\": \"type\", \"type\": \"string\"}, {\"name\": \"parent_bus\", "
                    + "\"type\": \"link<bus>\"}, {\"name\": \"realized\", \"type\": \"bool\"}, "
                    + "{\"name\": \"hotplugged\", \"type\": \"bool\"}, "
                    + "{\"name\": \"hotpluggable\", \"type\": \"bool\"}, {\"name\": \"addr\", "
                    + "\"type\": \"int32\"}, {\"name\": \"multifunction\", \"type\": \"bool\"}, {\"name\": "
                    + "\"dma_mask\", \"type\": \"uint64\"}]}",
                    qmp(s, "{\"execute\":\"qom-list\",\"arguments\":{\"path\":\"/machine/peripheral-anon/device[0]\"}}"));
            String root = qmp(s, "{\"execute\":\"qom-list\",\"arguments\":{\"path\":\"/\"}}");
            assertTrue(root.contains("{\"name\": \"machine\", \"type\": \"child<pc-i440fx-7.2-machine>\"}"), root);
        }
    }

    @Test
    void qomGetAnswersAsQemu() {
        try (InJvmServer s = start("7.2", "x86_64", "-machine", "pc", "-nodefaults", "-device", "edu")) {
            String edu = "\"path\":\"/machine/peripheral-anon/device[0]\"";
            assertEquals("{\"return\": 16}", qmp(s, "{\"execute\":\"qom-get\",\"arguments\":{" + edu
                    + ",\"property\":\"addr\"}}"));
            assertEquals("{\"return\": \"edu\"}", qmp(s, "{\"execute\":\"qom-get\",\"arguments\":{" + edu
                    + ",\"property\":\"type\"}}"));
            assertEquals("{\"return\": 268435455}", qmp(s, "{\"execute\":\"qom-get\",\"arguments\":{" + edu
                    + ",\"property\":\"dma_mask\"}}"));
            assertEquals("{\"return\": \"/machine/i440fx/pci.0\"}", qmp(s, "{\"execute\":\"qom-get\","
                    + "\"arguments\":{" + edu + ",\"property\":\"parent_bus\"}}"));
            assertEquals("{\"return\": \"/machine/i440fx\"}", qmp(s, "{\"execute\":\"qom-get\",\"arguments\":"
                    + "{\"path\":\"/machine\",\"property\":\"i440fx\"}}"));
            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"Property 'edu.nope' not found\"}}",
                    qmp(s, "{\"execute\":\"qom-get\",\"arguments\":{" + edu + ",\"property\":\"nope\"}}"));
            assertEquals("{\"error\": {\"class\": \"DeviceNotFound\", \"desc\": \"Device '/machine/nope' not "
                    + "found\"}}", qmp(s, "{\"execute\":\"qom-get\",\"arguments\":{\"path\":\"/machine/nope\","
                    + "\"property\":\"type\"}}"));
        }
    }

    @Test
    void ambiguousPartialPathIsReportedByQomListButNotFoundByQomGet() {
        try (InJvmServer s = start("7.2", "x86_64", "-machine", "pc", "-device", "edu")) {
            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"Path 'device[0]' is ambiguous\"}}",
                    qmp(s, "{\"execute\":\"qom-list\",\"arguments\":{\"path\":\"device[0]\"}}"));
            assertEquals("{\"error\": {\"class\": \"DeviceNotFound\", \"desc\": \"Device 'device[0]' not found\"}}",
                    qmp(s, "{\"execute\":\"qom-get\",\"arguments\":{\"path\":\"device[0]\",\"property\":\"type\"}}"));
        }
    }

    @Test
    void unknownHmpCommandsAnswerAsQemu() {
        try (InJvmServer s = start("7.2", "x86_64", "-machine", "none")) {
            assertEquals("{\"return\": \"unknown command: 'foo'\\r\\n\"}", qmp(s,
                    "{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"foo bar\"}}"));
            assertEquals("{\"return\": \"unknown command: 'info nope'\\r\\n\"}", qmp(s,
                    "{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"info nope\"}}"));
            assertEquals("{\"return\": \"\"}", qmp(s,
                    "{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"\"}}"));
        }
    }

    @Test
    void infoQtreeOfPcWithEduHasQemusStructureAndLines() {
        try (InJvmServer s = start("7.2", "x86_64", "-machine", "pc", "-nodefaults", "-device", "edu")) {
            String r = qmp(s, "{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":"
                    + "\"info qtree\"}}");
            String tree = r.substring("{\"return\": \"".length(), r.length() - 2).replace("\\r\\n", "\n")
                    .replace("\\\"", "\"");
            assertTrue(tree.startsWith("bus: main-system-bus\n  type System\n"), tree);
            assertTrue(tree.contains("  dev: ioapic, id \"\"\n    gpio-in \"\" 24\n"), tree);
            assertTrue(tree.contains("    mmio 00000000fec00000/0000000000001000\n"), tree);
            assertTrue(tree.contains("  dev: i440FX-pcihost, id \"\"\n    bus: pci.0\n      type PCI\n"
                    + "      dev: edu, id \"\"\n        addr = 02.0\n"), tree);
            assertTrue(tree.contains("        class Class 00ff, addr 00:02.0, pci id 1234:11e8 (sub 1af4:1100)\n"
                    + "        bar 0: mem at 0xffffffffffffffff [0xffffe]\n"), tree);
            assertTrue(tree.contains("        class ISA bridge, addr 00:01.0, pci id 8086:7000 (sub 1af4:1100)\n"
                    + "        bus: isa.0\n          type ISA\n          dev: isa-pit, id \"\"\n"), tree);
            assertTrue(tree.contains("        class Host bridge, addr 00:00.0, pci id 8086:1237 (sub 1af4:1100)\n"),
                    tree);
            // newest first on a bus, as QEMU: edu, PIIX4_PM, piix3-ide, PIIX3, i440FX
            int edu = tree.indexOf("dev: edu");
            int pm = tree.indexOf("dev: PIIX4_PM");
            int ide = tree.indexOf("dev: piix3-ide");
            int piix3 = tree.indexOf("dev: PIIX3");
            int host = tree.indexOf("dev: i440FX,");
            assertTrue(edu < pm && pm < ide && ide < piix3 && piix3 < host, tree);
        }
    }
}
