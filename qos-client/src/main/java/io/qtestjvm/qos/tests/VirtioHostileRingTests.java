package io.qtestjvm.qos.tests;

import static io.qtestjvm.qos.tests.VirtioBlkRequests.*;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.pci.QPciAddress;
import io.qtestjvm.qos.libqos.virtio.QVirtQueue;
import io.qtestjvm.qos.libqos.virtio.QVirtioDevice;
import io.qtestjvm.qos.libqos.virtio.SplitVirtQueue;
import io.qtestjvm.qos.libqos.virtio.UsedElem;
import io.qtestjvm.qos.libqos.virtio.VirtioPciNode;
import io.qtestjvm.qos.libqos.virtio.VirtioSpec;
import io.qtestjvm.qos.libqos.virtio.VirtqLayout;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosAllocator;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosTestOptions;

import java.nio.file.Path;

/**
 * Rings a correct driver never builds (ours; virtio 1.2 2.7.5.3.1, 2.7.13, 2.7.5.3: what a driver MUST NOT do), on a
 * modern {@code virtio-blk-pci} whose split queue 0 is live: a descriptor loop, a chain longer than the queue, a
 * buffer outside RAM, an indirect descriptor inside an indirect table, and an available index moved by more than
 * the queue size. Each asserts what QEMU does (the device sets DEVICE_NEEDS_RESET, 2.1.2, and sends a configuration
 * change notification), then that a second virtio-blk-pci at 05.0 still serves a read and that the broken device
 * works again after a reset (2.4).
 * <p>
 * Observed on Debian's QEMU 7.2 under {@code -accel tcg -S} (all of these complete there: the device checks the
 * ring inside the notify): a buffer outside RAM is an error only when QEMU cannot map it, i.e. beyond the one page
 * its bounce buffer covers; {@code hostile-header-outside-ram-one-page} pins the smaller case, which QEMU serves.
 */
public final class VirtioHostileRingTests {
    static final QPciAddress SECOND = new QPciAddress(QPciAddress.devfn(5, 0), 0, 0);
    /** Far above any RAM the machines give the tests, and inside a 40-bit physical address space. */
    static final long OUTSIDE_RAM = 1L << 39;
    /**
     * 384 GiB: unassigned on every machine the graph has (pc's RAM ends far below; on virt it lies between the high
     * ECAM window and the 64-bit PCI MMIO window that starts at 512 GiB, where {@link #OUTSIDE_RAM} would decode to
     * the PCI host's all-ones reads).
     */
    static final long UNASSIGNED = 3L << 37;

    private VirtioHostileRingTests() {
    }

    @FunctionalInterface
    interface BadRing {
        void build(QVirtioDevice dev, GuestAllocator alloc, SplitVirtQueue vq);
    }

    public static void register(QosGraph<QTestState> graph) {
        QosTestOptions opts = QosTestOptions.before(VirtioHostileRingTests::setup);
        add(graph, "hostile-desc-loop", VirtioHostileRingTests::descriptorLoop, opts);
        add(graph, "hostile-chain-longer-than-queue", VirtioHostileRingTests::chainLongerThanQueue, opts);
        add(graph, "hostile-addr-outside-ram", VirtioHostileRingTests::addressOutsideRam, opts);
        add(graph, "hostile-nested-indirect", VirtioHostileRingTests::indirectInsideIndirect, opts);
        add(graph, "hostile-avail-jump", VirtioHostileRingTests::availIndexJumpsPastQueueSize, opts);
        graph.addTest("hostile-header-outside-ram-one-page", "virtio-blk-pci", (Object obj, Object arg,
                QosAllocator alloc) -> ScratchImages.deleteAfter((Path) arg,
                        () -> smallBufferOutsideRamIsServed((VirtioPciNode) obj, (GuestAllocator) alloc)), opts);
    }

    static Object setup(StringBuilder cmd, Object arg) {
        Object img = VirtioBlkTests.setup(cmd, arg);
        cmd.append(" -device virtio-blk-pci,id=drv1,drive=drive1,addr=05.0");
        return img;
    }

    private static void add(QosGraph<QTestState> g, String name, BadRing bad, QosTestOptions opts) {
        g.addTest(name, "virtio-blk-pci", (Object obj, Object arg, QosAllocator alloc) ->
                ScratchImages.deleteAfter((Path) arg, () -> run((VirtioPciNode) obj, (GuestAllocator) alloc, bad)),
                opts);
    }

    static void run(VirtioPciNode node, GuestAllocator alloc, BadRing bad) {
        QVirtioDevice dev = node.virtio();
        NotApplicable.unless(dev.bus().modern(), "NEEDS_RESET is reported by virtio 1.x interfaces only");
        VirtioBlkTests.features(dev, false, VirtioSpec.F_INDIRECT_DESC);
        SplitVirtQueue vq = dev.setupQueue(alloc, 0);
        dev.driverOk();
        bad.build(dev, alloc, vq);
        int s = dev.waitNeedsReset();
        Check.isTrue((s & VirtioSpec.STATUS_DRIVER_OK) != 0, "DRIVER_OK kept beside NEEDS_RESET, status 0x"
                + Integer.toHexString(s));
        dev.waitConfigInterrupt();

        // another device on the bus is unaffected
        VirtioPciNode other = new VirtioPciNode("virtio-blk-pci", "virtio-blk", VirtioSpec.ID_BLOCK,
                node.pci().bus(), SECOND);
        other.startHw();
        QVirtioDevice odev = other.virtio();
        VirtioBlkTests.features(odev, false, 0);
        QVirtQueue ovq = odev.setupQueue(alloc, 0);
        odev.driverOk();
        Check.equalBytes(new byte[SECTOR], read(odev, alloc, ovq, 7), "null-co read on the second device");

        // 2.4: a reset brings the broken device back
        dev.start();
        Check.equal(0, dev.status() & VirtioSpec.STATUS_NEEDS_RESET, "NEEDS_RESET cleared by the reset");
        VirtioBlkTests.features(dev, false, 0);
        QVirtQueue again = dev.setupQueue(alloc, 0);
        dev.driverOk();
        write(dev, alloc, again, 3, sector("AGAIN"));
        Check.equalBytes(sector("AGAIN"), read(dev, alloc, again, 3), "sector 3 after the reset");
    }

    /** 2.7.5.3.1: descriptors 0 and 1 name each other as next. */
    static void descriptorLoop(QVirtioDevice dev, GuestAllocator alloc, SplitVirtQueue vq) {
        Req r = request(dev, alloc, T_OUT, 0, sector("LOOP"), SECTOR);
        vq.writeDesc(0, r.addr(), HEADER, VirtioSpec.DESC_F_NEXT, 1);
        vq.writeDesc(1, r.data(), SECTOR, VirtioSpec.DESC_F_NEXT, 0);
        vq.publish(0);
        vq.kick();
    }

    /** Every descriptor of the table chained, the last one back to the first: longer than the queue. */
    static void chainLongerThanQueue(QVirtioDevice dev, GuestAllocator alloc, SplitVirtQueue vq) {
        Req r = request(dev, alloc, T_OUT, 0, sector("LONG"), SECTOR);
        int n = vq.size();
        vq.writeDesc(0, r.addr(), HEADER, VirtioSpec.DESC_F_NEXT, 1);
        for (int i = 1; i < n; i++) {
            vq.writeDesc(i, r.data(), 1, VirtioSpec.DESC_F_NEXT, (i + 1) % n);
        }
        vq.publish(0);
        vq.kick();
    }

    /** A device-writable data buffer of two pages at 512 GiB, where no machine of the tests has RAM. */
    static void addressOutsideRam(QVirtioDevice dev, GuestAllocator alloc, SplitVirtQueue vq) {
        Req r = request(dev, alloc, T_IN, 0, null, SECTOR);
        vq.writeDesc(0, r.addr(), HEADER, VirtioSpec.DESC_F_NEXT, 1);
        vq.writeDesc(1, OUTSIDE_RAM, 2 * 4096, VirtioSpec.DESC_F_WRITE | VirtioSpec.DESC_F_NEXT, 2);
        vq.writeDesc(2, r.status(), 1, VirtioSpec.DESC_F_WRITE, 0);
        vq.publish(0);
        vq.kick();
    }

    /**
     * QEMU's departure: a buffer outside RAM of at most a page is not an error; it is served through QEMU's one
     * bounce buffer as unassigned memory (reads as zeros), so a request whose 16-byte header lies at 384 GiB is a
     * read of sector 0 that completes with status OK and 513 bytes used, and the device stays healthy.
     */
    static void smallBufferOutsideRamIsServed(VirtioPciNode node, GuestAllocator alloc) {
        QVirtioDevice dev = node.virtio();
        VirtioBlkTests.features(dev, false, 0);
        SplitVirtQueue vq = dev.setupQueue(alloc, 0);
        dev.driverOk();
        Req r = request(dev, alloc, T_OUT, 0, null, SECTOR);
        vq.writeDesc(0, UNASSIGNED, HEADER, VirtioSpec.DESC_F_NEXT, 1);
        vq.writeDesc(1, r.data(), SECTOR, VirtioSpec.DESC_F_WRITE | VirtioSpec.DESC_F_NEXT, 2);
        vq.writeDesc(2, r.status(), 1, VirtioSpec.DESC_F_WRITE, 0);
        vq.publish(0);
        vq.kick();
        UsedElem e = dev.waitUsed(vq, 0);
        Check.equal(SECTOR + 1, e.len(), "used length of the read the zero header stands for");
        Check.equal(S_OK, status(dev, r), "status");
        Check.equal(0, dev.status() & VirtioSpec.STATUS_NEEDS_RESET, "no NEEDS_RESET");
    }

    /** 2.7.5.3.1: "MUST NOT set VIRTQ_DESC_F_INDIRECT" inside a table. */
    static void indirectInsideIndirect(QVirtioDevice dev, GuestAllocator alloc, SplitVirtQueue vq) {
        Req r = request(dev, alloc, T_OUT, 0, sector("NEST"), SECTOR);
        long inner = alloc.alloc(VirtqLayout.DESC_SIZE);
        long outer = alloc.alloc(VirtqLayout.DESC_SIZE);
        QTestState qts = dev.qts();
        qts.writeq(inner, r.addr());
        qts.writel(inner + VirtqLayout.DESC_LEN, HEADER);
        qts.writew(inner + VirtqLayout.SPLIT_DESC_FLAGS, 0);
        qts.writew(inner + VirtqLayout.SPLIT_DESC_NEXT, 0);
        qts.writeq(outer, inner);
        qts.writel(outer + VirtqLayout.DESC_LEN, VirtqLayout.DESC_SIZE);
        qts.writew(outer + VirtqLayout.SPLIT_DESC_FLAGS, VirtioSpec.DESC_F_INDIRECT);
        qts.writew(outer + VirtqLayout.SPLIT_DESC_NEXT, 0);
        vq.writeDesc(0, outer, VirtqLayout.DESC_SIZE, VirtioSpec.DESC_F_INDIRECT, 0);
        vq.publish(0);
        vq.kick();
    }

    /** 2.7.6: idx moved from 0 to size + 1, more buffers than the queue can hold. */
    static void availIndexJumpsPastQueueSize(QVirtioDevice dev, GuestAllocator alloc, SplitVirtQueue vq) {
        Req r = request(dev, alloc, T_OUT, 0, sector("JUMP"), SECTOR);
        vq.writeDesc(0, r.addr(), HEADER, VirtioSpec.DESC_F_NEXT, 1);
        vq.writeDesc(1, r.data(), SECTOR, VirtioSpec.DESC_F_NEXT, 2);
        vq.writeDesc(2, r.status(), 1, VirtioSpec.DESC_F_WRITE, 0);
        vq.setAvailIdx(vq.size() + 1);
        vq.notifyDevice();
    }
}
