package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestFunctions;

import java.util.List;
import java.util.Map;

/**
 * QEMU's machine-none-test (tests/qtest/machine-none-test.c) as a plain per-arch test: {@code -machine none} with
 * the arch's CPU model of the program's table starts, and {@code quit} answers a return. Beyond the program, the
 * checks QEMU's answers pin: {@code query-cpus-fast} lists the one CPU as index 0 at
 * {@code /machine/unattached/device[0]} with the binary's target and no slot properties ({@code none} has no CPU
 * slots), the object is of the model's QOM type, and {@code query-cpu-definitions} names the model with that type.
 */
public final class MachineNoneTests {
    /** The program's table for the arches we build: arch, {@code -cpu} argument, model, QOM type. */
    private static final List<String[]> CPUS = List.of(
            new String[] {"arm", "cortex-a15", "cortex-a15", "cortex-a15-arm-cpu"},
            new String[] {"aarch64", "cortex-a57", "cortex-a57", "cortex-a57-arm-cpu"},
            new String[] {"x86_64", "qemu64,apic-id=0", "qemu64", "qemu64-x86_64-cpu"},
            new String[] {"i386", "qemu32,apic-id=0", "qemu32", "qemu32-i386-cpu"},
            new String[] {"ppc64", "power8e_v2.1", "power8e", "power8e_v2.1-powerpc64-cpu"});

    private MachineNoneTests() {
    }

    public static void register(QtestFunctions reg) {
        for (String[] c : CPUS) {
            if (c[0].equals(reg.arch())) {
                reg.add("machine/none/cpu_option", l -> cpuOption(l, c[0], c[1], c[2], c[3]));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void cpuOption(QtestFunctions.Launcher l, String arch, String cpu, String model, String type) {
        try (QTestState qts = l.init("-machine none -cpu " + cpu)) {
            Object ret = qts.qmp("{ 'execute': 'query-cpus-fast' }").get("return");
            Check.isTrue(ret instanceof List<?> list && list.size() == 1, "one CPU: " + ret);
            Map<String, Object> info = (Map<String, Object>) ((List<Object>) ret).getFirst();
            Check.equal(0, ((Number) info.get("cpu-index")).longValue(), "cpu-index");
            Check.isTrue("/machine/unattached/device[0]".equals(info.get("qom-path")), "qom-path: " + info);
            Check.isTrue(arch.equals(info.get("target")), "target: " + info);
            Check.isTrue(info.get("thread-id") instanceof Number, "thread-id: " + info);
            Check.isTrue(!info.containsKey("props"), "no slot properties on none: " + info);
            Object t = qts.qmp("{ 'execute': 'qom-get', 'arguments': { 'path': '/machine/unattached/device[0]', "
                    + "'property': 'type' } }").get("return");
            Check.isTrue(type.equals(t), "QOM type " + t);
            Object defs = qts.qmp("{ 'execute': 'query-cpu-definitions' }").get("return");
            boolean listed = false;
            for (Object d : (List<Object>) defs) {
                Map<String, Object> def = (Map<String, Object>) d;
                listed |= model.equals(def.get("name")) && type.equals(def.get("typename"));
            }
            Check.isTrue(listed, "query-cpu-definitions lists " + model + " as " + type);
            Map<String, Object> quit = qts.qmp("{ 'execute': 'quit' }");
            Check.isTrue(quit.containsKey("return"), "quit returns: " + quit);
        }
    }
}
