package io.qtestjvm.server;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded, bounded fuzzing of what a hostile client can send besides qtest lines (issue 10): QMP messages (random and
 * mutated JSON, deep nesting, long strings, wrong argument types, hostile {@code device_add} properties) and
 * device-register traffic (random-width reads and writes over every MMIO window a machine maps, random PCI
 * configuration writes), on each machine the way qgraph is parameterised. After each run: a RAM sentinel is
 * intact, the session answers, and no device model threw (internal-error count 0).
 */
class HostileInputFuzzTest {
    private static final String[] COMMANDS = {"query-status", "qom-list", "qom-get", "device_add", "device_del",
        "system_reset", "query-machines", "qom-list-types", "human-monitor-command", "query-version", "nosuch"};
    private static final String[] DRIVERS = {"edu", "sdhci-pci", "sd-card", "ioapic", "pci-ide", "nosuch", "",
        "virtio-blk-pci", "iommu-testdev", "spapr-pci-host-bridge"};
    private static final String[] VALUES = {"0", "-1", "18446744073709551615", "99999999999999999999", "\"\"",
        "\"x\"", "true", "null", "[]", "{}", "\"04.0\"", "\"1f.7\"", "\"zz\"", "\"pci.0\"", "\"/machine\"", "1.5"};

    /** A sentinel far from any DMA target of the fuzzed devices. */
    private static long sentinelAddress(String arch) {
        return switch (arch) {
            case "aarch64" -> 0x4700_0000L;
            case "ppc64" -> 0x0700_0000L;
            case "arm" -> 0x0700_0000L;
            default -> 0x0700_0000L;
        };
    }

    /** Windows a machine maps devices in: base, size. */
    private static long[][] windows(String arch) {
        return switch (arch) {
            case "aarch64" -> new long[][] {{0x0800_0000L, 0x0100_0000L}, {0x0900_0000L, 0x0008_0000L},
                {0x0a00_0000L, 0x4000L}, {0x3f00_0000L, 0x0100_0000L}, {0x1000_0000L, 0x1000}};
            case "arm" -> new long[][] {{0x3f00_0000L, 0x0100_0000L}};
            case "ppc64" -> new long[][] {{0x2000_0000_0000L, 0x1_0000L}};
            default -> new long[][] {{0xfec0_0000L, 0x1000}, {0xfee0_0000L, 0x1000}, {0xfebf_0000L, 0x1_0000L}};
        };
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @CsvSource({
        "x86_64, -machine pc -device edu -device sdhci-pci, 1",
        "x86_64, -machine pc -device edu -device sdhci-pci, 2",
        "arm, -machine raspi2b, 3",
        "aarch64, '-machine virt,iommu=smmuv3 -cpu max -device edu -device sdhci-pci', 4",
        "ppc64, -machine pseries -device sdhci-pci, 5"})
    @Timeout(120)
    void hostileQmpAndRegisterTrafficLeaveTheMachineSound(String arch, String args, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        try (InJvmServer s = InJvmServer.startAs("7.2", arch, args.split(" "))) {
            long sentinel = sentinelAddress(arch);
            s.qtest("writeq 0x" + Long.toHexString(sentinel) + " 0x5a5a5a5a12345678");
            s.qmp("{\"execute\": \"qmp_capabilities\"}");
            for (int i = 0; i < 400; i++) {
                String msg = qmpMessage(r);
                String reply = s.qmp(msg + "\n");
                assertTrue(reply != null, msg);
                s.qmpPending();
            }
            for (int i = 0; i < 3000; i++) {
                String reply = s.qtest(registerCommand(r, arch));
                assertTrue(reply.startsWith("OK") || reply.startsWith("FAIL") || reply.startsWith("IRQ"), reply);
                if (i % 500 == 0) {
                    s.qtest("clock_step " + r.nextInt(1, 1_000_000));
                }
            }
            String status = s.qmp("{\"execute\": \"query-status\"}\n");
            assertTrue(status.contains("\"return\""), status);
            assertEquals("OK 0x5a5a5a5a12345678\n", tail(s.qtest("readq 0x" + Long.toHexString(sentinel))));
            assertEquals(0, s.internalErrors(), "a device model threw (see stderr)");
        }
    }

    private static String tail(String reply) {
        // asynchronous IRQ lines come before the reply
        int i = reply.lastIndexOf("OK ");
        return i < 0 ? reply : reply.substring(i);
    }

    private static String qmpMessage(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> "{\"execute\": \"" + pick(r, COMMANDS) + "\", \"arguments\": {\"" + pick(r, new String[] {
                "path", "property", "id", "driver", "command-line", "typename", "x"}) + "\": " + pick(r, VALUES) + "}}";
            case 1 -> "{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"" + pick(r, DRIVERS) + "\", \""
                + pick(r, new String[] {"addr", "bus", "id", "multifunction", "dma_mask", "drive", "capareg",
                    "index", "romfile", "x-pcie-lnksta-dllla"}) + "\": " + pick(r, VALUES) + "}}";
            case 2 -> {
                // balanced, so the stream is back at the top level after it; past depth 1024 it is an error
                int depth = r.nextInt(1, 2000);
                yield "[".repeat(depth) + "]".repeat(depth);
            }
            case 3 -> "{\"execute\": \"" + "x".repeat(r.nextInt(1, 100_000)) + "\"}";
            case 4 -> {
                byte[] b = new byte[r.nextInt(1, 64)];
                r.nextBytes(b);
                StringBuilder sb = new StringBuilder();
                for (byte x : b) {
                    char c = (char) (x & 0x7f);
                    // garbage that leaves no string or container open (which would swallow what follows, on QEMU too)
                    sb.append("\n\"'{}[]".indexOf(c) >= 0 ? ' ' : c);
                }
                yield sb.toString();
            }
            default -> "{'execute': 'qom-get', 'arguments': {'path': '/machine/" + pick(r, new String[] {
                "peripheral-anon/device[0]", "unattached/device[0]", "..", "i440fx", ""}) + "', 'property': '"
                + pick(r, new String[] {"type", "realized", "addr", "hotpluggable", "nosuch"}) + "'}}";
        };
    }

    private static String registerCommand(SplittableRandom r, String arch) {
        int kind = r.nextInt(10);
        if (kind == 0 && !arch.equals("arm") && !arch.equals("aarch64") && !arch.equals("ppc64")) {
            // PCI configuration through 0xcf8/0xcfc on pc: random function, register and value
            return "outl 0xcf8 0x" + Integer.toHexString(0x8000_0000 | r.nextInt(0x100) << 8 | r.nextInt(64) << 2);
        }
        if (kind == 1 && !arch.equals("arm") && !arch.equals("aarch64") && !arch.equals("ppc64")) {
            return "outl 0xcfc 0x" + Integer.toHexString(r.nextInt());
        }
        long[][] w = windows(arch);
        long[] win = w[r.nextInt(w.length)];
        long addr = win[0] + r.nextLong(win[1]);
        String[] widths = {"b", "w", "l", "q"};
        String width = widths[r.nextInt(widths.length)];
        if (r.nextBoolean()) {
            return "read" + width + " 0x" + Long.toHexString(addr);
        }
        return "write" + width + " 0x" + Long.toHexString(addr) + " 0x" + Long.toHexString(r.nextLong());
    }

    private static String pick(SplittableRandom r, String[] a) {
        return a[r.nextInt(a.length)];
    }
}
