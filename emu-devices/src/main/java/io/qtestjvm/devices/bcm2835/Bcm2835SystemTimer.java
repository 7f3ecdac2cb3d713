package io.qtestjvm.devices.bcm2835;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.core.Timer;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The BCM2835 system timer (QOM type {@value #TYPE}) after "BCM2835 ARM Peripherals", chapter 12: a free-running
 * 64-bit counter at 1 MHz read as CLO (0x04) and CHI (0x08), four channels whose compare registers C0-C3
 * (0x0c-0x18) are compared with the low 32 bits of the counter, and CS (0x00) whose bits M3-M0 record a match per
 * channel (write 1 to clear). A match also drives the channel's interrupt line.
 *
 * <p>Behaviour as QEMU 7.2 has it (Bcm2835InterruptChainTest): the counter is the virtual clock in microseconds; a
 * compare value is matched once, at the first microsecond the low counter bits reach it after the write (a value
 * already passed matches after the 32-bit wrap), and nothing re-arms it; clearing Mn lowers line n. Only CS and
 * the compare registers are writable. Reset clears CS and C0-C3 without cancelling a pending match.
 *
 * <p>Wiring: map {@link #mmio()} at peripheral offset 0x3000; {@code irqOut(n)} goes to GPU interrupt n of the
 * bcm2835-ic (channels 0-3 are GPU interrupts 0-3).
 */
public final class Bcm2835SystemTimer extends Device {
    public static final String TYPE = "bcm2835-sys-timer";
    /** Four channels, C0-C3. */
    public static final int COMPARES = 4;

    // 12.1: register offsets from 0x7e003000.
    static final int CS = 0x00;
    static final int CLO = 0x04;
    static final int CHI = 0x08;
    static final int C0 = 0x0c;
    private static final int REGISTER_SPACE = 0x20;
    private static final long NS_PER_TICK = 1000; // 1 MHz

    /** One timer channel: its compare register, the pending match and the interrupt line it drives. */
    private final class Channel {
        final int index;
        final Timer match;
        GpioOut line;
        int compare;

        Channel(int index, Clock clock) {
            this.index = index;
            this.match = clock.newTimer(this::matched);
        }

        /** Arms the match for the next time the low 32 counter bits equal {@code value}. */
        void setCompare(int value) {
            compare = value;
            long now = counter();
            long ticksUntil = (value - now) & 0xffff_ffffL;
            match.modScaled(Clock.plus(now, ticksUntil), NS_PER_TICK);
        }

        void matched() {
            matchStatus |= 1 << index;
            line.set(1);
        }
    }

    private final Clock clock;
    private final MemoryRegion mmio;
    private final Channel[] channels = new Channel[COMPARES];
    /** CS: bit n (Mn) set when channel n matched. */
    private int matchStatus;

    /** @param virtualClock the clock the counter counts, in microseconds */
    public Bcm2835SystemTimer(Clock virtualClock) {
        super(TYPE);
        this.clock = virtualClock;
        GpioOut[] lines = initGpioOut("sysbus-irq", COMPARES);
        for (int n = 0; n < COMPARES; n++) {
            channels[n] = new Channel(n, virtualClock);
            channels[n].line = lines[n];
        }
        this.mmio = MemoryRegion.io(TYPE, REGISTER_SPACE, new Registers(),
                AccessRules.of(Endianness.LITTLE).withImpl(4, 4));
    }

    public MemoryRegion mmio() {
        return mmio;
    }

    /** Channel n's interrupt line. */
    public GpioOut irqOut(int n) {
        return channels[n].line;
    }

    @Override
    public void reset() {
        matchStatus = 0;
        for (Channel c : channels) {
            c.compare = 0;
        }
    }

    @Override
    public void unrealize() {
        for (Channel c : channels) {
            c.match.del();
        }
    }

    /** The free-running counter: microseconds of virtual time. */
    private long counter() {
        return clock.now() / NS_PER_TICK;
    }

    private final class Registers implements MmioOps {
        @Override
        public long read(long offset, int size) {
            int o = (int) offset;
            return switch (o) {
                case CS -> matchStatus & 0xffff_ffffL;
                case CLO -> counter() & 0xffff_ffffL;
                case CHI -> counter() >>> 32 & 0xffff_ffffL;
                case C0, C0 + 4, C0 + 8, C0 + 12 -> channels[(o - C0) >> 2].compare & 0xffff_ffffL;
                default -> 0;
            };
        }

        @Override
        public void write(long offset, long value, int size) {
            int o = (int) offset;
            int v = (int) value;
            switch (o) {
                case CS -> {
                    matchStatus &= ~v;
                    for (Channel c : channels) {
                        if ((v >> c.index & 1) != 0) {
                            c.line.set(0);
                        }
                    }
                }
                case C0, C0 + 4, C0 + 8, C0 + 12 -> channels[(o - C0) >> 2].setCompare(v);
                default -> {
                    // CLO and CHI are read-only
                }
            }
        }
    }
}
