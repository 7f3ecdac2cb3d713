package io.qtestjvm.devices.x86;

import static io.qtestjvm.devices.x86.I8254Layout.ACCESS_LSB;
import static io.qtestjvm.devices.x86.I8254Layout.ACCESS_MSB;
import static io.qtestjvm.devices.x86.I8254Layout.ACCESS_WORD;
import static io.qtestjvm.devices.x86.I8254Layout.CLOCK_HZ;
import static io.qtestjvm.devices.x86.I8254Layout.CW_ACCESS_SHIFT;
import static io.qtestjvm.devices.x86.I8254Layout.CW_MODE_SHIFT;
import static io.qtestjvm.devices.x86.I8254Layout.MAX_COUNT;
import static io.qtestjvm.devices.x86.I8254Layout.NS_PER_SECOND;
import static io.qtestjvm.devices.x86.I8254Layout.STATUS_OUTPUT;

/**
 * One counter of the Intel 8254 (data sheet, "Functional Description: Counter"): the count register (CR) loaded
 * from the bus, the counting element (CE) running from the time of the load, the output latch (OL) for the counter
 * latch command, the status latch of the read-back command, and the byte sequencing of the four access modes
 * ("Write Operations", "Read Operations"). Nothing here is stored per clock tick: the count and the output at any
 * time follow from the ticks elapsed since the count was loaded, {@code floor((t - load) * 1.193182 MHz)}.
 *
 * <p>QEMU 7.2's 8254 departs from the data sheet; these facts are reproduced:
 * <ul>
 *   <li>Outputs: mode 0 is low until terminal count and high after it (as the data sheet); mode 3 is high for the
 *       first (N+1)/2 ticks of each period (as the data sheet); but mode 1 is high while counting and low after,
 *       mode 2 is high only at the tick that ends a period (low at the load), and modes 4 and 5 are high only at
 *       terminal count ({@code I8254PitTest.readBackLatchesTheStatusWithTheOutputPin},
 *       {@code I8254CounterTest}).</li>
 *   <li>Modes 6 and 7 are kept as written (the data sheet folds them into 2 and 3): they count like mode 2 and
 *       drive the output like mode 0 ({@code I8254CounterTest.modeSixCountsLikeModeTwoButOutputsLikeModeZero}).</li>
 *   <li>Counting is binary in BCD mode too; the BCD bit only shows in the status byte.</li>
 *   <li>The NULL COUNT status bit reads 0 even right after a control word or a count is written
 *       ({@code I8254PitTest.readBackLatchesTheStatusWithTheOutputPin}).</li>
 *   <li>A control word does not stop the counter: the new mode applies to the count loaded before it until a new
 *       count is written. The gate only matters on a rising edge in modes 1, 2, 3 and 5, where it restarts
 *       counting; a low gate does not stop counting in any mode.</li>
 *   <li>The output is re-evaluated at scheduled ticks only ({@link #nextEvaluationTick}): at the tick where the
 *       output changes in modes 0, 1, 3, 4 and 5; in mode 2 at the tick after a period ends, or at the next period
 *       end when evaluated exactly at one. A tick's time is {@code load + floor(k / 1.193182 MHz)} in ns, at which
 *       the elapsed tick count may still read k - 1; an evaluation due at or before the time it is computed at is
 *       moved to 1 ns after it ({@code I8254PitTest.channelZeroTransitionsAreTimedAsQemuComputesThem}).</li>
 * </ul>
 */
final class I8254Counter {
    /** Latch read sequences: what the next read of the output latch returns. */
    private static final int LATCH_EMPTY = 0;
    private static final int LATCH_WORD_MSB_NEXT = 4;

    private int mode;
    private boolean bcd;
    /** RW1 RW0 of the last control word (0 before any: reads and writes then act as LSB only). */
    private int access;
    /** The count register as loaded: 1..0x10000. */
    private int count = MAX_COUNT;
    private long loadTimeNs;
    private boolean gate;
    /** In LSB-then-MSB access: the LSB has been written and waits for the MSB. */
    private boolean lsbWritten;
    private int pendingLsb;
    /** In LSB-then-MSB access without a latch: the next read returns the MSB. */
    private boolean msbReadNext;
    private int latchState = LATCH_EMPTY;
    private int latchedCount;
    private boolean statusLatched;
    private int statusByte;

    /** Power-on and reset: mode 3, count 0 (= 2^16) loaded now; the access state is left as it was. */
    void reset(long nowNs, boolean gateHigh) {
        mode = 3;
        gate = gateHigh;
        load(0, nowNs);
    }

    // ------------------------------------------------------------------------------------------------------------
    // programming (data sheet "Write Operations")

    /** A control word for this counter with RW != 00: mode, access and BCD; the byte sequences start over. */
    void control(int accessMode, int newMode, boolean newBcd) {
        access = accessMode;
        mode = newMode;
        bcd = newBcd;
        lsbWritten = false;
        msbReadNext = false;
    }

    /** A byte written to the counter's port; returns true when it completed a count (now loaded). */
    boolean writeByte(int value, long nowNs) {
        int b = value & 0xff;
        switch (access) {
            case ACCESS_MSB -> load(b << 8, nowNs);
            case ACCESS_WORD -> {
                if (!lsbWritten) {
                    pendingLsb = b;
                    lsbWritten = true;
                    return false;
                }
                lsbWritten = false;
                load(pendingLsb | (b << 8), nowNs);
            }
            default -> load(b, nowNs);
        }
        return true;
    }

    private void load(int value, long nowNs) {
        count = value == 0 ? MAX_COUNT : value;
        loadTimeNs = nowNs;
    }

    /** Counter latch command (RW = 00), also the read-back COUNT bit: a second latch before the read is ignored. */
    void latchCount(long nowNs) {
        if (latchState == LATCH_EMPTY) {
            latchedCount = countAt(nowNs);
            latchState = access == ACCESS_WORD || access == ACCESS_MSB ? access : ACCESS_LSB;
        }
    }

    /** Read-back STATUS bit (Figure 11): output, null count (0), RW, mode, BCD; kept until read. */
    void latchStatus(long nowNs) {
        if (!statusLatched) {
            statusByte = (outputAt(nowNs) ? STATUS_OUTPUT : 0) | (access << CW_ACCESS_SHIFT)
                    | (mode << CW_MODE_SHIFT) | (bcd ? 1 : 0);
            statusLatched = true;
        }
    }

    /** A byte read from the counter's port: the status latch first, then the output latch, else the live count. */
    int readByte(long nowNs) {
        if (statusLatched) {
            statusLatched = false;
            return statusByte;
        }
        if (latchState != LATCH_EMPTY) {
            int v = latchedCount;
            switch (latchState) {
                case ACCESS_MSB -> {
                    latchState = LATCH_EMPTY;
                    return (v >>> 8) & 0xff;
                }
                case ACCESS_WORD -> {
                    latchState = LATCH_WORD_MSB_NEXT;
                    return v & 0xff;
                }
                case LATCH_WORD_MSB_NEXT -> {
                    latchState = LATCH_EMPTY;
                    return (v >>> 8) & 0xff;
                }
                default -> {
                    latchState = LATCH_EMPTY;
                    return v & 0xff;
                }
            }
        }
        int v = countAt(nowNs);
        if (access == ACCESS_MSB) {
            return (v >>> 8) & 0xff;
        }
        if (access == ACCESS_WORD) {
            msbReadNext = !msbReadNext;
            return msbReadNext ? v & 0xff : (v >>> 8) & 0xff;
        }
        return v & 0xff;
    }

    /** GATE input; returns true when the level restarted counting (a rising edge in modes 1, 2, 3, 5). */
    boolean setGate(boolean high, long nowNs) {
        boolean rising = high && !gate;
        gate = high;
        if (rising && (mode == 1 || mode == 2 || mode == 3 || mode == 5)) {
            loadTimeNs = nowNs;
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------------------
    // counting (data sheet "Mode Definitions")

    /** CLK ticks since the count was loaded; 0 before the load time. */
    long ticksAt(long nowNs) {
        return nowNs <= loadTimeNs ? 0 : MulDiv.muldiv64(nowNs - loadTimeNs, CLOCK_HZ, NS_PER_SECOND);
    }

    /** The counting element's value at {@code nowNs}, as the counter latch captures it. */
    int countAt(long nowNs) {
        long d = ticksAt(nowNs);
        return switch (mode) {
            case 0, 1, 4, 5 -> (int) ((count - d) & 0xffff);
            case 3 -> count - (int) ((2 * (d % count)) % count); // mode 3 counts down by two
            default -> count - (int) (d % count);
        };
    }

    /** OUT at {@code nowNs}. */
    boolean outputAt(long nowNs) {
        return outputAfterTicks(ticksAt(nowNs));
    }

    private boolean outputAfterTicks(long d) {
        return switch (mode) {
            case 1 -> d < count;
            case 2 -> d != 0 && d % count == 0;
            case 3 -> d % count < halfPeriodHigh();
            case 4, 5 -> d == count;
            default -> d >= count;
        };
    }

    /** Mode 3: OUT is high for (N+1)/2 ticks, then low for N/2. */
    private int halfPeriodHigh() {
        return (count + 1) >> 1;
    }

    /** The tick at which OUT is next re-evaluated after tick {@code d}, or -1 when it never changes again. */
    long nextEvaluationTick(long d) {
        long periodStart = d - d % count;
        return switch (mode) {
            case 1, 0, 6, 7 -> d < count ? count : -1;
            case 2 -> d != 0 && d == periodStart ? periodStart + count : periodStart + count + 1;
            case 3 -> d - periodStart < halfPeriodHigh() ? periodStart + halfPeriodHigh() : periodStart + count;
            default -> d < count ? count : d == count ? count + 1 : -1; // modes 4 and 5
        };
    }

    /**
     * When OUT is next re-evaluated after {@code nowNs}: the evaluation tick's time, or {@code nowNs + 1} if that
     * is not later; saturates at {@link Long#MAX_VALUE}; -1 when OUT never changes again or the clock is at
     * {@link Long#MAX_VALUE} already.
     */
    long nextEvaluationTime(long nowNs) {
        long k = nextEvaluationTick(ticksAt(nowNs));
        if (k < 0) {
            return -1;
        }
        long t = tickTime(k);
        if (t > nowNs) {
            return t;
        }
        return nowNs == Long.MAX_VALUE ? -1 : nowNs + 1; // at the end of time nothing is due any more
    }

    /**
     * Where to evaluate once so that OUT and the next evaluation come out as evaluating at every scheduled tick
     * from {@code nowNs} to {@code targetNs} would; {@code nowNs} is an evaluation that has just scheduled the next
     * one at {@code nextNs}. Modes other than 2 depend only on the tick count, so that is {@code targetNs}.
     *
     * <p>Mode 2's schedule depends on where it was last evaluated. From a tick of the regular schedule it runs
     * over the ticks jN and jN + 1, where the elapsed count at the tick's time still reads one less; the answer is
     * the time of the last such tick at or before the target. (Every 596591 ticks a tick's time shows the tick
     * itself; that evaluation skips the next tick of the schedule but reads what the skipped one would have read,
     * so it changes neither OUT nor the schedule.) A count of 1 has no regular schedule and is evaluated at the
     * target.
     */
    long catchUpEvaluationTime(long nowNs, long nextNs, long targetNs) {
        if (mode != 2 || count == 1) {
            return targetNs;
        }
        long nextTick = nextEvaluationTick(ticksAt(nowNs));
        if (nextTick < 0 || tickTime(nextTick) != nextNs || nextNs > targetNs) {
            return nowNs; // not on the regular schedule yet (or nothing due): evaluate as scheduled
        }
        long k = ticksAt(targetNs) + 1;
        while (tickTime(k) > targetNs) {
            k--;
        }
        return tickTime(k % count == 0 ? k : k - k % count + 1);
    }

    /** The time of tick {@code k} after the load, in whole ns (saturating). */
    private long tickTime(long k) {
        return saturatingAdd(loadTimeNs, MulDiv.muldiv64(k, NS_PER_SECOND, CLOCK_HZ));
    }

    static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    int mode() {
        return mode;
    }

    int count() {
        return count;
    }

    boolean gate() {
        return gate;
    }
}
