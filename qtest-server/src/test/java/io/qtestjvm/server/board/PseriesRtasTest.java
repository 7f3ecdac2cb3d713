package io.qtestjvm.server.board;

import io.qtestjvm.server.InJvmServer;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pseries RTAS behind the qtest {@code rtas} command, the default bridge's windows and the big-endian target,
 * each expectation observed on Debian's QEMU 7.2 ({@code qemu-system-ppc64 -M pseries -accel tcg -S}).
 */
class PseriesRtasTest {
    private static final String ARGS = "0x10000";
    private static final String RETS = "0x10100";
    private static final long BUID = 0x800000020000000L;

    private static InJvmServer pseries(String... extra) {
        String[] args = new String[2 + extra.length];
        args[0] = "-machine";
        args[1] = "pseries";
        System.arraycopy(extra, 0, args, 2, extra.length);
        return InJvmServer.startAs("7.2", "ppc64", args);
    }

    private static String q(InJvmServer s, String cmd) {
        return s.qtest(cmd).trim();
    }

    private static void cells(InJvmServer s, long addr, long... values) {
        for (int i = 0; i < values.length; i++) {
            assertEquals("OK", q(s, "writel 0x" + Long.toHexString(addr + 4L * i) + " 0x"
                    + Long.toHexString(values[i] & 0xffff_ffffL)));
        }
    }

    /** ibm,read-pci-config; answers the 8 bytes of the status and value cells as {@code read} shows them. */
    private static String readConfig(InJvmServer s, long cfg, long buid, long size) {
        cells(s, 0x10000, cfg, buid >>> 32, buid, size);
        assertEquals("OK 0", q(s, "rtas ibm,read-pci-config 4 " + ARGS + " 2 " + RETS));
        return q(s, "read " + RETS + " 8");
    }

    @Test
    void targetIsBigEndianForReadXAndRawForRead() {
        try (InJvmServer s = pseries("-nodefaults")) {
            assertEquals("OK big", q(s, "endianness"));
            q(s, "writel 0x1000 0xdeadbeef");
            assertEquals("OK 0x00000000000000de", q(s, "readb 0x1000"));
            assertEquals("OK 0x000000000000dead", q(s, "readw 0x1000"));
            assertEquals("OK 0xdeadbeef", q(s, "read 0x1000 4"));
        }
    }

    @Test
    void configReadsOfThePluggedFunctionSucceedAndAbsentOnesGiveHardwareError() {
        try (InJvmServer s = pseries("-device", "sdhci-pci,addr=0x2")) {
            assertEquals("OK 0x0000000000071b36", readConfig(s, 0x1000, BUID, 4));
            assertEquals("OK 0x0000000000000036", readConfig(s, 0x01001000, BUID, 1), "bits 27:24 ignored");
            assertEquals("OK 0x0000000000000000", readConfig(s, 0x10ff, BUID, 1), "last register of 256");
            assertEquals("OK 0xffffffff00000000", readConfig(s, 0x10001000, BUID, 1), "bits 31:28: register 0x100");
            assertEquals("OK 0xffffffff00000000", readConfig(s, 0xff001000, BUID, 1), "register 0xf00");
            assertEquals("OK 0xffffffff00000000", readConfig(s, 0x1001, BUID, 2), "misaligned");
            assertEquals("OK 0xffffffff00000000", readConfig(s, 0x11000, BUID, 4), "bus 1");
            assertEquals("OK 0xffffffff00000000", readConfig(s, 0xf800, BUID, 4), "absent slot");
            assertEquals("OK 0xffffffff00000000", readConfig(s, 0x1000, BUID + 1, 4), "absent BUID");
            for (long size : new long[] {0, 3, 8, 0xffffffffL}) {
                assertEquals("OK 0xffffffff00000000", readConfig(s, 0x1000, BUID, size), "size " + size);
            }
            assertEquals("OK 0x0000000011111234", readConfig(s, 0x0, BUID, 4), "default VGA at 00.0");
            assertEquals("OK 0x0000000001941033", readConfig(s, 0x800, BUID, 4), "default USB host at 01.0");
        }
    }

    @Test
    void wrongCellCountsAndTheBuidLessCallsGiveTheirStatus() {
        try (InJvmServer s = pseries("-device", "sdhci-pci,addr=0x2")) {
            cells(s, 0x10000, 0x1000, BUID >>> 32, BUID, 4);
            cells(s, 0x10100, 0x55, 0x55);
            assertEquals("OK 0", q(s, "rtas ibm,read-pci-config 3 " + ARGS + " 2 " + RETS));
            assertEquals("OK 0xffffffff00000055", q(s, "read " + RETS + " 8"));
            assertEquals("OK 0", q(s, "rtas ibm,read-pci-config 4 " + ARGS + " 1 " + RETS));
            cells(s, 0x10000, 0x1000, 2);
            assertEquals("OK 0", q(s, "rtas read-pci-config 2 " + ARGS + " 2 " + RETS));
            assertEquals("OK 0xffffffff00000055", q(s, "read " + RETS + " 8"), "no bridge has BUID 0");
            assertEquals("OK 0", q(s, "rtas write-pci-config 3 " + ARGS + " 1 " + RETS));
            assertEquals("OK 0xffffffff", q(s, "read " + RETS + " 4"));
            assertEquals("OK 0", q(s, "rtas get-time-of-day 1 " + ARGS + " 8 " + RETS));
            assertEquals("OK 0xfffffffd", q(s, "read " + RETS + " 4"), "parameter error");
            assertEquals("OK 0", q(s, "rtas system-reboot 1 " + ARGS + " 1 " + RETS));
            assertEquals("OK 0xfffffffd", q(s, "read " + RETS + " 4"));
        }
    }

    @Test
    void configWritesProgramABarThatTheThirtyTwoBitWindowShowsByteSwapped() {
        try (InJvmServer s = pseries("-nodefaults", "-device", "sdhci-pci,addr=0x2")) {
            cells(s, 0x10000, 0x1010, BUID >>> 32, BUID, 4, 0x80000000L);
            assertEquals("OK 0", q(s, "rtas ibm,write-pci-config 5 " + ARGS + " 1 0x10200"));
            assertEquals("OK 0x00000000", q(s, "read 0x10200 4"));
            cells(s, 0x10000, 0x1004, BUID >>> 32, BUID, 2, 2);
            assertEquals("OK 0", q(s, "rtas ibm,write-pci-config 5 " + ARGS + " 1 0x10200"));
            assertEquals("OK 0x00000000b4347805", q(s, "readl 0x200080000040"), "capabilities, little-endian");
            assertEquals("OK 0xb4347805", q(s, "read 0x200080000040 4"));
            cells(s, 0x10000, 0x1010, BUID >>> 32, BUID, 3, 0);
            assertEquals("OK 0", q(s, "rtas ibm,write-pci-config 5 " + ARGS + " 1 0x10200"));
            assertEquals("OK 0xffffffff", q(s, "read 0x10200 4"), "size 3");
        }
    }

    @Test
    void cellAddressesDropTheirTopNibbleAndWrapAndOutsideRamNothingBreaks() {
        try (InJvmServer s = pseries("-nodefaults")) {
            cells(s, 0x10000, 0xffffffffL);
            assertEquals("OK 0", q(s, "rtas get-power-level 1 0xf000000000010000 2 0xf000000000010100"));
            assertEquals("OK 0x0000000000000064", q(s, "read " + RETS + " 8"));
            assertEquals("OK 0", q(s, "rtas get-time-of-day 0 " + ARGS + " 8 0xfffffffffffffffc"));
            assertEquals("OK 0x000007", q(s, "read 0x0 3"), "the year cell wrapped to address 0");
            assertEquals("OK 0", q(s, "rtas ibm,read-pci-config 4 0x2000000000 2 0x1000000000"));
            assertEquals("OK 0", q(s, "rtas get-time-of-day 4294967296 " + ARGS + " 8 " + RETS), "count cut to 0");
            assertEquals(0, s.internalErrors());
        }
    }

    @Test
    void unknownNamesAnswerHParameterAndMalformedCommandsFail() {
        try (InJvmServer s = pseries("-nodefaults")) {
            assertEquals("OK 18446744073709551612", q(s, "rtas no-such-call 0 0x10000 1 0x10100"));
            assertEquals("OK 18446744073709551612", q(s, "rtas 0 0 0 0 0"));
            assertTrue(q(s, "rtas ibm,read-pci-config 4").startsWith("FAIL "));
            assertTrue(q(s, "rtas get-time-of-day x 0x10000 8 0x10100").startsWith("FAIL "));
            assertTrue(q(s, "rtas display-character 1 0x10000 1 0x10100").startsWith("FAIL "), "not modelled");
            assertEquals(0, s.internalErrors());
        }
        try (InJvmServer s = InJvmServer.startAs("7.2", "x86_64", "-machine", "pc")) {
            assertEquals("FAIL Unknown command 'rtas'", q(s, "rtas get-time-of-day 0 0x10000 8 0x10100"));
        }
    }

    @Test
    void timeOfDayFollowsRtcBaseAndSetTimeOfDay() {
        try (InJvmServer s = pseries("-nodefaults", "-rtc", "base=2010-01-01T01:02:03")) {
            s.qmp("{'execute': 'qmp_capabilities'}");
            assertEquals("OK 0", q(s, "rtas get-time-of-day 0 " + ARGS + " 8 " + RETS));
            assertTrue(q(s, "read " + RETS + " 28").startsWith(
                    "OK 0x00000000000007da00000001000000010000000100000002000000"), "2010-01-01 01:02:0x");
            cells(s, 0x10000, 2001, 2, 3, 3, 4, 5, 0);
            assertEquals("OK 0", q(s, "rtas set-time-of-day 7 " + ARGS + " 1 0x10200"));
            assertEquals("OK 0x00000000", q(s, "read 0x10200 4"));
            assertTrue(s.qmpPending().contains("\"event\": \"RTC_CHANGE\""), "RTC_CHANGE");
            q(s, "rtas get-time-of-day 0 " + ARGS + " 8 " + RETS);
            assertTrue(q(s, "read " + RETS + " 28").startsWith(
                    "OK 0x00000000000007d10000000200000003000000030000000400000005"), "2001-02-03 03:04:05");
            cells(s, 0x10000, 2000, 13, 1, 0, 0, 0, 0);
            q(s, "rtas set-time-of-day 7 " + ARGS + " 1 0x10200");
            q(s, "rtas get-time-of-day 0 " + ARGS + " 8 " + RETS);
            assertTrue(q(s, "read " + RETS + " 12").startsWith("OK 0x00000000000007d100000001"), "month 13");
            assertEquals("OK 0", q(s, "rtas set-time-of-day 6 " + ARGS + " 1 0x10200"));
            assertEquals("OK 0xfffffffd", q(s, "read 0x10200 4"));
        }
        try (InJvmServer s = pseries("-nodefaults")) {
            q(s, "rtas get-time-of-day 0 " + ARGS + " 8 " + RETS);
            long year = Long.decode(q(s, "readl 0x10104").substring(3));
            assertEquals(LocalDateTime.now(ZoneOffset.UTC).getYear(), year, "host time by default");
        }
    }

    @Test
    void powerLevelIsOnlyForTheWholePlatformAndRebootResetsTheMachine() {
        try (InJvmServer s = pseries("-nodefaults")) {
            s.qmp("{'execute': 'qmp_capabilities'}");
            cells(s, 0x10000, 0, 50);
            cells(s, 0x10100, 0x55, 0x55);
            assertEquals("OK 0", q(s, "rtas set-power-level 2 " + ARGS + " 2 " + RETS));
            assertEquals("OK 0xfffffffd00000055", q(s, "read " + RETS + " 8"));
            cells(s, 0x10000, 0xffffffffL);
            assertEquals("OK 0", q(s, "rtas set-power-level 2 " + ARGS + " 2 " + RETS));
            assertEquals("OK 0x0000000000000064", q(s, "read " + RETS + " 8"));
            s.qmpPending();
            assertEquals("OK 0", q(s, "rtas system-reboot 0 " + ARGS + " 1 0x10300"));
            assertEquals("OK 0x00000000", q(s, "read 0x10300 4"));
            assertTrue(s.qmpPending().contains("\"reason\": \"guest-reset\""), "RESET guest-reset");
        }
    }

    @Test
    void moreBridgesHaveTheirOwnBuidAndIndexLimits() {
        try (InJvmServer s = pseries("-nodefaults", "-device", "spapr-pci-host-bridge,index=30")) {
            assertEquals("OK 0xffffffff00000000", readConfig(s, 0x0, BUID + 30, 4), "empty bus");
            assertEquals("OK 0x0000000000000000", q(s, "readl 0x200000000000"), "I/O window of bridge 0");
        }
        assertStartFails("spapr-pci-host-bridge,index=31", "\"index\" for PAPR PHB is too large (max 30)");
        assertStartFails("spapr-pci-host-bridge,index=0", "PHB 0 already attached");
        assertStartFails("spapr-pci-host-bridge", "\"index\" for PAPR PHB is mandatory");
    }

    private static void assertStartFails(String device, String message) {
        try (InJvmServer s = pseries("-nodefaults", "-device", device)) {
            throw new AssertionError("started with " + device + ": " + s);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains(message), e.getMessage());
        }
    }

    /** power-off asks the machine to shut down: SHUTDOWN (guest-shutdown) after the reply, then the exit status 0. */
    @Test
    void powerOffShutsTheMachineDown() {
        try (InJvmServer s = pseries()) {
            s.qmp("{'execute': 'qmp_capabilities'}");
            assertEquals(-1, s.exitStatus());
            assertEquals("OK 0", q(s, "rtas power-off 2 " + ARGS + " 1 " + RETS));
            String events = s.qmpPending();
            assertTrue(events.contains("\"event\": \"SHUTDOWN\", \"data\": {\"guest\": true, \"reason\": "
                    + "\"guest-shutdown\"}"), events);
            assertEquals(0, s.exitStatus());
        }
    }
}
