package io.qtestjvm.server.board;

import io.qtestjvm.server.InJvmServer;
import io.qtestjvm.server.cli.QemuCommandLine;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.Compat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The raspi2b board's configuration handling and the default network's router-advertisement timer. */
class Raspi2bBoardTest {
    private static Raspi2bBoard board(String line) throws StartupException {
        MachineConfig c = MachineConfig.from("arm", QemuCommandLine.parse(line.split(" ")), Compat.parse("7.2"));
        return (Raspi2bBoard) Targets.create(c);
    }

    @Test
    void defaultNetworkArmsTheRouterAdvertisementAtAWholeMillisecondIn200To600Seconds() throws StartupException {
        for (int i = 0; i < 50; i++) {
            long deadline = board("-machine raspi2b").userNetDeadlineNs();
            assertTrue(deadline >= 200_000_000_000L && deadline < 600_000_000_000L, "deadline " + deadline);
            assertEquals(0, deadline % 1_000_000, "SCALE_MS timer: whole milliseconds");
        }
    }

    @Test
    void routerAdvertisementReArmsItselfAfterFiring() throws StartupException {
        Raspi2bBoard b = board("-machine raspi2b");
        long first = b.userNetDeadlineNs();
        b.virtualClock().warpTo(first);
        long next = b.userNetDeadlineNs();
        assertTrue(next - first >= 200_000_000_000L && next - first < 600_000_000_000L, "next " + next);
    }

    @Test
    void noDefaultNetworkMeansNoTimerAndClockStepStaysPut() throws StartupException {
        assertEquals(-1, board("-machine raspi2b -nodefaults").userNetDeadlineNs());
        assertEquals(-1, board("-machine raspi2b -net none").userNetDeadlineNs());
        assertEquals(-1, board("-machine raspi2b -netdev user,id=n0,ipv6=off").userNetDeadlineNs());
        try (InJvmServer s = InJvmServer.startAs("7.2", "arm", "-machine", "raspi2b", "-nodefaults")) {
            assertEquals("OK 0", s.qtest("clock_step").trim());
        }
    }

    @Test
    void aNetdevUserHasItsOwnRouterAdvertisementTimer() throws StartupException {
        long d = board("-machine raspi2b -netdev user,id=n0").userNetDeadlineNs();
        assertTrue(d >= 200_000_000_000L && d < 600_000_000_000L, "deadline " + d);
    }

    @Test
    void ramOtherThanOneGibIsRefusedAsQemuDoes() {
        StartupException e = assertThrows(StartupException.class, () -> board("-machine raspi2b -m 512"));
        assertEquals("Invalid RAM size, should be 1 GiB", e.getMessage());
    }

    @Test
    void peripheralHolesShowRamAndUnimplementedWindowsReadZero() {
        try (InJvmServer s = InJvmServer.startAs("7.2", "arm", "-machine", "raspi2b")) {
            assertEquals("OK", s.qtest("writel 0x3f000000 0x12345678").trim(), "RAM under the peripheral window");
            assertEquals("OK 0x0000000012345678", s.qtest("readl 0x3f000000").trim());
            s.qtest("writel 0x3f00b400 0x1");
            assertEquals("OK 0x0000000000000000", s.qtest("readl 0x3f00b400").trim(), "bcm2835-sp804 unimp");
            assertEquals("OK 0x0000000000002402", s.qtest("readw 0x3f3000fe").trim(), "SDHCI v3");
        }
    }
}
