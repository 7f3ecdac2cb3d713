package io.qtestjvm.qos.qgraph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The {@code qos-test --verbose} dump and the DOT rendering. */
class QosGraphDumpTest {
    private static QosGraph<Object> pc() {
        return LibqosRegistrations.discovered("x86_64", "pc-i440fx-7.2", "pc");
    }

    @Test
    void verboseDumpMarksNodesAsQosDumpGraphDoes() {
        String dump = QosGraphDump.verbose(pc());
        assertTrue(dump.startsWith("# ALL QGRAPH EDGES: {\n"), dump);
        assertTrue(dump.contains("# \t name='x86_64/pc' type=0 cmd_line='-M pc ' [available]\n"), dump);
        assertTrue(dump.contains("# \t name='aarch64/virt' type=0 cmd_line='-M virt, -cpu max' [UNAVAILABLE]\n"));
        assertTrue(dump.contains("# \t name='pci-bus' type=2 cmd_line='(null)' [available]\n"));
        assertTrue(dump.contains("# \t name='sdhci-pci' type=1 cmd_line=' -device sdhci-pci' [available]\n"));
        assertTrue(dump.contains("# \t name='sdhci-tests/registers' type=3 cmd_line='(null)' [available]\n"));
        assertTrue(dump.contains("# \t src='pci-bus'\n# \t\t|-> dest='virtio-rng-pci' type=2 (node=0x"), dump);
    }

    @Test
    void verboseDumpShowsQemuNameAndDanglingEdges() {
        QosGraph<Object> g = new QosGraph<>();
        g.createDriverNamed("dev-0", "dev", null);
        g.contains("dev-0", "ghost");
        String dump = QosGraphDump.verbose(g);
        assertTrue(dump.contains("# \t name='dev-0' qemu_name='dev' type=1 cmd_line=' -device dev' [UNAVAILABLE]\n"));
        assertTrue(dump.contains("|-> dest='ghost' type=0 (node=(nil)) <------- ERROR !\n"), dump);
    }

    @Test
    void dotFillsAvailableNodesAndLabelsEdges() {
        String dot = QosGraphDump.dot(pc());
        assertTrue(dot.startsWith("digraph qgraph {"), dot);
        assertTrue(dot.contains("\"x86_64/pc\" [shape=box3d, style=filled, fillcolor=palegreen"), dot);
        assertTrue(dot.contains("\"ppc64/pseries\" [shape=box3d, style=dashed"), dot);
        assertTrue(dot.contains("\"pci-bus\" -> \"sdhci-pci\" [label=\"consumed_by\"];"), dot);
        assertTrue(dot.contains("\"x86_64/pc\" -> \"i440FX-pcihost\" [label=\"contains\"];"), dot);
        for (String line : List.of(dot.split("\n"))) {
            assertTrue(!line.contains("\"\" ->"), "the root is not drawn: " + line);
        }
    }
}
