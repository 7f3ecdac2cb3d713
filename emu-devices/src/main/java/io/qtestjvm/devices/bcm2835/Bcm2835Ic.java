package io.qtestjvm.devices.bcm2835;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The BCM2835 ARM interrupt controller (QOM type {@value #TYPE}) after "BCM2835 ARM Peripherals", chapter 7: 64 GPU
 * interrupt sources (input list {@value #GPU_IRQ}, shown in IRQ pending 1 and 2) and 8 ARM-specific ones
 * ({@value #ARM_IRQ}, bits 7:0 of IRQ basic pending), all level-sensitive. The registers of 7.5, at offsets from
 * the block's 0x200: IRQ basic pending (0x00), IRQ pending 1 and 2 (0x04, 0x08), FIQ control (0x0c), Enable IRQs 1
 * and 2 and Enable Basic IRQs (0x10-0x18, write 1 to enable), Disable IRQs 1 and 2 and Disable Basic IRQs
 * (0x1c-0x24, write 1 to disable). Output IRQ is high while an enabled source is high; output FIQ while the one
 * source FIQ control selects (0-63 GPU, 64-71 ARM) is high and FIQ is enabled.
 *
 * <p>Behaviour as QEMU 7.2 has it (Bcm2835InterruptChainTest): pending registers show sources that are high and
 * enabled; reading a disable register gives the complement of the enables; only word accesses are valid; writes to
 * the pending registers or unknown offsets change nothing; a FIQ source number above 71 selects nothing (QEMU
 * aborts for numbers above 95). Reset clears the enables and the FIQ control, keeps the input levels and leaves the
 * outputs as they are until the next change.
 *
 * <p>Wiring: map {@link #mmio()} at peripheral offset 0xb200; {@link #irqOut()} and {@link #fiqOut()} go to the
 * bcm2836-control's {@code gpu-irq} and {@code gpu-fiq} inputs.
 */
public final class Bcm2835Ic extends Device {
    public static final String TYPE = "bcm2835-ic";
    public static final String GPU_IRQ = "gpu-irq";
    public static final String ARM_IRQ = "arm-irq";
    static final int GPU_SOURCES = 64;
    static final int ARM_SOURCES = 8;

    // 7.5: register offsets from 0x7e00b200.
    static final int IRQ_BASIC_PENDING = 0x00;
    static final int IRQ_PENDING_1 = 0x04;
    static final int IRQ_PENDING_2 = 0x08;
    static final int FIQ_CONTROL = 0x0c;
    static final int ENABLE_IRQS_1 = 0x10;
    static final int ENABLE_IRQS_2 = 0x14;
    static final int ENABLE_BASIC_IRQS = 0x18;
    static final int DISABLE_IRQS_1 = 0x1c;
    static final int DISABLE_IRQS_2 = 0x20;
    static final int DISABLE_BASIC_IRQS = 0x24;
    private static final int REGISTER_SPACE = 0x200;

    // 7.5, IRQ basic pending: bit 8 = something pending in bank 1, bit 9 = in bank 2, bits 10-20 repeat these GPU
    // sources so that the common ones are seen with one read.
    private static final int BASIC_BANK1 = 1 << 8;
    private static final int BASIC_BANK2 = 1 << 9;
    private static final int BASIC_REPEAT_FIRST_BIT = 10;
    private static final int[] BASIC_REPEATED_GPU_SOURCES = {7, 9, 10, 18, 19, 53, 54, 55, 56, 57, 62};

    // 7.5, FIQ control: source number in bits 6:0, enable in bit 7.
    private static final int FIQ_SOURCE = 0x7f;
    private static final int FIQ_ENABLE = 1 << 7;

    private final MemoryRegion mmio;
    private final GpioOut irq;
    private final GpioOut fiq;
    /** Input levels: GPU sources 0-63, ARM sources 0-7. */
    private long gpuHigh;
    private int armHigh;
    private long gpuEnabled;
    private int armEnabled;
    private int fiqControl;

    public Bcm2835Ic() {
        super(TYPE);
        initGpioIn(GPU_IRQ, (n, level) -> {
            gpuHigh = level != 0 ? gpuHigh | 1L << n : gpuHigh & ~(1L << n);
            drive();
        }, GPU_SOURCES);
        initGpioIn(ARM_IRQ, (n, level) -> {
            armHigh = level != 0 ? armHigh | 1 << n : armHigh & ~(1 << n);
            drive();
        }, ARM_SOURCES);
        GpioOut[] out = initGpioOut("sysbus-irq", 2);
        this.irq = out[0];
        this.fiq = out[1];
        this.mmio = MemoryRegion.io(TYPE, REGISTER_SPACE, new Registers(),
                AccessRules.sizes(4, 4, Endianness.NATIVE));
    }

    public MemoryRegion mmio() {
        return mmio;
    }

    public GpioOut irqOut() {
        return irq;
    }

    public GpioOut fiqOut() {
        return fiq;
    }

    @Override
    public void reset() {
        gpuEnabled = 0;
        armEnabled = 0;
        fiqControl = 0;
    }

    /** The level of source {@code n} in FIQ control numbering (0-63 GPU, 64-71 ARM, above: none). */
    private boolean sourceHigh(int n) {
        if (n < GPU_SOURCES) {
            return (gpuHigh >>> n & 1) != 0;
        }
        return n - GPU_SOURCES < ARM_SOURCES && (armHigh >> (n - GPU_SOURCES) & 1) != 0;
    }

    private void drive() {
        fiq.set((fiqControl & FIQ_ENABLE) != 0 && sourceHigh(fiqControl & FIQ_SOURCE) ? 1 : 0);
        irq.set((gpuHigh & gpuEnabled) != 0 || (armHigh & armEnabled) != 0 ? 1 : 0);
    }

    private int basicPending() {
        long gpuPending = gpuHigh & gpuEnabled;
        int value = armHigh & armEnabled;
        if ((int) gpuPending != 0) {
            value |= BASIC_BANK1;
        }
        if (gpuPending >>> 32 != 0) {
            value |= BASIC_BANK2;
        }
        for (int i = 0; i < BASIC_REPEATED_GPU_SOURCES.length; i++) {
            value |= (int) (gpuPending >>> BASIC_REPEATED_GPU_SOURCES[i] & 1) << (BASIC_REPEAT_FIRST_BIT + i);
        }
        return value;
    }

    private final class Registers implements MmioOps {
        @Override
        public long read(long offset, int size) {
            long gpuPending = gpuHigh & gpuEnabled;
            int value = switch ((int) offset) {
                case IRQ_BASIC_PENDING -> basicPending();
                case IRQ_PENDING_1 -> (int) gpuPending;
                case IRQ_PENDING_2 -> (int) (gpuPending >>> 32);
                case FIQ_CONTROL -> fiqControl;
                case ENABLE_IRQS_1 -> (int) gpuEnabled;
                case ENABLE_IRQS_2 -> (int) (gpuEnabled >>> 32);
                case ENABLE_BASIC_IRQS -> armEnabled;
                case DISABLE_IRQS_1 -> (int) ~gpuEnabled;
                case DISABLE_IRQS_2 -> (int) (~gpuEnabled >>> 32);
                case DISABLE_BASIC_IRQS -> ~armEnabled;
                default -> 0;
            };
            return value & 0xffff_ffffL;
        }

        @Override
        public void write(long offset, long value, int size) {
            long v = value & 0xffff_ffffL;
            switch ((int) offset) {
                case FIQ_CONTROL -> fiqControl = (int) v & (FIQ_ENABLE | FIQ_SOURCE);
                case ENABLE_IRQS_1 -> gpuEnabled |= v;
                case ENABLE_IRQS_2 -> gpuEnabled |= v << 32;
                case ENABLE_BASIC_IRQS -> armEnabled |= (int) v & 0xff;
                case DISABLE_IRQS_1 -> gpuEnabled &= ~v;
                case DISABLE_IRQS_2 -> gpuEnabled &= ~(v << 32);
                case DISABLE_BASIC_IRQS -> armEnabled &= ~(int) v;
                default -> {
                    return; // pending registers are read-only; unknown offsets
                }
            }
            drive();
        }
    }
}
