package io.qtestjvm.devices.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MC146818A data-sheet behaviour the device tests leave implicit, and the RTC's cost over long clock warps. */
class Mc146818RtcSpecTest {
    /** 2024-02-29 13:45:30 UTC. */
    private static final long BASE = 1709214330L;

    private final PortIo io = new PortIo();
    private final Clock clock = Clock.virtual();
    private Mc146818Rtc rtc;

    private void create(boolean recordIrq) {
        rtc = new Mc146818Rtc(clock, BASE, 2000);
        if (recordIrq) {
            rtc.gpioOut(Device.UNNAMED, 0).connect(new LevelRecorder(clock).line);
        }
        rtc.realize();
        io.map(Mc146818Rtc.IO_BASE, rtc.ioRegion());
    }

    private void cmosWrite(int index, int value) {
        io.outb(0x70, index);
        io.outb(0x71, value);
    }

    private int cmosRead(int index) {
        io.outb(0x70, index);
        return io.inb(0x71);
    }

    @Test
    void dividerResetHoldsTheTimeAndTheFirstUpdateComesHalfASecondAfterRelease() {
        create(true);
        cmosWrite(0x0a, 0x76); // DV = 111: divider chain in reset
        clock.warpTo(2_000_000_000L);
        assertEquals(0x30, cmosRead(0x00));
        assertEquals(0x00, cmosRead(0x0c)); // no update cycle while the divider is held
        cmosWrite(0x0a, 0x26);
        clock.warpTo(2_499_999_999L);
        assertEquals(0x30, cmosRead(0x00));
        assertEquals(0x00, cmosRead(0x0c));
        clock.warpTo(2_500_000_000L);
        assertEquals(0x31, cmosRead(0x00));
        assertEquals(0x10, cmosRead(0x0c));
    }

    @Test
    void settingSetClearsUpdateEndedInterruptEnable() {
        create(true);
        cmosWrite(0x0b, 0x12);
        cmosWrite(0x0b, 0x92);
        assertEquals(0x82, cmosRead(0x0b));
    }

    @Test
    void enablingAnInterruptWhoseFlagIsSetRaisesIrqf() {
        create(true);
        clock.warpTo(1_000_000_000L);
        cmosWrite(0x0b, 0x12); // UIE with UF already set
        assertEquals(0x90, cmosRead(0x0c));
    }

    @Test
    void alarmInTwelveHourModeComparesThePmHour() {
        create(true);
        cmosWrite(0x0b, 0x20); // AIE, BCD, 12 hours
        cmosWrite(0x01, 0x31);
        cmosWrite(0x03, 0x45);
        cmosWrite(0x05, 0x81); // 1 PM
        clock.warpTo(1_000_000_000L);
        assertEquals(0xb0, cmosRead(0x0c));
    }

    @Test
    void periodicRatesFollowTableFour() {
        assertEquals(0, Mc146818Layout.periodicCycles(0));
        assertEquals(128, Mc146818Layout.periodicCycles(1)); // 256 Hz
        assertEquals(256, Mc146818Layout.periodicCycles(2)); // 128 Hz
        assertEquals(4, Mc146818Layout.periodicCycles(3)); // 8192 Hz
        assertEquals(32, Mc146818Layout.periodicCycles(6)); // 1024 Hz
        assertEquals(16384, Mc146818Layout.periodicCycles(15)); // 2 Hz
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void periodicInterruptNobodyObservesCatchesUpOverALongWarp() {
        create(false);
        cmosWrite(0x0b, 0x42); // PIE at 1024 Hz, IRQ 8 connected to nothing
        long target = 1_000_000_000_000_000_000L; // about 31.7 years
        clock.warpTo(target);
        // the next periodic event is the first 1024 Hz cycle after the target, 1 ns late
        long cycle = MulDiv.muldiv64(target, 32768, 1_000_000_000L) / 32 * 32;
        while (MulDiv.muldiv64(cycle, 1_000_000_000L, 32768) + 1 <= target) {
            cycle += 32;
        }
        assertEquals(MulDiv.muldiv64(cycle, 1_000_000_000L, 32768) + 1, clock.nextDeadline());
        assertEquals(BASE + target / 1_000_000_000L, rtc.guestEpochSeconds());
        assertEquals(0xf0, cmosRead(0x0c)); // IRQF | PF | AF (the power-on alarm 00:00:00 came by) | UF
        assertTrue(clock.nextDeadline() > target);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void warpToTheEndOfTimeLeavesAReadableClock() {
        create(false);
        cmosWrite(0x0b, 0x72); // PIE, AIE, UIE
        clock.warpTo(Long.MAX_VALUE);
        assertEquals(0xf0, cmosRead(0x0c)); // IRQF, PF, AF (the alarm of 00:00:00 came), UF
        long seconds = BASE + Long.MAX_VALUE / 1_000_000_000L;
        assertEquals(seconds, rtc.guestEpochSeconds());
        int[] tm = new int[UtcCalendar.FIELDS];
        UtcCalendar.fromEpochSeconds(seconds, tm);
        assertEquals(Mc146818DataMode.encode(tm[UtcCalendar.SEC], false), cmosRead(0x00));
        assertEquals(Mc146818DataMode.encode(tm[UtcCalendar.YEAR] % 100, false), cmosRead(0x09));
    }

    @Test
    void alarmADayAheadIsScheduledForItsSecondWhileUfStaysSet() {
        create(true);
        cmosWrite(0x0b, 0x00); // BCD, 12 hours
        cmosWrite(0x01, 0x29);
        cmosWrite(0x03, 0x45);
        cmosWrite(0x05, 0x81); // 1:45:29 PM, a second before the start time
        clock.warpTo(1_500_000_000L); // UF set at 1 s and left unread
        assertEquals(86_399_000_000_000L, clock.nextDeadline());
        clock.warpTo(86_399_000_000_000L);
        assertEquals(0x30, cmosRead(0x0c)); // AF | UF, no IRQF without AIE
    }

    @Test
    void alarmThatCanNeverMatchSchedulesNothingOnceUfIsSet() {
        create(true);
        cmosWrite(0x01, 0x5a); // not a BCD second
        clock.warpTo(1_500_000_000L);
        assertEquals(-1, clock.nextDeadline());
        assertEquals(0x10, cmosRead(0x0c));
    }
}
