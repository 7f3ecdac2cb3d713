package io.qtestjvm.server.monitor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What QEMU's qom-test does on every machine: {@code qom-list} from {@code /machine} down through every
 * {@code child<>}, and {@code qom-get} of every other property answers a return, here for the machines whose QOM
 * tree the CPU objects, the vAPIC helper, pc-testdev and isapc changed.
 */
class QomWalkTest {
    private static final Pattern PROP = Pattern.compile("\\{\"name\": \"([^\"]*)\", \"type\": \"([^\"]*)\"\\}");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            x86_64|-machine pc -smp 2 -device pc-testdev
            x86_64|-machine isapc -device pc-testdev
            x86_64|-machine none -cpu qemu64,apic-id=0
            i386|-machine isapc
            aarch64|-machine virt -smp 2 -cpu max
            arm|-machine raspi2b
            ppc64|-machine pseries -smp 2
            ppc64|-machine none -cpu power9
            """)
    void everyPropertyAnswersQomGet(String arch, String args) {
        try (QmpMachine m = QmpMachine.of(arch, args.split(" "))) {
            List<String> failures = new ArrayList<>();
            int[] n = {0};
            walk(m, "/machine", failures, n);
            assertTrue(failures.isEmpty(), failures.toString());
            assertTrue(n[0] > 10, "properties read: " + n[0]);
        }
    }

    private static void walk(QmpMachine m, String path, List<String> failures, int[] n) {
        String list = m.one("{'execute': 'qom-list', 'arguments': {'path': '" + path + "'}}");
        Matcher p = PROP.matcher(list);
        while (p.find()) {
            String name = p.group(1);
            String type = p.group(2);
            if (type.startsWith("child<")) {
                walk(m, path + "/" + name, failures, n);
            } else if (!type.startsWith("link<")) {
                String r = m.one("{'execute': 'qom-get', 'arguments': {'path': '" + path + "', 'property': '" + name
                        + "'}}");
                n[0]++;
                if (!r.startsWith("{\"return\"")) {
                    failures.add(path + "." + name + ": " + r);
                }
            }
        }
    }
}
