package io.qtestjvm.devices.x86;

import static io.qtestjvm.devices.x86.I8254Layout.ACCESS_LATCH;
import static io.qtestjvm.devices.x86.I8254Layout.CONTROL_PORT;
import static io.qtestjvm.devices.x86.I8254Layout.COUNTERS;
import static io.qtestjvm.devices.x86.I8254Layout.CW_ACCESS_MASK;
import static io.qtestjvm.devices.x86.I8254Layout.CW_ACCESS_SHIFT;
import static io.qtestjvm.devices.x86.I8254Layout.CW_BCD;
import static io.qtestjvm.devices.x86.I8254Layout.CW_MODE_MASK;
import static io.qtestjvm.devices.x86.I8254Layout.CW_MODE_SHIFT;
import static io.qtestjvm.devices.x86.I8254Layout.CW_SELECT_READ_BACK;
import static io.qtestjvm.devices.x86.I8254Layout.CW_SELECT_SHIFT;
import static io.qtestjvm.devices.x86.I8254Layout.PORTS;
import static io.qtestjvm.devices.x86.I8254Layout.RB_COUNTER_SHIFT;
import static io.qtestjvm.devices.x86.I8254Layout.RB_NOT_COUNT;
import static io.qtestjvm.devices.x86.I8254Layout.RB_NOT_STATUS;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.core.Timer;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The PC's Intel 8254 PIT ({@code isa-pit}) at ports 0x40-0x43: three {@link I8254Counter}s on the 1.193182 MHz
 * clock; counter 0's OUT drives ISA IRQ 0, counter 2's GATE is port 0x61 bit 0 (low at reset). The layout is in
 * {@link I8254Layout}; the counting logic and QEMU's departures from the data sheet are in {@link I8254Counter}.
 *
 * <p>Device-level facts of QEMU 7.2 reproduced here: reset does not drive IRQ 0, it only schedules the first
 * evaluation (so a fresh {@code pc}'s first deadline is 27462700 ns, the end of the first half period:
 * {@code I8254PitTest.firstDeadlineOnAFreshMachineIsTheTranscriptsClockStep}); every evaluation drives the line,
 * also to the level it already has; the port 0x43 reads 0 ({@code I8254PitTest.commandRegisterReadsZero}); the
 * unnamed input 0 (the HPET's legacy-replacement switch) stops and restarts counter 0's interrupt
 * ({@code I8254PitTest.irqControlInputSilencesChannelZero}).
 *
 * <p>Warps: when nothing observes IRQ 0 beyond its final level (no intercept, no unmasked I/O APIC pin), an
 * evaluation during a clock warp is followed by one evaluation where the last scheduled one before the warp's end
 * would fall ({@link I8254Counter#catchUpEvaluationTime}) instead of one per period on the way, which leaves the
 * same line level and next deadline
 * ({@code I8254CounterTest.aWarpNobodyObservesEndsInTheStateOfEvaluatingEveryPeriod}); a warp to 2^63 - 1 ns costs
 * two evaluations ({@code PcClockWarpTest}).
 */
public final class I8254Pit extends Device {
    public static final String TYPE = "isa-pit";
    public static final int IO_BASE = 0x40;

    private final Clock clock;
    private final I8254Counter[] counters = new I8254Counter[COUNTERS];
    private final GpioOut irq;
    private final Timer irqTimer;
    private final MemoryRegion io;
    private boolean irqEnabled = true;

    public I8254Pit(Clock virtualClock) {
        super(TYPE);
        this.clock = virtualClock;
        for (int i = 0; i < COUNTERS; i++) {
            counters[i] = new I8254Counter();
        }
        this.irq = initGpioOut(UNNAMED, 1)[0];
        initGpioIn(UNNAMED, (n, level) -> setIrqEnabled(level != 0), 1);
        this.irqTimer = clock.newTimer(this::evaluationDue);
        this.io = MemoryRegion.io("pit", PORTS, new Ports(), new AccessRules(1, 4, false, 1, 1,
                Endianness.LITTLE));
    }

    public MemoryRegion ioRegion() {
        return io;
    }

    /** IRQ 0: counter 0's OUT. */
    public GpioOut irqOut() {
        return irq;
    }

    @Override
    public void reset() {
        long now = clock.now();
        for (int i = 0; i < COUNTERS; i++) {
            counters[i].reset(now, i != 2);
        }
        if (irqEnabled) {
            schedule(counters[0].nextEvaluationTime(now));
        }
    }

    /** GATE of {@code channel} (counter 2's is port 0x61 bit 0 on the pc). */
    public void setGate(int channel, int level) {
        long now = clock.now();
        if (counters[channel].setGate(level != 0, now) && channel == 0) {
            evaluate(now);
        }
    }

    /** OUT of {@code channel} now, e.g. for port 0x61 bit 5. */
    public int out(int channel) {
        return counters[channel].outputAt(clock.now()) ? 1 : 0;
    }

    public int gate(int channel) {
        return counters[channel].gate() ? 1 : 0;
    }

    /** The count register of {@code channel}: 1..0x10000. */
    public int initialCount(int channel) {
        return counters[channel].count();
    }

    public int mode(int channel) {
        return counters[channel].mode();
    }

    /** When counter 0's output is next evaluated, or -1. */
    public long nextTransitionTime() {
        return irqTimer.pending() ? irqTimer.expireNs() : -1;
    }

    private void setIrqEnabled(boolean enabled) {
        irqEnabled = enabled;
        if (enabled) {
            evaluate(clock.now());
        } else {
            irqTimer.del();
        }
    }

    /** Counter 0's scheduled evaluation; during a warp nobody observes, it catches up to the warp's end. */
    private void evaluationDue() {
        long now = clock.now();
        long target = clock.warpTarget();
        if (target <= now || irq.levelChangesObserved()) {
            evaluate(now);
            return;
        }
        I8254Counter c = counters[0];
        if (c.mode() != 2) {
            evaluate(target);
            return;
        }
        evaluate(now);
        if (irqTimer.pending() && irqTimer.expireNs() <= target) {
            long at = c.catchUpEvaluationTime(now, irqTimer.expireNs(), target);
            if (at > now) {
                evaluate(at);
            }
        }
    }

    /** Drives IRQ 0 with counter 0's OUT at {@code atNs} and schedules the next evaluation. */
    private void evaluate(long atNs) {
        if (!irqEnabled) {
            return;
        }
        I8254Counter c = counters[0];
        irq.set(c.outputAt(atNs) ? 1 : 0);
        schedule(c.nextEvaluationTime(atNs));
    }

    private void schedule(long deadlineNs) {
        if (deadlineNs < 0) {
            irqTimer.del();
        } else {
            irqTimer.mod(deadlineNs);
        }
    }

    private void writeControlWord(int value) {
        long now = clock.now();
        int select = value >>> CW_SELECT_SHIFT;
        if (select == CW_SELECT_READ_BACK) {
            for (int i = 0; i < COUNTERS; i++) {
                if ((value & (1 << (RB_COUNTER_SHIFT + i))) == 0) {
                    continue;
                }
                if ((value & RB_NOT_COUNT) == 0) {
                    counters[i].latchCount(now);
                }
                if ((value & RB_NOT_STATUS) == 0) {
                    counters[i].latchStatus(now);
                }
            }
            return;
        }
        int access = (value >>> CW_ACCESS_SHIFT) & CW_ACCESS_MASK;
        if (access == ACCESS_LATCH) {
            counters[select].latchCount(now);
        } else {
            counters[select].control(access, (value >>> CW_MODE_SHIFT) & CW_MODE_MASK, (value & CW_BCD) != 0);
        }
    }

    private final class Ports implements MmioOps {
        @Override
        public long read(long offset, int size) {
            int port = (int) offset;
            return port == CONTROL_PORT ? 0 : counters[port].readByte(clock.now());
        }

        @Override
        public void write(long offset, long value, int size) {
            int port = (int) offset;
            int v = (int) value & 0xff;
            if (port == CONTROL_PORT) {
                writeControlWord(v);
                return;
            }
            long now = clock.now();
            if (counters[port].writeByte(v, now) && port == 0) {
                evaluate(now);
            }
        }
    }
}
