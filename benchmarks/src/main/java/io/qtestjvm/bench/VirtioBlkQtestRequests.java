package io.qtestjvm.bench;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.QtestTransport;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * virtio-blk 4 KiB read and write requests per second through qtest, the same client on the three backends in one
 * run (issue 13's performance line): a virtio-blk-pci on x86_64 pc over a 64 MiB raw image, driven as a driver
 * does it (virtio 1.2 §3.1.1 set-up through the modern BAR, one 3-descriptor request: 16-byte header, 4 KiB data,
 * status byte, prepared once). Per request the client makes the chain available ({@code writew} of the avail
 * index), notifies ({@code writew} to the notify area) and reads the used index until the request is used, as
 * libqos waits but without {@code clock_step} (Debian's QEMU runs stopped and completes in its main loop). Reports
 * the median requests per second over the rounds after the first.
 *
 * <p>Usage, from the repository root: {@code java -Dqtestjvm.root=$PWD -cp benchmarks/target/benchmarks.jar
 * io.qtestjvm.bench.VirtioBlkQtestRequests [requests [rounds [backend,...]]]}.
 */
public final class VirtioBlkQtestRequests {
    private static final long BAR4 = 0xe0000000L;
    private static final long DESC = 0x100000;
    private static final long AVAIL = 0x101000;
    private static final long USED = 0x102000;
    private static final long HDR = 0x110000;
    private static final long DATA = 0x111000;
    private static final long STATUS = 0x113000;
    private static final int QUEUE = 16;

    private VirtioBlkQtestRequests() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path img = Files.createTempFile("virtio-qtest-bench", ".img");
        img.toFile().deleteOnExit();
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        System.out.printf("%-12s %16s %16s %14s%n", "backend", "read 4 KiB /s", "write 4 KiB /s", "polls/request");
        for (Backend backend : Backend.values()) {
            if (args.length > 2 && !List.of(args[2].split(",")).contains(backend.label())) {
                continue;
            }
            double[] rate = new double[2];
            long polls = 0;
            for (int type = 0; type < 2; type++) {
                double[] perRound = new double[rounds];
                try (QtestTransport t = backend.start("x86_64", "-machine pc -drive if=none,id=d0,file=" + img
                        + ",format=raw -device virtio-blk-pci,drive=d0,addr=0x4", "7.2")) {
                    start(t, type == 0);
                    int idx = 0;
                    for (int r = 0; r < rounds; r++) {
                        long t0 = System.nanoTime();
                        for (int i = 0; i < requests; i++) {
                            idx = (idx + 1) & 0xffff;
                            t.qtest(String.format("writew 0x%x 0x%x", AVAIL + 2, idx));
                            t.qtest(String.format("writew 0x%x 0x0", BAR4 + 0x3000));
                            do {
                                polls++;
                            } while (used(t) != idx);
                        }
                        perRound[r] = requests * 1e9 / (System.nanoTime() - t0);
                    }
                    if (!t.qtest(String.format("readb 0x%x", STATUS)).getLast().equals("OK 0x0000000000000000")) {
                        throw new IllegalStateException(backend + ": the requests did not succeed");
                    }
                }
                double[] warm = java.util.Arrays.copyOfRange(perRound, rounds > 1 ? 1 : 0, rounds);
                java.util.Arrays.sort(warm);
                rate[type] = warm[warm.length / 2];
            }
            System.out.printf("%-12s %16.0f %16.0f %14.2f%n", backend.label(), rate[0], rate[1],
                    polls / (2.0 * requests * rounds));
        }
    }

    private static int used(QtestTransport t) {
        String s = t.qtest(String.format("readw 0x%x", USED + 2)).getLast();
        return (int) Long.parseLong(s.substring(5), 16);
    }

    private static void w(QtestTransport t, String op, long addr, long v) {
        t.qtest(String.format("%s 0x%x 0x%x", op, addr, v));
    }

    private static void cfg(QtestTransport t, int off, long v, int size) {
        t.qtest(String.format("outl 0xcf8 0x%x", 0x80000000 | (4 << 11) | (off & ~3)));
        t.qtest(String.format("%s 0x%x 0x%x", size == 2 ? "outw" : "outl", 0xcfc + (off & 3), v));
    }

    /** §3.1.1 with VERSION_1, queue 0 of 16 entries, every avail slot naming the one chain (head 0). */
    private static void start(QtestTransport t, boolean read) {
        cfg(t, 0x20, BAR4, 4);
        cfg(t, 0x04, 7, 2);
        w(t, "writeb", BAR4 + 0x14, 0);
        w(t, "writeb", BAR4 + 0x14, 1);
        w(t, "writeb", BAR4 + 0x14, 3);
        w(t, "writel", BAR4 + 0x08, 1);
        w(t, "writel", BAR4 + 0x0c, 1);
        w(t, "writeb", BAR4 + 0x14, 0xb);
        w(t, "writew", BAR4 + 0x16, 0);
        w(t, "writew", BAR4 + 0x18, QUEUE);
        w(t, "writel", BAR4 + 0x20, DESC);
        w(t, "writel", BAR4 + 0x28, AVAIL);
        w(t, "writel", BAR4 + 0x30, USED);
        w(t, "writew", BAR4 + 0x1c, 1);
        w(t, "writeb", BAR4 + 0x14, 0xf);
        w(t, "writel", HDR, read ? 0 : 1);
        w(t, "writeq", HDR + 8, 8);
        desc(t, 0, HDR, 16, 1, 1);
        desc(t, 1, DATA, 4096, read ? 3 : 1, 2);
        desc(t, 2, STATUS, 1, 2, 0);
        for (int i = 0; i < QUEUE; i++) {
            w(t, "writew", AVAIL + 4 + 2L * i, 0);
        }
    }

    private static void desc(QtestTransport t, int i, long addr, long len, int flags, int next) {
        long d = DESC + 16L * i;
        w(t, "writeq", d, addr);
        w(t, "writel", d + 8, len);
        w(t, "writew", d + 12, flags);
        w(t, "writew", d + 14, next);
    }
}
