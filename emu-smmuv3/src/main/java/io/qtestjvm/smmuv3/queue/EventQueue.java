package io.qtestjvm.smmuv3.queue;

import io.qtestjvm.smmuv3.spec.EventLayout;
import io.qtestjvm.smmuv3.spec.Field;
import io.qtestjvm.smmuv3.spec.GuestMemory;
import io.qtestjvm.smmuv3.spec.Registers;
import io.qtestjvm.smmuv3.spec.Structure;
import io.qtestjvm.smmuv3.walk.Fault;

/**
 * The event queue producer (IHI 0070 7.1, 7.2, 3.5): records are written at EVENTQ_PROD when CR0.EVENTQEN is set;
 * with EVENTQEN clear they are discarded. When the queue is full the record is lost and an overflow is signalled by
 * toggling EVENTQ_PROD.OVFLG, once, until software acknowledges it by making EVENTQ_CONS.OVACKFLG equal (7.2).
 * An external abort on the record write raises GERROR.EVENTQ_ABT_ERR. Each record written pulses the event
 * interrupt when IRQ_CTRL.EVENTQ_IRQEN is set (or writes its MSI when the model has MSIs and EVENTQ_IRQ_CFG0 holds
 * an address).
 */
public final class EventQueue {
    private final RegisterFile regs;
    private final GuestMemory memory;
    private final SmmuInterrupts irqs;
    private final Structure record = new Structure(EventLayout.WORDS);
    private final GlobalErrors errors;
    private long written;
    private long lost;

    EventQueue(RegisterFile regs, GuestMemory memory, SmmuInterrupts irqs, GlobalErrors errors) {
        this.regs = regs;
        this.memory = memory;
        this.irqs = irqs;
        this.errors = errors;
    }

    /** Records {@code fault}; false if it was discarded (queue disabled, full, or the write aborted). */
    public boolean record(Fault fault) {
        fault.writeRecord(record);
        return write(record);
    }

    public boolean write(Structure event) {
        if (!regs.cr0(Registers.CR0_EVENTQEN) || regs.errorActive(Registers.GERROR_EVENTQ_ABT_ERR)) {
            lost++;
            return false;
        }
        int log2 = QueueGeometry.log2Size(regs.eventqBase, regs.model.eventqLog2Max());
        int prod = regs.eventqProd;
        int cons = regs.eventqCons;
        if (QueueGeometry.full(prod, cons, log2)) {
            int ovflg = (int) Field.get(prod, Registers.EVENTQ_PROD_OVFLG);
            int ovack = (int) Field.get(cons, Registers.EVENTQ_CONS_OVACKFLG);
            if (ovflg == ovack) {
                regs.eventqProd = (int) Field.set(prod, Registers.EVENTQ_PROD_OVFLG, ovflg ^ 1);
            }
            lost++;
            return false;
        }
        long address = QueueGeometry.entryAddress(regs.eventqBase, log2, EventLayout.SIZE, prod);
        if (!event.store(memory, address)) {
            errors.raise(Registers.GERROR_EVENTQ_ABT_ERR);
            lost++;
            return false;
        }
        int ovflg = prod & (1 << 31);
        regs.eventqProd = ovflg | QueueGeometry.increment(prod, log2);
        written++;
        if (regs.irqEnabled(Registers.IRQ_CTRL_EVENTQ_IRQEN)) {
            errors.signal(SmmuInterrupts.EVENTQ, regs.eventqIrqCfg0, regs.eventqIrqCfg1,
                    Registers.GERROR_MSI_EVENTQ_ABT_ERR);
        }
        return true;
    }

    public long written() {
        return written;
    }

    public long lost() {
        return lost;
    }
}
