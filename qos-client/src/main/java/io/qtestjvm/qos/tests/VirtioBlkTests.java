package io.qtestjvm.qos.tests;

import static io.qtestjvm.qos.tests.VirtioBlkRequests.*;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.pci.PciBusPc;
import io.qtestjvm.qos.libqos.pci.QPciBar;
import io.qtestjvm.qos.libqos.pci.QPciDevice;
import io.qtestjvm.qos.libqos.virtio.DescChain;
import io.qtestjvm.qos.libqos.virtio.QVirtQueue;
import io.qtestjvm.qos.libqos.virtio.QVirtioDevice;
import io.qtestjvm.qos.libqos.virtio.UsedElem;
import io.qtestjvm.qos.libqos.virtio.VirtioPci;
import io.qtestjvm.qos.libqos.virtio.VirtioPciLayout;
import io.qtestjvm.qos.libqos.virtio.VirtioPciLegacy;
import io.qtestjvm.qos.libqos.virtio.VirtioPciNode;
import io.qtestjvm.qos.libqos.virtio.VirtioSpec;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosAllocator;
import io.qtestjvm.qos.qgraph.QosEdgeOptions;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosTestOptions;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * QEMU's virtio-blk graph tests (tests/qtest/virtio-blk-test.c; reference 7.5), with QEMU's names, on the
 * {@code virtio-blk} interface (any transport) and the {@code virtio-blk-pci} node, plus packed-ring variants
 * ({@code packed-basic}, {@code packed-indirect}, {@code packed-idx}: the device is started with {@code packed=on}
 * and RING_PACKED negotiated, virtio 1.2 2.8) and legacy-interface variants ({@code legacy-basic},
 * {@code legacy-msix}: {@code disable-modern=on}, so the driver falls back to BAR 0, 4.1.4.8). What each test
 * sends and checks is QEMU's test's; how it is sent is this project's driver ({@code libqos.virtio}). The {@code before} hook gives every test a fresh 64 MiB sparse image
 * as {@code drive0} and a {@code null-co} drive {@code drive1}.
 */
public final class VirtioBlkTests {
    static final long IMAGE_SIZE = 64L << 20;
    static final long RESIZED = 32L << 20;
    static final String DRIVES = " -drive if=none,id=drive0,file=%s,format=raw,auto-read-only=off"
            + " -drive if=none,id=drive1,file=null-co://,file.read-zeroes=on,format=raw";
    static final String PACKED = "packed=on";
    static final String LEGACY = "disable-modern=on";

    private VirtioBlkTests() {
    }

    @FunctionalInterface
    interface BlkTest {
        void run(QVirtioDevice dev, GuestAllocator alloc);
    }

    @FunctionalInterface
    interface BlkPciTest {
        void run(VirtioPciNode node, GuestAllocator alloc);
    }

    public static void register(QosGraph<QTestState> graph) {
        QosTestOptions setup = QosTestOptions.before(VirtioBlkTests::setup);
        QosTestOptions packed = setup.withEdge(QosEdgeOptions.extraDeviceOpts(PACKED));
        blk(graph, "indirect", (d, a) -> indirect(d, a, false), setup);
        blk(graph, "config", VirtioBlkTests::config, setup);
        blk(graph, "basic", (d, a) -> basic(d, a, false), setup);
        blk(graph, "resize", VirtioBlkTests::resize, setup);
        blk(graph, "packed-basic", (d, a) -> basic(d, a, true), packed);
        blk(graph, "packed-indirect", (d, a) -> indirect(d, a, true), packed);
        pci(graph, "msix", VirtioBlkTests::msix, setup);
        pci(graph, "idx", (n, a) -> idx(n, a, false), setup);
        pci(graph, "nxvirtq", VirtioBlkTests::nxvirtq, setup);
        pci(graph, "hotplug", VirtioBlkTests::hotplug, setup);
        pci(graph, "packed-idx", (n, a) -> idx(n, a, true), packed);
        // ours: the legacy interface libqos falls back to (4.1.4.8), forced with disable-modern=on
        QosTestOptions legacy = setup.withEdge(QosEdgeOptions.extraDeviceOpts(LEGACY));
        pci(graph, "legacy-basic", (n, a) -> {
            // a legacy device's rings, headers and configuration are guest-endian (virtio 1.2 4.1.4.8 / 2.5.1):
            // big-endian on pseries
            Check.isTrue(!n.virtio().bus().modern(), "disable-modern=on leaves the legacy interface");
            basic(n.virtio(), a, false);
        }, legacy);
        pci(graph, "legacy-msix", VirtioBlkTests::msix, legacy);
    }

    private static void blk(QosGraph<QTestState> g, String name, BlkTest t, QosTestOptions opts) {
        g.addTest(name, "virtio-blk", (Object obj, Object arg, QosAllocator alloc) ->
                ScratchImages.deleteAfter((Path) arg, () -> t.run((QVirtioDevice) obj, (GuestAllocator) alloc)), opts);
    }

    private static void pci(QosGraph<QTestState> g, String name, BlkPciTest t, QosTestOptions opts) {
        g.addTest(name, "virtio-blk-pci", (Object obj, Object arg, QosAllocator alloc) ->
                ScratchImages.deleteAfter((Path) arg, () -> t.run((VirtioPciNode) obj, (GuestAllocator) alloc)), opts);
    }

    /** The {@code before} hook: a fresh sparse 64 MiB image as drive0, a null-co drive1. */
    static Object setup(StringBuilder cmd, Object arg) {
        try {
            Path img = Files.createTempFile("qtest.", ".img");
            img.toFile().deleteOnExit();
            try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
                f.setLength(IMAGE_SIZE);
            }
            cmd.append(DRIVES.formatted(img));
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Offered features minus bit 30, INDIRECT_DESC, EVENT_IDX and SCSI; RING_PACKED kept only when wanted. */
    static long features(QVirtioDevice dev, boolean packed, long keep) {
        return features(dev, packed, keep, 0);
    }

    /** As above, also dropping {@code alsoDrop}. */
    static long features(QVirtioDevice dev, boolean packed, long keep, long alsoDrop) {
        long offered = dev.deviceFeatures();
        if (packed) {
            NotApplicable.unless(dev.bus().modern(), "packed rings need a virtio 1.x interface");
            Check.isTrue((offered & VirtioSpec.F_RING_PACKED) != 0, "RING_PACKED offered with packed=on");
        }
        long drop = VirtioSpec.F_BAD_FEATURE | VirtioSpec.F_INDIRECT_DESC | VirtioSpec.F_EVENT_IDX | F_SCSI
                | (packed ? 0 : VirtioSpec.F_RING_PACKED);
        long f = offered & ~(drop & ~keep) & ~alsoDrop;
        dev.setFeatures(f);
        return offered;
    }

    static long capacity(QVirtioDevice dev) {
        return dev.bus().configReadq(CFG_CAPACITY);
    }

    static void blockResize(QVirtioDevice dev, long size) {
        Map<String, Object> r = dev.qts().qmp("{\"execute\": \"block_resize\", \"arguments\": {\"device\": "
                + "\"drive0\", \"size\": " + size + "}}");
        Check.isTrue(r.containsKey("return"), "block_resize answered " + r);
    }

    /** virtio-blk-test's basic test body on a set-up queue. */
    static void basicRequests(QVirtioDevice dev, GuestAllocator alloc, QVirtQueue vq, long offered) {
        write(dev, alloc, vq, 0, sector("TEST"));
        Check.equalBytes(sector("TEST"), read(dev, alloc, vq, 0), "sector 0 read back");
        if ((offered & F_WRITE_ZEROES) != 0) {
            // 5.2.6: {le64 sector, le32 num_sectors, le32 flags}
            Req r = request(dev, alloc, T_WRITE_ZEROES, 0, segment(dev, 0, 1, 0), 16);
            int head = vq.add(outChain(r));
            vq.kick();
            dev.waitUsed(vq, head);
            Check.equal(S_OK, status(dev, r), "WRITE_ZEROES status");
            Check.equalBytes(new byte[SECTOR], read(dev, alloc, vq, 0), "sector 0 after WRITE_ZEROES");
        }
        if ((offered & F_DISCARD) != 0) {
            Req r = request(dev, alloc, T_DISCARD, 0, segment(dev, 0, 1, 0), 16);
            int head = vq.add(outChain(r));
            vq.kick();
            dev.waitUsed(vq, head);
            Check.equal(S_OK, status(dev, r), "DISCARD status");
        }
        if ((offered & VirtioSpec.F_ANY_LAYOUT) != 0) {
            // header and data in one buffer, then header alone and data+status in one writable buffer
            Req w = request(dev, alloc, T_OUT, 1, sector("TEST"), SECTOR);
            int head = vq.add(DescChain.builder().readable(w.addr(), HEADER + SECTOR).writable(w.status(), 1));
            vq.kick();
            dev.waitUsed(vq, head);
            Check.equal(S_OK, status(dev, w), "ANY_LAYOUT write status");
            Req rd = request(dev, alloc, T_IN, 1, null, SECTOR);
            head = vq.add(DescChain.builder().readable(rd.addr(), HEADER).writable(rd.data(), SECTOR + 1));
            vq.kick();
            dev.waitUsed(vq, head);
            Check.equal(S_OK, status(dev, rd), "ANY_LAYOUT read status");
            Check.equalBytes(sector("TEST"), dev.qts().memread(rd.data(), SECTOR), "ANY_LAYOUT read data");
        }
    }

    /** 5.2.6 struct virtio_blk_discard_write_zeroes, in the driver's byte order (guest-endian when legacy). */
    static byte[] segment(QVirtioDevice dev, long sector, int num, int flags) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).order(dev.littleEndianRings()
                || !dev.qts().bigEndian() ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        return b.putLong(sector).putInt(num).putInt(flags).array();
    }

    static void basic(QVirtioDevice dev, GuestAllocator alloc, boolean packed) {
        long offered = features(dev, packed, 0);
        Check.equal(IMAGE_SIZE / SECTOR, capacity(dev), "capacity");
        QVirtQueue vq = dev.setupAnyQueue(alloc, 0);
        Check.equal(packed ? 1 : 0, vq.packed() ? 1 : 0, "queue layout packed");
        dev.driverOk();
        basicRequests(dev, alloc, vq, offered);
        dev.cleanupQueue(vq);
    }

    static void indirect(QVirtioDevice dev, GuestAllocator alloc, boolean packed) {
        long offered = dev.deviceFeatures();
        Check.isTrue((offered & VirtioSpec.F_INDIRECT_DESC) != 0, "INDIRECT_DESC offered");
        features(dev, packed, VirtioSpec.F_INDIRECT_DESC);
        Check.equal(IMAGE_SIZE / SECTOR, capacity(dev), "capacity");
        QVirtQueue vq = dev.setupAnyQueue(alloc, 0);
        dev.driverOk();
        // header+data in one readable buffer, status alone
        Req w = request(dev, alloc, T_OUT, 0, sector("TEST"), SECTOR);
        int head = vq.addIndirect(DescChain.builder().readable(w.addr(), HEADER + SECTOR).writable(w.status(), 1),
                alloc);
        vq.kick();
        dev.waitUsed(vq, head);
        Check.equal(S_OK, status(dev, w), "indirect write status");
        // header alone, data and status in one writable buffer
        Req r = request(dev, alloc, T_IN, 0, null, SECTOR);
        head = vq.addIndirect(DescChain.builder().readable(r.addr(), HEADER).writable(r.data(), SECTOR + 1), alloc);
        vq.kick();
        UsedElem e = dev.waitUsed(vq, head);
        Check.equal(S_OK, status(dev, r), "indirect read status");
        Check.equal(SECTOR + 1, e.len(), "indirect read used length");
        Check.equalBytes(sector("TEST"), dev.qts().memread(r.data(), SECTOR), "indirect read data");
        dev.cleanupQueue(vq);
    }

    static void config(QVirtioDevice dev, GuestAllocator alloc) {
        features(dev, false, 0);
        Check.equal(IMAGE_SIZE / SECTOR, capacity(dev), "capacity");
        dev.driverOk();
        int gen = dev.bus().configGeneration();
        blockResize(dev, RESIZED);
        dev.waitConfigInterrupt();
        Check.equal(RESIZED / SECTOR, capacity(dev), "capacity after block_resize");
        if (dev.bus().modern()) {
            Check.isTrue(dev.bus().configGeneration() != gen, "config generation changed (2.5.1)");
        }
    }

    static void resize(QVirtioDevice dev, GuestAllocator alloc) {
        long offered = features(dev, false, 0);
        Check.equal(IMAGE_SIZE / SECTOR, capacity(dev), "capacity");
        QVirtQueue vq = dev.setupQueue(alloc, 0);
        dev.driverOk();
        basicRequests(dev, alloc, vq, offered);
        blockResize(dev, RESIZED);
        // QEMU sets both ISR bits on a configuration change, so the queue bit is seen too
        dev.waitQueueInterrupt(vq);
        Check.equal(RESIZED / SECTOR, capacity(dev), "capacity after block_resize");
        dev.cleanupQueue(vq);
    }

    static void msix(VirtioPciNode node, GuestAllocator alloc) {
        // libqos skips the MSI-X tests where the bus reports broken MSI (pseries: has_buggy_msi)
        NotApplicable.unless(!node.pci().bus().hasBuggyMsi(), "the bus's MSI is not usable from qtest (pseries)");
        QVirtioDevice dev = node.virtio();
        VirtioPci t = node.transport();
        t.msixEnable();
        t.configVector(alloc, 0);
        long offered = features(dev, false, 0);
        Check.equal(IMAGE_SIZE / SECTOR, capacity(dev), "capacity");
        QVirtQueue vq = dev.setupQueue(alloc, 0);
        t.queueVector(vq, alloc, 1);
        dev.driverOk();
        blockResize(dev, RESIZED);
        dev.waitConfigInterrupt();
        Check.equal(RESIZED / SECTOR, capacity(dev), "capacity after block_resize");
        write(dev, alloc, vq, 0, sector("TEST"));
        Check.equalBytes(sector("TEST"), read(dev, alloc, vq, 0), "sector 0 read back");
        dev.cleanupQueue(vq);
        node.pci().msixDisable();
    }

    /**
     * EVENT_IDX (2.7.7.2): the first write interrupts; with used_event set to 2 the second completes silently; the
     * third (a read) interrupts, and the used ring then holds the second and third.
     */
    static void idx(VirtioPciNode node, GuestAllocator alloc, boolean packed) {
        NotApplicable.unless(!node.pci().bus().hasBuggyMsi(), "the bus's MSI is not usable from qtest (pseries)");
        QVirtioDevice dev = node.virtio();
        VirtioPci t = node.transport();
        t.msixEnable();
        t.configVector(alloc, 0);
        long offered = dev.deviceFeatures();
        Check.isTrue((offered & VirtioSpec.F_EVENT_IDX) != 0, "EVENT_IDX offered");
        features(dev, packed, VirtioSpec.F_EVENT_IDX | (packed ? VirtioSpec.F_INDIRECT_DESC : 0),
                VirtioSpec.F_NOTIFY_ON_EMPTY);
        QVirtQueue vq = dev.setupAnyQueue(alloc, 0);
        t.queueVector(vq, alloc, 1);
        dev.driverOk();
        // packed: one ring slot per buffer (indirect tables), so used_event counts buffers
        Req w1 = request(dev, alloc, T_OUT, 0, sector("TEST"), SECTOR);
        int h1 = packed ? vq.addIndirect(outChain(w1), alloc) : vq.add(outChain(w1));
        vq.kick();
        dev.waitUsed(vq, h1);
        Check.equal(S_OK, status(dev, w1), "first write status");
        vq.setUsedEvent(2);
        Req w2 = request(dev, alloc, T_OUT, 1, sector("TEST"), SECTOR);
        int h2 = packed ? vq.addIndirect(outChain(w2), alloc) : vq.add(outChain(w2));
        vq.kick();
        Check.equal(S_OK, dev.waitStatusByteNoInterrupt(vq, w2.status()), "second write status, no interrupt");
        Req r = request(dev, alloc, T_IN, 1, null, SECTOR);
        int h3 = packed ? vq.addIndirect(inChain(r), alloc) : vq.add(inChain(r));
        vq.kick();
        dev.waitQueueInterrupt(vq);
        long end = System.nanoTime() + QVirtioDevice.TIMEOUT_NS;
        dev.qts().pollBegin();
        while (status(dev, r) == 0xff && System.nanoTime() < end) {
            dev.retry();
        }
        UsedElem e2 = vq.getBuf();
        UsedElem e3 = vq.getBuf();
        Check.isTrue(e2 != null && e2.id() == h2, "second write in the used ring: " + e2);
        Check.isTrue(e3 != null && e3.id() == h3, "read in the used ring: " + e3);
        Check.equal(S_OK, status(dev, r), "read status");
        Check.equalBytes(sector("TEST"), dev.qts().memread(r.data(), SECTOR), "read data");
        dev.cleanupQueue(vq);
        node.pci().msixDisable();
    }

    /** Legacy BAR 0: selecting queue 2 and giving it page frame 1 must not break the machine. */
    static void nxvirtq(VirtioPciNode node, GuestAllocator alloc) {
        QPciDevice pci = node.pci();
        QPciBar bar0 = node.transport() instanceof VirtioPciLegacy l ? l.bar0() : pci.iomap(0);
        Check.isTrue(bar0.io(), "BAR0 is the legacy I/O BAR");
        pci.ioWriteb(bar0, VirtioPciLayout.LEGACY_QUEUE_SELECT, 2);
        pci.ioWriteb(bar0, VirtioPciLayout.LEGACY_QUEUE_ADDRESS, 1);
        Check.equal(VirtioSpec.ID_BLOCK, VirtioPci.virtioType(pci), "the function still answers");
    }

    static void hotplug(VirtioPciNode node, GuestAllocator alloc) {
        VirtioHotplug.plugAndUnplug(node.pci(), "virtio-blk-pci", "drv1", ",\"drive\": \"drive1\"",
                VirtioSpec.ID_BLOCK);
    }

    static boolean hotpluggable(QPciDevice pci) {
        return pci.bus() instanceof PciBusPc;
    }

    static byte[] zeros(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0);
        return b;
    }
}
