package io.qtestjvm.server.board;

import io.qtestjvm.server.InJvmServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pseries machine entry against Debian's QEMU 7.2 {@code query-machines} reply saved as test data
 * ({@code board/pseries-qemu-7.2/query-machines.json}), and the QOM tree QEMU builds by default.
 */
class PseriesMachineTest {
    private static final Pattern ENTRY = Pattern.compile("\\{[^{}]*\"name\": \"pseries-7\\.2\"[^{}]*\\}");

    private static String saved() throws IOException {
        try (InputStream in = PseriesMachineTest.class.getResourceAsStream("pseries-qemu-7.2/query-machines.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String entry(String reply) {
        Matcher m = ENTRY.matcher(reply);
        assertTrue(m.find(), reply);
        return m.group();
    }

    @Test
    void queryMachinesEntryEqualsQemu72sByteForByte() throws IOException {
        try (InJvmServer s = InJvmServer.startAs("7.2", "ppc64", "-machine", "none")) {
            s.qmp("{'execute': 'qmp_capabilities'}");
            String ours = s.qmp("{'execute': 'query-machines'}");
            assertEquals(entry(saved()), entry(ours));
        }
    }

    @Test
    void pseriesIsTheDefaultMachineOfPpc64() {
        try (InJvmServer s = InJvmServer.startAs("7.2", "ppc64")) {
            assertTrue(s.board() instanceof PseriesBoard, s.board().getClass().getName());
        }
    }

    @Test
    void defaultDevicesSitAtQemusUnattachedIndexes() {
        try (InJvmServer s = InJvmServer.startAs("7.2", "ppc64", "-machine", "pseries")) {
            s.qmp("{'execute': 'qmp_capabilities'}");
            String list = s.qmp("{'execute': 'qom-list', 'arguments': {'path': '/machine/unattached'}}");
            String[] types = {"spapr-xive", "power9_v2.0-spapr-cpu-core", "spapr-vio-bridge", "spapr-vty",
                    "spapr-nvram", "spapr-pci-host-bridge", "spapr-vlan", "spapr-vscsi", "VGA", "nec-usb-xhci",
                    "usb-kbd", "usb-mouse"};
            for (int i = 0; i < types.length; i++) {
                assertTrue(list.contains("{\"name\": \"device[" + i + "]\", \"type\": \"child<" + types[i] + ">\"}"),
                        i + " " + types[i] + " in " + list);
            }
            assertEquals("OK", s.qtest("irq_intercept_in /machine/unattached/device[0]").trim());
            String machine = s.qmp("{'execute': 'qom-list', 'arguments': {'path': '/machine'}}");
            assertTrue(machine.contains("{\"name\": \"rtc\", \"type\": \"child<spapr-rtc>\"}"), machine);
        }
    }

    @Test
    void nodefaultsLeavesOutConsoleNetworkScsiVgaAndUsb() {
        try (InJvmServer s = InJvmServer.startAs("7.2", "ppc64", "-machine", "pseries", "-nodefaults")) {
            s.qmp("{'execute': 'qmp_capabilities'}");
            String list = s.qmp("{'execute': 'qom-list', 'arguments': {'path': '/machine/unattached'}}");
            String[] types = {"spapr-xive", "power9_v2.0-spapr-cpu-core", "spapr-vio-bridge", "spapr-nvram",
                    "spapr-pci-host-bridge"};
            for (int i = 0; i < types.length; i++) {
                assertTrue(list.contains("{\"name\": \"device[" + i + "]\", \"type\": \"child<" + types[i] + ">\"}"),
                        i + " " + types[i] + " in " + list);
            }
            assertTrue(!list.contains("device[5]"), list);
        }
    }

    @Test
    void ramAndThreadLimitsAnswerQemusMessages() {
        assertStartFails("-m 127M", "pSeries SLOF firmware requires >= 80ldMiB guest RMA (Real Mode Area memory)");
        assertStartFails("-m 300M", "Memory size 0x12c00000 is not aligned to 256 MiB");
        assertStartFails("-m 512M,slots=2,maxmem=1300M", "Maximum memory size 0x20000000 is not aligned to 256 MiB");
        assertStartFails("-smp 4,threads=2", "TCG cannot support more than 1 thread/core on a pseries machine");
        assertStartFails("-smp 5000", "Invalid SMP CPUs 5000. The max CPUs supported by machine 'pseries-7.2' is 4096");
        try (InJvmServer s = InJvmServer.startAs("7.2", "ppc64", "-machine", "pseries", "-m", "1G,slots=2,maxmem=2G",
                "-smp", "3,maxcpus=4")) {
            assertEquals(1L << 30, ((PseriesBoard) s.board()).ramSize());
            assertEquals("OK 0x00000000000000ab", s.qtest("writeb 0x3fffffff 0xab").trim().equals("OK")
                    ? s.qtest("readb 0x3fffffff").trim() : "write failed", "last byte of RAM");
        }
    }

    private static void assertStartFails(String option, String message) {
        String[] words = option.split(" ");
        try (InJvmServer s = InJvmServer.startAs("7.2", "ppc64", "-machine", "pseries", words[0], words[1])) {
            throw new AssertionError("started with " + option + ": " + s);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains(message), e.getMessage());
        }
    }

    /** The bridge's part of Debian's QEMU 7.2 {@code info qtree} for {@code -M pseries -device sdhci-pci,addr=0x2}. */
    @Test
    void infoQtreeShowsTheBridgesPropertiesAndFunctionsInQemusOrder() {
        try (InJvmServer s = InJvmServer.startAs("7.2", "ppc64", "-machine", "pseries", "-device",
                "sdhci-pci,addr=0x2")) {
            s.qmp("{'execute': 'qmp_capabilities'}");
            String qtree = s.qmp("{'execute': 'human-monitor-command', 'arguments': {'command-line': 'info qtree'}}");
            assertTrue(qtree.contains("bus: main-system-bus\\r\\n  type System\\r\\n  dev: spapr-pci-host-bridge, id "
                    + "\\\"\\\"\\r\\n    index = 0 (0x0)\\r\\n    mem_win_size = 2147483648 (0x80000000)\\r\\n"
                    + "    mem64_win_size = 1099511627776 (0x10000000000)\\r\\n"
                    + "    io_win_size = 65536 (0x10000)\\r\\n"), qtree);
            assertTrue(qtree.contains("    bypass-iommu = false\\r\\n    bus: pci.0\\r\\n      type PCI\\r\\n"
                    + "      dev: sdhci-pci, id"), qtree);
            int sdhci = qtree.indexOf("dev: sdhci-pci");
            int xhci = qtree.indexOf("dev: nec-usb-xhci");
            int vga = qtree.indexOf("dev: VGA");
            assertTrue(sdhci < xhci && xhci < vga, "newest function first, as QEMU lists them: " + qtree);
        }
    }

    /** {@code -machine help}: QEMU 7.2's lines (saved as test data) for the machines ppc64 has here, in its order. */
    @Test
    void machineHelpListsQemusLinesInQemusOrder() throws IOException {
        String qemu;
        try (InputStream in = PseriesMachineTest.class.getResourceAsStream("pseries-qemu-7.2/machine-help.txt")) {
            qemu = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String ours = Machines.help("ppc64", io.qtestjvm.server.qtest.Compat.parse("7.2"));
        java.util.List<String> names = new java.util.ArrayList<>();
        for (Machines.Machine m : Machines.forArch("ppc64", io.qtestjvm.server.qtest.Compat.parse("7.2"))) {
            names.add(m.name());
            if (m.alias() != null) {
                names.add(m.alias());
            }
        }
        StringBuilder want = new StringBuilder();
        for (String line : qemu.split("\n")) {
            if (line.startsWith("Supported") || names.contains(line.split(" ")[0])) {
                want.append(line).append('\n');
            }
        }
        assertEquals(want.toString(), ours);
    }
}
