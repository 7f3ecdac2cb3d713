package io.qtestjvm.bench;

import io.qtestjvm.smmuv3.Smmuv3;
import io.qtestjvm.smmuv3.cache.ConfigCache;
import io.qtestjvm.smmuv3.cache.Iotlb;
import io.qtestjvm.smmuv3.queue.SmmuInterrupts;
import io.qtestjvm.smmuv3.spec.ArrayGuestMemory;
import io.qtestjvm.smmuv3.spec.CdLayout;
import io.qtestjvm.smmuv3.spec.Registers;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.SteLayout;
import io.qtestjvm.smmuv3.spec.Structure;
import io.qtestjvm.smmuv3.walk.Access;
import io.qtestjvm.smmuv3.walk.Fault;
import io.qtestjvm.smmuv3.walk.PageTableWalker;
import io.qtestjvm.smmuv3.walk.Stage1Config;
import io.qtestjvm.smmuv3.walk.Stage2Config;
import io.qtestjvm.smmuv3.walk.StreamConfig;
import io.qtestjvm.smmuv3.walk.TableParams;
import io.qtestjvm.smmuv3.walk.WalkResult;
import java.util.HashMap;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SMMUv3 translation hot path (issue 12): IOTLB hit, config-cache hit, a whole {@code translate()} that hits,
 * warm stage-1 walks per granule (4 levels for 4K and 16K, 3 for 64K at 48 bits), a nested stage-1 + stage-2 walk
 * (4 + 4 levels, every stage-1 fetch translated by stage 2: with the stage-2 entries in the IOTLB as translate()
 * has them, and cold) and TLBI by VA and by ASID with 1 000 live entries. In
 * the same run, {@code qemuStyleIotlbHit} is a baseline written here in QEMU's style: a hash table whose keys carry
 * ASID, VMID, the address masked to a level, the granule and the level, probed level by level from the start level
 * down on lookup and flushed whole at 256 entries.
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
    private final WalkResult result = new WalkResult();
    private final Fault fault = new Fault();
    private Iotlb bigTlb;
    private long vaInvalidated;
    private long bigContext;
    private final QemuStyleIotlb qemuStyle = new QemuStyleIotlb();

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
        if (!walker.stage1(nestedS1, nestedS2, IOVA, Access.READ, result, fault)
                || result.outputAddress != (PA | 0x567)) {
            throw new IllegalStateException("nested set-up failed: " + fault);
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
    public long translateHit() {
        return smmu.translate(SID, IOVA, Access.READ);
    }

    @Benchmark
    public long walkStage1Granule4k() {
        walker.stage1(s1[0], null, IOVA, Access.READ, result, fault);
        return result.outputAddress;
    }

    @Benchmark
    public long walkStage1Granule16k() {
        walker.stage1(s1[1], null, IOVA, Access.READ, result, fault);
        return result.outputAddress;
    }

    @Benchmark
    public long walkStage1Granule64k() {
        walker.stage1(s1[2], null, IOVA, Access.READ, result, fault);
        return result.outputAddress;
    }

    /** A combined-translation miss as translate() walks it: stage-2 translations of the tables hit the IOTLB. */
    @Benchmark
    public long nestedMiss() {
        nestedWalker.stage1(nestedS1, nestedS2, IOVA, Access.READ, result, fault);
        return result.outputAddress;
    }

    /** The same walk with no stage-2 entries cached: 4 stage-1 fetches, each behind a 4-level stage-2 walk. */
    @Benchmark
    public long nestedMissColdStage2() {
        walker.stage1(nestedS1, nestedS2, IOVA, Access.READ, result, fault);
        return result.outputAddress;
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
