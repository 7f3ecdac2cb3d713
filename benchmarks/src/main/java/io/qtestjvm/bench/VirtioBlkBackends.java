package io.qtestjvm.bench;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.pci.PciBusPc;
import io.qtestjvm.qos.libqos.virtio.DescChain;
import io.qtestjvm.qos.libqos.virtio.QVirtQueue;
import io.qtestjvm.qos.libqos.virtio.QVirtioDevice;
import io.qtestjvm.qos.libqos.virtio.VirtioPciNode;
import io.qtestjvm.qos.libqos.virtio.VirtioSpec;
import io.qtestjvm.qos.libqos.x86.PcMachine;
import io.qtestjvm.qos.libqtest.QTestState;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * virtio-blk 4 KiB requests per second on x86_64 pc through virtio-blk-pci (modern interface, split ring), on the
 * three backends in one run with the same client (issue 13's performance line): each request is what a libqos test
 * does for one — header and data written into guest memory, one descriptor chain (header, data, status) made
 * available, the queue notified, the used ring polled (stepping the clock where it moves, spinning on Debian's
 * stopped QEMU, which completes block requests in its own I/O thread), the status byte read; a read request also
 * reads its data back. A raw image file of 64 MiB, writes spread over it.
 *
 * <p>Usage, from the repository root: {@code java -Dqtestjvm.root=$PWD -cp benchmarks/target/benchmarks.jar
 * io.qtestjvm.bench.VirtioBlkBackends [requests [rounds [backend,...]]]}; prints the median rate over the rounds.
 */
public final class VirtioBlkBackends {
    private static final int BLOCK = 4096;
    private static final int HEADER = 16;
    private static final long IMAGE_SIZE = 64L << 20;
    private static final int T_IN = 0;
    private static final int T_OUT = 1;

    private VirtioBlkBackends() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path img = Files.createTempFile("virtio-bench.", ".img");
        img.toFile().deleteOnExit();
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(IMAGE_SIZE);
        }
        String cmd = "-M pc -drive if=none,id=drive0,file=" + img + ",format=raw"
                + " -device virtio-blk-pci,drive=drive0,addr=04.0";
        System.out.printf("%-12s %16s %16s%n", "backend", "4K writes/s", "4K reads/s");
        for (Backend backend : Backend.values()) {
            if (args.length > 2 && !List.of(args[2].split(",")).contains(backend.label())) {
                continue;
            }
            try (QTestState qts = new QTestState(backend.start("x86_64", cmd, "7.2"))) {
                GuestAllocator alloc = new PcMachine("x86_64/pc", qts).allocator();
                VirtioPciNode node = new VirtioPciNode("virtio-blk-pci", "virtio-blk", VirtioSpec.ID_BLOCK,
                        new PciBusPc(qts), VirtioPciNode.SLOT_4);
                node.startHw();
                QVirtioDevice dev = node.virtio();
                dev.setFeatures(dev.deviceFeatures() & ~(VirtioSpec.F_BAD_FEATURE | VirtioSpec.F_INDIRECT_DESC
                        | VirtioSpec.F_EVENT_IDX | VirtioSpec.F_RING_PACKED | 1L << 7));
                QVirtQueue vq = dev.setupAnyQueue(alloc, 0);
                dev.driverOk();
                long req = alloc.alloc(HEADER + BLOCK + 1);
                byte[] data = new byte[BLOCK];
                Arrays.fill(data, (byte) 0x5a);
                List<Double> writes = new ArrayList<>();
                List<Double> reads = new ArrayList<>();
                for (int r = 0; r <= rounds; r++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < requests; i++) {
                        request(dev, vq, req, T_OUT, sectorOf(i), data);
                    }
                    long t1 = System.nanoTime();
                    for (int i = 0; i < requests; i++) {
                        request(dev, vq, req, T_IN, sectorOf(i), null);
                    }
                    long t2 = System.nanoTime();
                    if (r > 0) { // the first round warms up
                        writes.add(requests / ((t1 - t0) / 1e9));
                        reads.add(requests / ((t2 - t1) / 1e9));
                    }
                }
                System.out.printf("%-12s %16.0f %16.0f%n", backend.label(), median(writes), median(reads));
            } catch (RuntimeException | AssertionError e) {
                System.out.printf("%-12s %s%n", backend.label(), "not measured: " + e.getMessage());
            }
        }
    }

    private static long sectorOf(int i) {
        return (long) (i % (int) (IMAGE_SIZE / BLOCK)) * (BLOCK / 512);
    }

    /** One request at {@code req} (header, 4 KiB of data, status), completed and checked. */
    private static void request(QVirtioDevice dev, QVirtQueue vq, long req, int type, long sector, byte[] data) {
        QTestState qts = dev.qts();
        byte[] header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN).putInt(type).putInt(0)
                .putLong(sector).array();
        qts.memwrite(req, header);
        if (data != null) {
            qts.memwrite(req + HEADER, data);
        }
        qts.writeb(req + HEADER + BLOCK, 0xff);
        DescChain chain = DescChain.builder().readable(req, HEADER);
        chain = type == T_OUT ? chain.readable(req + HEADER, BLOCK) : chain.writable(req + HEADER, BLOCK);
        int head = vq.add(chain.writable(req + HEADER + BLOCK, 1));
        vq.kick();
        dev.waitUsed(vq, head);
        int status = qts.readb(req + HEADER + BLOCK);
        if (status != 0) {
            throw new AssertionError("request status " + status);
        }
        if (type == T_IN) {
            qts.memread(req + HEADER, BLOCK);
        }
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
