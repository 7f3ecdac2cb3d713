package io.qtestjvm.devices.x86;

import static io.qtestjvm.devices.x86.Mc146818Layout.ADDRESS_MASK;
import static io.qtestjvm.devices.x86.Mc146818Layout.ALARM_DONT_CARE;
import static io.qtestjvm.devices.x86.Mc146818Layout.A_DIVIDER_MASK;
import static io.qtestjvm.devices.x86.Mc146818Layout.A_DIVIDER_RESET;
import static io.qtestjvm.devices.x86.Mc146818Layout.A_DIVIDER_SHIFT;
import static io.qtestjvm.devices.x86.Mc146818Layout.A_POWER_ON;
import static io.qtestjvm.devices.x86.Mc146818Layout.A_RATE_MASK;
import static io.qtestjvm.devices.x86.Mc146818Layout.A_UIP;
import static io.qtestjvm.devices.x86.Mc146818Layout.BASE_MEMORY_KB_HI;
import static io.qtestjvm.devices.x86.Mc146818Layout.BASE_MEMORY_KB_LO;
import static io.qtestjvm.devices.x86.Mc146818Layout.B_24_HOUR;
import static io.qtestjvm.devices.x86.Mc146818Layout.B_AIE;
import static io.qtestjvm.devices.x86.Mc146818Layout.B_BINARY;
import static io.qtestjvm.devices.x86.Mc146818Layout.B_PIE;
import static io.qtestjvm.devices.x86.Mc146818Layout.B_POWER_ON;
import static io.qtestjvm.devices.x86.Mc146818Layout.B_SET;
import static io.qtestjvm.devices.x86.Mc146818Layout.B_SQWE;
import static io.qtestjvm.devices.x86.Mc146818Layout.B_UIE;
import static io.qtestjvm.devices.x86.Mc146818Layout.CENTURY;
import static io.qtestjvm.devices.x86.Mc146818Layout.CMOS_BYTES;
import static io.qtestjvm.devices.x86.Mc146818Layout.CPU_COUNT_MINUS_ONE;
import static io.qtestjvm.devices.x86.Mc146818Layout.C_AF;
import static io.qtestjvm.devices.x86.Mc146818Layout.C_FLAGS;
import static io.qtestjvm.devices.x86.Mc146818Layout.C_IRQF;
import static io.qtestjvm.devices.x86.Mc146818Layout.C_PF;
import static io.qtestjvm.devices.x86.Mc146818Layout.C_UF;
import static io.qtestjvm.devices.x86.Mc146818Layout.DAY_OF_MONTH;
import static io.qtestjvm.devices.x86.Mc146818Layout.DAY_OF_WEEK;
import static io.qtestjvm.devices.x86.Mc146818Layout.D_VRT;
import static io.qtestjvm.devices.x86.Mc146818Layout.EXT_MEMORY_KB_HI;
import static io.qtestjvm.devices.x86.Mc146818Layout.EXT_MEMORY_KB_HI_COPY;
import static io.qtestjvm.devices.x86.Mc146818Layout.EXT_MEMORY_KB_LO;
import static io.qtestjvm.devices.x86.Mc146818Layout.EXT_MEMORY_KB_LO_COPY;
import static io.qtestjvm.devices.x86.Mc146818Layout.HOURS;
import static io.qtestjvm.devices.x86.Mc146818Layout.HOURS_ALARM;
import static io.qtestjvm.devices.x86.Mc146818Layout.MEMORY_ABOVE_16M_HI;
import static io.qtestjvm.devices.x86.Mc146818Layout.MEMORY_ABOVE_16M_LO;
import static io.qtestjvm.devices.x86.Mc146818Layout.MEMORY_ABOVE_4G;
import static io.qtestjvm.devices.x86.Mc146818Layout.MINUTES;
import static io.qtestjvm.devices.x86.Mc146818Layout.MINUTES_ALARM;
import static io.qtestjvm.devices.x86.Mc146818Layout.MONTH;
import static io.qtestjvm.devices.x86.Mc146818Layout.PS2_CENTURY;
import static io.qtestjvm.devices.x86.Mc146818Layout.REG_A;
import static io.qtestjvm.devices.x86.Mc146818Layout.REG_B;
import static io.qtestjvm.devices.x86.Mc146818Layout.REG_C;
import static io.qtestjvm.devices.x86.Mc146818Layout.REG_D;
import static io.qtestjvm.devices.x86.Mc146818Layout.SECONDS;
import static io.qtestjvm.devices.x86.Mc146818Layout.SECONDS_ALARM;
import static io.qtestjvm.devices.x86.Mc146818Layout.TIME_BASE_HZ;
import static io.qtestjvm.devices.x86.Mc146818Layout.YEAR;
import static io.qtestjvm.devices.x86.Mc146818TimeBase.NS_PER_SECOND;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.core.Timer;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The PC's MC146818A real-time clock with its CMOS RAM ({@code mc146818rtc}) at ports 0x70/0x71, IRQ 8. Structure
 * from the Motorola MC146818A data sheet: the address/data ports, the time, calendar and alarm bytes in the data
 * modes of register B ({@link Mc146818DataMode}), the divider chain ({@link Mc146818TimeBase}), the update cycle
 * with UIP, and the three interrupt sources of registers B and C ("Interrupts": periodic, alarm, update-ended)
 * behind IRQF. The register layout is {@link Mc146818Layout}.
 *
 * <p>Nothing runs per second or per period unless it changes something: the time bytes are computed from the RTC
 * clock when read, UIP from the phase of the second; the update-ended event is scheduled only while UF is clear,
 * the alarm only while AF is clear. The periodic event keeps QEMU's deadlines (one per period while PIE is set),
 * but a period that changes nothing anyone can observe (PF and IRQF already set, IRQ 8 neither intercepted nor
 * counted by an unmasked I/O APIC pin) catches up to the end of a clock warp in one step
 * ({@code Mc146818RtcSpecTest}, {@code PcClockWarpTest}).
 *
 * <p>QEMU 7.2 departs from the data sheet; these facts are reproduced:
 * <ul>
 *   <li>Reset clears PIE, AIE and SQWE but keeps UIE (the data sheet clears UIE too), and clears the flags
 *       ({@code Mc146818RtcTest.resetClearsInterruptEnablesAndFlagsAndLowersTheLine}).</li>
 *   <li>PF is set only while PIE is set; the data sheet sets it at every period regardless
 *       ({@code Mc146818RtcTest.alarmAtASpecificTimeSetsAf}: PF stays clear at rate 6 without PIE).</li>
 *   <li>The periodic events fall on whole periods of the 32.768 kHz time base counted from zero of the RTC clock,
 *       the first one period after PIE is set, each 1 ns after its time-base cycle
 *       ({@code Mc146818RtcTest.firstPeriodicInterruptComesOnePeriodAfterPieIsSet}); a rate change while PIE is
 *       set keeps the last period's start. Every periodic event re-drives IRQ 8 high, also when it is high.</li>
 *   <li>UIP reads 1 only in the last 244 us before a second boundary (8 time-base cycles), and the update itself
 *       takes no time ({@code Mc146818RtcTest.updateInProgressIsReportedInTheLast244Microseconds}).</li>
 *   <li>UF is set every second also while SET is 1 (the time stands still, so the alarm does not match); the
 *       data sheet's update cycle is inhibited by SET.</li>
 *   <li>The year byte counts from the base year, and base year 2000 is taken as 0 so that byte 0x32 holds the
 *       century ({@code Mc146818RtcTest.timeRegistersAreBcdIn24HourModeWithTheCentury}); byte 0x37 keeps the
 *       century of the start time. DSE (daylight saving) has no effect.</li>
 *   <li>The port 0x70 reads 0xff ({@code Mc146818RtcTest.indexPortIgnoresTheNmiBitAndReadsAllOnes}).</li>
 * </ul>
 */
public final class Mc146818Rtc extends Device {
    public static final String TYPE = "mc146818rtc";
    public static final int IO_BASE = 0x70;
    public static final int ISA_IRQ = 8;
    /** UIP is reported this long before each update: 8 cycles of the 32.768 kHz time base, in whole ns. */
    private static final long UIP_LEAD_NS = 8 * NS_PER_SECOND / TIME_BASE_HZ;
    private static final int SECONDS_PER_DAY = 86_400;

    private final Clock clock;
    private final int yearOffset;
    private final int[] cmos = new int[CMOS_BYTES];
    private final int[] tm = new int[UtcCalendar.FIELDS];
    private final Mc146818TimeBase time = new Mc146818TimeBase();
    private final GpioOut irq;
    private final Timer updateTimer;
    private final Timer periodicTimer;
    private final MemoryRegion io;
    private int address;
    /** While PIE is set: the time-base cycle of the next periodic event and the period it was scheduled with. */
    private long nextPeriodicCycle;
    private int periodCycles;

    /** The pc board's RTC: base year 2000, started at the host's time ({@code -rtc base=utc}). */
    public Mc146818Rtc(Clock rtcClock) {
        this(rtcClock, System.currentTimeMillis() / 1000, 2000);
    }

    /**
     * @param rtcClock          the RTC clock (host by default, virtual for {@code -rtc clock=vm})
     * @param startEpochSeconds the guest's time at creation, seconds since 1970 UTC ({@code -rtc base})
     * @param baseYear          the year the year byte counts from (pc: 2000; the device default is 1980)
     */
    public Mc146818Rtc(Clock rtcClock, long startEpochSeconds, int baseYear) {
        super(TYPE);
        this.clock = rtcClock;
        this.yearOffset = baseYear == 2000 ? 0 : baseYear;
        this.irq = initGpioOut(UNNAMED, 1)[0];
        this.updateTimer = rtcClock.newTimer(this::updateCycleEnded);
        this.periodicTimer = rtcClock.newTimer(this::periodicEvent);
        this.io = MemoryRegion.io("rtc", 2, new Ports(), new AccessRules(1, 4, false, 1, 1, Endianness.LITTLE));
        cmos[REG_A] = A_POWER_ON;
        cmos[REG_B] = B_POWER_ON;
        cmos[REG_D] = D_VRT;
        time.set(rtcClock.now(), startEpochSeconds, 0);
        showTime(startEpochSeconds);
        cmos[PS2_CENTURY] = cmos[CENTURY];
    }

    public MemoryRegion ioRegion() {
        return io;
    }

    /** IRQ 8. */
    public GpioOut irqOut() {
        return irq;
    }

    public Clock rtcClock() {
        return clock;
    }

    /** Data sheet "RESET": interrupt enables and flags cleared, IRQ released (UIE kept, as QEMU does). */
    @Override
    public void reset() {
        cmos[REG_B] &= ~(B_PIE | B_AIE | B_SQWE);
        cmos[REG_C] &= ~(C_IRQF | C_FLAGS);
        irq.lower();
        schedulePeriodic(clock.now(), false);
        scheduleUpdate(clock.now());
    }

    /** A RAM byte as firmware set-up writes it; addresses outside 0..127 are ignored. */
    public void setCmosByte(int addr, int value) {
        if (addr >= 0 && addr < CMOS_BYTES) {
            cmos[addr] = value & 0xff;
        }
    }

    public int cmosByte(int addr) {
        return addr >= 0 && addr < CMOS_BYTES ? cmos[addr] : 0;
    }

    /**
     * The memory sizes PC firmware reads: base memory in KiB (0x15/0x16, at most 640), extended memory above 1 MiB
     * in KiB (0x17/0x18 and 0x30/0x31, at most 65535), memory above 16 MiB in 64 KiB units (0x34/0x35) and above
     * 4 GiB in 64 KiB units (0x5b-0x5d).
     */
    public void setMemorySizes(long below4gBytes, long above4gBytes) {
        putWord(BASE_MEMORY_KB_LO, BASE_MEMORY_KB_HI, 640);
        long extKb = below4gBytes > (1L << 20) ? Math.min((below4gBytes - (1L << 20)) >> 10, 0xffff) : 0;
        putWord(EXT_MEMORY_KB_LO, EXT_MEMORY_KB_HI, extKb);
        putWord(EXT_MEMORY_KB_LO_COPY, EXT_MEMORY_KB_HI_COPY, extKb);
        long above16m = below4gBytes > (16L << 20) ? Math.min((below4gBytes - (16L << 20)) >> 16, 0xffff) : 0;
        putWord(MEMORY_ABOVE_16M_LO, MEMORY_ABOVE_16M_HI, above16m);
        long above4g = above4gBytes >> 16;
        for (int i = 0; i < 3; i++) {
            cmos[MEMORY_ABOVE_4G + i] = (int) (above4g >> (8 * i)) & 0xff;
        }
    }

    private void putWord(int lo, int hi, long value) {
        cmos[lo] = (int) value & 0xff;
        cmos[hi] = (int) (value >> 8) & 0xff;
    }

    /** The CPU count byte PC firmware reads (0x5f = CPUs - 1). */
    public void setCpuCount(int cpus) {
        cmos[CPU_COUNT_MINUS_ONE] = (cpus - 1) & 0xff;
    }

    /** The guest's time now, seconds since 1970 UTC (QEMU's "date" property). */
    public long guestEpochSeconds() {
        return updating() ? time.secondsAt(clock.now()) : timeFromBytes();
    }

    // ------------------------------------------------------------------------------------------------------------
    // time, calendar and alarm bytes

    /** The time bytes follow the clock unless SET inhibits updates or the divider is stopped. */
    private boolean updating() {
        return (cmos[REG_B] & B_SET) == 0 && time.running();
    }

    private boolean binary() {
        return (cmos[REG_B] & B_BINARY) != 0;
    }

    private boolean twentyFourHour() {
        return (cmos[REG_B] & B_24_HOUR) != 0;
    }

    /** Writes the time bytes for {@code seconds} since 1970 in the current data mode. */
    private void showTime(long seconds) {
        UtcCalendar.fromEpochSeconds(seconds, tm);
        boolean bin = binary();
        cmos[SECONDS] = Mc146818DataMode.encode(tm[UtcCalendar.SEC], bin);
        cmos[MINUTES] = Mc146818DataMode.encode(tm[UtcCalendar.MIN], bin);
        cmos[HOURS] = Mc146818DataMode.encodeHour(tm[UtcCalendar.HOUR], bin, twentyFourHour());
        cmos[DAY_OF_WEEK] = Mc146818DataMode.encode(tm[UtcCalendar.WDAY] + 1, bin);
        cmos[DAY_OF_MONTH] = Mc146818DataMode.encode(tm[UtcCalendar.MDAY], bin);
        cmos[MONTH] = Mc146818DataMode.encode(tm[UtcCalendar.MON] + 1, bin);
        int years = tm[UtcCalendar.YEAR] - yearOffset;
        cmos[YEAR] = Mc146818DataMode.encode(Math.floorMod(years, 100), bin);
        cmos[CENTURY] = Mc146818DataMode.encode(Math.floorMod(years / 100, 100), bin);
    }

    private long timeFromBytes() {
        boolean bin = binary();
        int year = yearOffset + Mc146818DataMode.decode(cmos[YEAR], bin)
                + 100 * Mc146818DataMode.decode(cmos[CENTURY], bin);
        return UtcCalendar.toEpochSeconds(year, Mc146818DataMode.decode(cmos[MONTH], bin),
                Mc146818DataMode.decode(cmos[DAY_OF_MONTH], bin),
                Mc146818DataMode.decodeHour(cmos[HOURS], bin, twentyFourHour()),
                Mc146818DataMode.decode(cmos[MINUTES], bin), Mc146818DataMode.decode(cmos[SECONDS], bin));
    }

    private static boolean isTimeByte(int addr) {
        return addr == SECONDS || addr == MINUTES || addr == HOURS || (addr >= DAY_OF_WEEK && addr <= YEAR)
                || addr == CENTURY;
    }

    /** Whether the alarm bytes match the time {@code seconds} since 1970 (don't-care bytes match anything). */
    private boolean alarmMatches(long seconds) {
        int tod = (int) Math.floorMod(seconds, (long) SECONDS_PER_DAY);
        boolean bin = binary();
        return alarmByteMatches(cmos[SECONDS_ALARM], Mc146818DataMode.encode(tod % 60, bin))
                && alarmByteMatches(cmos[MINUTES_ALARM], Mc146818DataMode.encode(tod / 60 % 60, bin))
                && alarmByteMatches(cmos[HOURS_ALARM], Mc146818DataMode.encodeHour(tod / 3600, bin,
                twentyFourHour()));
    }

    private static boolean alarmByteMatches(int alarm, int value) {
        return (alarm & ALARM_DONT_CARE) == ALARM_DONT_CARE || alarm == value;
    }

    /** Seconds from {@code seconds} to the next time the alarm matches (1..86400), or -1 if it never does. */
    private long secondsToAlarm(long seconds) {
        boolean bin = binary();
        int second = alarmValue(cmos[SECONDS_ALARM], 60, bin, false);
        int minute = alarmValue(cmos[MINUTES_ALARM], 60, bin, false);
        int hour = alarmValue(cmos[HOURS_ALARM], 24, bin, true);
        if (second == ALARM_NEVER || minute == ALARM_NEVER || hour == ALARM_NEVER) {
            return -1;
        }
        // walk forward a field at a time: to the next hour, the next minute, then the wanted second
        long s = seconds + 1;
        for (int step = 0; step < 256; step++) {
            int tod = (int) Math.floorMod(s, (long) SECONDS_PER_DAY);
            int h = tod / 3600;
            int m = tod / 60 % 60;
            int sec = tod % 60;
            if (hour != ALARM_ANY && h != hour) {
                s += 3600 - tod % 3600;
            } else if (minute != ALARM_ANY && m != minute) {
                s += 60 - sec;
            } else if (second != ALARM_ANY && sec != second) {
                s += (second - sec + 60) % 60;
            } else {
                return s - seconds;
            }
        }
        return -1;
    }

    private static final int ALARM_ANY = -1;
    private static final int ALARM_NEVER = -2;

    /** The value an alarm byte matches: {@link #ALARM_ANY} for don't care, {@link #ALARM_NEVER} for none. */
    private int alarmValue(int alarm, int values, boolean bin, boolean hours) {
        if ((alarm & ALARM_DONT_CARE) == ALARM_DONT_CARE) {
            return ALARM_ANY;
        }
        for (int v = 0; v < values; v++) {
            int encoded = hours ? Mc146818DataMode.encodeHour(v, bin, twentyFourHour())
                    : Mc146818DataMode.encode(v, bin);
            if (encoded == alarm) {
                return v;
            }
        }
        return ALARM_NEVER;
    }

    // ------------------------------------------------------------------------------------------------------------
    // interrupts (data sheet "Interrupts", register C)

    /** Sets flags in register C; IRQF and IRQ 8 follow for the newly set flags whose enables are on. */
    private void raiseFlags(int flags, boolean redriveWhenSet) {
        int fresh = flags & ~cmos[REG_C];
        cmos[REG_C] |= flags;
        int enabled = (redriveWhenSet ? flags : fresh) & cmos[REG_B] & C_FLAGS;
        if (enabled != 0) {
            cmos[REG_C] |= C_IRQF;
            irq.raise();
        }
    }

    /** The update-ended event: UF every second, AF when the new time matches the alarm. */
    private void updateCycleEnded() {
        long now = clock.now();
        int flags = C_UF;
        if (updating() && alarmMatches(time.secondsAt(now))) {
            flags |= C_AF;
        }
        raiseFlags(flags, false);
        scheduleUpdate(now);
    }

    /**
     * Schedules the next update-ended event that can change register C: the next second while UF is clear, else
     * the next alarm match while AF is clear and the time is updating, else none.
     */
    private void scheduleUpdate(long now) {
        long nextSecond = (cmos[REG_A] & A_DIVIDER_RESET) == A_DIVIDER_RESET ? -1 : time.nextSecondAt(now);
        if (nextSecond < 0) {
            updateTimer.del();
            return;
        }
        if (nextSecond <= now) {
            updateTimer.del(); // the clock is at its end: no second boundary is left
            return;
        }
        if ((cmos[REG_C] & C_UF) == 0) {
            updateTimer.mod(nextSecond);
            return;
        }
        if ((cmos[REG_C] & C_AF) != 0 || !updating()) {
            updateTimer.del();
            return;
        }
        long ahead = secondsToAlarm(time.secondsAt(now));
        if (ahead < 0) {
            updateTimer.del();
            return;
        }
        long rest = MulDiv.muldiv64(ahead - 1, NS_PER_SECOND, 1);
        updateTimer.mod(I8254Counter.saturatingAdd(nextSecond, rest));
    }

    private static long cycleAt(long ns) {
        return MulDiv.muldiv64(ns, TIME_BASE_HZ, NS_PER_SECOND);
    }

    private static long eventTimeOfCycle(long cycle) {
        return I8254Counter.saturatingAdd(MulDiv.muldiv64(cycle, NS_PER_SECOND, TIME_BASE_HZ), 1);
    }

    /**
     * (Re)schedules the periodic event after PIE or the rate changed at {@code now}: one period from now, or,
     * when the rate changed while PIE was on, one new period after the last event (at once if that has passed).
     */
    private void schedulePeriodic(long now, boolean rateChange) {
        int oldPeriod = periodCycles;
        int period = (cmos[REG_B] & B_PIE) != 0 ? Mc146818Layout.periodicCycles(cmos[REG_A]) : 0;
        periodCycles = period;
        if (period == 0) {
            periodicTimer.del();
            return;
        }
        long cycle = cycleAt(now);
        if (rateChange && oldPeriod != 0) {
            long last = nextPeriodicCycle - oldPeriod;
            nextPeriodicCycle = cycle - last >= period ? cycle : last + period;
        } else {
            nextPeriodicCycle = cycle + period;
        }
        armPeriodic(now);
    }

    /** The periodic event: PF, and with PIE, IRQF and IRQ 8 driven high again. */
    private void periodicEvent() {
        long now = clock.now();
        long target = clock.warpTarget();
        int set = C_PF | C_IRQF;
        if (target > now && (cmos[REG_C] & set) == set && !irq.levelChangesObserved()) {
            // nothing this event or the ones up to the warp's end can change: go to the first one after it
            long first = cycleAt(target);
            long skip = Math.max(1, (first - nextPeriodicCycle) / periodCycles);
            nextPeriodicCycle += skip * periodCycles;
            while (eventTimeOfCycle(nextPeriodicCycle) <= target && target < Long.MAX_VALUE) {
                nextPeriodicCycle += periodCycles;
            }
            armPeriodic(target);
            return;
        }
        nextPeriodicCycle = cycleAt(now) + periodCycles;
        armPeriodic(now);
        raiseFlags(C_PF, true);
    }

    /** Arms the periodic event for {@code nextPeriodicCycle}; none is due after the end of time. */
    private void armPeriodic(long afterNs) {
        long t = eventTimeOfCycle(nextPeriodicCycle);
        if (t <= afterNs) {
            periodicTimer.del();
        } else {
            periodicTimer.mod(t);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // registers A-D and the RAM

    private int read(int addr) {
        long now = clock.now();
        switch (addr) {
            case REG_A -> {
                boolean uip = updating() && time.phaseAt(now) >= NS_PER_SECOND - UIP_LEAD_NS;
                return cmos[REG_A] | (uip ? A_UIP : 0);
            }
            case REG_C -> {
                int v = cmos[REG_C];
                cmos[REG_C] = 0;
                irq.lower();
                if ((v & (C_UF | C_AF)) != 0) {
                    scheduleUpdate(now);
                }
                return v;
            }
            default -> {
                if (isTimeByte(addr) && updating()) {
                    showTime(time.secondsAt(now));
                }
                return cmos[addr];
            }
        }
    }

    private void write(int addr, int value) {
        long now = clock.now();
        switch (addr) {
            case REG_A -> writeRegisterA(now, value);
            case REG_B -> writeRegisterB(now, value);
            case REG_C, REG_D -> {
                // read only
            }
            default -> {
                if (isTimeByte(addr) && updating()) {
                    // the other bytes show the current time; the divider's phase goes on
                    showTime(time.secondsAt(now));
                    cmos[addr] = value;
                    time.set(now, timeFromBytes(), time.phaseAt(now));
                } else {
                    cmos[addr] = value;
                }
                if (addr <= YEAR) {
                    scheduleUpdate(now);
                }
            }
        }
    }

    /** Register A: DV2-DV0 start, stop or reset the divider; RS3-RS0 change the periodic rate; UIP is read only. */
    private void writeRegisterA(long now, int value) {
        int old = cmos[REG_A];
        boolean wasRunning = time.running();
        boolean run = ((value & A_DIVIDER_MASK) >> A_DIVIDER_SHIFT) <= 2;
        if (wasRunning && !run && updating()) {
            showTime(time.secondsAt(now));
        }
        cmos[REG_A] = value & ~A_UIP;
        if (!wasRunning && run) {
            // data sheet "Oscillator Control": the first update comes half a second after the divider is released
            time.setRunning(now, true);
            if ((cmos[REG_B] & B_SET) == 0) {
                time.set(now, timeFromBytes(), NS_PER_SECOND / 2);
            }
        } else if (wasRunning && !run) {
            time.setRunning(now, false);
        }
        if (((old ^ value) & A_RATE_MASK) != 0) {
            schedulePeriodic(now, true);
        }
        scheduleUpdate(now);
    }

    /** Register B: SET freezes the time bytes (and clears UIE), its release takes them as the new time. */
    private void writeRegisterB(long now, int value) {
        int old = cmos[REG_B];
        int v = value & 0xff;
        if ((v & B_SET) != 0) {
            if ((old & B_SET) == 0 && time.running()) {
                showTime(time.secondsAt(now));
            }
            v &= ~B_UIE;
        } else if ((old & B_SET) != 0 && time.running()) {
            time.set(now, timeFromBytes(), time.phaseAt(now));
        }
        // IRQF = PF.PIE + AF.AIE + UF.UIE, re-evaluated for the new enables
        if ((v & cmos[REG_C] & C_FLAGS) != 0) {
            cmos[REG_C] |= C_IRQF;
            irq.raise();
        } else {
            cmos[REG_C] &= ~C_IRQF;
            irq.lower();
        }
        cmos[REG_B] = v;
        if (((old ^ v) & B_PIE) != 0) {
            schedulePeriodic(now, true);
        }
        scheduleUpdate(now);
    }

    private final class Ports implements MmioOps {
        @Override
        public long read(long offset, int size) {
            return offset == 0 ? 0xff : Mc146818Rtc.this.read(address);
        }

        @Override
        public void write(long offset, long value, int size) {
            if (offset == 0) {
                address = (int) value & ADDRESS_MASK;
            } else {
                Mc146818Rtc.this.write(address, (int) value & 0xff);
            }
        }
    }
}
