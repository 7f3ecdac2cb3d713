package io.qtestjvm.devices.arm;

import io.qtestjvm.core.CpuDevice;

/**
 * An ARM CPU as qtest sees it (as QEMU 7.2 shows it through QOM and qtest): a device of type
 * {@code <model>-arm-cpu} with four unnamed GPIO inputs, IRQ (0), FIQ (1), VIRQ (2) and VFIQ (3), so that
 * {@code irq_intercept_in} on the CPU reports what the interrupt controllers drive into it. Under qtest no CPU
 * executes, so the model only records the input levels.
 */
public final class ArmCpu extends CpuDevice {
    public static final int IRQ = 0;
    public static final int FIQ = 1;
    public static final int VIRQ = 2;
    public static final int VFIQ = 3;

    private int levels;

    /** CPU 0 of {@code model} ({@code cortex-a7}); the QOM type is {@code <model>-arm-cpu}. */
    public ArmCpu(String model) {
        this(model, 0);
    }

    /** CPU {@code index} of {@code model}. */
    public ArmCpu(String model, int index) {
        super(model + "-arm-cpu", index);
        initGpioIn(UNNAMED, (n, level) -> levels = level != 0 ? levels | (1 << n) : levels & ~(1 << n), 4);
    }

    /** Whether input {@code n} ({@link #IRQ}, {@link #FIQ}, ...) is high. */
    public boolean inputHigh(int n) {
        return (levels & (1 << n)) != 0;
    }

    /** The inputs are levels driven by the interrupt controllers; a CPU reset does not change them. */
    @Override
    public void reset() {
    }
}
