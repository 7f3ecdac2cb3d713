package io.qtestjvm.qos.robustness;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.backend.InternalErrorCheck;
import io.qtestjvm.qos.libqtest.QtestTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile RTAS calls on pseries (issue 14): random service names (the modelled ones, unmodelled ones QEMU has, and
 * unknown ones), random argument and return counts including huge and negative ones, cell contents random or
 * aimed at the configuration calls (sizes, registers past 4 KiB, other buses, absent BUIDs), and buffer addresses in
 * RAM, at its end, outside it, in the bridge's windows, wrapping at 2^64 and with the top nibble set. Every call
 * answers {@code OK 0}, {@code OK 18446744073709551612} or {@code FAIL} (an unmodelled name), never an internal
 * error; afterwards RAM away from the buffers is intact and the configuration read of the built-in VGA still works.
 */
class PseriesRtasFuzzTest {
    private static final int CALLS = 3000;
    private static final long SENTINEL = 0x300000;
    private static final String[] NAMES = {"ibm,read-pci-config", "ibm,write-pci-config", "read-pci-config",
        "write-pci-config", "get-time-of-day", "set-time-of-day", "get-power-level", "set-power-level",
        "system-reboot", "display-character", "no-such-call", "IBM,READ-PCI-CONFIG", ""};
    private static final long[] WILD = {0x0, 0x1ffffffcL, 0x20000000L, 0xfffffffffffffffcL, 0x200000000000L,
        0x200080000000L, 0x1000000000L, 0xf000000000010000L, 0x8000000000000000L};

    static Stream<Arguments> runs() {
        return Stream.of(Arguments.of(Backend.JVM, 0x7a5_0001L), Arguments.of(Backend.JVM_PROCESS, 0x7a5_0002L));
    }

    @ParameterizedTest(name = "[{0}] seed {1}")
    @MethodSource("runs")
    void everyHostileCallAnswersAStatusAndTheMachineKeepsWorking(Backend backend, long seed) {
        try (QtestTransport t = backend.start("ppc64", "-machine pseries -m 512M", "7.2")) {
            assertEquals(List.of("OK"), t.qtest("memset 0x" + Long.toHexString(SENTINEL) + " 64 0x5a"));
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < CALLS; i++) {
                long args = address(r);
                long rets = address(r);
                if ((args & 0x0fff_ffff_ffff_ffffL) < 0x20000000L) {
                    for (int c = 0; c < 8; c++) {
                        t.qtest("writel 0x" + Long.toHexString((args + 4L * c) & 0x0fff_ffff_ffff_ffffL) + " 0x"
                                + Long.toHexString(cell(r, c)));
                    }
                }
                String name = NAMES[r.nextInt(NAMES.length)];
                String line = "rtas " + (name.isEmpty() ? "x" : name) + " " + count(r) + " 0x"
                        + Long.toHexString(args) + " " + count(r) + " 0x" + Long.toHexString(rets);
                List<String> got = t.qtest(line);
                String last = got.getLast();
                assertTrue(last.equals("OK 0") || last.equals("OK 18446744073709551612")
                        || last.startsWith("FAIL rtas ") && !last.startsWith("FAIL internal"),
                        "seed " + seed + " call " + i + " '" + line + "': " + got);
            }
            assertEquals(List.of("OK 0x" + "5a".repeat(64)), t.qtest("read 0x" + Long.toHexString(SENTINEL) + " 64"));
            t.qtest("writel 0x10000 0x0");
            t.qtest("writel 0x10004 0x8000000");
            t.qtest("writel 0x10008 0x20000000");
            t.qtest("writel 0x1000c 0x4");
            assertEquals(List.of("OK 0"), t.qtest("rtas ibm,read-pci-config 4 0x10000 2 0x10100"));
            assertEquals(List.of("OK 0x0000000011111234"), t.qtest("read 0x10100 8"), "VGA's IDs");
            InternalErrorCheck.assertNone(t);
            assertEquals(0, t.terminate(), "exit status after SIGTERM");
        }
    }

    /** Mostly a scratch area in RAM (never the sentinel), sometimes a wild address. */
    private static long address(SplittableRandom r) {
        if (r.nextInt(4) == 0) {
            return WILD[r.nextInt(WILD.length)] + 4L * r.nextInt(4);
        }
        return 0x10000 + 4L * r.nextInt(0x4000);
    }

    private static String count(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0 -> "4294967296";
            case 1 -> "-1";
            case 2 -> Long.toString(r.nextLong() >>> 1);
            default -> Integer.toString(r.nextInt(9));
        };
    }

    /** Cell {@code c}: aimed at the configuration calls' fields, or random. */
    private static long cell(SplittableRandom r, int c) {
        if (r.nextBoolean()) {
            return r.nextLong() & 0xffff_ffffL;
        }
        return switch (c) {
            case 0 -> (r.nextInt(4) == 0 ? (long) r.nextInt(16) << 28 : 0) | (long) r.nextInt(2) << 16
                    | (long) r.nextInt(256) << 8 | r.nextInt(256);
            case 1 -> 0x8000000L;
            case 2 -> 0x20000000L + (r.nextInt(4) == 0 ? r.nextInt(32) : 0);
            case 3 -> r.nextInt(10);
            default -> r.nextLong() & 0xffff_ffffL;
        };
    }
}
