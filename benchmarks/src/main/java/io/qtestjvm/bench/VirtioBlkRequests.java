package io.qtestjvm.bench;

import io.qtestjvm.devices.block.RawFileBackend;
import io.qtestjvm.devices.virtio.GuestMemory;
import io.qtestjvm.devices.virtio.VirtioBlk;
import io.qtestjvm.devices.virtio.VirtioDevice;
import io.qtestjvm.devices.virtio.VirtioFeatures;
import io.qtestjvm.devices.virtio.Virtqueue;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * virtio-blk 4 KiB read and write requests per second through the in-JVM path: a {@link VirtioBlk} over a raw
 * image file, guest memory a byte array, one 3-descriptor request (header, 4 KiB data, status) per notification on
 * a 256-entry split ring, as a driver would post it. Reports the best of 9 rounds of 20 000 requests, in thread CPU
 * time and wall time.
 *
 * <p>Usage, from the repository root: {@code java -cp benchmarks/target/benchmarks.jar
 * io.qtestjvm.bench.VirtioBlkRequests}.
 */
public final class VirtioBlkRequests {
    private static final int REQUESTS = 20_000;
    private static final int ROUNDS = 9;
    private static final long DESC = 0x1000;
    private static final long AVAIL = 0x2000;
    private static final long USED = 0x3000;
    private static final long HDR = 0x4000;
    private static final long DATA = 0x5000;
    private static final long STATUS = 0x7000;

    private VirtioBlkRequests() {
    }

    /** A flat little-endian RAM for the benchmark. */
    private static final class Ram implements GuestMemory {
        final byte[] bytes = new byte[0x10000];
        final ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

        @Override
        public void read(long address, byte[] dst, int offset, int length) {
            System.arraycopy(bytes, (int) address, dst, offset, length);
        }

        @Override
        public void write(long address, byte[] src, int offset, int length) {
            System.arraycopy(src, offset, bytes, (int) address, length);
        }
    }

    public static void main(String[] args) throws Exception {
        Path img = Files.createTempFile("virtio-bench", ".img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        try (RawFileBackend drive = RawFileBackend.open(img)) {
            for (int type : new int[] {0, 1}) {
                Ram ram = new Ram();
                VirtioBlk blk = new VirtioBlk(ram, drive, VirtioBlk.Options.defaults());
                start(blk, ram, type == 0);
                long bestCpu = Long.MAX_VALUE;
                long bestWall = Long.MAX_VALUE;
                int idx = 0;
                ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                for (int r = 0; r < ROUNDS; r++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    for (int i = 0; i < REQUESTS; i++) {
                        ram.le.putInt((int) HDR, type);
                        ram.le.putLong((int) HDR + 8, (long) (i % 16384) * 8);
                        ram.le.putShort((int) (AVAIL + 4 + 2 * (idx % 256)), (short) 0);
                        idx = (idx + 1) & 0xffff;
                        ram.le.putShort((int) AVAIL + 2, (short) idx);
                        blk.notifyQueue(0);
                    }
                    bestCpu = Math.min(bestCpu, mx.getCurrentThreadCpuTime() - c0);
                    bestWall = Math.min(bestWall, System.nanoTime() - w0);
                    if ((ram.le.getShort((int) USED + 2) & 0xffff) != idx || ram.bytes[(int) STATUS] != 0) {
                        throw new IllegalStateException("requests did not complete");
                    }
                }
                System.out.printf("%s 4 KiB: %,.0f requests/s (thread CPU), %,.0f requests/s (wall)%n",
                        type == 0 ? "read " : "write", REQUESTS * 1e9 / bestCpu, REQUESTS * 1e9 / bestWall);
            }
        } finally {
            Files.deleteIfExists(img);
        }
    }

    private static void start(VirtioDevice dev, Ram ram, boolean read) {
        dev.setStatus(VirtioDevice.ACKNOWLEDGE | VirtioDevice.DRIVER);
        dev.setDriverFeatures(VirtioFeatures.bit(VirtioFeatures.VERSION_1));
        dev.setStatus(0xb);
        Virtqueue q = dev.queue(0);
        q.setDesc(DESC);
        q.setDriverArea(AVAIL);
        q.setDeviceArea(USED);
        dev.enableQueue(0);
        dev.setStatus(0xf);
        desc(ram, 0, HDR, 16, 1, 1);
        desc(ram, 1, DATA, 4096, read ? 3 : 1, 2);
        desc(ram, 2, STATUS, 1, 2, 0);
    }

    private static void desc(Ram ram, int i, long addr, int len, int flags, int next) {
        int d = (int) DESC + 16 * i;
        ram.le.putLong(d, addr);
        ram.le.putInt(d + 8, len);
        ram.le.putShort(d + 12, (short) flags);
        ram.le.putShort(d + 14, (short) next);
    }
}
