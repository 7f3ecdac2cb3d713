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
 * The BCM2835 system timer (QOM type {@value #TYPE}), as QEMU 7.2's hw/timer/bcm2835_systmr.c models it: a
 * free-running 64-bit counter at 1 MHz that is the virtual clock in microseconds (CLO at 0x04, CHI at 0x08), four
 * compare registers C0..C3 (0x0c..0x18) each with a microsecond timer, and the match bits M0..M3 in CS (0x00,
 * write 1 to clear, which also lowers that compare's interrupt line).
 *
 * <p>Writing Cn arms compare n at {@code now + (uint32)(Cn - now)} microseconds: the comparison is against the low
 * 32 bits of the counter, so a value already passed fires after the 32-bit counter wraps. On expiry the match
 * bit is set and the line raised; nothing re-arms it. Reset clears CS and the compare registers but, as in QEMU,
 * does not cancel an armed compare timer.
 *
 * <p>Wiring: map {@link #mmio()} at peripheral offset 0x3000; connect {@code irqOut(n)} to GPU IRQ n of the
 * bcm2835-ic (bcm2835_peripherals.c, INTERRUPT_TIMER0 + n).
 */
public final class Bcm2835SystemTimer extends Device {
    public static final String TYPE = "bcm2835-sys-timer";
    public static final int COMPARES = 4;
    static final int CTRL_STATUS = 0x00;
    static final int COUNTER_LOW = 0x04;
    static final int COUNTER_HIGH = 0x08;
    static final int COMPARE0 = 0x0c;
    static final int COMPARE3 = 0x18;
    private static final long NS_PER_US = 1000;

    private final Clock clock;
    private final MemoryRegion mmio;
    private final Timer[] timers = new Timer[COMPARES];
    private final GpioOut[] irqs;
    private final int[] compare = new int[COMPARES];
    private int ctrlStatus;

    /** @param virtualClock QEMU_CLOCK_VIRTUAL: the counter and the compare timers */
    public Bcm2835SystemTimer(Clock virtualClock) {
        super(TYPE);
        this.clock = virtualClock;
        this.irqs = initGpioOut("sysbus-irq", COMPARES);
        for (int i = 0; i < COMPARES; i++) {
            int n = i;
            timers[i] = virtualClock.newTimer(() -> expire(n));
        }
        // bcm2835_systmr_ops: little-endian, impl 4 bytes (valid: QEMU's default 1..4)
        this.mmio = MemoryRegion.io("bcm2835-sys-timer", 0x20, new Ops(),
                AccessRules.of(Endianness.LITTLE).withImpl(4, 4));
    }

    public MemoryRegion mmio() {
        return mmio;
    }

    /** Compare n's interrupt ({@code sysbus_init_irq} n). */
    public GpioOut irqOut(int n) {
        return irqs[n];
    }

    @Override
    public void reset() {
        ctrlStatus = 0;
        java.util.Arrays.fill(compare, 0);
    }

    @Override
    public void unrealize() {
        for (Timer t : timers) {
            t.del();
        }
    }

    private long nowUs() {
        return clock.now() / NS_PER_US;
    }

    private void expire(int n) {
        ctrlStatus |= 1 << n;
        irqs[n].set(1);
    }

    private final class Ops implements MmioOps {
        @Override
        public long read(long offset, int size) {
            return switch ((int) offset) {
                case CTRL_STATUS -> ctrlStatus & 0xffff_ffffL;
                case COUNTER_LOW -> nowUs() & 0xffff_ffffL;
                case COUNTER_HIGH -> (nowUs() >>> 32) & 0xffff_ffffL;
                case COMPARE0, COMPARE0 + 4, COMPARE0 + 8, COMPARE3 ->
                        compare[((int) offset - COMPARE0) >> 2] & 0xffff_ffffL;
                default -> 0; // QEMU logs a guest error and reads 0
            };
        }

        @Override
        public void write(long offset, long value, int size) {
            int v = (int) value;
            switch ((int) offset) {
                case CTRL_STATUS -> {
                    ctrlStatus &= ~v;
                    for (int i = 0; i < COMPARES; i++) {
                        if ((v & (1 << i)) != 0) {
                            irqs[i].set(0);
                        }
                    }
                }
                case COMPARE0, COMPARE0 + 4, COMPARE0 + 8, COMPARE3 -> {
                    int n = ((int) offset - COMPARE0) >> 2;
                    compare[n] = v;
                    long now = nowUs();
                    long delayUs = (v - now) & 0xffff_ffffL; // compared with the low 32 counter bits
                    timers[n].modScaled(now + delayUs, NS_PER_US);
                }
                default -> {
                    // the counter is read-only; other offsets are guest errors QEMU only logs
                }
            }
        }
    }
}
