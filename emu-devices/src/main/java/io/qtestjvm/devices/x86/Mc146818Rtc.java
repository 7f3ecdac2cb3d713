package io.qtestjvm.devices.x86;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.core.Timer;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The MC146818 real-time clock and its 128-byte CMOS (QOM type {@code mc146818rtc}), as QEMU 7.2's
 * hw/rtc/mc146818rtc.c models it: index port 0x70 (bit 7, the NMI mask, is dropped) and data port 0x71;
 * registers A-D with QEMU's realize values (0x26, 0x02, 0x00, 0x80); time and date derived from a base time and
 * the rtc clock, in BCD or binary and 12 or 24 hours per register B; the periodic interrupt (rate from A, PIE in B,
 * PF/IRQF in C); update-ended and alarm flags from the update timer; C cleared by its read, which lowers the line.
 * Lost periodic ticks are discarded (QEMU's default {@code lost_tick_policy}; {@code -rtc driftfix=slew} is not
 * modelled).
 *
 * <p>The timers run on the "rtc clock": QEMU's default is the host clock ({@code -rtc clock=host}), whose timers
 * the event loop must run ({@link Clock#runExpired()}); {@code -rtc clock=vm} passes the virtual clock.
 *
 * <p>Wiring: map {@link #ioRegion()} at I/O port {@link #IO_BASE}; connect {@code gpioOut(UNNAMED, 0)} to ISA IRQ 8
 * (on QEMU's pc through the HPET's legacy RTC input); call {@link #setMemorySizes} as pc_cmos_init does.
 */
public final class Mc146818Rtc extends Device {
    public static final String TYPE = "mc146818rtc";
    public static final int IO_BASE = 0x70;
    public static final int ISA_IRQ = 8;

    // include/hw/rtc/mc146818rtc_regs.h
    static final int RTC_SECONDS = 0;
    static final int RTC_SECONDS_ALARM = 1;
    static final int RTC_MINUTES = 2;
    static final int RTC_MINUTES_ALARM = 3;
    static final int RTC_HOURS = 4;
    static final int RTC_HOURS_ALARM = 5;
    static final int RTC_DAY_OF_WEEK = 6;
    static final int RTC_DAY_OF_MONTH = 7;
    static final int RTC_MONTH = 8;
    static final int RTC_YEAR = 9;
    static final int RTC_REG_A = 10;
    static final int RTC_REG_B = 11;
    static final int RTC_REG_C = 12;
    static final int RTC_REG_D = 13;
    static final int RTC_CENTURY = 0x32;
    static final int RTC_IBM_PS2_CENTURY_BYTE = 0x37;
    static final int REG_A_UIP = 0x80;
    static final int REG_B_SET = 0x80;
    static final int REG_B_PIE = 0x40;
    static final int REG_B_AIE = 0x20;
    static final int REG_B_UIE = 0x10;
    static final int REG_B_SQWE = 0x08;
    static final int REG_B_DM = 0x04;
    static final int REG_B_24H = 0x02;
    static final int REG_C_IRQF = 0x80;
    static final int REG_C_PF = 0x40;
    static final int REG_C_AF = 0x20;
    static final int REG_C_UF = 0x10;
    static final int REG_C_MASK = 0x70;

    static final long NS_PER_SECOND = 1_000_000_000L;
    static final long RTC_CLOCK_RATE = 32768;
    /** UIP is held for the last 244 us of every second. */
    static final long UIP_HOLD_LENGTH = 8 * NS_PER_SECOND / 32768;
    private static final int SEC_PER_MIN = 60;
    private static final int MIN_PER_HOUR = 60;
    private static final int HOUR_PER_DAY = 24;
    private static final int SEC_PER_DAY = 86400;

    private final Clock clock;
    private final int baseYear;
    private final long startEpochSeconds;
    private final int[] cmos = new int[128];
    private final int[] tm = new int[UtcCalendar.FIELDS];
    private final Timer periodicTimer;
    private final Timer updateTimer;
    private final GpioOut irq;
    private final MemoryRegion io;
    private int cmosIndex;
    private long baseRtc;
    private long lastUpdate;
    private long offset;
    private long nextPeriodicTime;
    private long nextAlarmTime;
    private int period;

    /** The pc board's RTC: base year 2000 (which QEMU stores as 0, so the century byte is right), -rtc base=utc. */
    public Mc146818Rtc(Clock rtcClock) {
        this(rtcClock, System.currentTimeMillis() / 1000, 2000);
    }

    /**
     * @param rtcClock          the rtc clock (host by default, virtual for {@code -rtc clock=vm})
     * @param startEpochSeconds the guest's time at creation, seconds since 1970 UTC (QEMU's {@code -rtc base})
     * @param baseYear          QEMU's {@code base_year} property (pc passes 2000, the device default is 1980)
     */
    public Mc146818Rtc(Clock rtcClock, long startEpochSeconds, int baseYear) {
        super(TYPE);
        this.clock = rtcClock;
        // historical: base year 2000 means "no offset", which makes the century byte correct
        this.baseYear = baseYear == 2000 ? 0 : baseYear;
        this.startEpochSeconds = startEpochSeconds;
        this.periodicTimer = rtcClock.newTimer(this::periodicTimerFired);
        this.updateTimer = rtcClock.newTimer(this::updateTimerFired);
        this.irq = initGpioOut(UNNAMED, 1)[0];
        // cmos_ops: impl 1..1, valid left at QEMU's defaults, little-endian
        this.io = MemoryRegion.io("rtc", 2, new Ops(), new AccessRules(1, 4, false, 1, 1, Endianness.LITTLE));
    }

    /** Ports 0x70 (index) and 0x71 (data). */
    public MemoryRegion ioRegion() {
        return io;
    }

    public GpioOut irqOut() {
        return irq;
    }

    public Clock rtcClock() {
        return clock;
    }

    /** {@code rtc_realizefn}: register values, date from the base time, update timer armed. */
    @Override
    protected void doRealize() {
        cmos[RTC_REG_A] = 0x26;
        cmos[RTC_REG_B] = 0x02;
        cmos[RTC_REG_C] = 0x00;
        cmos[RTC_REG_D] = 0x80;
        // rtc_set_date_from_host
        baseRtc = startEpochSeconds;
        lastUpdate = clock.now();
        offset = 0;
        UtcCalendar.fromEpochSeconds(startEpochSeconds, tm);
        setCmosTime();
        checkUpdateTimer();
    }

    /** {@code rtc_resetdev}: interrupt enables and flags cleared, the time and the rest of the CMOS kept. */
    @Override
    public void reset() {
        // a guest that suspended itself left 0xfe (S3 resume) in the shutdown status byte
        if (cmos[0x0f] != 0xfe) {
            cmos[0x0f] = 0x00;
        }
        cmos[RTC_REG_B] &= ~(REG_B_PIE | REG_B_AIE | REG_B_SQWE);
        cmos[RTC_REG_C] &= ~(REG_C_UF | REG_C_IRQF | REG_C_PF | REG_C_AF);
        checkUpdateTimer();
        irq.lower();
    }

    /** {@code mc146818rtc_set_cmos_data}; addresses outside 0..127 are ignored as in QEMU. */
    public void setCmosByte(int addr, int value) {
        if (addr >= 0 && addr <= 127) {
            cmos[addr] = value & 0xff;
        }
    }

    public int cmosByte(int addr) {
        if (addr < 0 || addr > 127) {
            throw new IllegalArgumentException("CMOS address " + addr + " is outside 0..127");
        }
        return cmos[addr];
    }

    /**
     * The memory sizes pc_cmos_init (hw/i386/pc.c) stores: base memory (0x15/0x16, KiB up to 640), extended memory
     * above 1 MiB (0x17/0x18 and 0x30/0x31, KiB, at most 65535), memory above 16 MiB (0x34/0x35, 64 KiB units) and
     * above 4 GiB (0x5b-0x5d, 64 KiB units).
     */
    public void setMemorySizes(long below4gBytes, long above4gBytes) {
        long val = Math.min(below4gBytes / 1024, 640);
        setCmosByte(0x15, (int) val);
        setCmosByte(0x16, (int) (val >> 8));
        val = below4gBytes > 1024 * 1024 ? Math.min((below4gBytes - 1024 * 1024) / 1024, 65535) : 0;
        setCmosByte(0x17, (int) val);
        setCmosByte(0x18, (int) (val >> 8));
        setCmosByte(0x30, (int) val);
        setCmosByte(0x31, (int) (val >> 8));
        val = below4gBytes > 16L * 1024 * 1024 ? Math.min((below4gBytes - 16L * 1024 * 1024) / 65536, 65535) : 0;
        setCmosByte(0x34, (int) val);
        setCmosByte(0x35, (int) (val >> 8));
        val = above4gBytes / 65536;
        setCmosByte(0x5b, (int) val);
        setCmosByte(0x5c, (int) (val >> 8));
        setCmosByte(0x5d, (int) (val >> 16));
    }

    /** pc_cmos_init's CPU count byte (0x5f = number of CPUs - 1). */
    public void setCpuCount(int cpus) {
        setCmosByte(0x5f, cpus - 1);
    }

    /** The guest's current time in seconds since 1970 UTC (QEMU's "date" property). */
    public long guestEpochSeconds() {
        return Long.divideUnsigned(guestRtcNs(), NS_PER_SECOND);
    }

    // ---------------------------------------------------------------------------------------------------------
    // time keeping

    private boolean running() {
        return (cmos[RTC_REG_B] & REG_B_SET) == 0 && (cmos[RTC_REG_A] & 0x70) <= 0x20;
    }

    /** {@code get_guest_rtc_ns}. */
    private long guestRtcNs() {
        return baseRtc * NS_PER_SECOND + clock.now() - lastUpdate + offset;
    }

    private int toBcd(int a) {
        return (cmos[RTC_REG_B] & REG_B_DM) != 0 ? a : ((a / 10) << 4) | (a % 10);
    }

    /** {@code rtc_from_bcd}: 0xc0-0xff is the alarm's "don't care" and reads as -1. */
    private int fromBcd(int a) {
        if ((a & 0xc0) == 0xc0) {
            return -1;
        }
        return (cmos[RTC_REG_B] & REG_B_DM) != 0 ? a : ((a >> 4) * 10) + (a & 0x0f);
    }

    /** {@code rtc_set_cmos}: the time registers from {@link #tm}. */
    private void setCmosTime() {
        cmos[RTC_SECONDS] = toBcd(tm[UtcCalendar.SEC]);
        cmos[RTC_MINUTES] = toBcd(tm[UtcCalendar.MIN]);
        int hour = tm[UtcCalendar.HOUR];
        if ((cmos[RTC_REG_B] & REG_B_24H) != 0) {
            cmos[RTC_HOURS] = toBcd(hour);
        } else {
            int h = hour % 12 != 0 ? hour % 12 : 12;
            cmos[RTC_HOURS] = toBcd(h) | (hour >= 12 ? 0x80 : 0);
        }
        cmos[RTC_DAY_OF_WEEK] = toBcd(tm[UtcCalendar.WDAY] + 1);
        cmos[RTC_DAY_OF_MONTH] = toBcd(tm[UtcCalendar.MDAY]);
        cmos[RTC_MONTH] = toBcd(tm[UtcCalendar.MON] + 1);
        int year = tm[UtcCalendar.YEAR] - baseYear;
        cmos[RTC_YEAR] = toBcd(year % 100) & 0xff;
        cmos[RTC_CENTURY] = toBcd(year / 100) & 0xff;
    }

    /** {@code rtc_update_time}: the time registers from the clock, unless SET freezes them. */
    private void updateTime() {
        long guestSec = Long.divideUnsigned(guestRtcNs(), NS_PER_SECOND);
        UtcCalendar.fromEpochSeconds(guestSec, tm);
        if ((cmos[RTC_REG_B] & REG_B_SET) == 0) {
            setCmosTime();
        }
    }

    /** {@code rtc_set_time}: the guest wrote the time; it becomes the new base. */
    private void setTime() {
        int hour = fromBcd(cmos[RTC_HOURS] & 0x7f);
        if ((cmos[RTC_REG_B] & REG_B_24H) == 0) {
            hour %= 12;
            if ((cmos[RTC_HOURS] & 0x80) != 0) {
                hour += 12;
            }
        }
        int year = fromBcd(cmos[RTC_YEAR]) + baseYear + fromBcd(cmos[RTC_CENTURY]) * 100;
        baseRtc = UtcCalendar.toEpochSeconds(year, fromBcd(cmos[RTC_MONTH]), fromBcd(cmos[RTC_DAY_OF_MONTH]),
                hour, fromBcd(cmos[RTC_MINUTES]), fromBcd(cmos[RTC_SECONDS]));
        lastUpdate = clock.now();
    }

    // ---------------------------------------------------------------------------------------------------------
    // periodic interrupt

    /** {@code rtc_periodic_clock_ticks}: the period in 32 kHz cycles, 0 when PIE is off or the rate is 0. */
    private int periodicClockTicks() {
        if ((cmos[RTC_REG_B] & REG_B_PIE) == 0) {
            return 0;
        }
        int code = cmos[RTC_REG_A] & 0x0f;
        if (code == 0) {
            return 0;
        }
        if (code <= 2) {
            code += 7;
        }
        return 1 << (code - 1);
    }

    private static long periodicClockToNs(long clocks) {
        return MulDiv.muldiv64(clocks, NS_PER_SECOND, RTC_CLOCK_RATE);
    }

    /** {@code periodic_timer_update} with the discard policy. */
    private void periodicTimerUpdate(long currentTime, int oldPeriod, boolean periodChange) {
        int p = periodicClockTicks();
        period = p;
        if (p == 0) {
            periodicTimer.del();
            return;
        }
        long curClock = MulDiv.muldiv64(currentTime, RTC_CLOCK_RATE, NS_PER_SECOND);
        long lostClock = 0;
        if (oldPeriod != 0 && periodChange) {
            // re-programmed: count the cycles since the last interrupt towards the new period
            long nextPeriodicClock = MulDiv.muldiv64(nextPeriodicTime, RTC_CLOCK_RATE, NS_PER_SECOND);
            long lastPeriodicClock = nextPeriodicClock - oldPeriod;
            lostClock = Math.max(curClock - lastPeriodicClock, 0); // QEMU asserts it is not negative
        }
        lostClock = Math.min(lostClock, p);
        long nextIrqClock = curClock + p - lostClock;
        nextPeriodicTime = periodicClockToNs(nextIrqClock) + 1;
        periodicTimer.mod(nextPeriodicTime);
    }

    /** {@code rtc_periodic_timer}: PF always, IRQF and the line when PIE is set. */
    private void periodicTimerFired() {
        periodicTimerUpdate(nextPeriodicTime, period, false);
        cmos[RTC_REG_C] |= REG_C_PF;
        if ((cmos[RTC_REG_B] & REG_B_PIE) != 0) {
            cmos[RTC_REG_C] |= REG_C_IRQF;
            irq.raise();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // update-ended and alarm

    /** {@code check_update_timer}: arm the update timer for the next second, or the alarm when UF is set. */
    private void checkUpdateTimer() {
        // holding the dividers in reset stops interrupts (the SET bit does not)
        if ((cmos[RTC_REG_A] & 0x60) == 0x60) {
            updateTimer.del();
            return;
        }
        long guestNsec = Long.remainderUnsigned(guestRtcNs(), NS_PER_SECOND);
        long nextUpdateTime = clock.now() + NS_PER_SECOND - guestNsec;
        int nextAlarmSec = nextAlarm();
        nextAlarmTime = nextUpdateTime + (nextAlarmSec - 1) * NS_PER_SECOND;
        if ((cmos[RTC_REG_A] & REG_A_UIP) == 0 && (cmos[RTC_REG_C] & REG_C_UF) != 0) {
            // UF already set: only AF can still change
            if ((cmos[RTC_REG_B] & REG_B_SET) != 0 || (cmos[RTC_REG_C] & REG_C_AF) != 0) {
                updateTimer.del();
                return;
            }
            nextUpdateTime = nextAlarmTime;
        }
        if (nextUpdateTime != updateTimer.expireNs()) {
            updateTimer.mod(nextUpdateTime);
        }
    }

    private int convertHour(int hour) {
        if ((cmos[RTC_REG_B] & REG_B_24H) == 0) {
            hour %= 12;
            if ((cmos[RTC_HOURS] & 0x80) != 0) {
                hour += 12;
            }
        }
        return hour;
    }

    /** {@code get_next_alarm}: seconds from now to the next alarm match (1..86400), honouring "don't care". */
    private int nextAlarm() {
        updateTime();
        int alarmSec = fromBcd(cmos[RTC_SECONDS_ALARM]);
        int alarmMin = fromBcd(cmos[RTC_MINUTES_ALARM]);
        int alarmHour = fromBcd(cmos[RTC_HOURS_ALARM]);
        alarmHour = alarmHour == -1 ? -1 : convertHour(alarmHour);
        int curSec = fromBcd(cmos[RTC_SECONDS]);
        int curMin = fromBcd(cmos[RTC_MINUTES]);
        int curHour = convertHour(fromBcd(cmos[RTC_HOURS]));

        if (alarmHour == -1) {
            alarmHour = curHour;
            if (alarmMin == -1) {
                alarmMin = curMin;
                if (alarmSec == -1) {
                    alarmSec = curSec + 1;
                } else if (curSec > alarmSec) {
                    alarmMin++;
                }
            } else if (curMin == alarmMin) {
                if (alarmSec == -1) {
                    alarmSec = curSec + 1;
                } else if (curSec > alarmSec) {
                    alarmHour++;
                }
                if (alarmSec == SEC_PER_MIN) {
                    // wrap to the next hour: the minutes are not "don't care"
                    alarmSec = 0;
                    alarmHour++;
                }
            } else if (curMin > alarmMin) {
                alarmHour++;
            }
        } else if (curHour == alarmHour) {
            if (alarmMin == -1) {
                alarmMin = curMin;
                if (alarmSec == -1) {
                    alarmSec = curSec + 1;
                } else if (curSec > alarmSec) {
                    alarmMin++;
                }
                if (alarmSec == SEC_PER_MIN) {
                    alarmSec = 0;
                    alarmMin++;
                }
                // wrap to the next day: the hour is not "don't care"
                alarmMin %= MIN_PER_HOUR;
            } else if (curMin == alarmMin) {
                if (alarmSec == -1) {
                    alarmSec = curSec + 1;
                }
                alarmSec %= SEC_PER_MIN;
            }
        }
        if (alarmMin == -1) {
            alarmMin = 0;
        }
        if (alarmSec == -1) {
            alarmSec = 0;
        }
        if (alarmSec == SEC_PER_MIN) {
            alarmSec = 0;
            alarmMin++;
        }
        if (alarmMin == MIN_PER_HOUR) {
            alarmMin = 0;
            alarmHour++;
        }
        alarmHour %= HOUR_PER_DAY;
        int hour = alarmHour - curHour;
        int min = hour * MIN_PER_HOUR + alarmMin - curMin;
        int sec = min * SEC_PER_MIN + alarmSec - curSec;
        return sec <= 0 ? sec + SEC_PER_DAY : sec;
    }

    /** {@code rtc_update_timer}: UF every second, AF at the alarm; IRQF and the line for the enabled new ones. */
    private void updateTimerFired() {
        updateTime();
        cmos[RTC_REG_A] &= ~REG_A_UIP;
        int irqs = REG_C_UF;
        if (clock.now() >= nextAlarmTime) {
            irqs |= REG_C_AF; // QEMU also requests a wake-up from suspend when AIE is set
        }
        int newIrqs = irqs & ~cmos[RTC_REG_C];
        cmos[RTC_REG_C] |= irqs;
        if ((newIrqs & cmos[RTC_REG_B]) != 0) {
            cmos[RTC_REG_C] |= REG_C_IRQF;
            irq.raise();
        }
        checkUpdateTimer();
    }

    /** {@code update_in_progress}: UIP during the last 244 us before an update. */
    private boolean updateInProgress() {
        if (!running()) {
            return false;
        }
        if (updateTimer.pending()) {
            long nextUpdateTime = updateTimer.expireNs();
            if (clock.now() >= nextUpdateTime - UIP_HOLD_LENGTH) {
                cmos[RTC_REG_A] |= REG_A_UIP; // latched until the timer clears it
                return true;
            }
        }
        return Long.remainderUnsigned(guestRtcNs(), NS_PER_SECOND) >= NS_PER_SECOND - UIP_HOLD_LENGTH;
    }

    // ---------------------------------------------------------------------------------------------------------
    // ports

    private void write(int addr, int data) {
        if ((addr & 1) == 0) {
            cmosIndex = data & 0x7f; // bit 7 masks NMIs on real hardware; QEMU ignores it
            return;
        }
        switch (cmosIndex) {
            case RTC_SECONDS_ALARM, RTC_MINUTES_ALARM, RTC_HOURS_ALARM -> {
                cmos[cmosIndex] = data;
                checkUpdateTimer();
            }
            case RTC_IBM_PS2_CENTURY_BYTE, RTC_CENTURY, RTC_SECONDS, RTC_MINUTES, RTC_HOURS, RTC_DAY_OF_WEEK,
                 RTC_DAY_OF_MONTH, RTC_MONTH, RTC_YEAR -> {
                if (cmosIndex == RTC_IBM_PS2_CENTURY_BYTE) {
                    cmosIndex = RTC_CENTURY;
                }
                cmos[cmosIndex] = data;
                // in SET mode the time is not taken until SET is cleared
                if (running()) {
                    setTime();
                    checkUpdateTimer();
                }
            }
            case RTC_REG_A -> writeRegA(data);
            case RTC_REG_B -> writeRegB(data);
            case RTC_REG_C, RTC_REG_D -> { } // read-only
            default -> cmos[cmosIndex] = data;
        }
    }

    private void writeRegA(int data) {
        boolean updatePeriodic = ((cmos[RTC_REG_A] ^ data) & 0x0f) != 0;
        int oldPeriod = periodicClockTicks();
        if ((data & 0x60) == 0x60) {
            if (running()) {
                updateTime();
            }
            cmos[RTC_REG_A] &= ~REG_A_UIP;
        } else if ((cmos[RTC_REG_A] & 0x60) == 0x60 && (data & 0x70) <= 0x20) {
            // the divider reset is lifted: the first update cycle begins half a second later
            if ((cmos[RTC_REG_B] & REG_B_SET) == 0) {
                offset = 500_000_000L;
                setTime();
            }
            cmos[RTC_REG_A] &= ~REG_A_UIP;
        }
        cmos[RTC_REG_A] = (data & ~REG_A_UIP) | (cmos[RTC_REG_A] & REG_A_UIP);
        if (updatePeriodic) {
            periodicTimerUpdate(clock.now(), oldPeriod, true);
        }
        checkUpdateTimer();
    }

    private void writeRegB(int data) {
        boolean updatePeriodic = ((cmos[RTC_REG_B] ^ data) & REG_B_PIE) != 0;
        int oldPeriod = periodicClockTicks();
        if ((data & REG_B_SET) != 0) {
            // freeze the registers at the moment the clock stops
            if (running()) {
                updateTime();
            }
            cmos[RTC_REG_A] &= ~REG_A_UIP;
            data &= ~REG_B_UIE;
        } else if ((cmos[RTC_REG_B] & REG_B_SET) != 0 && (cmos[RTC_REG_A] & 0x70) <= 0x20) {
            // leaving SET mode: the written time starts now, keeping the sub-second phase
            offset = Long.remainderUnsigned(guestRtcNs(), NS_PER_SECOND);
            setTime();
        }
        // a flag already set when its interrupt gets enabled raises the line at once
        if ((data & cmos[RTC_REG_C] & REG_C_MASK) != 0) {
            cmos[RTC_REG_C] |= REG_C_IRQF;
            irq.raise();
        } else {
            cmos[RTC_REG_C] &= ~REG_C_IRQF;
            irq.lower();
        }
        cmos[RTC_REG_B] = data;
        if (updatePeriodic) {
            periodicTimerUpdate(clock.now(), oldPeriod, true);
        }
        checkUpdateTimer();
    }

    private int read(int addr) {
        if ((addr & 1) == 0) {
            return 0xff; // the index port is write-only
        }
        switch (cmosIndex) {
            case RTC_IBM_PS2_CENTURY_BYTE, RTC_CENTURY, RTC_SECONDS, RTC_MINUTES, RTC_HOURS, RTC_DAY_OF_WEEK,
                 RTC_DAY_OF_MONTH, RTC_MONTH, RTC_YEAR -> {
                if (cmosIndex == RTC_IBM_PS2_CENTURY_BYTE) {
                    cmosIndex = RTC_CENTURY;
                }
                if (running()) {
                    updateTime();
                }
                return cmos[cmosIndex];
            }
            case RTC_REG_A -> {
                int ret = cmos[RTC_REG_A];
                return updateInProgress() ? ret | REG_A_UIP : ret;
            }
            case RTC_REG_C -> {
                int ret = cmos[RTC_REG_C];
                irq.lower();
                cmos[RTC_REG_C] = 0;
                if ((ret & (REG_C_UF | REG_C_AF)) != 0) {
                    checkUpdateTimer();
                }
                return ret;
            }
            default -> {
                return cmos[cmosIndex];
            }
        }
    }

    private final class Ops implements MmioOps {
        @Override
        public long read(long offset, int size) {
            return Mc146818Rtc.this.read((int) offset);
        }

        @Override
        public void write(long offset, long value, int size) {
            Mc146818Rtc.this.write((int) offset, (int) value & 0xff);
        }
    }
}
