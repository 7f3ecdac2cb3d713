package io.qtestjvm.server.monitor;

import io.qtestjvm.server.InJvmServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CPUs as QOM objects, {@code -cpu MODEL,prop=val}, {@code query-cpus-fast} and {@code query-cpu-definitions}, each
 * expectation Debian's QEMU 7.2 answer to the same command line ({@code -accel tcg -S}); only {@code thread-id},
 * the host thread, differs (here the process id).
 */
class CpuModelTest {
    private static final String PID = Long.toString(ProcessHandle.current().pid());

    private static String get(QmpMachine m, String path, String prop) {
        return m.one("{'execute': 'qom-get', 'arguments': {'path': '" + path + "', 'property': '" + prop + "'}}");
    }

    @Test
    void noneTakesAnX86CpuWithItsApicIdSetAndListsItWithoutSlotProperties() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none", "-cpu", "qemu64,apic-id=0")) {
            assertEquals("{\"return\": [{\"thread-id\": " + PID + ", \"qom-path\": \"/machine/unattached/device[0]\", "
                    + "\"cpu-index\": 0, \"target\": \"x86_64\"}]}", m.one("{'execute': 'query-cpus-fast'}"));
            assertEquals("{\"return\": \"qemu64-x86_64-cpu\"}", get(m, "/machine/unattached/device[0]", "type"));
            assertEquals("{\"return\": 0}", get(m, "/machine/unattached/device[0]", "apic-id"));
        }
        try (QmpMachine m = QmpMachine.x86("-machine", "none", "-cpu", "qemu64,apic-id=5")) {
            assertEquals("{\"return\": 5}", get(m, "/machine/unattached/device[0]", "apic-id"));
        }
        try (QmpMachine m = QmpMachine.of("i386", "-machine", "none", "-cpu", "qemu32,apic-id=0")) {
            assertEquals("{\"return\": [{\"thread-id\": " + PID + ", \"qom-path\": \"/machine/unattached/device[0]\", "
                    + "\"cpu-index\": 0, \"target\": \"i386\"}]}", m.one("{'execute': 'query-cpus-fast'}"));
        }
    }

    @Test
    void noneTakesArmAndPowerCpus() {
        for (String[] c : new String[][] {{"arm", "cortex-a15", "cortex-a15-arm-cpu"},
            {"aarch64", "cortex-a57", "cortex-a57-arm-cpu"}, {"ppc64", "power8e_v2.1", "power8e_v2.1-powerpc64-cpu"},
            {"ppc64", "POWER9", "power9_v2.0-powerpc64-cpu"}}) {
            try (QmpMachine m = QmpMachine.of(c[0], "-machine", "none", "-cpu", c[1])) {
                assertEquals("{\"return\": [{\"thread-id\": " + PID + ", \"qom-path\": "
                        + "\"/machine/unattached/device[0]\", \"cpu-index\": 0, \"target\": \"" + c[0] + "\"}]}",
                        m.one("{'execute': 'query-cpus-fast'}"));
                assertEquals("{\"return\": \"" + c[2] + "\"}", get(m, "/machine/unattached/device[0]", "type"));
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            x86_64|none|qemu64|apic-id property was not initialized properly
            x86_64|pc|qemu64,family=abc|can't apply global qemu64-x86_64-cpu.family=abc: Parameter 'family' expects int64
            x86_64|pc|qemu64,foo=1|can't apply global qemu64-x86_64-cpu.foo=1: Property 'qemu64-x86_64-cpu.foo' not found
            x86_64|pc|qemu64,apic-id=-1|can't apply global qemu64-x86_64-cpu.apic-id=-1: Parameter 'apic-id' expects uint32_t
            x86_64|pc|qemu64,+foo|Property 'qemu64-x86_64-cpu.foo' not found
            x86_64|pc|qemu64,sse=maybe|can't apply global qemu64-x86_64-cpu.sse=maybe: Parameter 'sse' expects 'on' or 'off'
            x86_64|pc|qemu64,family=300|can't apply global qemu64-x86_64-cpu.family=300: Property .family doesn't take value 300 (minimum: 0, maximum: 270)
            x86_64|pc|qemu64,model=300|can't apply global qemu64-x86_64-cpu.model=300: Property .model doesn't take value 300 (minimum: 0, maximum: 255)
            x86_64|pc|qemu64,stepping=16|can't apply global qemu64-x86_64-cpu.stepping=16: Property .stepping doesn't take value 16 (minimum: 0, maximum: 15)
            x86_64|pc|qemu64,vendor=abc|can't apply global qemu64-x86_64-cpu.vendor=abc: Property '.vendor' doesn't take value 'abc'
            x86_64|pc|qemu64,level=abc|can't apply global qemu64-x86_64-cpu.level=abc: Parameter 'level' expects uint64
            x86_64|pc|qemu64-v9|unable to find CPU model 'qemu64-v9'
            aarch64|none|cortex-a57,foo=1|can't apply global cortex-a57-arm-cpu.foo=1: Property 'cortex-a57-arm-cpu.foo' not found
            aarch64|none|cortex-a57,pmu=maybe|can't apply global cortex-a57-arm-cpu.pmu=maybe: Parameter 'pmu' expects 'on' or 'off'
            aarch64|none|cortex-a57,+pmu|Expected key=value format, found +pmu.
            ppc64|none|power9,foo=1|can't apply global power9_v2.0-powerpc64-cpu.foo=1: Property 'power9_v2.0-powerpc64-cpu.foo' not found
            arm|none|cortex-m3|This board cannot be used with Cortex-M CPUs
            """)
    void badCpuOptionsFailAsQemu(String arch, String machine, String cpu, String error) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InJvmServer.startAs("7.2", arch, "-machine", machine, "-cpu", cpu));
        assertEquals(error, e.getMessage());
    }

    @Test
    void x86CpuPropertiesComeFromTheModelAndTheCommandLine() {
        try (QmpMachine m = QmpMachine.x86("-machine", "pc")) {
            String cpu = "/machine/unattached/device[0]";
            assertEquals("{\"return\": 15}", get(m, cpu, "family"));
            assertEquals("{\"return\": 107}", get(m, cpu, "model"));
            assertEquals("{\"return\": 1}", get(m, cpu, "stepping"));
            assertEquals("{\"return\": \"AuthenticAMD\"}", get(m, cpu, "vendor"));
            assertEquals("{\"return\": \"QEMU Virtual CPU version 2.5+\"}", get(m, cpu, "model-id"));
            assertEquals("{\"return\": 2147483658}", get(m, cpu, "xlevel"));
            assertEquals("{\"return\": true}", get(m, cpu, "lm"));
            assertEquals("{\"return\": false}", get(m, cpu, "vmx"));
            assertEquals("{\"return\": -1}", get(m, cpu, "node-id"));
        }
        try (QmpMachine m = QmpMachine.x86("-machine", "pc", "-cpu",
                "qemu64,family=6,model=15,stepping=3,+ssse3,-nx,vmx=on,sse")) {
            String cpu = "/machine/unattached/device[0]";
            assertEquals("{\"return\": 6}", get(m, cpu, "family"));
            assertEquals("{\"return\": 15}", get(m, cpu, "model"));
            assertEquals("{\"return\": 3}", get(m, cpu, "stepping"));
            assertEquals("{\"return\": true}", get(m, cpu, "ssse3"));
            assertEquals("{\"return\": false}", get(m, cpu, "nx"));
            assertEquals("{\"return\": false}", get(m, cpu, "vmx"), "TCG has no VMX: the request is dropped");
            assertEquals("{\"return\": true}", get(m, cpu, "sse"));
        }
        try (QmpMachine m = QmpMachine.x86("-machine", "none", "-cpu", "qemu64,-sse,+ssse3,apic-id=0")) {
            assertEquals("{\"return\": false}", get(m, "/machine/unattached/device[0]", "sse"));
        }
    }

    @Test
    void hmpInfoCpusAndInfoChardevListThemAsQemu() {
        try (QmpMachine m = QmpMachine.x86("-machine", "pc", "-smp", "2", "-chardev", "null,id=c1")) {
            assertEquals("{\"return\": \"* CPU #0: thread_id=" + PID + "\\r\\n  CPU #1: thread_id=" + PID
                    + "\\r\\n\"}", m.hmp("info cpus"));
            assertEquals("{\"return\": \"c1: filename=null\\r\\n\"}", m.hmp("info chardev"));
        }
        try (QmpMachine m = QmpMachine.x86("-machine", "none")) {
            assertEquals("{\"return\": \"\"}", m.hmp("info cpus"));
        }
    }

    @Test
    void featuresTcgLacksAreDroppedWithQemusWarning() {
        io.qtestjvm.server.board.MachineConfig c;
        try {
            c = io.qtestjvm.server.board.MachineConfig.from("x86_64", io.qtestjvm.server.cli.QemuCommandLine.parse(
                    new String[] {"-machine", "pc", "-cpu", "qemu64,vmx=on,+x2apic,avx2=on"}),
                    io.qtestjvm.server.qtest.Compat.parse("7.2"));
        } catch (io.qtestjvm.server.cli.StartupException e) {
            throw new AssertionError(e);
        }
        assertEquals(java.util.List.of("warning: TCG doesn't support requested feature: CPUID.01H:ECX.vmx [bit 5]",
                "warning: TCG doesn't support requested feature: CPUID.01H:ECX.x2apic [bit 21]"), c.warnings());
        assertEquals(Boolean.TRUE, c.cpuSpec().values().get("avx2"));
        assertEquals(Boolean.FALSE, c.cpuSpec().values().get("x2apic"));
    }

    @Test
    void pcPlacesItsCpusFirstWithTheVapicHelperAfterCpuZeroAndPacksApicIds() {
        try (QmpMachine m = QmpMachine.x86("-machine", "pc", "-smp", "4,cores=2,threads=2")) {
            assertEquals("{\"return\": [{\"thread-id\": " + PID + ", \"props\": {\"core-id\": 0, \"thread-id\": 0, "
                    + "\"socket-id\": 0}, \"qom-path\": \"/machine/unattached/device[0]\", \"cpu-index\": 0, "
                    + "\"target\": \"x86_64\"}, {\"thread-id\": " + PID + ", \"props\": {\"core-id\": 0, "
                    + "\"thread-id\": 1, \"socket-id\": 0}, \"qom-path\": \"/machine/unattached/device[2]\", "
                    + "\"cpu-index\": 1, \"target\": \"x86_64\"}, {\"thread-id\": " + PID + ", \"props\": "
                    + "{\"core-id\": 1, \"thread-id\": 0, \"socket-id\": 0}, \"qom-path\": "
                    + "\"/machine/unattached/device[3]\", \"cpu-index\": 2, \"target\": \"x86_64\"}, {\"thread-id\": "
                    + PID + ", \"props\": {\"core-id\": 1, \"thread-id\": 1, \"socket-id\": 0}, \"qom-path\": "
                    + "\"/machine/unattached/device[4]\", \"cpu-index\": 3, \"target\": \"x86_64\"}]}",
                    m.one("{'execute': 'query-cpus-fast'}"));
            assertEquals("{\"return\": \"kvmvapic\"}", get(m, "/machine/unattached/device[1]", "type"));
        }
        // the helper comes with a local APIC: a lone 486 has none, two 486s get one (Debian's 7.2)
        try (QmpMachine m = QmpMachine.x86("-machine", "pc", "-cpu", "486")) {
            assertEquals("{\"return\": \"i440FX\"}", get(m, "/machine/unattached/device[1]", "type"));
        }
        try (QmpMachine m = QmpMachine.x86("-machine", "pc", "-cpu", "486", "-smp", "2")) {
            assertEquals("{\"return\": \"kvmvapic\"}", get(m, "/machine/unattached/device[1]", "type"));
        }
        try (QmpMachine m = QmpMachine.x86("-machine", "pc", "-smp", "6,sockets=1,cores=3,threads=2")) {
            assertEquals("{\"return\": 5}", get(m, "/machine/unattached/device[6]", "apic-id"));
            assertEquals("{\"return\": 4}", get(m, "/machine/unattached/device[5]", "apic-id"));
        }
        try (QmpMachine m = QmpMachine.x86("-machine", "pc", "-smp", "2,maxcpus=3")) {
            assertEquals("{\"return\": [{\"props\": {\"core-id\": 2, \"thread-id\": 0, \"socket-id\": 0}, "
                    + "\"vcpus-count\": 1, \"type\": \"qemu64-x86_64-cpu\"}, {\"props\": {\"core-id\": 1, "
                    + "\"thread-id\": 0, \"socket-id\": 0}, \"vcpus-count\": 1, \"qom-path\": "
                    + "\"/machine/unattached/device[2]\", \"type\": \"qemu64-x86_64-cpu\"}, {\"props\": {\"core-id\": "
                    + "0, \"thread-id\": 0, \"socket-id\": 0}, \"vcpus-count\": 1, \"qom-path\": "
                    + "\"/machine/unattached/device[0]\", \"type\": \"qemu64-x86_64-cpu\"}]}",
                    m.one("{'execute': 'query-hotpluggable-cpus'}"));
        }
    }

    @Test
    void virtRaspiAndPseriesListTheirCpusAsQemu() {
        try (QmpMachine m = QmpMachine.of("aarch64", "-machine", "virt", "-smp", "2")) {
            assertEquals("{\"return\": [{\"thread-id\": " + PID + ", \"props\": {\"core-id\": 0, \"thread-id\": 0, "
                    + "\"socket-id\": 0, \"cluster-id\": 0}, \"qom-path\": \"/machine/unattached/device[0]\", "
                    + "\"cpu-index\": 0, \"target\": \"aarch64\"}, {\"thread-id\": " + PID + ", \"props\": "
                    + "{\"core-id\": 1, \"thread-id\": 0, \"socket-id\": 0, \"cluster-id\": 0}, \"qom-path\": "
                    + "\"/machine/unattached/device[1]\", \"cpu-index\": 1, \"target\": \"aarch64\"}]}",
                    m.one("{'execute': 'query-cpus-fast'}"));
            assertEquals("{\"return\": true}", get(m, "/machine/unattached/device[1]", "start-powered-off"));
            assertEquals("{\"return\": false}", get(m, "/machine/unattached/device[1]", "has_el3"));
        }
        try (QmpMachine m = QmpMachine.of("aarch64", "-machine", "virt,gic-version=3", "-smp", "10")) {
            assertEquals("{\"return\": 9}", get(m, "/machine/unattached/device[9]", "mp-affinity"));
        }
        try (QmpMachine m = QmpMachine.of("arm", "-machine", "raspi2b")) {
            String r = m.one("{'execute': 'query-cpus-fast'}");
            assertTrue(r.contains("{\"thread-id\": " + PID + ", \"qom-path\": \"/machine/soc/cpu[3]\", "
                    + "\"cpu-index\": 3, \"target\": \"arm\"}"), r);
            assertEquals("{\"return\": 3843}", get(m, "/machine/soc/cpu[3]", "mp-affinity"));
            assertEquals("{\"return\": 1091551349}", get(m, "/machine/soc/cpu[0]", "midr"));
        }
        try (QmpMachine m = QmpMachine.of("ppc64", "-machine", "pseries", "-smp", "2")) {
            assertEquals("{\"return\": [{\"thread-id\": " + PID + ", \"props\": {\"core-id\": 0, \"node-id\": 0}, "
                    + "\"qom-path\": \"/machine/unattached/device[1]/thread[0]\", \"cpu-index\": 0, \"target\": "
                    + "\"ppc64\"}, {\"thread-id\": " + PID + ", \"props\": {\"core-id\": 1, \"node-id\": 0}, "
                    + "\"qom-path\": \"/machine/unattached/device[2]/thread[0]\", \"cpu-index\": 1, \"target\": "
                    + "\"ppc64\"}]}", m.one("{'execute': 'query-cpus-fast'}"));
        }
    }

    @Test
    void pseriesListsItsCoreSlots() {
        try (QmpMachine m = QmpMachine.of("ppc64", "-machine", "pseries", "-smp", "2,maxcpus=4")) {
            assertEquals("{\"return\": [{\"props\": {\"core-id\": 3, \"node-id\": 0}, \"vcpus-count\": 1, "
                    + "\"type\": \"power9_v2.0-spapr-cpu-core\"}, {\"props\": {\"core-id\": 2, \"node-id\": 0}, "
                    + "\"vcpus-count\": 1, \"type\": \"power9_v2.0-spapr-cpu-core\"}, {\"props\": {\"core-id\": 1, "
                    + "\"node-id\": 0}, \"vcpus-count\": 1, \"qom-path\": \"/machine/unattached/device[2]\", "
                    + "\"type\": \"power9_v2.0-spapr-cpu-core\"}, {\"props\": {\"core-id\": 0, \"node-id\": 0}, "
                    + "\"vcpus-count\": 1, \"qom-path\": \"/machine/unattached/device[1]\", \"type\": "
                    + "\"power9_v2.0-spapr-cpu-core\"}]}", m.one("{'execute': 'query-hotpluggable-cpus'}"));
        }
    }

    @Test
    void armPropertiesExistOnlyWhereTheModelHasThem() {
        try (QmpMachine m = QmpMachine.of("aarch64", "-machine", "none", "-cpu", "cortex-a57,pmu=off")) {
            assertEquals("{\"return\": false}", get(m, "/machine/unattached/device[0]", "pmu"));
            assertEquals("{\"return\": true}", get(m, "/machine/unattached/device[0]", "aarch64"));
        }
        try (QmpMachine m = QmpMachine.of("arm", "-machine", "none", "-cpu", "arm926")) {
            assertEquals(PcMachine.error("GenericError", "Property 'arm926-arm-cpu.pmu' not found"),
                    get(m, "/machine/unattached/device[0]", "pmu"));
        }
    }

    @Test
    void cpuDefinitionsAreDebiansForTheModelsWeAccept() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none")) {
            String r = m.one("{'execute': 'query-cpu-definitions'}");
            assertTrue(r.contains("{\"name\": \"qemu64\", \"typename\": \"qemu64-x86_64-cpu\", "
                    + "\"unavailable-features\": [], \"alias-of\": \"qemu64-v1\", \"static\": false, "
                    + "\"migration-safe\": true, \"deprecated\": false}"), r);
            assertTrue(r.contains("{\"name\": \"base\", \"typename\": \"base-x86_64-cpu\", \"unavailable-features\": "
                    + "[], \"static\": true, \"migration-safe\": true, \"deprecated\": false}"), r);
            assertEquals(132, r.split("\"name\"").length - 1);
        }
        try (QmpMachine m = QmpMachine.of("ppc64", "-machine", "none")) {
            String r = m.one("{'execute': 'query-cpu-definitions'}");
            assertTrue(r.contains("{\"name\": \"power9\", \"typename\": \"power9_v2.0-powerpc64-cpu\", "
                    + "\"static\": false, \"deprecated\": false}"), r);
        }
    }

    @Test
    void cpuTypesAreListedUnderTheirParents() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none")) {
            String r = m.one("{'execute': 'qom-list-types', 'arguments': {'implements': 'cpu', 'abstract': true}}");
            assertTrue(r.contains("{\"name\": \"qemu64-x86_64-cpu\", \"parent\": \"x86_64-cpu\"}"), r);
            assertTrue(r.contains("{\"name\": \"host-x86_64-cpu\", \"parent\": \"max-x86_64-cpu\"}"), r);
        }
        try (QmpMachine m = QmpMachine.of("ppc64", "-machine", "none")) {
            String r = m.one("{'execute': 'qom-list-types', 'arguments': {'implements': 'cpu'}}");
            assertTrue(r.contains("{\"name\": \"power9_v2.0-powerpc64-cpu\", \"parent\": "
                    + "\"POWER9-family-powerpc64-cpu\"}"), r);
        }
    }
}
