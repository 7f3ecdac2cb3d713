package io.qtestjvm.pci;

import io.qtestjvm.core.Clock;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

import java.util.function.IntConsumer;

/**
 * The ACPI fixed-hardware registers of one PM1 event block, PM1 control block and power-management timer (ACPI
 * Specification 6.5, 4.8.3.1-4.8.3.3), laid out as the PIIX4 puts them at its PMBA (82371AB data sheet, "Power
 * Management I/O Space"): PM1 status at 0 and enable at 2, PM1 control at 4, the 24-bit timer at 8.
 * <ul>
 * <li>PM1_STS (4.8.3.1.1): bits are set by their event and cleared by software writing 1; TMR_STS (bit 0) is set
 * each time bit 23 of the timer changes, PWRBTN_STS (bit 8) by the power button.</li>
 * <li>PM1_EN (4.8.3.1.2): read-write; a status bit whose enable bit is set (timer, global lock, power button, RTC)
 * asserts the SCI (4.8.3.1).</li>
 * <li>PM1_CNT (4.8.3.2.1): read-write, except SLP_EN (bit 13), which is write-only and reads 0.</li>
 * <li>PM_TMR (4.8.3.3): a free-running 3.579545 MHz counter, 24 bits wide here (TMR_VAL_EXT clear), read-only.</li>
 * </ul>
 * Departures of QEMU 7.2 from the specification, kept here ({@code Pm1PowerButtonTest}): the power button sets
 * PWRBTN_STS only while PWRBTN_EN is set (the specification sets the status regardless of the enable); TMR_STS reads
 * set from reset until software first clears it. Not modelled: the SCI at a timer overflow no register read
 * observed (an overflow raises TMR_STS when read), and sleep requests (SLP_EN with SLP_TYP).
 */
public final class AcpiPm1 {
    public static final int LENGTH = 0x40;
    /** PM1_STS bits (Table 4.16). */
    public static final int TMR_STS = 1;
    public static final int GBL_STS = 1 << 5;
    public static final int PWRBTN_STS = 1 << 8;
    public static final int RTC_STS = 1 << 10;
    /** The status bits that assert the SCI when enabled. */
    private static final int SCI_EVENTS = TMR_STS | GBL_STS | PWRBTN_STS | RTC_STS;
    private static final int SLP_EN = 1 << 13;
    private static final int STS = 0;
    private static final int EN = 2;
    private static final int CNT = 4;
    private static final int TMR = 8;
    private static final long TIMER_HZ = 3_579_545L;
    private static final long NS_PER_S = 1_000_000_000L;
    /** TMR_STS is set when the timer's bit 23 changes: every 2^23 ticks. */
    private static final long TMR_STS_PERIOD = 1L << 23;
    private static final int TIMER_MASK = 0xff_ffff;

    private final Clock clock;
    private final IntConsumer sciLevel;
    private final MemoryRegion region;
    private int status;
    private int enable;
    private int control;
    /** The virtual time at which TMR_STS is set next. */
    private long timerOverflowNs;

    /** @param sciLevel told the level (0/1) the block asks of the SCI after every change */
    public AcpiPm1(Clock clock, IntConsumer sciLevel) {
        this.clock = clock;
        this.sciLevel = sciLevel;
        this.region = MemoryRegion.io("piix4-pm", LENGTH, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                long v = 0;
                for (int i = 0; i < size; i++) {
                    v |= (long) readByte((int) offset + i) << (8 * i);
                }
                return v;
            }

            @Override
            public void write(long offset, long value, int size) {
                writeBytes((int) offset, value, size);
            }
        }, AccessRules.of(Endianness.LITTLE).withImpl(1, 4));
    }

    public MemoryRegion region() {
        return region;
    }

    /** The power button was pressed (4.8.2.2.1.1, the fixed-feature power button). */
    public void powerButton() {
        if ((enable & PWRBTN_STS) != 0) {
            status |= PWRBTN_STS;
            update();
        }
    }

    public int status() {
        refreshTimerStatus();
        return status;
    }

    public void reset() {
        status = 0;
        enable = 0;
        control = 0;
        timerOverflowNs = 0;
        update();
    }

    private int readByte(int offset) {
        int v = switch (offset & ~1) {
            case STS -> status();
            case EN -> enable;
            case CNT -> control & ~SLP_EN;
            case TMR -> timer() & 0xffff;
            case TMR + 2 -> timer() >>> 16;
            default -> 0;
        };
        return (v >>> (8 * (offset & 1))) & 0xff;
    }

    private void writeBytes(int offset, long value, int size) {
        int clear = 0;
        for (int i = 0; i < size; i++) {
            int at = offset + i;
            int b = (int) (value >>> (8 * i)) & 0xff;
            int shift = 8 * (at & 1);
            switch (at & ~1) {
                case STS -> clear |= b << shift;
                case EN -> enable = (enable & ~(0xff << shift)) | (b << shift);
                case CNT -> control = (control & ~(0xff << shift)) | (b << shift);
                default -> {
                    // the timer is read-only; the rest of the block is reserved
                }
            }
        }
        if (clear != 0) {
            refreshTimerStatus();
            if ((clear & TMR_STS) != 0) {
                timerOverflowNs = nextTimerOverflow();
            }
            status &= ~clear;
        }
        update();
    }

    private int timer() {
        return (int) (ticks(clock.now()) & TIMER_MASK);
    }

    private static long ticks(long ns) {
        return (ns / NS_PER_S) * TIMER_HZ + (ns % NS_PER_S) * TIMER_HZ / NS_PER_S;
    }

    private void refreshTimerStatus() {
        if (clock.now() >= timerOverflowNs) {
            status |= TMR_STS;
        }
    }

    /** The next time bit 23 of the timer changes, after now. */
    private long nextTimerOverflow() {
        long next = (ticks(clock.now()) + TMR_STS_PERIOD) & ~(TMR_STS_PERIOD - 1);
        return (next * NS_PER_S + TIMER_HZ - 1) / TIMER_HZ;
    }

    private void update() {
        refreshTimerStatus();
        sciLevel.accept((status & enable & SCI_EVENTS) != 0 ? 1 : 0);
    }
}
