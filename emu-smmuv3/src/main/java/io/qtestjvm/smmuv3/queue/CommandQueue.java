package io.qtestjvm.smmuv3.queue;

import io.qtestjvm.smmuv3.cache.ConfigCache;
import io.qtestjvm.smmuv3.cache.Iotlb;
import io.qtestjvm.smmuv3.spec.CommandLayout;
import io.qtestjvm.smmuv3.spec.Field;
import io.qtestjvm.smmuv3.spec.GuestMemory;
import io.qtestjvm.smmuv3.spec.Opcode;
import io.qtestjvm.smmuv3.spec.Registers;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.Structure;

/**
 * The command queue consumer (IHI 0070 3.5, 4.1 .. 4.7, 7.1): while CR0.CMDQEN is set and no CMDQ_ERR is active,
 * commands between CMDQ_CONS and CMDQ_PROD are fetched and executed in order, CONS advancing past each. A command
 * that is unknown to the model, or ill-formed (SSec = 1 on the Non-secure queue, a stage-2 TLBI on an SMMU without
 * stage 2), stops the queue with CONS on it, CMDQ_CONS.ERR = CERROR_ILL and GERROR.CMDQ_ERR raised; an abort on the
 * fetch gives CERROR_ABT. The queue restarts when software acknowledges through GERRORN (QEMU also resumes then) or
 * writes PROD again with the error acknowledged. One pass executes at most 2^(LOG2SIZE+1) commands, so a PROD that
 * races past CONS cannot make it loop.
 *
 * <p>Commands with no effect in this model (prefetches, EL2/EL3 TLBIs with no EL2 entries, ATC_INV, PRI_RESP,
 * RESUME, STALL_TERM) are accepted, as QEMU's model accepts them. CMD_SYNC completes at once: its CS field signals
 * the CMD_SYNC interrupt (SIG_IRQ; an MSI write of MSIData to MSIAddress when the model has MSIs and the address is
 * non-zero); SIG_SEV has nothing to wake.
 */
public final class CommandQueue {
    private final RegisterFile regs;
    private final GuestMemory memory;
    private final SmmuInterrupts irqs;
    private final GlobalErrors errors;
    private final ConfigCache configs;
    private final Iotlb tlb;
    private final Structure command = new Structure(CommandLayout.WORDS);
    private long executed;
    private long syncs;

    CommandQueue(RegisterFile regs, GuestMemory memory, SmmuInterrupts irqs, GlobalErrors errors, ConfigCache configs,
            Iotlb tlb) {
        this.regs = regs;
        this.memory = memory;
        this.irqs = irqs;
        this.errors = errors;
        this.configs = configs;
        this.tlb = tlb;
    }

    /** Consumes every command the guest has produced (3.5). */
    public void consume() {
        if (!regs.cr0(Registers.CR0_CMDQEN) || regs.errorActive(Registers.GERROR_CMDQ_ERR)) {
            return;
        }
        int log2 = QueueGeometry.log2Size(regs.cmdqBase, regs.model.cmdqLog2Max());
        int error = Registers.CERROR_NONE;
        int cons = QueueGeometry.wrapIndex(regs.cmdqCons, log2);
        int bound = 2 << log2;
        for (int n = 0; n < bound && !QueueGeometry.empty(regs.cmdqProd, cons, log2); n++) {
            long address = QueueGeometry.entryAddress(regs.cmdqBase, log2, CommandLayout.SIZE, cons);
            if (!command.load(memory, address)) {
                error = Registers.CERROR_ABT;
                break;
            }
            error = execute(command);
            if (error != Registers.CERROR_NONE) {
                break;
            }
            executed++;
            cons = QueueGeometry.increment(cons, log2);
        }
        regs.cmdqCons = (int) Field.set(cons, Registers.CMDQ_CONS_ERR, error);
        if (error != Registers.CERROR_NONE) {
            errors.raise(Registers.GERROR_CMDQ_ERR);
        }
    }

    /** Executes one command; returns the CERROR code (CERROR_NONE when it completed). */
    public int execute(Structure cmd) {
        SmmuModel model = regs.model;
        int opcode = (int) cmd.get(CommandLayout.OPCODE);
        int sid = (int) cmd.get(CommandLayout.SID);
        int vmid = model.stage2() ? (int) cmd.get(CommandLayout.TLBI_VMID) : 0;
        switch (opcode) {
            case Opcode.PREFETCH_CONFIG, Opcode.PREFETCH_ADDR -> {
                return Registers.CERROR_NONE;
            }
            case Opcode.CFGI_STE, Opcode.CFGI_STE_RANGE, Opcode.CFGI_CD, Opcode.CFGI_CD_ALL -> {
                if (cmd.flag(CommandLayout.SSEC)) {
                    return Registers.CERROR_ILL;
                }
                switch (opcode) {
                    case Opcode.CFGI_STE -> configs.invalidateSte(sid);
                    case Opcode.CFGI_STE_RANGE -> configs.invalidateSteRange(sid, (int) cmd.get(
                            CommandLayout.CFGI_RANGE));
                    case Opcode.CFGI_CD -> configs.invalidateCd(sid, (int) cmd.get(CommandLayout.SUBSTREAM_ID));
                    default -> configs.invalidateCdAll(sid);
                }
                return Registers.CERROR_NONE;
            }
            case Opcode.TLBI_NH_ALL -> tlb.invalidateStage1(vmid);
            case Opcode.TLBI_NH_ASID -> tlb.invalidateAsid(vmid, (int) cmd.get(CommandLayout.TLBI_ASID));
            case Opcode.TLBI_NH_VA -> invalidateByAddress(cmd, vmid, (int) cmd.get(CommandLayout.TLBI_ASID),
                    cmd.get(CommandLayout.TLBI_ADDRESS) << 12);
            case Opcode.TLBI_NH_VAA -> invalidateByAddress(cmd, vmid, Iotlb.ANY_ASID,
                    cmd.get(CommandLayout.TLBI_ADDRESS) << 12);
            case Opcode.TLBI_S12_VMALL, Opcode.TLBI_S2_IPA -> {
                if (!model.stage2CommandsAct()) {
                    return Registers.CERROR_NONE;
                }
                if (!model.stage2()) {
                    return Registers.CERROR_ILL;
                }
                if (opcode == Opcode.TLBI_S12_VMALL) {
                    tlb.invalidateVmid(vmid);
                } else {
                    invalidateByAddress(cmd, vmid, Iotlb.NO_ASID, cmd.get(CommandLayout.TLBI_IPA) << 12);
                }
            }
            case Opcode.TLBI_NSNH_ALL -> tlb.invalidateAll();
            case Opcode.TLBI_EL3_ALL, Opcode.TLBI_EL3_VA, Opcode.TLBI_EL2_ALL, Opcode.TLBI_EL2_ASID,
                 Opcode.TLBI_EL2_VA, Opcode.TLBI_EL2_VAA, Opcode.ATC_INV, Opcode.PRI_RESP, Opcode.RESUME,
                 Opcode.STALL_TERM -> {
                return Registers.CERROR_NONE;
            }
            case Opcode.SYNC -> sync(cmd);
            default -> {
                return Registers.CERROR_ILL;
            }
        }
        return Registers.CERROR_NONE;
    }

    /**
     * 4.4 address ranges (range invalidation): with TG = 0 the command names one address (every entry containing it); with TG set
     * (RIL), (NUM + 1) x 2^SCALE pages of that granule from Address, and TTL != 0 restricts the leaves matched to
     * that level.
     */
    private void invalidateByAddress(Structure cmd, int vmid, int asid, long address) {
        int tg = (int) cmd.get(CommandLayout.TLBI_TG);
        if (tg == 0 || !regs.model.rangeInvalidation()) {
            tlb.invalidateAddress(vmid, asid, address, 1, 0, 0);
            return;
        }
        int granuleShift = 10 + 2 * tg;
        long num = cmd.get(CommandLayout.TLBI_NUM) + 1;
        int scale = (int) cmd.get(CommandLayout.TLBI_SCALE);
        long length = scale + granuleShift >= 63 ? Long.MAX_VALUE : Math.min(Long.MAX_VALUE / num,
                1L << (scale + granuleShift)) * num;
        tlb.invalidateAddress(vmid, asid, address, length, (int) cmd.get(CommandLayout.TLBI_TTL), granuleShift);
    }

    private void sync(Structure cmd) {
        syncs++;
        if (cmd.get(CommandLayout.SYNC_CS) != CommandLayout.CS_SIG_IRQ) {
            return;
        }
        long address = cmd.get(CommandLayout.SYNC_MSIADDRESS) << 2;
        if (regs.model.msi() && address != 0) {
            if (!memory.write32(address, (int) cmd.get(CommandLayout.SYNC_MSIDATA))) {
                errors.raise(Registers.GERROR_MSI_CMDQ_ABT_ERR);
            }
            return;
        }
        irqs.pulse(SmmuInterrupts.CMD_SYNC);
    }

    public long executed() {
        return executed;
    }

    public long syncs() {
        return syncs;
    }
}
