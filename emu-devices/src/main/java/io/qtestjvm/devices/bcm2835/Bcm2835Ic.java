package io.qtestjvm.devices.bcm2835;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The BCM2835 ARM interrupt controller (QOM type {@value #TYPE}), as QEMU 7.2's hw/intc/bcm2835_ic.c models it:
 * 64 GPU interrupt inputs (named list {@value #GPU_IRQ}) and 8 ARM ones ({@value #ARM_IRQ}), level-sensitive;
 * the pending registers show level AND enable; enable registers set bits, disable registers clear them (reading a
 * disable register gives the complement of the enables); FIQ control selects one source (0-63 GPU, 64-71 ARM).
 * Output IRQ is raised while any enabled source is high, output FIQ while the selected source is high.
 *
 * <p>Wiring: map {@link #mmio()} at peripheral offset 0xb200; {@code irqOut()} and {@code fiqOut()} go to the
 * bcm2836-control's {@code gpu-irq} and {@code gpu-fiq} inputs.
 */
public final class Bcm2835Ic extends Device {
    public static final String TYPE = "bcm2835-ic";
    public static final String GPU_IRQ = "gpu-irq";
    public static final String ARM_IRQ = "arm-irq";
    static final int GPU_IRQS = 64;
    static final int ARM_IRQS = 8;
    static final int IRQ_PENDING_BASIC = 0x00;
    static final int IRQ_PENDING_1 = 0x04;
    static final int IRQ_PENDING_2 = 0x08;
    static final int FIQ_CONTROL = 0x0c;
    static final int IRQ_ENABLE_1 = 0x10;
    static final int IRQ_ENABLE_2 = 0x14;
    static final int IRQ_ENABLE_BASIC = 0x18;
    static final int IRQ_DISABLE_1 = 0x1c;
    static final int IRQ_DISABLE_2 = 0x20;
    static final int IRQ_DISABLE_BASIC = 0x24;
    /** GPU IRQs mirrored in bits 10-20 of the basic pending register (BCM2835 ARM Peripherals 7.5). */
    private static final int[] IRQ_DUPS = {7, 9, 10, 18, 19, 53, 54, 55, 56, 57, 62};

    private final MemoryRegion mmio;
    private final GpioOut irq;
    private final GpioOut fiq;
    private long gpuLevel;
    private long gpuEnable;
    private int armLevel;
    private int armEnable;
    private boolean fiqEnable;
    private int fiqSelect;

    public Bcm2835Ic() {
        super(TYPE);
        initGpioIn(GPU_IRQ, this::setGpuIrq, GPU_IRQS);
        initGpioIn(ARM_IRQ, this::setArmIrq, ARM_IRQS);
        GpioOut[] out = initGpioOut("sysbus-irq", 2);
        this.irq = out[0];
        this.fiq = out[1];
        // bcm2835_ic_ops: native endian (little on arm), valid 4 bytes only
        this.mmio = MemoryRegion.io("bcm2835-ic", 0x200, new Ops(), AccessRules.sizes(4, 4, Endianness.NATIVE));
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

    /** Reset clears the enables and the FIQ selection; the input levels are the sources' and stay. */
    @Override
    public void reset() {
        gpuEnable = 0;
        armEnable = 0;
        fiqEnable = false;
        fiqSelect = 0;
    }

    private void setGpuIrq(int n, int level) {
        gpuLevel = level != 0 ? gpuLevel | (1L << n) : gpuLevel & ~(1L << n);
        update();
    }

    private void setArmIrq(int n, int level) {
        armLevel = level != 0 ? armLevel | (1 << n) : armLevel & ~(1 << n);
        update();
    }

    private void update() {
        boolean f = false;
        if (fiqEnable) {
            // a select past the 8 ARM sources trips an assertion in QEMU (extract32); it selects nothing here
            f = fiqSelect >= GPU_IRQS ? fiqSelect - GPU_IRQS < 32 && ((armLevel >> (fiqSelect - GPU_IRQS)) & 1) != 0
                    : ((gpuLevel >>> fiqSelect) & 1) != 0;
        }
        fiq.set(f ? 1 : 0);
        irq.set((gpuLevel & gpuEnable) != 0 || (armLevel & armEnable) != 0 ? 1 : 0);
    }

    private final class Ops implements MmioOps {
        @Override
        public long read(long offset, int size) {
            long pending = gpuLevel & gpuEnable;
            int r = switch ((int) offset) {
                case IRQ_PENDING_BASIC -> {
                    int b = armLevel & armEnable;
                    b |= ((int) pending != 0 ? 1 : 0) << 8;
                    b |= ((pending >>> 32) != 0 ? 1 : 0) << 9;
                    for (int i = 0; i < IRQ_DUPS.length; i++) {
                        b |= (int) ((pending >>> IRQ_DUPS[i]) & 1) << (i + 10);
                    }
                    yield b;
                }
                case IRQ_PENDING_1 -> (int) pending;
                case IRQ_PENDING_2 -> (int) (pending >>> 32);
                case FIQ_CONTROL -> (fiqEnable ? 1 << 7 : 0) | fiqSelect;
                case IRQ_ENABLE_1 -> (int) gpuEnable;
                case IRQ_ENABLE_2 -> (int) (gpuEnable >>> 32);
                case IRQ_ENABLE_BASIC -> armEnable;
                case IRQ_DISABLE_1 -> (int) ~gpuEnable;
                case IRQ_DISABLE_2 -> (int) (~gpuEnable >>> 32);
                case IRQ_DISABLE_BASIC -> ~armEnable;
                default -> 0; // guest error, logged by QEMU
            };
            return r & 0xffff_ffffL;
        }

        @Override
        public void write(long offset, long value, int size) {
            long v = value & 0xffff_ffffL;
            switch ((int) offset) {
                case FIQ_CONTROL -> {
                    fiqSelect = (int) (v & 0x7f);
                    fiqEnable = ((v >> 7) & 1) != 0;
                }
                case IRQ_ENABLE_1 -> gpuEnable |= v;
                case IRQ_ENABLE_2 -> gpuEnable |= v << 32;
                case IRQ_ENABLE_BASIC -> armEnable |= (int) (v & 0xff);
                case IRQ_DISABLE_1 -> gpuEnable &= ~v;
                case IRQ_DISABLE_2 -> gpuEnable &= ~(v << 32);
                case IRQ_DISABLE_BASIC -> armEnable &= (int) (~v & 0xff);
                default -> {
                    return; // guest error: no update, as QEMU
                }
            }
            update();
        }
    }
}
