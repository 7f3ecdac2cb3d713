package io.qtestjvm.devices.arm;

import io.qtestjvm.core.Device;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * A GICv3 interrupt controller ({@code arm-gicv3}) after the Arm GIC Architecture Specification v3/v4
 * (IHI 0069): the distributor (12.9, 64 KiB, {@code gicv3_dist}) and one redistributor per CPU (12.10/12.11, an
 * RD_base and an SGI_base frame of 64 KiB each, {@code gicv3_redist_region[0]}), with affinity routing always on
 * and a single security state (GICD_CTLR.DS = 1, ARE = 1), over the state in {@link GicInterrupts}.
 *
 * <p>Inputs are numbered as for {@link Gicv2}: SPI {@code n} is unnamed input {@code n}, then 32 per CPU. The CPU
 * interface is made of system registers (IHI 0069 12.1) that qtest cannot reach; its priority mask resets to 0, so
 * no interrupt is ever signalled to a CPU and the {@code sysbus-irq} outputs stay low.
 *
 * <p>Values observed on Debian's QEMU 7.2 with {@code gic-version=3} (pinned by {@code VirtBoardTest} and the
 * {@code gicv3}/{@code gicv4} recordings of {@code VirtRecordingsTest}): GICD_CTLR 0x50 after reset, GICD_TYPER
 * 0x037a0007, GICD_IIDR and GICR_IIDR 0x43b, GICD_PIDR2 and GICR_PIDR2 0x3b, GICR_TYPER
 * {@code affinity << 32 | 0x01000001 | cpu << 8} with Last (bit 4) on the last redistributor, GICR_WAKER 0x6,
 * GICR_CTLR 0x2 (CES), GICR_ICFGR0 0xaaaaaaaa; GICD_CTLR keeps only EnableGrp0/1 of a write (0xffffffff reads
 * 0x53); SGI enables are writable (unlike GICv2). With {@code gic-version=4}: 256 KiB per redistributor,
 * GICD_TYPER 0x037e0007, PIDR2 0x4b, GICR_TYPER.VLPIS set. Departure: GICD_SETSPI_NSR/CLRSPI_NSR writes change
 * nothing (QEMU 7.2 does not implement them). Not modelled: LPIs (PROPBASER/PENDBASER are stored only),
 * GICD_IROUTER routing (stored; every SPI is taken to be for CPU 0), group modifiers.
 */
public final class Gicv3 extends Device {
    public static final String TYPE = "arm-gicv3";
    public static final long DIST_SIZE = 0x1_0000;
    /** Redistributor size per CPU: RD_base + SGI_base (GICv3), plus VLPI_base and a reserved frame (GICv4). */
    public static final long REDIST_STRIDE = 0x2_0000;
    public static final long REDIST_STRIDE_V4 = 0x4_0000;
    static final int IIDR = 0x43b;
    static final int TYPER = 0x037a_0007;
    static final int CTLR_ARE_DS = 0x50;
    private static final int[] ID = {0x44, 0, 0, 0, 0x92, 0xb4, 0x3b, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    /** GICv4 (revision 4): PIDR2.ArchRev 4, GICD_TYPER bit 18 and GICR_TYPER.VLPIS (bit 1) as QEMU 7.2 shows. */
    static final int PIDR2_V4 = 0x4b;
    static final int TYPER_V4_BITS = 0x4_0000;
    private static final AccessRules RULES = new AccessRules(1, 8, false, 1, 8, Endianness.LITTLE);

    private final int cpus;
    private final int revision;
    private final long stride;
    private final GicInterrupts irqs;
    private final MemoryRegion dist;
    private final MemoryRegion redist;
    private int ctlr;
    private final long[] irouter;
    private final int[] waker;
    private final long[] propbaser;
    private final long[] pendbaser;
    private final boolean[] enableLpis;

    /** A GICv3 ({@code revision} 3) or GICv4 ({@code revision} 4, with {@code virtualization=on}). */
    public Gicv3(int cpus, int intids, int revision) {
        super(TYPE);
        this.cpus = cpus;
        this.revision = revision;
        this.stride = revision == 4 ? REDIST_STRIDE_V4 : REDIST_STRIDE;
        this.irqs = new GicInterrupts(cpus, intids);
        int spis = intids - GicInterrupts.PRIVATE;
        this.irouter = new long[spis];
        this.waker = new int[cpus];
        this.propbaser = new long[cpus];
        this.pendbaser = new long[cpus];
        this.enableLpis = new boolean[cpus];
        initGpioIn(UNNAMED, (n, level) -> input(n, level != 0), spis + GicInterrupts.PRIVATE * cpus);
        initGpioOut("sysbus-irq", 4 * cpus);
        this.dist = MemoryRegion.io("gicv3_dist", DIST_SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return distRead((int) offset, size);
            }

            @Override
            public void write(long offset, long value, int size) {
                distWrite((int) offset, value, size);
            }
        }, RULES);
        this.redist = MemoryRegion.io("gicv3_redist_region[0]", stride * cpus, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return redistRead((int) (offset / stride), (int) (offset % stride), size);
            }

            @Override
            public void write(long offset, long value, int size) {
                redistWrite((int) (offset / stride), (int) (offset % stride), value, size);
            }
        }, RULES);
    }

    public MemoryRegion distributor() {
        return dist;
    }

    public MemoryRegion redistributors() {
        return redist;
    }

    /** Whether INTID {@code intid} is pending for CPU {@code cpu} (for tests). */
    public boolean pending(int cpu, int intid) {
        return irqs.pending(irqs.slot(cpu, intid));
    }

    @Override
    public void reset() {
        irqs.reset();
        ctlr = CTLR_ARE_DS;
        java.util.Arrays.fill(irouter, 0);
        java.util.Arrays.fill(waker, 0x6); // ProcessorSleep | ChildrenAsleep (12.11.42)
        java.util.Arrays.fill(propbaser, 0);
        java.util.Arrays.fill(pendbaser, 0);
        java.util.Arrays.fill(enableLpis, false);
    }

    private void input(int n, boolean high) {
        int spis = irqs.intids - GicInterrupts.PRIVATE;
        int s = n < spis ? irqs.slot(0, GicInterrupts.PRIVATE + n)
                : irqs.slot((n - spis) / GicInterrupts.PRIVATE, (n - spis) % GicInterrupts.PRIVATE);
        if (s >= 0) {
            irqs.setLevel(s, high);
        }
    }

    private static long sized(long v, int size) {
        return size == 8 ? v : v & ((1L << (8 * size)) - 1);
    }

    // ---------------------------------------------------------------------------------------------------------
    // distributor (IHI 0069 12.9)

    private long distRead(int off, int size) {
        if (off >= 0x6100 && off < 0x6100 + 8 * irouter.length) {
            int n = (off - 0x6100) >> 3;
            return sized(irouter[n] >>> (8 * (off & 7)), size);
        }
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (long) distReadByte(off + i) << (8 * i);
        }
        return v;
    }

    private int distReadByte(int off) {
        if (off < 0x10) {
            int reg = switch (off >> 2) {
                case 0 -> ctlr;
                case 1 -> revision == 4 ? TYPER | TYPER_V4_BITS : TYPER;
                case 2 -> IIDR;
                default -> 0;
            };
            return (reg >>> (8 * (off & 3))) & 0xff;
        }
        if (off >= 0x080 && off < 0xd80) {
            int intid = intidOf(off);
            // with affinity routing the distributor's SGI/PPI registers are RAZ/WI (12.9)
            return intid < GicInterrupts.PRIVATE ? 0 : bankByte(0, off);
        }
        if (off == 0xffe8) {
            return revision == 4 ? PIDR2_V4 : ID[6];
        }
        if (off >= 0xffd0) {
            return (off & 3) == 0 ? ID[(off - 0xffd0) >> 2] : 0;
        }
        return 0;
    }

    private void distWrite(int off, long value, int size) {
        if (off >= 0x6100 && off < 0x6100 + 8 * irouter.length) {
            int n = (off - 0x6100) >> 3;
            int shift = 8 * (off & 7);
            long mask = (size == 8 ? -1L : (1L << (8 * size)) - 1) << shift;
            irouter[n] = (irouter[n] & ~mask) | ((value << shift) & mask);
            return;
        }
        if (off == 0 && size >= 1) {
            ctlr = CTLR_ARE_DS | ((int) value & 0x3); // EnableGrp0, EnableGrp1; ARE and DS are fixed
            return;
        }
        if (off == 0x40 || off == 0x48) {
            return; // GICD_SETSPI_NSR / CLRSPI_NSR: QEMU 7.2 ignores them (message-based SPIs not supported)
        }
        for (int i = 0; i < size; i++) {
            int o = off + i;
            if (o >= 0x080 && o < 0xd80 && intidOf(o) >= GicInterrupts.PRIVATE) {
                bankWriteByte(0, o, (int) (value >>> (8 * i)) & 0xff);
            }
        }
    }

    /** The first INTID a byte of a per-interrupt register bank covers. */
    private static int intidOf(int off) {
        if (off < 0x400) {
            return (off & 0x7f) * 8;
        }
        if (off < 0x800) {
            return off - 0x400;
        }
        if (off >= 0xc00 && off < 0xd00) {
            return (off - 0xc00) * 4;
        }
        return (off & 0x7f) * 8; // IGRPMODR at 0xd00
    }

    /** One byte of IGROUPR .. ICACTIVER, IPRIORITYR, ICFGR for the interrupts of {@code cpu}'s view. */
    private int bankByte(int cpu, int off) {
        int first = intidOf(off);
        if (off >= 0x400 && off < 0x800) {
            int s = irqs.slot(cpu, first);
            return s < 0 ? 0 : irqs.priority(s);
        }
        if (off >= 0xc00 && off < 0xd00) {
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int s = irqs.slot(cpu, first + i);
                if (s >= 0 && irqs.edgeTriggered(s)) {
                    v |= 2 << (2 * i);
                }
            }
            return v;
        }
        if (off >= 0x400) {
            return 0; // IGRPMODR: group modifiers not modelled
        }
        int kind = (off - 0x080) >> 7;
        int v = 0;
        for (int i = 0; i < 8; i++) {
            int s = irqs.slot(cpu, first + i);
            if (s < 0) {
                continue;
            }
            boolean bit = switch (kind) {
                case 0 -> irqs.group1(s);
                case 1, 2 -> irqs.enabled(s);
                case 3, 4 -> irqs.pending(s);
                default -> irqs.active(s);
            };
            if (bit) {
                v |= 1 << i;
            }
        }
        return v;
    }

    private void bankWriteByte(int cpu, int off, int b) {
        int first = intidOf(off);
        if (off >= 0x400 && off < 0x800) {
            int s = irqs.slot(cpu, first);
            if (s >= 0) {
                irqs.setPriority(s, b);
            }
            return;
        }
        if (off >= 0xc00 && off < 0xd00) {
            for (int i = 0; i < 4; i++) {
                int s = irqs.slot(cpu, first + i);
                if (s >= 0 && first + i >= GicInterrupts.SGIS) {
                    irqs.setEdgeTriggered(s, (b & (2 << (2 * i))) != 0);
                }
            }
            return;
        }
        if (off >= 0x400) {
            return;
        }
        int kind = (off - 0x080) >> 7;
        for (int i = 0; i < 8; i++) {
            int s = irqs.slot(cpu, first + i);
            boolean bit = (b & (1 << i)) != 0;
            if (s < 0 || (!bit && kind != 0)) {
                continue;
            }
            switch (kind) {
                case 0 -> irqs.setGroup1(s, bit);
                case 1 -> irqs.setEnabled(s, true);
                case 2 -> irqs.setEnabled(s, false);
                case 3 -> irqs.setPending(s, true);
                case 4 -> irqs.setPending(s, false);
                case 5 -> irqs.setActive(s, true);
                default -> irqs.setActive(s, false);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // redistributors (IHI 0069 12.10, 12.11): RD_base at 0, SGI_base at 0x10000

    private long redistTyper(int cpu) {
        long t = 0x0100_0001L | (long) cpu << 8 | (long) cpu << 32; // CommonLPIAff 1, PLPIS, Processor_Number
        if (revision == 4) {
            t |= 0x2; // VLPIS
        }
        return cpu == cpus - 1 ? t | 0x10 : t;
    }

    private long redistRead(int cpu, int off, int size) {
        if (off >= 0x1_0000) {
            int o = off - 0x1_0000;
            long v = 0;
            for (int i = 0; i < size; i++) {
                int b = o + i;
                int part = b >= 0x080 && b < 0xd80 && intidOf(b) < GicInterrupts.PRIVATE ? bankByte(cpu, b) : 0;
                v |= (long) part << (8 * i);
            }
            return v;
        }
        long reg = switch (off & ~7) {
            case 0x00 -> IIDR_CTLR_PAIR | (enableLpis[cpu] ? 1 : 0);
            case 0x08 -> redistTyper(cpu);
            case 0x10 -> (long) waker[cpu] << 32;
            case 0x70 -> propbaser[cpu];
            case 0x78 -> pendbaser[cpu];
            case 0xffe8 -> revision == 4 ? PIDR2_V4 : 0x3b;
            default -> 0;
        };
        return sized(reg >>> (8 * (off & 7)), size);
    }

    /** GICR_CTLR (0: CES, bit 1, read-only set; EnableLPIs, bit 0) and GICR_IIDR (4) as one 64-bit pair. */
    private static final long IIDR_CTLR_PAIR = (long) IIDR << 32 | 0x2;

    private void redistWrite(int cpu, int off, long value, int size) {
        if (off >= 0x1_0000) {
            int o = off - 0x1_0000;
            for (int i = 0; i < size; i++) {
                int b = o + i;
                if (b >= 0x080 && b < 0xd80 && intidOf(b) < GicInterrupts.PRIVATE) {
                    bankWriteByte(cpu, b, (int) (value >>> (8 * i)) & 0xff);
                }
            }
            return;
        }
        switch (off) {
            case 0x00 -> enableLpis[cpu] = (value & 1) != 0;
            case 0x14 -> {
                // GICR_WAKER: ProcessorSleep is writable, ChildrenAsleep follows it (12.11.42)
                boolean sleep = (value & 2) != 0;
                waker[cpu] = sleep ? 0x6 : 0;
            }
            case 0x70 -> propbaser[cpu] = size == 8 ? value : (propbaser[cpu] & ~0xffff_ffffL) | value;
            case 0x74 -> propbaser[cpu] = (propbaser[cpu] & 0xffff_ffffL) | value << 32;
            case 0x78 -> pendbaser[cpu] = size == 8 ? value : (pendbaser[cpu] & ~0xffff_ffffL) | value;
            case 0x7c -> pendbaser[cpu] = (pendbaser[cpu] & 0xffff_ffffL) | value << 32;
            default -> {
            }
        }
    }
}
