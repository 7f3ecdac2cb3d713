package io.qtestjvm.devices.x86;

/**
 * One counter of the i8254 (QEMU's {@code PITChannelState}) and the pure functions of hw/timer/i8254_common.c
 * and hw/timer/i8254.c that derive its output and count from the virtual time: {@link #out(long)} is
 * {@code pit_get_out}, {@link #nextTransitionTime(long)} is {@code pit_get_next_transition_time} and
 * {@link #count(long)} is {@code pit_get_count}. The count runs at {@link #PIT_FREQ} from {@code countLoadTime}.
 */
final class PitChannel {
    /** PIT_FREQ of include/hw/timer/i8254.h. */
    static final long PIT_FREQ = 1_193_182L;
    static final long NS_PER_SECOND = 1_000_000_000L;

    static final int RW_STATE_LSB = 1;
    static final int RW_STATE_MSB = 2;
    static final int RW_STATE_WORD0 = 3;
    static final int RW_STATE_WORD1 = 4;

    /** Initial count, 1..0x10000 (a programmed 0 means 0x10000). */
    int count;
    int latchedCount;
    int countLatched;
    boolean statusLatched;
    int status;
    int readState;
    int writeState;
    int writeLatch;
    int rwMode;
    int mode;
    int bcd;
    int gate;
    long countLoadTime;
    long nextTransitionTime;

    /** Elapsed PIT ticks since the count was loaded. */
    private long ticks(long now) {
        return MulDiv.muldiv64(now - countLoadTime, PIT_FREQ, NS_PER_SECOND);
    }

    /** {@code pit_get_count}: the current counter value; the caller keeps the bits it needs. */
    int count(long now) {
        long d = ticks(now);
        return switch (mode) {
            case 0, 1, 4, 5 -> (int) ((count - d) & 0xffff);
            // QEMU notes this may be wrong for odd counts; we reproduce it as it is
            case 3 -> (int) (count - Long.remainderUnsigned(2 * d, count));
            default -> (int) (count - Long.remainderUnsigned(d, count));
        };
    }

    /** {@code pit_get_out}: the output pin level at {@code now}. */
    int out(long now) {
        long d = ticks(now);
        boolean out = switch (mode) {
            case 1 -> Long.compareUnsigned(d, count) < 0;
            case 2 -> Long.remainderUnsigned(d, count) == 0 && d != 0;
            case 3 -> Long.remainderUnsigned(d, count) < ((count + 1) >> 1);
            case 4, 5 -> d == count;
            default -> Long.compareUnsigned(d, count) >= 0; // mode 0, and 6/7 as QEMU's default
        };
        return out ? 1 : 0;
    }

    /** {@code pit_get_next_transition_time}: the next output change after {@code now}, or -1 when none comes. */
    long nextTransitionTime(long now) {
        long d = ticks(now);
        long next;
        switch (mode) {
            case 2 -> {
                long base = d - Long.remainderUnsigned(d, count);
                next = (d - base) == 0 && d != 0 ? base + count : base + count + 1;
            }
            case 3 -> {
                long base = d - Long.remainderUnsigned(d, count);
                long period2 = (count + 1) >> 1;
                next = (d - base) < period2 ? base + period2 : base + count;
            }
            case 4, 5 -> {
                if (Long.compareUnsigned(d, count) < 0) {
                    next = count;
                } else if (d == count) {
                    next = count + 1L;
                } else {
                    return -1;
                }
            }
            default -> { // modes 0 and 1, and 6/7 as QEMU's default
                if (Long.compareUnsigned(d, count) < 0) {
                    next = count;
                } else {
                    return -1;
                }
            }
        }
        long time = countLoadTime + MulDiv.muldiv64(next, NS_PER_SECOND, PIT_FREQ);
        // QEMU's fix for rounding: never schedule a transition at or before now
        if (Long.compareUnsigned(time, now) <= 0) {
            time = now + 1;
        }
        return time;
    }
}
