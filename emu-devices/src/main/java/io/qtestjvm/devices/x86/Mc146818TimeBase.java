package io.qtestjvm.devices.x86;

/**
 * The MC146818A's divider chain seen from outside (data sheet "Oscillator Control", "Update Cycle"): the guest's
 * time as whole seconds since 1970 plus the phase within the second, advancing with the RTC clock while the
 * divider runs and held while it is stopped. Whole seconds and the phase are kept apart so that clock times up to
 * 2^63 - 1 ns never overflow.
 */
final class Mc146818TimeBase {
    static final long NS_PER_SECOND = 1_000_000_000L;

    private long anchorClockNs;
    private long anchorSeconds;
    private long anchorPhaseNs;
    private boolean running = true;

    /** Sets the time at {@code nowNs}: {@code seconds} since 1970 and {@code phaseNs} into that second. */
    void set(long nowNs, long seconds, long phaseNs) {
        anchorClockNs = nowNs;
        anchorSeconds = seconds;
        anchorPhaseNs = phaseNs;
    }

    /** Stops (divider in reset or an unsupported time base) or restarts the chain; the time holds meanwhile. */
    void setRunning(long nowNs, boolean run) {
        if (run == running) {
            return;
        }
        set(nowNs, secondsAt(nowNs), phaseAt(nowNs));
        running = run;
    }

    boolean running() {
        return running;
    }

    long secondsAt(long nowNs) {
        if (!running || nowNs <= anchorClockNs) {
            return anchorSeconds;
        }
        long elapsed = nowNs - anchorClockNs;
        long carry = (elapsed % NS_PER_SECOND + anchorPhaseNs) / NS_PER_SECOND;
        return anchorSeconds + elapsed / NS_PER_SECOND + carry;
    }

    long phaseAt(long nowNs) {
        if (!running || nowNs <= anchorClockNs) {
            return anchorPhaseNs;
        }
        long elapsed = nowNs - anchorClockNs;
        return (elapsed % NS_PER_SECOND + anchorPhaseNs) % NS_PER_SECOND;
    }

    /** The RTC-clock time of the next update cycle (second boundary) after {@code nowNs}, or -1 when stopped. */
    long nextSecondAt(long nowNs) {
        if (!running) {
            return -1;
        }
        return I8254Counter.saturatingAdd(nowNs, NS_PER_SECOND - phaseAt(nowNs));
    }
}
