package io.qtestjvm.server.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qtestjvm.server.InJvmServer;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clock warps to the end of time on {@code pc} (issue 10 item 2): the PIT and the RTC catch up in closed form when
 * nothing observes their interrupts, so {@code clock_step}/{@code clock_set} of 2^63 - 1 ns answer at once and the
 * session goes on; what the PIT and RTC registers read afterwards is what the data sheets give for that time.
 */
class PcClockWarpTest {
    private static final long END = Long.MAX_VALUE;
    private static final String OK_END = "OK " + END + "\n";

    private static String reply(InJvmServer s, String command) {
        return s.qtest(command);
    }

    private static int inb(InJvmServer s, int port) {
        String r = reply(s, "inb 0x" + Integer.toHexString(port)).trim();
        return Integer.decode(r.substring(3));
    }

    private static void outb(InJvmServer s, int port, int value) {
        assertEquals("OK\n", reply(s, "outb 0x" + Integer.toHexString(port) + " 0x" + Integer.toHexString(value)));
    }

    private static int cmos(InJvmServer s, int index) {
        outb(s, 0x70, index);
        return inb(s, 0x71);
    }

    /** PIT ticks in {@code ns} nanoseconds, computed apart from the device's own arithmetic. */
    private static long pitTicks(long ns) {
        return BigInteger.valueOf(ns).multiply(BigInteger.valueOf(1_193_182))
                .divide(BigInteger.valueOf(1_000_000_000)).longValueExact();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void clockStepToTheEndOfTimeAnswersAndTheSessionLives() {
        try (InJvmServer s = InJvmServer.start("x86_64", "-machine", "pc")) {
            assertEquals(OK_END, reply(s, "clock_step " + END));
            assertEquals("OK 0x0000000000000000\n", reply(s, "readl 0x0"));
            assertEquals(OK_END, reply(s, "clock_set " + END));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void clockSetToTheEndOfTimeAnswersAndThePitReadsWhatMode3Gives() {
        try (InJvmServer s = InJvmServer.start("x86_64", "-machine", "pc")) {
            assertEquals(OK_END, reply(s, "clock_set " + END));
            // counter 0 still runs its reset programming: mode 3, count 2^16, loaded at 0
            long d = pitTicks(END);
            int phase = (int) (d % 0x10000);
            int out = phase < 0x8000 ? 1 : 0;
            outb(s, 0x43, 0xe2); // read-back: status of counter 0
            assertEquals(out << 7 | 3 << 1, inb(s, 0x40));
            outb(s, 0x43, 0x00); // counter latch
            int count = (0x10000 - (2 * phase) % 0x10000) & 0xffff;
            assertEquals(count & 0xff, inb(s, 0x40)); // no access mode written yet: LSB only
            // counting goes on from here: a new count reads back exactly
            outb(s, 0x43, 0x34);
            outb(s, 0x40, 0x00);
            outb(s, 0x40, 0x10);
            outb(s, 0x43, 0x00);
            assertEquals(0x00, inb(s, 0x40));
            assertEquals(0x10, inb(s, 0x40));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void rtcOnTheVirtualClockShowsTheTimeTwoHundredNinetyTwoYearsOn() {
        try (InJvmServer s = InJvmServer.start("x86_64", "-machine", "pc", "-rtc", "clock=vm")) {
            outb(s, 0x70, 0x0b);
            outb(s, 0x71, 0x46); // PIE, binary, 24 hours: IRQ 8 goes to a masked I/O APIC pin
            long before = rtcTime(s);
            assertEquals(OK_END, reply(s, "clock_step " + END));
            long after = rtcTime(s);
            assertEquals(END / 1_000_000_000L, after - before);
            assertEquals(0xd0, cmos(s, 0x0c) & 0xd0); // IRQF, PF and UF are set
            assertEquals(0x00, cmos(s, 0x0c));
            assertEquals("OK " + END + "\n", reply(s, "clock_set " + END));
        }
    }

    /** The RTC's date and time in binary mode, as seconds since 1970 (the century byte 0x32 included). */
    private static long rtcTime(InJvmServer s) {
        int year = cmos(s, 0x32) * 100 + cmos(s, 0x09);
        LocalDateTime t = LocalDateTime.of(year, cmos(s, 0x08), cmos(s, 0x07), cmos(s, 0x04), cmos(s, 0x02),
                cmos(s, 0x00));
        return t.toEpochSecond(ZoneOffset.UTC);
    }
}
