package io.qtestjvm.qos.cpus;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.Json;
import io.qtestjvm.qos.libqtest.QtestTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CPU model against Debian's QEMU 7.2, asked in the same run ({@code [jvm]} under 7.2 beside {@code [qemu]}):
 * every {@code query-cpu-definitions} entry we report equals QEMU's entry of that name member for member (we report
 * the models {@code -cpu} accepts, a subset of QEMU's list); {@code query-cpus-fast} of each board equals QEMU's
 * but for {@code thread-id}, the host thread; and the CPU's QOM properties read what QEMU's read.
 */
class CpuFactsMatchQemuTest {
    private static final String COMPAT = "7.2";

    private static String qmp(QtestTransport t, String cmd) {
        return t.qmp(cmd);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> definitions(Backend b, String arch) {
        try (QtestTransport t = b.start(arch, "-machine none", COMPAT)) {
            Map<String, Map<String, Object>> out = new LinkedHashMap<>();
            for (Object o : (List<Object>) Json.object(qmp(t, "{\"execute\": \"query-cpu-definitions\"}"))
                    .get("return")) {
                Map<String, Object> m = (Map<String, Object>) o;
                out.put((String) m.get("name"), m);
            }
            return out;
        }
    }

    @ParameterizedTest
    @CsvSource({"x86_64", "i386", "arm", "aarch64", "ppc64"})
    void cpuDefinitionsAreQemusEntries(String arch) {
        Backend.QEMU.assumeAvailable(arch);
        Map<String, Map<String, Object>> ours = definitions(Backend.JVM, arch);
        Map<String, Map<String, Object>> qemu = definitions(Backend.QEMU, arch);
        assertFalse(ours.isEmpty());
        for (Map.Entry<String, Map<String, Object>> e : ours.entrySet()) {
            assertEquals(qemu.get(e.getKey()), e.getValue(), arch + " " + e.getKey());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> cpusFast(Backend b, String arch, String args) {
        try (QtestTransport t = b.start(arch, args, COMPAT)) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<Object>) Json.object(qmp(t, "{\"execute\": \"query-cpus-fast\"}")).get("return")) {
                Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) o);
                assertTrue(m.remove("thread-id") instanceof Number, m.toString());
                out.add(m);
            }
            return out;
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            x86_64|-machine pc -smp 4,cores=2,threads=2
            x86_64|-machine pc -smp 2,sockets=2
            x86_64|-machine none -cpu qemu64,apic-id=0
            x86_64|-machine isapc
            x86_64|-machine pc -smp 2 -cpu 486
            x86_64|-machine pc -cpu qemu64,-apic
            i386|-machine pc -smp 2
            aarch64|-machine virt -smp 3
            aarch64|-machine none -cpu cortex-a57
            arm|-machine raspi2b
            arm|-machine virt -smp 2
            ppc64|-machine pseries -smp 2
            ppc64|-machine none -cpu power8e_v2.1
            """)
    void queryCpusFastIsQemusButForTheThreadIds(String arch, String args) {
        Backend.QEMU.assumeAvailable(arch);
        assertEquals(cpusFast(Backend.QEMU, arch, args), cpusFast(Backend.JVM, arch, args), args);
    }

    private static List<Object> props(Backend b, String arch, String args, String path, List<String> names) {
        try (QtestTransport t = b.start(arch, args, COMPAT)) {
            List<Object> out = new ArrayList<>();
            for (String n : names) {
                out.add(n + "=" + Json.object(qmp(t, "{\"execute\": \"qom-get\", \"arguments\": {\"path\": \"" + path
                        + "\", \"property\": \"" + n + "\"}}")).get("return"));
            }
            return out;
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            x86_64|-machine pc|/machine/unattached/device[0]|family model stepping vendor model-id level xlevel apic-id
            x86_64|-machine pc|/machine/unattached/device[0]|socket-id core-id thread-id lm nx sse4.2 svm vmx
            x86_64|-machine pc -cpu Skylake-Client-v2,family=6,-avx,+vmx|device[0]|family model stepping vendor
            x86_64|-machine pc -cpu Skylake-Client-v2,family=6,-avx,+vmx|device[0]|model-id avx vmx aes
            x86_64|-machine pc -smp 6,sockets=1,cores=3,threads=2|/machine/unattached/device[6]|apic-id core-id
            x86_64|-machine pc -smp 6,sockets=1,cores=3,threads=2|/machine/unattached/device[6]|thread-id socket-id
            x86_64|-machine isapc|/machine/unattached/device[0]|family model stepping vendor apic fpu
            i386|-machine none -cpu qemu32,apic-id=3|/machine/unattached/device[0]|apic-id family model lm
            aarch64|-machine virt -smp 2 -cpu max|/machine/unattached/device[1]|midr mp-affinity pmu
            aarch64|-machine virt -smp 2 -cpu max|device[1]|aarch64 has_el2 has_el3 start-powered-off
            aarch64|-machine none -cpu cortex-a57,pmu=off|/machine/unattached/device[0]|midr pmu cntfrq vfp neon
            arm|-machine raspi2b|/machine/soc/cpu[2]|midr mp-affinity pmu has_el3 start-powered-off
            """)
    void cpuPropertiesReadAsQemus(String arch, String args, String at, String names) {
        Backend.QEMU.assumeAvailable(arch);
        String path = at.startsWith("/") ? at : "/machine/unattached/" + at;
        List<String> n = List.of(names.split(" "));
        assertEquals(props(Backend.QEMU, arch, args, path, n), props(Backend.JVM, arch, args, path, n), args);
    }
}
