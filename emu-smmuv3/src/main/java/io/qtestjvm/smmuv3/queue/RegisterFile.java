package io.qtestjvm.smmuv3.queue;

import io.qtestjvm.smmuv3.spec.Field;
import io.qtestjvm.smmuv3.spec.Registers;
import io.qtestjvm.smmuv3.spec.SmmuModel;

/**
 * The programmable state of the Non-secure register page (IHI 0070 6.3) as plain fields, with the write side
 * effects that belong to the registers themselves: CR0 acknowledged at once in CR0ACK, GBPA updated only by a write
 * with Update set (which then reads back clear, the update being immediate), IRQ_CTRL acknowledged in IRQ_CTRLACK,
 * GERROR toggled by the SMMU and acknowledged by toggling GERRORN (6.3.18). 64-bit registers take 8-byte and 4-byte
 * accesses (either half); the 32-bit ones take 4-byte accesses only, other sizes read 0 and writes are ignored
 * (QEMU 7.2 answers an 8-byte read of IDR0 with 0).
 *
 * <p>QEMU facts: CR0 reads back as written while CR0ACK drops the reserved bits (mask 0xFFFFFC20); GBPA resets to
 * 0x1000 where the model has it ({@link SmmuModel#gbpa()}; QEMU 7.2's reads 0 and ignores writes); queue base
 * registers read back what was written, and the queue size used is LOG2SIZE capped at IDR1.CMDQS / EVENTQS (19).
 */
public final class RegisterFile {
    static final int CR0_RESERVED = 0xffff_fc20;
    static final int GBPA_RESET = 0x1000;

    final SmmuModel model;
    int cr0;
    int cr0ack;
    int cr1;
    int cr2;
    int gbpa;
    int irqCtrl;
    int gerror;
    int gerrorn;
    long gerrorIrqCfg0;
    int gerrorIrqCfg1;
    int gerrorIrqCfg2;
    long strtabBase;
    int strtabBaseCfg;
    long cmdqBase;
    int cmdqProd;
    int cmdqCons;
    long eventqBase;
    int eventqProd;
    int eventqCons;
    long eventqIrqCfg0;
    int eventqIrqCfg1;
    int eventqIrqCfg2;

    public RegisterFile(SmmuModel model) {
        this.model = model;
        this.gbpa = model.gbpa() ? GBPA_RESET : 0;
    }

    public void reset() {
        cr0 = cr0ack = cr1 = cr2 = 0;
        gbpa = model.gbpa() ? GBPA_RESET : 0;
        irqCtrl = gerror = gerrorn = 0;
        gerrorIrqCfg0 = 0;
        gerrorIrqCfg1 = gerrorIrqCfg2 = 0;
        strtabBase = 0;
        strtabBaseCfg = 0;
        cmdqBase = model.cmdqLog2Max();
        eventqBase = model.eventqLog2Max();
        cmdqProd = cmdqCons = eventqProd = eventqCons = 0;
        eventqIrqCfg0 = 0;
        eventqIrqCfg1 = eventqIrqCfg2 = 0;
    }

    public SmmuModel model() {
        return model;
    }

    public boolean smmuEnabled() {
        return (cr0 & 1) != 0;
    }

    public boolean cr0(int field) {
        return Field.get(cr0, field) != 0;
    }

    public boolean gbpaAbort() {
        return Field.get(gbpa, Registers.GBPA_ABORT) != 0;
    }

    public long strtabBase() {
        return strtabBase;
    }

    public int strtabBaseCfg() {
        return strtabBaseCfg;
    }

    public int gerror() {
        return gerror;
    }

    public int gerrorn() {
        return gerrorn;
    }

    public boolean irqEnabled(int field) {
        return Field.get(irqCtrl, field) != 0;
    }

    /** A global error condition is active while its GERROR and GERRORN bits differ. */
    public boolean errorActive(int field) {
        return Field.get(gerror ^ gerrorn, field) != 0;
    }

    /** Raises a global error (toggles its GERROR bit) unless it is already active; true if newly raised. */
    boolean raiseError(int field) {
        if (errorActive(field)) {
            return false;
        }
        gerror ^= (int) (Field.mask(field) << Field.shift(field));
        return true;
    }

    public static boolean is64Bit(int offset) {
        return switch (offset) {
            case Registers.GERROR_IRQ_CFG0, Registers.STRTAB_BASE, Registers.CMDQ_BASE, Registers.EVENTQ_BASE,
                 Registers.EVENTQ_IRQ_CFG0 -> true;
            default -> false;
        };
    }

    /** Reads a register; {@code offset} may be the upper half of a 64-bit register for a 4-byte access. */
    public long read(int offset, int size) {
        int reg = offset & ~7;
        if (size == 8) {
            return (offset & 7) == 0 && is64Bit(reg) ? read64(reg) : 0;
        }
        if (size != 4 || (offset & 3) != 0) {
            return 0;
        }
        if (is64Bit(reg)) {
            long v = read64(reg);
            return (offset & 4) == 0 ? v & 0xffffffffL : v >>> 32;
        }
        return read32(offset) & 0xffffffffL;
    }

    private long read64(int reg) {
        return switch (reg) {
            case Registers.GERROR_IRQ_CFG0 -> gerrorIrqCfg0;
            case Registers.STRTAB_BASE -> strtabBase;
            case Registers.CMDQ_BASE -> cmdqBase;
            case Registers.EVENTQ_BASE -> eventqBase;
            case Registers.EVENTQ_IRQ_CFG0 -> eventqIrqCfg0;
            default -> 0;
        };
    }

    private int read32(int offset) {
        return switch (offset) {
            case Registers.IDR0 -> model.idr(0);
            case Registers.IDR1 -> model.idr(1);
            case Registers.IDR2 -> model.idr(2);
            case Registers.IDR3 -> model.idr(3);
            case Registers.IDR4 -> model.idr(4);
            case Registers.IDR5 -> model.idr(5);
            case Registers.IIDR -> model.iidr();
            case Registers.AIDR -> model.aidr();
            case Registers.CR0 -> cr0;
            case Registers.CR0ACK -> cr0ack;
            case Registers.CR1 -> cr1;
            case Registers.CR2 -> cr2;
            case Registers.GBPA -> gbpa;
            case Registers.IRQ_CTRL, Registers.IRQ_CTRLACK -> irqCtrl;
            case Registers.GERROR -> gerror;
            case Registers.GERRORN -> gerrorn;
            case Registers.GERROR_IRQ_CFG1 -> gerrorIrqCfg1;
            case Registers.GERROR_IRQ_CFG2 -> gerrorIrqCfg2;
            case Registers.STRTAB_BASE_CFG -> strtabBaseCfg;
            case Registers.CMDQ_PROD -> cmdqProd;
            case Registers.CMDQ_CONS -> cmdqCons;
            case Registers.EVENTQ_PROD -> eventqProd;
            case Registers.EVENTQ_CONS -> eventqCons;
            case Registers.EVENTQ_IRQ_CFG1 -> eventqIrqCfg1;
            case Registers.EVENTQ_IRQ_CFG2 -> eventqIrqCfg2;
            default -> offset >= Registers.PIDR4 && offset <= Registers.CIDR3 ? identification(offset) : 0;
        };
    }

    /**
     * The IMPLEMENTATION DEFINED peripheral and component ID registers (6.3, CoreSight layout PIDR4..7, PIDR0..3,
     * CIDR0..3). QEMU's model presents an Arm MMU-600 (QEMU 7.2 reads 0x84 at 0xFE0, PIDR0).
     */
    private static int identification(int offset) {
        return switch (offset) {
            case Registers.PIDR4 -> 0x04;
            case Registers.PIDR0 -> 0x84;
            case Registers.PIDR0 + 4 -> 0xb4;
            case Registers.PIDR0 + 8 -> 0xf0;
            case Registers.PIDR0 + 12 -> 0x10;
            case Registers.CIDR0 -> 0x0d;
            case Registers.CIDR0 + 4 -> 0xf0;
            case Registers.CIDR0 + 8 -> 0x05;
            case Registers.CIDR3 -> 0xb1;
            default -> 0;
        };
    }

    /**
     * Writes a register and returns which register took the write (its 32-bit offset or the 64-bit register's
     * base), or -1 if the access was ignored, so the caller can run the side effects that need the queues.
     */
    public int write(int offset, int size, long value) {
        int reg = offset & ~7;
        if (size == 8) {
            if ((offset & 7) != 0 || !is64Bit(reg)) {
                return -1;
            }
            write64(reg, value);
            return reg;
        }
        if (size != 4 || (offset & 3) != 0) {
            return -1;
        }
        if (is64Bit(reg)) {
            long old = read64(reg);
            long v = (offset & 4) == 0 ? (old & 0xffff_ffff_0000_0000L) | (value & 0xffffffffL)
                    : (old & 0xffffffffL) | (value << 32);
            write64(reg, v);
            return reg;
        }
        int v = (int) value;
        switch (offset) {
            case Registers.CR0 -> {
                cr0 = v;
                cr0ack = v & ~CR0_RESERVED;
            }
            case Registers.CR1 -> cr1 = v;
            case Registers.CR2 -> cr2 = v;
            case Registers.GBPA -> {
                if (model.gbpa() && Field.get(v, Registers.GBPA_UPDATE) != 0) {
                    gbpa = v & 0x7fff_ffff;
                }
            }
            case Registers.IRQ_CTRL -> irqCtrl = v & 0x7;
            case Registers.GERRORN -> gerrorn = v & 0x1fd;
            case Registers.GERROR_IRQ_CFG1 -> gerrorIrqCfg1 = v;
            case Registers.GERROR_IRQ_CFG2 -> gerrorIrqCfg2 = v;
            case Registers.STRTAB_BASE_CFG -> strtabBaseCfg = v;
            case Registers.CMDQ_PROD -> cmdqProd = v;
            case Registers.CMDQ_CONS -> cmdqCons = v;
            case Registers.EVENTQ_PROD -> eventqProd = v;
            case Registers.EVENTQ_CONS -> eventqCons = v;
            case Registers.EVENTQ_IRQ_CFG1 -> eventqIrqCfg1 = v;
            case Registers.EVENTQ_IRQ_CFG2 -> eventqIrqCfg2 = v;
            default -> {
                return -1;
            }
        }
        return offset;
    }

    private void write64(int reg, long v) {
        switch (reg) {
            case Registers.GERROR_IRQ_CFG0 -> gerrorIrqCfg0 = v;
            case Registers.STRTAB_BASE -> strtabBase = v;
            case Registers.CMDQ_BASE -> cmdqBase = v;
            case Registers.EVENTQ_BASE -> eventqBase = v;
            case Registers.EVENTQ_IRQ_CFG0 -> eventqIrqCfg0 = v;
            default -> {
            }
        }
    }
}
