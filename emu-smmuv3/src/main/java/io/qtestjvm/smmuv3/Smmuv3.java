package io.qtestjvm.smmuv3;

import io.qtestjvm.smmuv3.cache.ConfigCache;
import io.qtestjvm.smmuv3.cache.Iotlb;
import io.qtestjvm.smmuv3.queue.ProgrammingInterface;
import io.qtestjvm.smmuv3.queue.RegisterFile;
import io.qtestjvm.smmuv3.queue.SmmuInterrupts;
import io.qtestjvm.smmuv3.spec.GuestMemory;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.walk.Fault;

/**
 * The machine-independent SMMUv3 (IHI 0070): its register page with the command and event queues, and translation
 * for client transactions through the config cache and the IOTLB. A device layer maps {@link #read} / {@link #write}
 * at the SMMU's MMIO base (page 1 aliased to page 0, as QEMU maps it), wires {@link SmmuInterrupts} to its SPIs, and
 * calls {@link #translate} for each DMA of a PCI function (StreamID = requester ID).
 */
public final class Smmuv3 {
    private final SmmuModel model;
    private final RegisterFile regs;
    private final ConfigCache configs = new ConfigCache(10);
    private final Iotlb tlb = new Iotlb(10);
    private final ProgrammingInterface programming;
    private final Translator translator;

    public Smmuv3(SmmuModel model, GuestMemory memory, SmmuInterrupts irqs) {
        this.model = model;
        this.regs = new RegisterFile(model);
        this.programming = new ProgrammingInterface(regs, memory, irqs, configs, tlb);
        this.translator = new Translator(regs, memory, programming.events(), configs, tlb);
        reset();
    }

    /** Device reset: registers to their reset values, caches emptied. */
    public void reset() {
        regs.reset();
        configs.invalidateAll();
        tlb.invalidateAll();
    }

    public SmmuModel model() {
        return model;
    }

    /** MMIO read at {@code offset} into the 128 KiB register frame (page 1 reads as page 0). */
    public long read(int offset, int size) {
        return programming.read(offset & 0xffff, size);
    }

    /** MMIO write at {@code offset} into the 128 KiB register frame (page 1 writes as page 0). */
    public void write(int offset, int size, long value) {
        programming.write(offset & 0xffff, size, value);
    }

    /** PA for a transaction of {@code streamId} to {@code iova}, or {@link Translator#ABORTED}. */
    public long translate(int streamId, long iova, int access) {
        return translator.translate(streamId, iova, access);
    }

    /** The fault of the last aborted translation (type 0: aborted by configuration, no event). */
    public Fault lastFault() {
        return translator.lastFault();
    }

    public Translator translator() {
        return translator;
    }

    public ProgrammingInterface programming() {
        return programming;
    }

    public ConfigCache configCache() {
        return configs;
    }

    public Iotlb iotlb() {
        return tlb;
    }
}
