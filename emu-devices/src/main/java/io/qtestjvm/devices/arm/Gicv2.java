package io.qtestjvm.devices.arm;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * A GICv2 interrupt controller ({@code arm_gic}) after the Arm Generic Interrupt Controller Architecture
 * Specification v2 (IHI 0048B): the distributor (4.3, 4 KiB, {@code gic_dist}) and the CPU interface of CPU 0
 * (4.4, 8 KiB, {@code gic_cpu}), over the state in {@link GicInterrupts}.
 *
 * <p>Inputs, the unnamed GPIO list qtest's {@code irq_intercept_in} reports by index: SPI {@code n} (INTID
 * {@code 32 + n}) is input {@code n}; then 32 inputs per CPU for its PPIs/SGIs. Outputs ({@code sysbus-irq}):
 * IRQ of each CPU, then FIQ, VIRQ, VFIQ of each CPU; only IRQ is driven (no FIQ: group 0 interrupts are not
 * signalled as FIQ here).
 *
 * <p>Registers are modelled byte-wise, so byte, halfword and word accesses all work as on QEMU (which accepts them
 * everywhere); 8-byte accesses are split into two words. Values observed on Debian's QEMU 7.2 (pinned by
 * {@code VirtBoardTest} and the {@code gicv2*} recordings of {@code VirtRecordingsTest}): GICD_IIDR 0x43b, GICC_IIDR
 * 0x0002043b, ITARGETSR read-as-zero on a uniprocessor (4.3.12), ISENABLER0 reads 0x0000ffff (SGIs always enabled),
 * ICFGR0 0xaaaaaaaa, the CoreLink-style identification registers 0x04 / 0x90 0xb4 0x2b 0x00 / 0x0d 0xf0 0x05 0xb1 at
 * 0xfd0-0xffc, GICC_IAR and HPPIR 0x3ff with nothing pending, GICC_RPR 0xff when idle, GICC_ABPR 1 after reset; IGROUPR
 * is writable without the security extensions; GICD_CTLR and GICC_CTLR keep EnableGrp0/EnableGrp1 (a write of 3 reads
 * 3). With the security extensions ({@code secure=on}) qtest's non-secure accesses see QEMU's non-secure views: every
 * interrupt is group 0 and so read-as-zero/write-ignored, GICD_CTLR and GICC_CTLR show EnableGrp1 in bit 0 (3 reads 1),
 * GICC_PMR cannot be raised from 0, GICC_BPR is the group 1 binary point, GICD_TYPER 0x408. With more than one CPU,
 * Debian's QEMU 7.2 aborts on a banked register access from qtest (there is no current CPU); here such accesses see CPU
 * 0's bank. Group 0 interrupts are signalled on IRQ, not FIQ. The CPU interface answers a register only at its own
 * offset (readb of GICC_IIDR + 1 reads 0). Not modelled: the virtualization interfaces.
 */
public final class Gicv2 extends Device {
    public static final String TYPE = "arm_gic";
    public static final long DIST_SIZE = 0x1000;
    public static final long CPU_SIZE = 0x2000;
    static final int IIDR = 0x43b;
    static final int CPU_IIDR = 0x0002_043b;
    private static final int[] DIST_ID = {0x04, 0, 0, 0, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    private static final AccessRules RULES = new AccessRules(1, 4, false, 1, 4, Endianness.LITTLE);

    private final int cpus;
    private final boolean security;
    private final GicInterrupts irqs;
    private final GpioOut[] outputs;
    private final MemoryRegion dist;
    private final MemoryRegion cpuIf;
    /** GICD_CTLR as the secure side sees it: EnableGrp0 (bit 0), EnableGrp1 (bit 1). */
    private int distCtlr;
    /** GICC_CTLR as the secure side sees it (bits 0-4: EnableGrp0, EnableGrp1, AckCtl, FIQEn, CBPR; 9 EOImode). */
    private int cpuCtlr;
    private int pmr;
    private int bpr;
    private int abpr;
    /** Priorities of the interrupts CPU 0 has acknowledged and not yet completed, innermost last. */
    private final int[] runningStack = new int[64];
    private final int[] runningIds = new int[64];
    private int running;

    /**
     * @param cpus     number of CPU interfaces (1..8)
     * @param intids   number of INTIDs ({@code num-irq}, a multiple of 32, at most 1020)
     * @param security whether the security extensions are present ({@code has-security-extensions})
     */
    public Gicv2(int cpus, int intids, boolean security) {
        super(TYPE);
        this.cpus = cpus;
        this.security = security;
        this.irqs = new GicInterrupts(cpus, intids);
        int spis = intids - GicInterrupts.PRIVATE;
        initGpioIn(UNNAMED, (n, level) -> input(n, level != 0), spis + GicInterrupts.PRIVATE * cpus);
        this.outputs = initGpioOut("sysbus-irq", 4 * cpus);
        this.dist = MemoryRegion.io("gic_dist", DIST_SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                long v = 0;
                for (int i = 0; i < size; i++) {
                    v |= (long) distReadByte((int) offset + i) << (8 * i);
                }
                return v;
            }

            @Override
            public void write(long offset, long value, int size) {
                distWrite((int) offset, value, size);
            }
        }, RULES);
        this.cpuIf = MemoryRegion.io("gic_cpu", CPU_SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                // exact offsets, cut to the access size: QEMU reads 0 at the other bytes of a register
                long v = (offset & 3) == 0 ? cpuRead((int) offset) & 0xffff_ffffL : 0;
                return size >= 4 ? v : v & ((1L << (8 * size)) - 1);
            }

            @Override
            public void write(long offset, long value, int size) {
                if ((offset & 3) == 0) {
                    cpuWrite((int) offset, (int) value);
                }
            }
        }, RULES);
    }

    public MemoryRegion distributor() {
        return dist;
    }

    public MemoryRegion cpuInterface() {
        return cpuIf;
    }

    /** The IRQ output of CPU {@code cpu}. */
    public GpioOut irqOut(int cpu) {
        return outputs[cpu];
    }

    /** Whether INTID {@code intid} is pending for CPU 0 (for tests). */
    public boolean pending(int intid) {
        return irqs.pending(irqs.slot(0, intid));
    }

    @Override
    public void reset() {
        irqs.reset();
        distCtlr = 0;
        cpuCtlr = 0;
        pmr = 0;
        bpr = 0;
        abpr = 1; // the minimum binary point of group 1 (4.4.3)
        running = 0;
        update();
    }

    private void input(int n, boolean high) {
        int spis = irqs.intids - GicInterrupts.PRIVATE;
        int s = n < spis ? irqs.slot(0, GicInterrupts.PRIVATE + n)
                : irqs.slot((n - spis) / GicInterrupts.PRIVATE, (n - spis) % GicInterrupts.PRIVATE);
        if (s >= 0) {
            irqs.setLevel(s, high);
            update();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // distributor (IHI 0048B 4.3)

    /** One byte of the distributor's register map; bit-per-interrupt registers are assembled from the state. */
    private int distReadByte(int off) {
        if (off < 0x004) {
            if (off != 0) {
                return 0;
            }
            return security ? (distCtlr >> 1) & 1 : distCtlr; // the non-secure view has EnableGrp1 in bit 0
        }
        if (off < 0x008) {
            int typer = (irqs.intids / 32 - 1) | (cpus - 1) << 5 | (security ? 1 << 10 : 0);
            return (typer >>> (8 * (off - 4))) & 0xff;
        }
        if (off < 0x00c) {
            return (IIDR >>> (8 * (off - 8))) & 0xff;
        }
        if (off >= 0x080 && off < 0x400) {
            return bitsByte(off);
        }
        if (off >= 0x400 && off < 0x800) {
            int s = irqs.slot(0, off - 0x400);
            return s < 0 || hidden(s) ? 0 : irqs.priority(s);
        }
        if (off >= 0x800 && off < 0xc00) {
            int intid = off - 0x800;
            if (cpus == 1) {
                return 0; // 4.3.12: RAZ/WI on a uniprocessor
            }
            if (intid < GicInterrupts.PRIVATE) {
                return intid < irqs.intids ? 1 : 0; // this CPU's own mask (CPU 0)
            }
            int s = irqs.slot(0, intid);
            return s < 0 ? 0 : irqs.targets(s);
        }
        if (off >= 0xc00 && off < 0xd00) {
            int first = (off - 0xc00) * 4;
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int s = irqs.slot(0, first + i);
                if (s >= 0 && !hidden(s) && irqs.edgeTriggered(s)) {
                    v |= 2 << (2 * i);
                }
            }
            return v;
        }
        if (off >= 0xf10 && off < 0xf30) {
            // GICD_CPENDSGIR/SPENDSGIR (4.3.16-17): a byte per SGI, a bit per source CPU (CPU 0 here)
            int s = irqs.slot(0, off & 0xf);
            return !hidden(s) && irqs.pending(s) ? 1 : 0;
        }
        if (off >= 0xfd0) {
            return (off & 3) == 0 ? DIST_ID[(off - 0xfd0) >> 2] : 0;
        }
        return 0;
    }

    /** IGROUPR, ISENABLER/ICENABLER, ISPENDR/ICPENDR, ISACTIVER/ICACTIVER: one byte covers 8 interrupts. */
    private int bitsByte(int off) {
        int kind = (off - 0x080) >> 7; // 0 group, 1 set-enable, 2 clear-enable, 3 set-pend, 4 clear-pend, ...
        int first = ((off & 0x7f)) * 8;
        int v = 0;
        for (int i = 0; i < 8; i++) {
            int s = irqs.slot(0, first + i);
            if (s < 0) {
                continue;
            }
            if (hidden(s)) {
                continue;
            }
            boolean bit = switch (kind) {
                case 0 -> irqs.group1(s);
                case 1, 2 -> irqs.enabled(s) || first + i < GicInterrupts.SGIS;
                case 3, 4 -> irqs.pending(s);
                default -> irqs.active(s);
            };
            if (bit) {
                v |= 1 << i;
            }
        }
        return v;
    }

    /**
     * Whether a non-secure access may not see interrupt slot {@code s}: with the security extensions, group 0
     * interrupts are secure (4.3, "Non-secure access" notes), RAZ/WI. qtest's accesses are non-secure, so nothing
     * can ever move an interrupt to group 1 there.
     */
    private boolean hidden(int s) {
        return security && !irqs.group1(s);
    }

    private void distWrite(int off, long value, int size) {
        if (off == 0xf00) {
            if (size == 4) {
                softwareGeneratedInterrupt((int) value);
            }
            return;
        }
        for (int i = 0; i < size; i++) {
            distWriteByte(off + i, (int) (value >>> (8 * i)) & 0xff);
        }
        update();
    }

    private void distWriteByte(int off, int b) {
        if (off == 0) {
            distCtlr = security ? (distCtlr & 1) | (b & 1) << 1 : b & 3;
        } else if (off >= 0xf10 && off < 0xf30) {
            int s = irqs.slot(0, off & 0xf);
            if ((b & 1) != 0 && !hidden(s)) {
                irqs.setPending(s, off >= 0xf20);
            }
        } else if (off >= 0x080 && off < 0x400) {
            int kind = (off - 0x080) >> 7;
            int first = (off & 0x7f) * 8;
            for (int i = 0; i < 8; i++) {
                int s = irqs.slot(0, first + i);
                boolean bit = (b & (1 << i)) != 0;
                if (s < 0 || hidden(s) || (!bit && kind != 0)) {
                    continue;
                }
                boolean sgi = first + i < GicInterrupts.SGIS;
                switch (kind) {
                    case 0 -> irqs.setGroup1(s, bit);
                    case 1 -> irqs.setEnabled(s, true);
                    case 2 -> irqs.setEnabled(s, sgi); // SGI enables are fixed
                    case 3 -> irqs.setPending(s, !sgi || irqs.pending(s));
                    case 4 -> irqs.setPending(s, sgi && irqs.pending(s));
                    case 5 -> irqs.setActive(s, true);
                    default -> irqs.setActive(s, false);
                }
            }
        } else if (off >= 0x400 && off < 0x800) {
            int s = irqs.slot(0, off - 0x400);
            if (s >= 0 && !hidden(s)) {
                irqs.setPriority(s, b);
            }
        } else if (off >= 0x800 && off < 0xc00) {
            int intid = off - 0x800;
            int s = irqs.slot(0, intid);
            if (cpus > 1 && s >= 0 && intid >= GicInterrupts.PRIVATE) {
                irqs.setTargets(s, b & ((1 << cpus) - 1));
            }
        } else if (off >= 0xc00 && off < 0xd00) {
            int first = (off - 0xc00) * 4;
            for (int i = 0; i < 4; i++) {
                int s = irqs.slot(0, first + i);
                if (s >= 0 && !hidden(s) && first + i >= GicInterrupts.SGIS) {
                    irqs.setEdgeTriggered(s, (b & (2 << (2 * i))) != 0);
                }
            }
        }
    }

    /** GICD_SGIR (4.3.15): TargetListFilter 0 = list, 1 = all but self, 2 = self only. */
    private void softwareGeneratedInterrupt(int value) {
        int intid = value & 0xf;
        int filter = (value >>> 24) & 3;
        int list = (value >>> 16) & 0xff;
        int mask = switch (filter) {
            case 0 -> list;
            case 1 -> ((1 << cpus) - 1) & ~1;
            case 2 -> 1;
            default -> 0;
        };
        for (int c = 0; c < cpus; c++) {
            int s = irqs.slot(c, intid);
            if ((mask & (1 << c)) != 0 && !hidden(s)) {
                irqs.setPending(s, true);
            }
        }
        update();
    }

    // ---------------------------------------------------------------------------------------------------------
    // CPU interface of CPU 0 (IHI 0048B 4.4)

    private int cpuRead(int off) {
        if (security) {
            return switch (off) {
                // the non-secure views (4.4.1-4.4.3): EnableGrp1 in bit 0, EOImodeNS in bit 9; priorities as the
                // non-secure side writes them (shifted one bit); the binary point is the group 1 one
                case 0x00 -> (cpuCtlr >> 1) & 1 | (cpuCtlr & 0x400) >> 1;
                case 0x04 -> pmr >= 0x80 ? (pmr << 1) & 0xff : 0;
                case 0x08 -> abpr;
                case 0x0c -> acknowledge();
                case 0x14 -> running == 0 ? 0xff : (runningStack[running - 1] << 1) & 0xff;
                case 0x18 -> highestPendingId();
                case 0xfc -> CPU_IIDR;
                default -> 0;
            };
        }
        return switch (off) {
            case 0x00 -> cpuCtlr;
            case 0x04 -> pmr;
            case 0x08 -> bpr;
            case 0x0c -> acknowledge();
            case 0x14 -> running == 0 ? 0xff : runningStack[running - 1];
            case 0x18, 0x28 -> highestPendingId();
            case 0x1c -> abpr;
            case 0xfc -> CPU_IIDR;
            default -> 0;
        };
    }

    private void cpuWrite(int off, int value) {
        if (security) {
            switch (off) {
                case 0x00 -> cpuCtlr = (cpuCtlr & ~0x402) | (value & 1) << 1 | (value & 0x200) << 1;
                case 0x04 -> {
                    if (pmr >= 0x80) { // a non-secure write cannot unmask secure priorities
                        pmr = ((value & 0xff) >> 1) | 0x80;
                    }
                }
                case 0x08 -> abpr = Math.max(1, value & 7);
                case 0x10 -> endOfInterrupt(value & 0x3ff);
                default -> {
                }
            }
            update();
            return;
        }
        switch (off) {
            case 0x00 -> cpuCtlr = value & 0x21f;
            case 0x04 -> pmr = value & 0xff;
            case 0x08 -> bpr = value & 7;
            case 0x10, 0x24 -> endOfInterrupt(value & 0x3ff);
            case 0x1c -> abpr = Math.max(1, value & 7);
            default -> {
            }
        }
        update();
    }

    /** The highest-priority pending, enabled interrupt CPU 0 may take, or -1 (4.4.4: lower value wins). */
    private int highestPendingSlotId() {
        int best = -1;
        int bestPrio = 0x100;
        for (int intid = 0; intid < irqs.intids; intid++) {
            int s = irqs.slot(0, intid);
            boolean enabled = irqs.enabled(s) || intid < GicInterrupts.SGIS; // SGIs are always enabled
            if (!enabled || !irqs.pending(s) || irqs.active(s) || !groupEnabled(s)) {
                continue;
            }
            if (intid >= GicInterrupts.PRIVATE && cpus > 1 && (irqs.targets(s) & 1) == 0) {
                continue;
            }
            if (irqs.priority(s) < bestPrio) {
                bestPrio = irqs.priority(s);
                best = intid;
            }
        }
        return best;
    }

    /** The interrupt's group is enabled in both the distributor and the CPU interface. */
    private boolean groupEnabled(int s) {
        int bit = irqs.group1(s) ? 2 : 1;
        return (distCtlr & bit) != 0 && (cpuCtlr & bit) != 0;
    }

    private int highestPendingId() {
        int id = highestPendingSlotId();
        return id < 0 ? GicInterrupts.SPURIOUS : id;
    }

    private boolean signalled() {
        int id = highestPendingSlotId();
        if (id < 0) {
            return false;
        }
        int prio = irqs.priority(irqs.slot(0, id));
        int runningPrio = running == 0 ? 0x100 : runningStack[running - 1];
        return prio < pmr && prio < runningPrio;
    }

    /** GICC_IAR read (4.4.4): acknowledges the signalled interrupt, or returns 1023. */
    private int acknowledge() {
        if (!signalled() || running == runningStack.length) {
            return GicInterrupts.SPURIOUS;
        }
        int id = highestPendingSlotId();
        int s = irqs.slot(0, id);
        irqs.acknowledge(s);
        runningStack[running] = irqs.priority(s);
        runningIds[running++] = id;
        update();
        return id;
    }

    /** GICC_EOIR (4.4.5): priority drop and deactivation of the interrupt named. */
    private void endOfInterrupt(int id) {
        int s = irqs.slot(0, id);
        if (s < 0) {
            return;
        }
        irqs.setActive(s, false);
        for (int i = running - 1; i >= 0; i--) {
            if (runningIds[i] == id) {
                System.arraycopy(runningIds, i + 1, runningIds, i, running - i - 1);
                System.arraycopy(runningStack, i + 1, runningStack, i, running - i - 1);
                running--;
                break;
            }
        }
    }

    private void update() {
        outputs[0].set(signalled() ? 1 : 0);
    }
}
