package io.qtestjvm.server.board;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;
import io.qtestjvm.smmuv3.Smmuv3;
import io.qtestjvm.smmuv3.Translator;
import io.qtestjvm.smmuv3.queue.SmmuInterrupts;
import io.qtestjvm.smmuv3.walk.Access;
import io.qtestjvm.smmuv3.spec.SystemBusMemory;
import io.qtestjvm.smmuv3.spec.SmmuModel;

/**
 * The {@code arm-smmuv3} sysbus device of the {@code virt} machine: the {@link Smmuv3} core behind one 128 KiB MMIO
 * region {@code arm-smmuv3} (register page 0 and its page-1 alias, IHI 0070 6.1), four pulsed interrupt outputs in
 * the order of IHI 0070 3.18 (event queue, PRI queue, CMD_SYNC, global error; {@code virt} wires them to SPI 74..77),
 * and the SMMU's bus-master view of the board's system address space ({@link SystemBusMemory}): RAM answers, an
 * address nothing is mapped at is an external abort (the core turns it into F_STE_FETCH / F_CD_FETCH /
 * F_WALK_EABT or CERROR_ABT).
 *
 * <p>Register accesses are 32 or 64 bits wide (IHI 0070 6.2); other sizes are decode errors (reads 0, writes
 * dropped). {@link #translate(int, long, boolean)} is the adapter point for a PCI bus-master hook (StreamID =
 * requester ID).
 */
public final class Smmuv3Device extends Device {
    public static final String TYPE = "arm-smmuv3";
    public static final long SIZE = 0x2_0000L;
    public static final int IRQS = 4;
    private static final AccessRules RULES = AccessRules.sizes(4, 8, Endianness.LITTLE);

    private final Smmuv3 core;
    private final GpioOut[] irqs;
    private final MemoryRegion mmio;

    /**
     * @param model  what the SMMU advertises (the machine version decides)
     * @param memory the system address space the SMMU masters
     */
    public Smmuv3Device(SmmuModel model, AddressSpace memory) {
        super(TYPE);
        this.irqs = initGpioOut("sysbus-irq", IRQS);
        SmmuInterrupts pulses = line -> {
            irqs[line].raise();
            irqs[line].lower();
        };
        this.core = new Smmuv3(model, new SystemBusMemory(memory), pulses);
        this.mmio = MemoryRegion.io("arm-smmuv3", SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return core.read((int) offset, size);
            }

            @Override
            public void write(long offset, long value, int size) {
                core.write((int) offset, size, value);
            }
        }, RULES);
    }

    public MemoryRegion mmio() {
        return mmio;
    }

    /** Output {@code line} ({@link SmmuInterrupts#EVENTQ} .. {@link SmmuInterrupts#GERROR}). */
    public GpioOut irqOut(int line) {
        return irqs[line];
    }

    public Smmuv3 core() {
        return core;
    }

    /**
     * The PCI bus-master hook: the PA a DMA of requester {@code requesterId} to {@code iova} goes to, or
     * {@link Translator#ABORTED} (the DMA then fails; {@link Smmuv3#lastFault()} tells why).
     */
    public long translate(int requesterId, long iova, boolean isWrite) {
        return core.translate(requesterId, iova, isWrite ? Access.WRITE : Access.READ);
    }

    @Override
    public void reset() {
        core.reset();
    }
}
