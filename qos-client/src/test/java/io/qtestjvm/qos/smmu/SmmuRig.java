package io.qtestjvm.qos.smmu;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.iommu.QIommuTestdev;
import io.qtestjvm.qos.libqos.pci.PciBusGeneric;
import io.qtestjvm.qos.libqos.pci.QPciDevice;
import io.qtestjvm.qos.libqos.smmu.QSmmuV3;
import io.qtestjvm.qos.libqos.smmu.SmmuCd;
import io.qtestjvm.qos.libqos.smmu.SmmuCommandQueue;
import io.qtestjvm.qos.libqos.smmu.SmmuEvent;
import io.qtestjvm.qos.libqos.smmu.SmmuPageTable;
import io.qtestjvm.qos.libqos.smmu.SmmuSte;
import io.qtestjvm.qos.libqos.smmu.SmmuStreamTable;
import io.qtestjvm.qos.libqtest.QTestState;
import org.junit.jupiter.api.Assumptions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code virt,iommu=smmuv3} machine (default compat, 512 MiB) with iommu-testdev functions at the given slots,
 * the SMMU programmed by {@link QSmmuV3} over a stream table of the caller's choice, and a guest allocator over RAM
 * above the first 16 MiB. StreamID = devfn (bus 0).
 */
final class SmmuRig implements AutoCloseable {
    static final long RAM = 0x4000_0000L;
    static final long RAM_END = 0x6000_0000L;
    /** Nothing decodes here in virt (RAM ends at 0x6000_0000 with -m 512): a bus-master access aborts. */
    static final long HOLE = 0x7000_0000L;
    static final String DMA_NEEDS_VIRTUAL_TIME = "iommu-testdev DMA runs in the main loop, which needs virtual "
            + "time; Debian's QEMU 7.2 (stopped with -S, no qtest accelerator) has no iommu-testdev either";

    final QTestState qts;
    final GuestAllocator alloc;
    final List<QIommuTestdev> devs = new ArrayList<>();
    SmmuStreamTable table;
    QSmmuV3 smmu;

    private SmmuRig(QTestState qts) {
        this.qts = qts;
        this.alloc = new GuestAllocator(RAM + 0x100_0000L, RAM_END, 4096);
    }

    /** Skips on [qemu] with the reason (DMA needs virtual time, no iommu-testdev in QEMU 7.2). */
    static void assumeDma(Backend b) {
        Assumptions.assumeTrue(b.hasVirtualTime(), "not applicable on [" + b.label() + "]: " + DMA_NEEDS_VIRTUAL_TIME);
    }

    /** The machine with testdevs at {@code slots}, a linear stream table of 2^8 entries, queues of 2^4 entries. */
    static SmmuRig start(Backend b, int... slots) {
        return start(b, (q, a) -> SmmuStreamTable.linear(q, a, 8), 4, 4, slots);
    }

    static SmmuRig start(Backend b, BiFunction<QTestState, GuestAllocator, SmmuStreamTable> table, int cmdqLog2,
            int evtqLog2, int... slots) {
        return start(b, "", table, cmdqLog2, evtqLog2, slots);
    }

    /** As above, with {@code extraArgs} (other devices) on the command line. */
    static SmmuRig start(Backend b, String extraArgs, BiFunction<QTestState, GuestAllocator, SmmuStreamTable> table,
            int cmdqLog2, int evtqLog2, int... slots) {
        assumeDma(b);
        return start(b, "virt", extraArgs, table, cmdqLog2, evtqLog2, slots);
    }

    /** As above on machine type {@code machine} (e.g. {@code virt-7.2}), without the [qemu] check. */
    static SmmuRig start(Backend b, String machine, String extraArgs,
            BiFunction<QTestState, GuestAllocator, SmmuStreamTable> table, int cmdqLog2, int evtqLog2,
            int... slots) {
        StringBuilder args = new StringBuilder("-machine " + machine + ",iommu=smmuv3 -m 512 " + extraArgs);
        for (int s : slots) {
            args.append(" -device iommu-testdev,addr=").append(Integer.toHexString(s)).append(".0");
        }
        SmmuRig r = new SmmuRig(new QTestState(b.start("aarch64", args.toString(), "10.2")));
        try {
            PciBusGeneric bus = new PciBusGeneric(r.qts);
            for (int s : slots) {
                QPciDevice d = bus.deviceAt(s << 3);
                assertTrue(d != null && d.vendorId() == QIommuTestdev.VENDOR_ID, "iommu-testdev at slot " + s);
                d.enable();
                r.devs.add(new QIommuTestdev(d));
            }
            r.table = table.apply(r.qts, r.alloc);
            r.smmu = QSmmuV3.enable(r.qts, QSmmuV3.VIRT_BASE, r.alloc, r.table, cmdqLog2, evtqLog2);
        } catch (RuntimeException | Error e) {
            r.close();
            throw e;
        }
        return r;
    }

    QIommuTestdev dev(int i) {
        return devs.get(i);
    }

    int sid(int i) {
        return devs.get(i).pci().devfn();
    }

    /** A zeroed, 64-byte buffer for a DMA's target. */
    long buffer() {
        long a = alloc.alloc(64);
        qts.memset(a, 0, 64);
        return a;
    }

    SmmuPageTable stage1(int granuleShift, int inputBits) {
        return SmmuPageTable.stage1(qts, alloc, granuleShift, inputBits);
    }

    SmmuPageTable stage2(int granuleShift, int inputBits, int startLevel) {
        return SmmuPageTable.stage2(qts, alloc, granuleShift, inputBits, startLevel);
    }

    /** A CD for {@code s1} written to guest memory; returns its address. */
    long cd(SmmuCd cd) {
        long a = QSmmuV3.allocAligned(qts, alloc, 64);
        cd.writeTo(qts, a);
        return a;
    }

    /** Writes {@code ste} for device {@code i}'s StreamID and invalidates the config and every TLB entry. */
    void install(int i, SmmuSte ste) {
        table.write(sid(i), ste);
        smmu.invalidate(SmmuCommandQueue.cfgiSte(sid(i)), SmmuCommandQueue.tlbiNsnhAll());
    }

    /** Writes {@code ste} for StreamID {@code sid} (any bus master) and invalidates its config and every TLB entry. */
    void installSid(int sid, SmmuSte ste) {
        table.write(sid, ste);
        smmu.invalidate(SmmuCommandQueue.cfgiSte(sid), SmmuCommandQueue.tlbiNsnhAll());
    }

    /** Stage 1 only: the STE (VMID 0) of a stream using {@code s1} with ASID {@code asid}. */
    void installStage1(int i, SmmuPageTable s1, int asid) {
        install(i, SmmuSte.valid(SmmuSte.CONFIG_S1).s1ContextPtr(cd(SmmuCd.forTable(s1, asid))));
    }

    /** DMA of {@code len} bytes from device {@code i} to {@code iova}, checked at {@code pa}; the RESULT. */
    int dma(int i, long iova, long pa, int len) {
        return dev(i).runDma(iova, pa, len, QIommuTestdev.ATTRS_NS_VALID);
    }

    /** Asserts that the DMA to {@code iova} landed at {@code pa} and raised no event. */
    void assertLands(int i, long iova, long pa, String what) {
        qts.memset(pa, 0, 8);
        assertEquals(QIommuTestdev.RESULT_OK, dma(i, iova, pa, 8), what + ": DMA result");
        List<SmmuEvent> ev = smmu.events().drain();
        assertEquals(List.of(), ev, what + ": no event");
    }

    /** Asserts that the DMA to {@code iova} failed and recorded exactly one event, which it returns. */
    SmmuEvent assertFaults(int i, long iova, int type, String what) {
        long pa = buffer();
        assertEquals(QIommuTestdev.ERR_TX_FAIL, dma(i, iova, pa, 8), what + ": DMA result");
        List<SmmuEvent> ev = smmu.events().drain();
        assertEquals(1, ev.size(), what + ": one event, got " + ev);
        SmmuEvent e = ev.get(0);
        assertEquals(SmmuEvent.name(type), SmmuEvent.name(e.type()), what + ": " + e);
        assertEquals(sid(i), e.streamId(), what + ": StreamID of " + e);
        return e;
    }

    @Override
    public void close() {
        qts.close();
    }
}
