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
 * The i8254 interval timer (QOM type {@code isa-pit}), as QEMU 7.2's hw/timer/i8254.c and i8254_common.c model
 * it: three counters behind ports 0x40-0x43 with the mode/command register, counter and status latches and the
 * read-back command. Only channel 0 drives a line: its output is recomputed at every transition by a timer on
 * the virtual clock, so on a fresh machine (mode 3, count 0x10000 loaded at time 0) the first pending deadline is
 * {@code muldiv64(32768, 1e9, PIT_FREQ)} = 27462700 ns, which qtest's argument-less {@code clock_step} answers.
 *
 * <p>Wiring: map {@link #ioRegion()} at I/O port {@link #IO_BASE}; connect {@code gpioOut(UNNAMED, 0)} to ISA IRQ 0
 * (on QEMU's pc it passes through the HPET's legacy input first, which forwards it while the HPET is not in legacy
 * mode). The unnamed input 0 is QEMU's {@code pit_irq_control} (0 silences channel 0, as the HPET does in legacy
 * mode).
 */
public final class I8254Pit extends Device {
    public static final String TYPE = "isa-pit";
    public static final int IO_BASE = 0x40;

    private final Clock clock;
    private final PitChannel[] channels = {new PitChannel(), new PitChannel(), new PitChannel()};
    private final Timer irqTimer;
    private final GpioOut irq;
    private final MemoryRegion io;
    private boolean irqDisabled;

    /** @param virtualClock QEMU_CLOCK_VIRTUAL: the counters and channel 0's timer run on it */
    public I8254Pit(Clock virtualClock) {
        super(TYPE);
        this.clock = virtualClock;
        this.irqTimer = virtualClock.newTimer(this::irqTimerFired);
        this.irq = initGpioOut(UNNAMED, 1)[0];
        initGpioIn(UNNAMED, (n, level) -> irqControl(level != 0), 1);
        // pit_ioport_ops: impl 1..1, valid left at QEMU's defaults, little-endian
        this.io = MemoryRegion.io("pit", 4, new Ops(), new AccessRules(1, 4, false, 1, 1, Endianness.LITTLE));
    }

    /** The four ports 0x40-0x43 ("pit"). */
    public MemoryRegion ioRegion() {
        return io;
    }

    /** Channel 0's output line (ISA IRQ 0). */
    public GpioOut irqOut() {
        return irq;
    }

    /** {@code pit_reset}: every channel back to mode 3 with count 0x10000 loaded now; channel 0's timer armed. */
    @Override
    public void reset() {
        long now = clock.now();
        for (int i = 0; i < 3; i++) {
            PitChannel s = channels[i];
            s.mode = 3;
            s.gate = i != 2 ? 1 : 0;
            s.countLoadTime = now;
            s.count = 0x10000;
            if (i == 0 && !irqDisabled) {
                s.nextTransitionTime = s.nextTransitionTime(now);
            }
        }
        if (!irqDisabled) {
            irqTimer.mod(channels[0].nextTransitionTime);
        }
    }

    /** {@code pit_set_gate} (channel 2's gate is port 0x61 bit 0 on the pc). */
    public void setGate(int channel, int level) {
        PitChannel s = channels[channel];
        int val = level != 0 ? 1 : 0;
        if ((s.mode == 1 || s.mode == 5 || s.mode == 2 || s.mode == 3) && s.gate < val) {
            // restart counting on a rising edge
            s.countLoadTime = clock.now();
            irqTimerUpdate(channel, s.countLoadTime);
        }
        s.gate = val;
    }

    /** The output level of {@code channel} now ({@code pit_get_out}), e.g. for port 0x61 bit 5. */
    public int out(int channel) {
        return channels[channel].out(clock.now());
    }

    public int gate(int channel) {
        return channels[channel].gate;
    }

    /** The initial count of {@code channel} (1..0x10000), as {@code pit_get_channel_info} reports it. */
    public int initialCount(int channel) {
        return channels[channel].count;
    }

    public int mode(int channel) {
        return channels[channel].mode;
    }

    /** When channel 0's output next changes, or -1. */
    public long nextTransitionTime() {
        return channels[0].nextTransitionTime;
    }

    private void irqTimerFired() {
        irqTimerUpdate(0, channels[0].nextTransitionTime);
    }

    /** {@code pit_irq_timer_update}: only channel 0 has a timer and a line. */
    private void irqTimerUpdate(int channel, long now) {
        if (channel != 0 || irqDisabled) {
            return;
        }
        PitChannel s = channels[0];
        long expire = s.nextTransitionTime(now);
        irq.set(s.out(now));
        s.nextTransitionTime = expire;
        if (expire != -1) {
            irqTimer.mod(expire);
        } else {
            irqTimer.del();
        }
    }

    /** {@code pit_irq_control}. */
    private void irqControl(boolean enable) {
        if (enable) {
            irqDisabled = false;
            irqTimerUpdate(0, clock.now());
        } else {
            irqDisabled = true;
            irqTimer.del();
        }
    }

    private void loadCount(int channel, int val) {
        PitChannel s = channels[channel];
        s.countLoadTime = clock.now();
        s.count = val == 0 ? 0x10000 : val;
        irqTimerUpdate(channel, s.countLoadTime);
    }

    /** {@code pit_latch_count}: a second latch command before the first is read is ignored. */
    private void latchCount(PitChannel s) {
        if (s.countLatched == 0) {
            s.latchedCount = s.count(clock.now()) & 0xffff;
            s.countLatched = s.rwMode;
        }
    }

    private void write(int addr, int val) {
        if (addr == 3) {
            int channel = val >> 6;
            if (channel == 3) {
                readBack(val);
                return;
            }
            PitChannel s = channels[channel];
            int access = (val >> 4) & 3;
            if (access == 0) {
                latchCount(s);
            } else {
                s.rwMode = access;
                s.readState = access;
                s.writeState = access;
                s.mode = (val >> 1) & 7;
                s.bcd = val & 1;
                // QEMU does not update the IRQ timer here: the next count load does
            }
            return;
        }
        PitChannel s = channels[addr];
        switch (s.writeState) {
            case PitChannel.RW_STATE_MSB -> loadCount(addr, val << 8);
            case PitChannel.RW_STATE_WORD0 -> {
                s.writeLatch = val;
                s.writeState = PitChannel.RW_STATE_WORD1;
            }
            case PitChannel.RW_STATE_WORD1 -> {
                loadCount(addr, s.writeLatch | (val << 8));
                s.writeState = PitChannel.RW_STATE_WORD0;
            }
            default -> loadCount(addr, val); // RW_STATE_LSB, and a never-programmed channel
        }
    }

    /** The read-back command (control word with both select bits set). */
    private void readBack(int val) {
        for (int channel = 0; channel < 3; channel++) {
            if ((val & (2 << channel)) == 0) {
                continue;
            }
            PitChannel s = channels[channel];
            if ((val & 0x20) == 0) {
                latchCount(s);
            }
            if ((val & 0x10) == 0 && !s.statusLatched) {
                // QEMU leaves out the null-count bit
                s.status = (s.out(clock.now()) << 7) | (s.rwMode << 4) | (s.mode << 1) | s.bcd;
                s.statusLatched = true;
            }
        }
    }

    private int read(int addr) {
        if (addr == 3) {
            return 0; // the mode/command register is write-only
        }
        PitChannel s = channels[addr];
        if (s.statusLatched) {
            s.statusLatched = false;
            return s.status;
        }
        if (s.countLatched != 0) {
            switch (s.countLatched) {
                case PitChannel.RW_STATE_MSB -> {
                    s.countLatched = 0;
                    return (s.latchedCount >> 8) & 0xff;
                }
                case PitChannel.RW_STATE_WORD0 -> {
                    s.countLatched = PitChannel.RW_STATE_MSB;
                    return s.latchedCount & 0xff;
                }
                default -> {
                    s.countLatched = 0;
                    return s.latchedCount & 0xff;
                }
            }
        }
        long now = clock.now();
        switch (s.readState) {
            case PitChannel.RW_STATE_MSB -> {
                return (s.count(now) >> 8) & 0xff;
            }
            case PitChannel.RW_STATE_WORD0 -> {
                s.readState = PitChannel.RW_STATE_WORD1;
                return s.count(now) & 0xff;
            }
            case PitChannel.RW_STATE_WORD1 -> {
                s.readState = PitChannel.RW_STATE_WORD0;
                return (s.count(now) >> 8) & 0xff;
            }
            default -> {
                return s.count(now) & 0xff;
            }
        }
    }

    private final class Ops implements MmioOps {
        @Override
        public long read(long offset, int size) {
            return I8254Pit.this.read((int) offset & 3);
        }

        @Override
        public void write(long offset, long value, int size) {
            I8254Pit.this.write((int) offset & 3, (int) value & 0xff);
        }
    }
}
