package io.qtestjvm.devices.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import org.junit.jupiter.api.Test;

class Mc146818RtcTest {
    /** 2024-02-29 13:45:30 UTC, a Thursday. */
    private static final long BASE = 1709214330L;

    private final PortIo io = new PortIo();
    private Clock clock = Clock.virtual();
    private LevelRecorder irq8;
    private Mc146818Rtc rtc;

    private void create(Clock rtcClock) {
        clock = rtcClock;
        rtc = new Mc146818Rtc(rtcClock, BASE, 2000);
        irq8 = new LevelRecorder(rtcClock);
        rtc.gpioOut(Device.UNNAMED, 0).connect(irq8.line);
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
    void registersAThroughDHaveQemusPowerOnValues() {
        create(Clock.virtual());
        assertEquals(0x26, cmosRead(0x0a));
        assertEquals(0x02, cmosRead(0x0b));
        assertEquals(0x00, cmosRead(0x0c));
        assertEquals(0x80, cmosRead(0x0d));
    }

    @Test
    void timeRegistersAreBcdIn24HourModeWithTheCentury() {
        create(Clock.virtual());
        assertEquals(0x30, cmosRead(0x00));
        assertEquals(0x45, cmosRead(0x02));
        assertEquals(0x13, cmosRead(0x04));
        assertEquals(0x05, cmosRead(0x06)); // Thursday: tm_wday 4, plus one
        assertEquals(0x29, cmosRead(0x07));
        assertEquals(0x02, cmosRead(0x08));
        assertEquals(0x24, cmosRead(0x09));
        assertEquals(0x20, cmosRead(0x32));
        assertEquals(0x20, cmosRead(0x37)); // the IBM PS/2 century byte reads the century
    }

    @Test
    void secondsFollowTheRtcClock() {
        create(Clock.virtual());
        clock.warpTo(2_500_000_000L);
        assertEquals(0x32, cmosRead(0x00));
        assertEquals(BASE + 2, rtc.guestEpochSeconds());
    }

    @Test
    void binaryAnd12HourModesFollowRegisterB() {
        create(Clock.virtual());
        cmosWrite(0x0b, 0x00); // BCD, 12 hours
        assertEquals(0x81, cmosRead(0x04)); // 1 PM
        cmosWrite(0x0b, 0x06); // binary, 24 hours
        assertEquals(13, cmosRead(0x04));
        assertEquals(45, cmosRead(0x02));
    }

    @Test
    void timeWrittenUnderSetBecomesTheNewBase() {
        create(Clock.virtual());
        cmosWrite(0x0b, 0x82); // SET, 24 hours
        cmosWrite(0x04, 0x08);
        cmosWrite(0x02, 0x00);
        cmosWrite(0x00, 0x00);
        cmosWrite(0x0b, 0x02);
        clock.warpTo(3_000_000_000L);
        assertEquals(0x08, cmosRead(0x04));
        assertEquals(0x03, cmosRead(0x00));
    }

    @Test
    void periodicInterruptOnTheVirtualClockRaisesIrq8AndSetsIrqfAndPf() {
        create(Clock.virtual());
        cmosWrite(0x0a, 0x26);
        cmosWrite(0x0b, 0x42); // PIE, 24 hours
        clock.warpTo(10_000_000L);
        assertEquals(1, irq8.level);
        assertEquals(0xc0, cmosRead(0x0c));
        assertEquals(0, irq8.level); // reading C lowers the line
        assertEquals(0x00, cmosRead(0x0c)); // and clears it
    }

    @Test
    void firstPeriodicInterruptComesOnePeriodAfterPieIsSet() {
        create(Clock.virtual());
        cmosWrite(0x0b, 0x42);
        // 32 cycles of 32768 Hz, plus QEMU's 1 ns
        clock.warpTo(2_000_000L);
        long firstRaise = irq8.changes.stream().filter(c -> c.level() == 1).findFirst().orElseThrow().timeNs();
        assertEquals(MulDiv.muldiv64(32, 1_000_000_000L, 32768) + 1, firstRaise);
    }

    @Test
    void transcriptSequenceOnTheVirtualClockAlsoReportsTheUpdateFlag() {
        create(Clock.virtual());
        clock.warpTo(5_000_000_000L); // UF was set at 1 s and nobody read C since
        cmosWrite(0x0a, 0x26);
        cmosWrite(0x0b, 0x42);
        clock.warpTo(5_010_000_000L);
        assertEquals(0xd0, cmosRead(0x0c));
    }

    @Test
    void onTheHostClockNothingIsPendingRightAfterEnablingAndTheEventLoopRunsIt() throws InterruptedException {
        create(Clock.host());
        cmosWrite(0x0a, 0x26);
        cmosWrite(0x0b, 0x42);
        assertEquals(0x00, cmosRead(0x0c));
        Thread.sleep(5);
        clock.runExpired();
        assertEquals(0xc0, cmosRead(0x0c) & 0xc0);
    }

    @Test
    void updateEndedInterruptEverySecondWhenEnabled() {
        create(Clock.virtual());
        cmosWrite(0x0b, 0x12); // UIE, 24 hours
        clock.warpTo(999_999_999L);
        assertEquals(0, irq8.level); // lowered by reset and by the write of B
        clock.warpTo(1_000_000_000L);
        assertEquals(1, irq8.level);
        assertEquals(0x90, cmosRead(0x0c));
    }

    @Test
    void alarmWithDontCareFieldsFiresEverySecondWithAie() {
        create(Clock.virtual());
        cmosWrite(0x01, 0xc0);
        cmosWrite(0x03, 0xc0);
        cmosWrite(0x05, 0xc0);
        cmosWrite(0x0b, 0x22); // AIE, 24 hours
        clock.warpTo(1_000_000_000L);
        assertEquals(1, irq8.level);
        assertEquals(0xb0, cmosRead(0x0c)); // IRQF | AF | UF
    }

    @Test
    void alarmAtASpecificTimeSetsAf() {
        create(Clock.virtual());
        cmosWrite(0x01, 0x33);
        cmosWrite(0x03, 0x45);
        cmosWrite(0x05, 0x13); // 13:45:33, three seconds after the base
        clock.warpTo(2_500_000_000L);
        assertEquals(0x10, cmosRead(0x0c)); // UF only
        clock.warpTo(3_000_000_000L);
        assertEquals(0x30, cmosRead(0x0c)); // AF | UF, no IRQF without AIE
        assertTrue(irq8.changes.stream().noneMatch(c -> c.level() == 1));
    }

    @Test
    void updateInProgressIsReportedInTheLast244Microseconds() {
        create(Clock.virtual());
        clock.warpTo(999_700_000L);
        assertEquals(0x26, cmosRead(0x0a));
        clock.warpTo(999_800_000L);
        assertEquals(0xa6, cmosRead(0x0a));
    }

    @Test
    void indexPortIgnoresTheNmiBitAndReadsAllOnes() {
        create(Clock.virtual());
        io.outb(0x70, 0x8d);
        assertEquals(0x80, io.inb(0x71));
        assertEquals(0xff, io.inb(0x70));
    }

    @Test
    void registersCAndDAreReadOnly() {
        create(Clock.virtual());
        cmosWrite(0x0c, 0xff);
        cmosWrite(0x0d, 0x00);
        assertEquals(0x00, cmosRead(0x0c));
        assertEquals(0x80, cmosRead(0x0d));
    }

    @Test
    void resetClearsInterruptEnablesAndFlagsAndLowersTheLine() {
        create(Clock.virtual());
        cmosWrite(0x0b, 0x72);
        clock.warpTo(1_000_000_000L);
        assertEquals(1, irq8.level);
        rtc.reset();
        assertEquals(0, irq8.level);
        assertEquals(0x12, cmosRead(0x0b));
        assertEquals(0x00, cmosRead(0x0c));
    }

    @Test
    void memorySizesOf128MibAsPcCmosInitStoresThem() {
        create(Clock.virtual());
        rtc.setMemorySizes(128L << 20, 0);
        assertEquals(0x80, cmosRead(0x15));
        assertEquals(0x02, cmosRead(0x16)); // 640 KiB
        assertEquals(0xff, cmosRead(0x17));
        assertEquals(0xff, cmosRead(0x18)); // capped at 65535 KiB
        assertEquals(0xff, cmosRead(0x30));
        assertEquals(0xff, cmosRead(0x31));
        assertEquals(0x00, cmosRead(0x34));
        assertEquals(0x07, cmosRead(0x35)); // (128 - 16) MiB in 64 KiB units = 0x700
        assertEquals(0x00, cmosRead(0x5b));
    }

    @Test
    void memorySizesBelow64MibAndAbove4Gib() {
        create(Clock.virtual());
        rtc.setMemorySizes(32L << 20, 1L << 32);
        assertEquals(0x00, cmosRead(0x30));
        assertEquals(0x7c, cmosRead(0x31)); // 31 MiB = 0x7c00 KiB
        assertEquals(0x00, cmosRead(0x5b));
        assertEquals(0x00, cmosRead(0x5c));
        assertEquals(0x01, cmosRead(0x5d)); // 4 GiB / 64 KiB = 0x10000
        rtc.setCpuCount(4);
        assertEquals(3, cmosRead(0x5f));
    }

    @Test
    void calendarRoundTripsThroughMktimegm() {
        int[] tm = new int[UtcCalendar.FIELDS];
        UtcCalendar.fromEpochSeconds(BASE, tm);
        assertEquals(BASE, UtcCalendar.toEpochSeconds(tm[UtcCalendar.YEAR], tm[UtcCalendar.MON] + 1,
                tm[UtcCalendar.MDAY], tm[UtcCalendar.HOUR], tm[UtcCalendar.MIN], tm[UtcCalendar.SEC]));
        UtcCalendar.fromEpochSeconds(0, tm);
        assertEquals(1970, tm[UtcCalendar.YEAR]);
        assertEquals(4, tm[UtcCalendar.WDAY]);
        assertTrue(UtcCalendar.toEpochSeconds(2000, 3, 1, 0, 0, 0) == 951868800L);
    }
}
