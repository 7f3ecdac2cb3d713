package io.qtestjvm.smmuv3.queue;

import io.qtestjvm.smmuv3.cache.ConfigCache;
import io.qtestjvm.smmuv3.cache.Iotlb;
import io.qtestjvm.smmuv3.spec.GuestMemory;
import io.qtestjvm.smmuv3.spec.Registers;

/**
 * The register page with its queues (IHI 0070 6.3 with 3.5): a register access, then the work it starts. Writes to
 * CMDQ_PROD, CR0 and GERRORN run the command queue (the last because acknowledging CMDQ_ERR lets it resume, as in
 * QEMU's model).
 */
public final class ProgrammingInterface {
    private final RegisterFile regs;
    private final GlobalErrors errors;
    private final CommandQueue commands;
    private final EventQueue events;

    public ProgrammingInterface(RegisterFile regs, GuestMemory memory, SmmuInterrupts irqs, ConfigCache configs,
            Iotlb tlb) {
        this.regs = regs;
        this.errors = new GlobalErrors(regs, memory, irqs);
        this.commands = new CommandQueue(regs, memory, irqs, errors, configs, tlb);
        this.events = new EventQueue(regs, memory, irqs, errors);
    }

    public RegisterFile registers() {
        return regs;
    }

    public CommandQueue commands() {
        return commands;
    }

    public EventQueue events() {
        return events;
    }

    public long read(int offset, int size) {
        return regs.read(offset, size);
    }

    public void write(int offset, int size, long value) {
        int reg = regs.write(offset, size, value);
        if (reg == Registers.CMDQ_PROD || reg == Registers.CR0 || reg == Registers.GERRORN) {
            commands.consume();
        }
    }
}
