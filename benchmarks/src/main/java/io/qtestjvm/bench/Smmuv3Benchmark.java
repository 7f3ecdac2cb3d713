package io.qtestjvm.bench;

import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.server.InJvmServer;
import io.qtestjvm.server.board.VirtBoard;
import io.qtestjvm.smmuv3.Smmuv3;
import io.qtestjvm.smmuv3.Translator;
import io.qtestjvm.smmuv3.cache.ConfigCache;
import io.qtestjvm.smmuv3.cache.Iotlb;
import io.qtestjvm.smmuv3.queue.SmmuInterrupts;
import io.qtestjvm.smmuv3.spec.ArrayGuestMemory;
import io.qtestjvm.smmuv3.spec.CdLayout;
import io.qtestjvm.smmuv3.spec.GuestMemory;
import io.qtestjvm.smmuv3.spec.Registers;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.SteLayout;
import io.qtestjvm.smmuv3.spec.Structure;
import io.qtestjvm.smmuv3.spec.SystemBusMemory;
import io.qtestjvm.smmuv3.walk.Access;
import io.qtestjvm.smmuv3.walk.Fault;
import io.qtestjvm.smmuv3.walk.PageTableWalker;
import io.qtestjvm.smmuv3.walk.Stage1Config;
import io.qtestjvm.smmuv3.walk.Stage2Config;
import io.qtestjvm.smmuv3.walk.StreamConfig;
import io.qtestjvm.smmuv3.walk.TableParams;
import io.qtestjvm.smmuv3.walk.WalkResult;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SMMUv3 translation hot path (issue 12), each figure next to a baseline in QEMU's style in the same run:
 * <ul>
 *   <li>IOTLB hit, config-cache hit and a whole {@code translate()} that hits, against {@link QemuStyleIotlb} (a hash
 *       table whose keys carry ASID, VMID, the address masked to a level, the granule and the level, probed level
 *       by level from the start level down, flushed whole at 256 entries) and a hash table of stream configurations;
 *   <li>warm stage-1 walks per granule at 48 bits (4 levels for 4K and 16K, 3 for 64K) over a RAM array: with the
 *       walk memo warm (the region's last-level table known), and from the start level (memo defeated);
 *   <li>the 4K walk over the machine's memory path ({@link SystemBusMemory} over an {@link AddressSpace} with
 *       {@code SparseRam}), against the adapter main had (every descriptor through {@code isAssigned} and
 *       {@code load}, no memo), which is how QEMU's model reads descriptors;
 *   <li>a nested stage-1 + stage-2 miss (4 + 4 levels, every stage-1 fetch translated by stage 2), with the stage-2
 *       entries in the IOTLB as {@code translate()} has them, and cold;
 *   <li>TLBI by VA and by ASID with 1 000 live entries, against the same on the QEMU-style table (at most 256 live:
 *       it flushes itself at 256);
 *   <li>end-to-end: one {@code iommu-testdev} DMA of 256 bytes (arm, trigger, result: three qtest commands through
 *       the in-JVM server) on {@code virt} with the SMMU translating at stage 1, against the same DMA on
 *       {@code virt} without an SMMU.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
public class Smmuv3Benchmark {
    static final long RAM = 0x4000_0000L;
    static final long IOVA = 0x0000_0080_8060_4567L;
    static final long PA = 0x0000_0012_3456_7000L;
    static final int SID = 8;
    static final int ASID = 0x1e;
    static final long BAR = 0x1000_0000L;
    /** ECAM (high) of 00:01.0 on virt. */
    static final long ECAM_01_0 = 0x40_1000_0000L + (8 << 12);
    static final long DMA_IOVA = 0x0000_0080_8060_4000L;
    static final long DMA_GPA = 0x4500_0000L;

    /** iommu-testdev's BAR0 registers (docs/specs/iommu-testdev.rst). */
    static final class IommuRegs {
        static final int TRIGGERING = 0x00;
        static final int IOVA_LO = 0x04;
        static final int IOVA_HI = 0x08;
        static final int LEN = 0x0c;
        static final int RESULT = 0x10;
        static final int DOORBELL = 0x14;
        static final int GPA_LO = 0x1c;
        static final int GPA_HI = 0x20;
    }

    private ArrayGuestMemory memory;
    private long next;
    private Smmuv3 smmu;
    private ConfigCache configs;
    private Iotlb tlb;
    private long pageTag;
    private long contextTag;
    private final Stage1Config[] s1 = new Stage1Config[3];
    private final Stage1Config nestedS1 = new Stage1Config();
    private final Stage2Config nestedS2 = new Stage2Config();
    private PageTableWalker walker;
    private PageTableWalker nestedWalker;
    private final WalkResult walked = new WalkResult();
    private final Fault fault = new Fault();
    private Iotlb bigTlb;
    private long vaInvalidated;
    private long bigContext;
    private final QemuStyleIotlb qemuStyle = new QemuStyleIotlb();
    private final QemuStyleConfigs qemuStyleConfigs = new QemuStyleConfigs();
    private final QemuStyleIotlb qemuStyleTlbi = new QemuStyleIotlb();
    /** Two input addresses whose regions share a memo entry: alternating between them always walks from the top. */
    private static final long IOVA_COLLIDING = IOVA + (8L << 21);
    private boolean alternate;
    private Stage1Config systemS1;
    private PageTableWalker systemWalker;
    private PageTableWalker dispatchedWalker;
    private InJvmServer withSmmu;
    private InJvmServer withoutSmmu;
    private final byte[] ring = ("writel " + hex(BAR + IommuRegs.DOORBELL) + " 0x1")
            .getBytes(StandardCharsets.US_ASCII);
    private final byte[] trigger = ("readl " + hex(BAR + IommuRegs.TRIGGERING)).getBytes(StandardCharsets.US_ASCII);
    private final byte[] result = ("readl " + hex(BAR + IommuRegs.RESULT)).getBytes(StandardCharsets.US_ASCII);
    private final byte[] reply = new byte[64];

    private long alloc(long size) {
        next = (next + size - 1) & -size;
        long a = next;
        next += size;
        return a;
    }

    /** Maps {@code in} to {@code out} with a page (level 3) in tables rooted at {@code root} (D8.3 layouts). */
    private void map(long root, int shift, int inputBits, long in, long out, long leafAttrs) {
        int stride = shift - 3;
        int start = TableParams.stage1StartLevel(inputBits, shift);
        long table = root;
        int bits = TableParams.bitsAtLevel(inputBits, shift, start);
        for (int level = start; level <= 3; level++) {
            long slot = table + (((in >>> (shift + stride * (3 - level))) & ((1L << bits) - 1)) << 3);
            if (level == 3) {
                memory.write64(slot, (out & (-1L << shift)) | leafAttrs | 3);
                return;
            }
            long d = memory.peek64(slot);
            if ((d & 3) != 3) {
                d = alloc(1L << shift) | 3;
                memory.write64(slot, d);
            }
            table = d & 0x0000_ffff_ffff_f000L & (-1L << shift);
            bits = stride;
        }
    }

    @Setup
    public void setUp() {
        memory = new ArrayGuestMemory(RAM, 16 << 20);
        next = RAM + 0x10_0000;
        // Stage 1, 4K granule, 48-bit input: the translate() path through the device.
        long root = alloc(4096);
        map(root, 12, 48, IOVA, PA, 1 << 10 | 1 << 11);
        long cd = alloc(64);
        new Structure(CdLayout.WORDS).set(CdLayout.V, 1).set(CdLayout.AA64, 1).set(CdLayout.A, 1)
                .set(CdLayout.R, 1).set(CdLayout.EPD1, 1).set(CdLayout.IPS, 4).set(CdLayout.T0SZ, 16)
                .set(CdLayout.ASID, ASID).set(CdLayout.TTB0, root >>> 4).store(memory, cd);
        new Structure(SteLayout.WORDS).set(SteLayout.V, 1).set(SteLayout.CONFIG, SteLayout.CONFIG_S1)
                .set(SteLayout.S1_CONTEXT_PTR, cd >>> 6).store(memory, RAM + SID * 64L);
        smmu = new Smmuv3(SmmuModel.QEMU_NESTED, memory, SmmuInterrupts.NONE);
        smmu.write(Registers.STRTAB_BASE, 8, RAM);
        smmu.write(Registers.STRTAB_BASE_CFG, 4, 8);
        smmu.write(Registers.CMDQ_BASE, 8, RAM + 0x8000 | 6);
        smmu.write(Registers.EVENTQ_BASE, 8, RAM + 0xc000 | 5);
        smmu.write(Registers.CR0, 4, 0xd);
        if (smmu.translate(SID, IOVA, Access.READ) != (PA | 0x567)) {
            throw new IllegalStateException("set-up translation failed: " + smmu.lastFault());
        }
        configs = smmu.configCache();
        tlb = smmu.iotlb();
        StreamConfig cfg = configs.lookup(SID);
        pageTag = Iotlb.pageTag(IOVA, cfg.tlbShift);
        contextTag = Iotlb.contextTag(cfg.vmidTag, cfg.s1.asid);

        walker = new PageTableWalker(memory);
        nestedWalker = new PageTableWalker(memory, new Iotlb(10));
        int[] shifts = {12, 14, 16};
        for (int i = 0; i < 3; i++) {
            int shift = shifts[i];
            long r = alloc(Math.max(64, 8L << TableParams.bitsAtLevel(48, shift,
                    TableParams.stage1StartLevel(48, shift))));
            map(r, shift, 48, IOVA, PA, 1 << 10);
            s1[i] = new Stage1Config();
            s1[i].tt0.set(shift, 48, TableParams.stage1StartLevel(48, shift), r, 44);
            s1[i].tt1.disable();
            s1[i].outputBits = 44;
        }
        // Nested: stage-1 4K / 48 bits, stage-2 4K / 44 bits from level 0, identity for the stage-1 tables.
        long s2root = alloc(4096);
        long s1root = alloc(4096);
        long ipa = 0x0000_00c0_0000_0000L;
        long tablesFrom = next;
        map(s1root, 12, 48, IOVA, ipa, 1 << 10);
        for (long a = s1root; a < next; a += 4096) {
            map(s2root, 12, 44, a, a, 1 << 10 | 3 << 6);
        }
        map(s2root, 12, 44, ipa, PA, 1 << 10 | 3 << 6);
        if (tablesFrom > next) {
            throw new IllegalStateException();
        }
        nestedS1.tt0.set(12, 48, 0, s1root, 44);
        nestedS1.tt1.disable();
        nestedS1.outputBits = 44;
        nestedS2.tt.set(12, 44, 0, s2root, 44);
        nestedS2.tt.hierarchyDisabled = true;
        if (!walker.stage1(nestedS1, nestedS2, IOVA, Access.READ, walked, fault)
                || walked.outputAddress != (PA | 0x567)) {
            throw new IllegalStateException("nested set-up failed: " + fault);
        }

        // The 4K walk over a machine's memory: the same tables copied into SparseRam behind an AddressSpace.
        MemoryRegion root4k = MemoryRegion.containerOfWholeSpace("system");
        root4k.addSubregion(RAM, MemoryRegion.ram("ram", 16 << 20));
        AddressSpace space = AddressSpace.memory("memory", root4k, false);
        map(s1[0].tt0.ttb, 12, 48, IOVA_COLLIDING, PA, 1 << 10);
        for (long a = RAM; a < next; a += 8) {
            long w = memory.peek64(a);
            if (w != 0) {
                space.store(a, 8, w, false);
            }
        }
        systemS1 = new Stage1Config();
        systemS1.tt0.set(12, 48, TableParams.stage1StartLevel(48, 12), s1[0].tt0.ttb, 44);
        systemS1.tt1.disable();
        systemS1.outputBits = 44;
        systemWalker = new PageTableWalker(new SystemBusMemory(space));
        dispatchedWalker = new PageTableWalker(new DispatchedMemory(space));
        for (PageTableWalker w : new PageTableWalker[] {walker, systemWalker, dispatchedWalker}) {
            for (long va : new long[] {IOVA, IOVA_COLLIDING}) {
                Stage1Config c = w == walker ? s1[0] : systemS1;
                if (!w.stage1(c, null, va, Access.READ, walked, fault) || walked.outputAddress != (PA | 0x567)) {
                    throw new IllegalStateException("4K set-up failed: " + fault);
                }
            }
        }

        // 1 000 live entries (ASID 1) and one entry of ASID 2 that the TLBI benchmarks drop and refill.
        bigTlb = new Iotlb(10);
        long ctx1 = Iotlb.contextTag(0, 1);
        for (int i = 0; i < 1000; i++) {
            bigTlb.fill(Iotlb.pageTag(0x10_0000_0000L + ((long) i << 12), 12), ctx1, PA, true, true, false, 12, 3,
                    12);
        }
        bigContext = Iotlb.contextTag(0, 2);
        vaInvalidated = 0x20_0000_0000L;
        for (int i = 0; i < 1000; i++) {
            qemuStyle.insert(ASID, 0, 0x10_0000_0000L + ((long) i << 12) & ~0xfffL, 12, 3, PA);
        }
        qemuStyle.insert(ASID, 0, IOVA & ~0xfffL, 12, 3, PA);
        for (int i = 0; i < 255; i++) {
            qemuStyleTlbi.insert(1, 0, 0x10_0000_0000L + ((long) i << 12), 12, 3, PA);
        }
        qemuStyleConfigs.put(SID, cfg);
        for (int sid = 0; sid < 64; sid += 8) {
            qemuStyleConfigs.put(sid + 1, new StreamConfig());
        }
        startMachines();
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** Guest RAM written through the qtest protocol (writeq), for building structures with {@link Structure}. */
    private static GuestMemory qtestMemory(InJvmServer server) {
        return new GuestMemory() {
            @Override
            public boolean read(long pa, long[] dst, int index, int count) {
                return false;
            }

            @Override
            public boolean write64(long pa, long value) {
                return server.qtest("writeq " + hex(pa) + " " + hex(value)).startsWith("OK");
            }

            @Override
            public boolean write32(long pa, int value) {
                return server.qtest("writel " + hex(pa) + " " + hex(value & 0xffff_ffffL)).startsWith("OK");
            }
        };
    }

    /** virt (10.2) with iommu-testdev at 00:01.0 (StreamID 8), BAR0 at {@link #BAR}, with or without the SMMU. */
    private static InJvmServer virt(boolean smmu) {
        InJvmServer m = smmu
                ? InJvmServer.startAs("10.2", "aarch64", "-machine", "virt,iommu=smmuv3", "-net", "none",
                        "-device", "iommu-testdev")
                : InJvmServer.startAs("10.2", "aarch64", "-machine", "virt", "-net", "none",
                        "-device", "iommu-testdev");
        m.qtest("writel " + hex(ECAM_01_0 + 0x10) + " " + hex(BAR));
        m.qtest("writew " + hex(ECAM_01_0 + 4) + " 0x2");
        return m;
    }

    /**
     * Builds, through qtest writes, a linear stream table whose STE 8 translates at stage 1 (4K, 48 bits) through
     * a CD and page tables mapping {@link #DMA_IOVA} to {@link #DMA_GPA}; enables the SMMU; programs the DMA.
     */
    private void startMachines() {
        withSmmu = virt(true);
        GuestMemory g = qtestMemory(withSmmu);
        long strtab = 0x4400_0000L;
        long cdAddr = 0x4403_0000L;
        long[] tables = {0x4404_0000L, 0x4404_1000L, 0x4404_2000L, 0x4404_3000L};
        for (int level = 0; level < 3; level++) {
            long idx = (DMA_IOVA >>> (39 - 9 * level)) & 511;
            g.write64(tables[level] + idx * 8, tables[level + 1] | 3);
        }
        g.write64(tables[3] + ((DMA_IOVA >>> 12) & 511) * 8, DMA_GPA | 1 << 10 | 1 << 11 | 3);
        new Structure(CdLayout.WORDS).set(CdLayout.V, 1).set(CdLayout.AA64, 1).set(CdLayout.A, 1)
                .set(CdLayout.R, 1).set(CdLayout.EPD1, 1).set(CdLayout.IPS, 4).set(CdLayout.T0SZ, 16)
                .set(CdLayout.ASID, ASID).set(CdLayout.TTB0, tables[0] >>> 4).store(g, cdAddr);
        new Structure(SteLayout.WORDS).set(SteLayout.V, 1).set(SteLayout.CONFIG, SteLayout.CONFIG_S1)
                .set(SteLayout.S1_CONTEXT_PTR, cdAddr >>> 6).store(g, strtab + 8 * 64L);
        long smmu = 0x0905_0000L;
        withSmmu.qtest("writeq " + hex(smmu + Registers.STRTAB_BASE) + " " + hex(strtab));
        withSmmu.qtest("writel " + hex(smmu + Registers.STRTAB_BASE_CFG) + " 0x8");
        withSmmu.qtest("writeq " + hex(smmu + Registers.CMDQ_BASE) + " " + hex(0x4401_0000L | 6));
        withSmmu.qtest("writeq " + hex(smmu + Registers.EVENTQ_BASE) + " " + hex(0x4402_0000L | 5));
        withSmmu.qtest("writel " + hex(smmu + Registers.CR0) + " 0xd");
        program(withSmmu, DMA_IOVA);
        withoutSmmu = virt(false);
        program(withoutSmmu, DMA_GPA);
        for (InJvmServer m : new InJvmServer[] {withSmmu, withoutSmmu}) {
            dma(m);
            String r = m.qtest("readl " + hex(BAR + IommuRegs.RESULT));
            if (!r.equals("OK 0x0000000000000000\n")) {
                throw new IllegalStateException("iommu-testdev DMA failed: " + r);
            }
        }
        Translator translator = ((VirtBoard) withSmmu.board()).smmu().core().translator();
        long walks = translator.walks();
        dma(withSmmu);
        if (walks == 0 || translator.walks() != walks) {
            throw new IllegalStateException("the measured DMA must translate through an IOTLB hit");
        }
    }

    private static void program(InJvmServer m, long iova) {
        m.qtest("writel " + hex(BAR + IommuRegs.IOVA_LO) + " " + hex(iova & 0xffff_ffffL));
        m.qtest("writel " + hex(BAR + IommuRegs.IOVA_HI) + " " + hex(iova >>> 32));
        m.qtest("writel " + hex(BAR + IommuRegs.GPA_LO) + " " + hex(DMA_GPA & 0xffff_ffffL));
        m.qtest("writel " + hex(BAR + IommuRegs.GPA_HI) + " " + hex(DMA_GPA >>> 32));
        m.qtest("writel " + hex(BAR + IommuRegs.LEN) + " 0x100");
    }

    private int dma(InJvmServer m) {
        int n = m.qtest(ring, 0, ring.length, reply);
        n += m.qtest(trigger, 0, trigger.length, reply);
        return n + m.qtest(result, 0, result.length, reply);
    }

    @TearDown
    public void tearDown() {
        withSmmu.close();
        withoutSmmu.close();
    }

    @Benchmark
    public long iotlbHit() {
        int slot = tlb.lookup(pageTag, contextTag);
        return tlb.pagePa(slot);
    }

    @Benchmark
    public long qemuStyleIotlbHit() {
        return qemuStyle.lookup(ASID, 0, IOVA, 12, 0);
    }

    @Benchmark
    public Object configCacheHit() {
        return configs.lookup(SID);
    }

    @Benchmark
    public Object qemuStyleConfigCacheHit() {
        return qemuStyleConfigs.get(SID);
    }

    /** Baseline of translateHit: the configuration from a hash table, then the level-by-level IOTLB probe. */
    @Benchmark
    public long qemuStyleTranslateHit() {
        StreamConfig c = qemuStyleConfigs.get(SID);
        return qemuStyle.lookup(c.s1.asid, 0, IOVA, c.tlbShift, c.s1.tt0.startLevel);
    }

    @Benchmark
    public long translateHit() {
        return smmu.translate(SID, IOVA, Access.READ);
    }

    @Benchmark
    public long walkStage1Granule4k() {
        walker.stage1(s1[0], null, IOVA, Access.READ, walked, fault);
        return walked.outputAddress;
    }

    @Benchmark
    public long walkStage1Granule16k() {
        walker.stage1(s1[1], null, IOVA, Access.READ, walked, fault);
        return walked.outputAddress;
    }

    @Benchmark
    public long walkStage1Granule64k() {
        walker.stage1(s1[2], null, IOVA, Access.READ, walked, fault);
        return walked.outputAddress;
    }

    /** The 4K walk from the start level: two regions sharing one memo entry, walked in turn. */
    @Benchmark
    public long walkStage1Granule4kFromStartLevel() {
        alternate = !alternate;
        walker.stage1(s1[0], null, alternate ? IOVA : IOVA_COLLIDING, Access.READ, walked, fault);
        return walked.outputAddress;
    }

    /** The 4K walk as the machine does it: SystemBusMemory over an AddressSpace with SparseRam, memo warm. */
    @Benchmark
    public long walkStage1Granule4kSystemRam() {
        systemWalker.stage1(systemS1, null, IOVA, Access.READ, walked, fault);
        return walked.outputAddress;
    }

    /** The same tables from the start level through SystemBusMemory (memo defeated as above). */
    @Benchmark
    public long walkStage1Granule4kSystemRamFromStartLevel() {
        alternate = !alternate;
        systemWalker.stage1(systemS1, null, alternate ? IOVA : IOVA_COLLIDING, Access.READ, walked, fault);
        return walked.outputAddress;
    }

    /** Baseline: every descriptor through the dispatch (isAssigned + load), as main's adapter and QEMU read them. */
    @Benchmark
    public long qemuStyleWalkStage1Granule4k() {
        dispatchedWalker.stage1(systemS1, null, IOVA, Access.READ, walked, fault);
        return walked.outputAddress;
    }

    /** A combined-translation miss as translate() walks it: stage-2 translations of the tables hit the IOTLB. */
    @Benchmark
    public long nestedMiss() {
        nestedWalker.stage1(nestedS1, nestedS2, IOVA, Access.READ, walked, fault);
        return walked.outputAddress;
    }

    /** The same walk with no stage-2 entries cached: 4 stage-1 fetches, each behind a 4-level stage-2 walk. */
    @Benchmark
    public long nestedMissColdStage2() {
        walker.stage1(nestedS1, nestedS2, IOVA, Access.READ, walked, fault);
        return walked.outputAddress;
    }

    @Benchmark
    public int tlbiByVaWith1000Live() {
        bigTlb.fill(Iotlb.pageTag(vaInvalidated, 12), bigContext, PA, true, true, false, 12, 3, 12);
        bigTlb.invalidateAddress(0, 2, vaInvalidated, 1, 0, 0);
        return bigTlb.size();
    }

    @Benchmark
    public int tlbiByAsidWith1000Live() {
        bigTlb.fill(Iotlb.pageTag(vaInvalidated, 12), bigContext, PA, true, true, false, 12, 3, 12);
        bigTlb.invalidateAsid(0, 2);
        return bigTlb.size();
    }

    /** Baseline: insert one entry of ASID 2 into the QEMU-style table (255 of ASID 1 live), drop it by VA. */
    @Benchmark
    public int qemuStyleTlbiByVa() {
        qemuStyleTlbi.insert(2, 0, vaInvalidated, 12, 3, PA);
        qemuStyleTlbi.invalidateVa(2, 0, vaInvalidated, 1);
        return qemuStyleTlbi.size();
    }

    /** Baseline: the same by ASID. */
    @Benchmark
    public int qemuStyleTlbiByAsid() {
        qemuStyleTlbi.insert(2, 0, vaInvalidated, 12, 3, PA);
        qemuStyleTlbi.invalidateAsid(2, 0);
        return qemuStyleTlbi.size();
    }

    /** One iommu-testdev DMA of 256 bytes through the SMMU (IOTLB hit), three qtest commands in the JVM. */
    @Benchmark
    public int endToEndIommuTestdevDma() {
        return dma(withSmmu);
    }

    /** Baseline: the same DMA on virt without an SMMU (bus-master accesses untranslated). */
    @Benchmark
    public int endToEndIommuTestdevDmaWithoutSmmu() {
        return dma(withoutSmmu);
    }

    /** The SMMU's memory adapter as main had it: every read through the dispatch, nothing memoised. */
    static final class DispatchedMemory implements GuestMemory {
        private final AddressSpace as;

        DispatchedMemory(AddressSpace as) {
            this.as = as;
        }

        @Override
        public boolean read(long pa, long[] dst, int index, int count) {
            if (!as.isAssigned(pa, 8L * count)) {
                return false;
            }
            for (int i = 0; i < count; i++) {
                dst[index + i] = as.load(pa + 8L * i, 8, false);
            }
            return true;
        }

        @Override
        public boolean write64(long pa, long value) {
            as.store(pa, 8, value, false);
            return true;
        }

        @Override
        public boolean write32(long pa, int value) {
            as.store(pa, 4, value & 0xffff_ffffL, false);
            return true;
        }
    }

    /** Stream configurations in a hash table keyed by StreamID, with a reused probe key (no boxing). */
    static final class QemuStyleConfigs {
        private final HashMap<SidKey, StreamConfig> table = new HashMap<>();
        private final SidKey probe = new SidKey();

        static final class SidKey {
            int sid;

            @Override
            public boolean equals(Object o) {
                return o instanceof SidKey k && k.sid == sid;
            }

            @Override
            public int hashCode() {
                return sid * 0x9e37_79b9;
            }
        }

        void put(int sid, StreamConfig c) {
            SidKey k = new SidKey();
            k.sid = sid;
            table.put(k, c);
        }

        StreamConfig get(int sid) {
            probe.sid = sid;
            return table.get(probe);
        }
    }

    /**
     * The baseline: an IOTLB in the shape QEMU's model uses (a hash table keyed by ASID, VMID, address masked to a
     * level, granule and level; a lookup probes the start level, then each lower level; an insert into a full table
     * of 256 entries flushes it first). Keys are objects with hashCode/equals, as GLib's hash table calls functions;
     * the probe key is reused and the hash mixes fields without boxing, so the comparison is of structure, not of
     * garbage collection.
     */
    static final class QemuStyleIotlb {
        static final int MAX = 256;
        private final HashMap<Key, long[]> table = new HashMap<>();
        private final Key probe = new Key();

        static final class Key {
            int asid;
            int vmid;
            long iova;
            int tg;
            int level;

            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && k.asid == asid && k.vmid == vmid && k.iova == iova && k.tg == tg
                        && k.level == level;
            }

            @Override
            public int hashCode() {
                // Field-wise mixing without boxing, like the key hash function a C hash table is given.
                long h = iova * 31 + asid;
                h = h * 31 + vmid;
                h = h * 31 + tg;
                return Long.hashCode(h * 31 + level);
            }
        }

        void insert(int asid, int vmid, long iova, int tg, int level, long pa) {
            if (table.size() >= MAX) {
                table.clear();
            }
            Key k = new Key();
            k.asid = asid;
            k.vmid = vmid;
            k.iova = iova;
            k.tg = tg;
            k.level = level;
            table.put(k, new long[] {pa});
        }

        int size() {
            return table.size();
        }

        /** TLBI by ASID: every entry visited, those of the ASID removed. */
        void invalidateAsid(int asid, int vmid) {
            for (Iterator<Key> it = table.keySet().iterator(); it.hasNext(); ) {
                Key k = it.next();
                if (k.asid == asid && k.vmid == vmid) {
                    it.remove();
                }
            }
        }

        /** TLBI by VA: every entry visited, those of the ASID whose mapping overlaps the range removed. */
        void invalidateVa(int asid, int vmid, long va, int pages) {
            long end = va + ((long) pages << 12) - 1;
            for (Iterator<Key> it = table.keySet().iterator(); it.hasNext(); ) {
                Key k = it.next();
                if (k.asid != asid || k.vmid != vmid) {
                    continue;
                }
                long size = 1L << (k.tg + (k.tg - 3) * (3 - k.level));
                long last = k.iova + size - 1;
                if (Long.compareUnsigned(k.iova, end) <= 0 && Long.compareUnsigned(va, last) <= 0) {
                    it.remove();
                }
            }
        }

        long lookup(int asid, int vmid, long iova, int granuleShift, int startLevel) {
            int stride = granuleShift - 3;
            for (int level = startLevel; level <= 3; level++) {
                probe.asid = asid;
                probe.vmid = vmid;
                probe.iova = iova & (-1L << (granuleShift + stride * (3 - level)));
                probe.tg = granuleShift;
                probe.level = level;
                long[] e = table.get(probe);
                if (e != null) {
                    return e[0] | (iova & ((1L << (granuleShift + stride * (3 - level))) - 1));
                }
            }
            return -1;
        }
    }
}
