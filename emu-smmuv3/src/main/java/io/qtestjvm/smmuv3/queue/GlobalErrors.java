package io.qtestjvm.smmuv3.queue;

import io.qtestjvm.smmuv3.spec.Field;
import io.qtestjvm.smmuv3.spec.GuestMemory;
import io.qtestjvm.smmuv3.spec.Registers;

/**
 * Global error reporting and interrupt signalling (IHI 0070 7.5 GERROR, 3.18 interrupts and MSIs): an error toggles
 * its GERROR bit (if not already active) and signals the GERROR interrupt when IRQ_CTRL.GERROR_IRQEN is set. A
 * signal is an MSI write of *_IRQ_CFG1 to *_IRQ_CFG0 when the model has MSIs and the address is non-zero, otherwise
 * a pulse of the wired line; an aborted MSI write raises the matching MSI_*_ABT_ERR.
 */
final class GlobalErrors {
    private final RegisterFile regs;
    private final GuestMemory memory;
    private final SmmuInterrupts irqs;

    GlobalErrors(RegisterFile regs, GuestMemory memory, SmmuInterrupts irqs) {
        this.regs = regs;
        this.memory = memory;
        this.irqs = irqs;
    }

    void raise(int gerrorField) {
        if (regs.raiseError(gerrorField) && regs.irqEnabled(Registers.IRQ_CTRL_GERROR_IRQEN)) {
            signal(SmmuInterrupts.GERROR, regs.gerrorIrqCfg0, regs.gerrorIrqCfg1, Registers.GERROR_MSI_GERROR_ABT_ERR);
        }
    }

    void signal(int line, long cfg0, int data, int msiAbortField) {
        long address = Field.get(cfg0, Registers.IRQ_CFG0_ADDR) << 2;
        if (regs.model.msi() && address != 0) {
            if (!memory.write32(address, data)) {
                if (msiAbortField == Registers.GERROR_MSI_GERROR_ABT_ERR) {
                    regs.raiseError(msiAbortField);
                } else {
                    raise(msiAbortField);
                }
            }
            return;
        }
        irqs.pulse(line);
    }
}
