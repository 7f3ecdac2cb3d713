package io.qtestjvm.smmuv3;

import io.qtestjvm.smmuv3.cache.ConfigCache;
import io.qtestjvm.smmuv3.cache.Iotlb;
import io.qtestjvm.smmuv3.queue.EventQueue;
import io.qtestjvm.smmuv3.queue.RegisterFile;
import io.qtestjvm.smmuv3.spec.CdLayout;
import io.qtestjvm.smmuv3.spec.EventLayout;
import io.qtestjvm.smmuv3.spec.GuestMemory;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.SteLayout;
import io.qtestjvm.smmuv3.spec.Structure;
import io.qtestjvm.smmuv3.walk.Access;
import io.qtestjvm.smmuv3.walk.CdDecoder;
import io.qtestjvm.smmuv3.walk.Fault;
import io.qtestjvm.smmuv3.walk.PageTableWalker;
import io.qtestjvm.smmuv3.walk.SteDecoder;
import io.qtestjvm.smmuv3.walk.StreamConfig;
import io.qtestjvm.smmuv3.walk.StreamTable;
import io.qtestjvm.smmuv3.walk.WalkResult;

/**
 * The translation flow of IHI 0070 3.2/3.3 for one client transaction: SMMU disabled (CR0.SMMUEN = 0) bypasses or
 * aborts by GBPA.ABORT; otherwise the stream's configuration comes from the config cache or the stream table (STE,
 * then CD), then the translation from the IOTLB or a walk that fills it. Faults become event records (when their
 * stage records them); the transaction is then terminated. QEMU's model never stalls (IDR0.STALL_MODEL = 1) and
 * records one event per faulting translation, as here.
 *
 * <p>The hit path (config cached, TLB hit) reads two arrays and allocates nothing. Not thread-safe: the machine
 * thread owns it.
 */
public final class Translator {
    /** {@link #translate} result of a terminated transaction (aborted by configuration or a fault). */
    public static final long ABORTED = -1;

    private final SmmuModel model;
    private final RegisterFile regs;
    private final GuestMemory memory;
    private final EventQueue events;
    private final ConfigCache configs;
    private final Iotlb tlb;
    private final PageTableWalker walker;
    private final StreamTable streamTable = new StreamTable();
    private final CdDecoder cdDecoder = new CdDecoder();
    private final Structure ste = new Structure(SteLayout.WORDS);
    private final Structure cd = new Structure(CdLayout.WORDS);
    private final WalkResult result = new WalkResult();
    private final Fault fault = new Fault();
    private long walks;

    public Translator(RegisterFile regs, GuestMemory memory, EventQueue events, ConfigCache configs, Iotlb tlb) {
        this.model = regs.model();
        this.regs = regs;
        this.memory = memory;
        this.events = events;
        this.configs = configs;
        this.tlb = tlb;
        this.walker = new PageTableWalker(memory, tlb);
    }

    /**
     * Translates a transaction of stream {@code streamId} without a SubstreamID to {@code iova}: the physical
     * address, or {@link #ABORTED} (see {@link #lastFault()}: type 0 when the configuration aborted it silently).
     */
    public long translate(int streamId, long iova, int access) {
        if (!regs.smmuEnabled()) {
            return regs.gbpaAbort() ? aborted() : iova;
        }
        StreamConfig cfg = configs.lookup(streamId);
        if (cfg == null || cfg.steStage1 && !cfg.cdValid) {
            cfg = loadConfig(streamId, iova, access);
            if (cfg == null) {
                return ABORTED;
            }
        }
        if (cfg.kind != StreamConfig.TRANSLATE) {
            return cfg.kind == StreamConfig.BYPASS ? iova : aborted();
        }
        long va = cfg.tbi ? iova << 8 >> 8 : iova;
        int shift = cfg.tlbShift;
        long pageTag = Iotlb.pageTag(va, shift);
        long contextTag = cfg.tlbContext;
        int slot = tlb.lookup(pageTag, contextTag);
        if (slot >= 0 && tlb.permits(slot, access == Access.WRITE)) {
            return tlb.pagePa(slot) | (va & ((1L << shift) - 1));
        }
        return walk(cfg, streamId, iova, va, access, pageTag, contextTag);
    }

    private long walk(StreamConfig cfg, int streamId, long iova, long va, int access, long pageTag, long contextTag) {
        walks++;
        boolean ok = cfg.stage1
                ? walker.stage1(cfg.s1, cfg.stage2 ? cfg.s2 : null, iova, access, result, fault)
                : walker.stage2(cfg.s2, iova, access, EventLayout.CLASS_IN, iova, result,
                        fault);
        if (!ok) {
            return report(streamId);
        }
        int shift = cfg.tlbShift;
        long pagePa = result.outputAddress & (-1L << shift);
        tlb.fill(pageTag, contextTag, pagePa, result.readable, result.writable, result.global, result.blockShift,
                result.level, result.granuleShift);
        return result.outputAddress;
    }

    private StreamConfig loadConfig(int streamId, long iova, int access) {
        fault.clear();
        StreamConfig cfg = configs.lookup(streamId);
        if (cfg == null) {
            if (!streamTable.lookup(model, memory, regs.strtabBase(), regs.strtabBaseCfg(), streamId, ste, fault)) {
                return failConfig(streamId, iova, access);
            }
            cfg = configs.slot(streamId);
            if (!SteDecoder.decode(model, ste, streamId, cfg, fault)) {
                cfg.invalidate();
                return failConfig(streamId, iova, access);
            }
        }
        if (cfg.steStage1 && !cfg.cdValid) {
            int r = cdDecoder.locateAndDecode(model, walker, cfg, false, 0, cd, fault);
            if (r == CdDecoder.FAULT) {
                return failConfig(streamId, iova, access);
            }
            cfg.stage1 = r != CdDecoder.S1_BYPASS;
            cfg.cdValid = true;
            if (!cfg.stage1 && !cfg.stage2) {
                cfg.kind = StreamConfig.BYPASS;
            }
        }
        cfg.finish();
        return cfg;
    }

    private StreamConfig failConfig(int streamId, long iova, int access) {
        fault.inputAddress = iova;
        fault.read = access == Access.READ;
        report(streamId);
        return null;
    }

    private long report(int streamId) {
        fault.streamId = streamId;
        if (fault.record) {
            events.record(fault);
        }
        return ABORTED;
    }

    private long aborted() {
        fault.clear();
        return ABORTED;
    }

    public Fault lastFault() {
        return fault;
    }

    /** Walks performed (TLB misses that reached the tables); tests use it to tell a hit from a miss. */
    public long walks() {
        return walks;
    }
}
