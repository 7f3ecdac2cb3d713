package io.qtestjvm.bench;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.pci.PciBusPc;
import io.qtestjvm.qos.libqos.sdhci.SdHost;
import io.qtestjvm.qos.libqos.sdhci.SdhciPci;
import io.qtestjvm.qos.libqos.x86.PcMachine;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.tests.SdhciTests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SD card transfers through sdhci-pci on x86_64 pc, on the three backends in one run (issue 5's performance lines):
 * PIO multi-block reads (CMD18, 128 data-port reads per block: one qtest round trip each) and a 1 MiB ADMA2 read
 * (32 descriptors of 32 KiB; the controller runs five per round of its virtual-clock timer, so the test steps the
 * clock: not on Debian's stopped QEMU). Prints the median over the rounds after the first.
 *
 * <p>Usage, from the repository root: {@code java -Dqtestjvm.root=$PWD -cp benchmarks/target/benchmarks.jar
 * io.qtestjvm.bench.SdhciTransfers [rounds [backend,...]]}.
 */
public final class SdhciTransfers {
    private static final int PIO_BLOCKS = 64;
    private static final int ADMA_BYTES = 1 << 20;

    private SdhciTransfers() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path img = Files.createTempFile("sdhci-bench.", ".img");
        img.toFile().deleteOnExit();
        Files.write(img, new byte[2 << 20]);
        String cmd = "-M pc -device sdhci-pci,addr=04.0 -drive if=none,id=sdcard0,file=" + img
                + ",format=raw -device sd-card,drive=sdcard0";
        System.out.printf("%-12s %22s %18s %22s%n", "backend", "PIO 64-block read ms", "PIO us/block",
                "ADMA2 1 MiB read ms");
        for (Backend backend : Backend.values()) {
            if (args.length >= 2 && !List.of(args[1].split(",")).contains(backend.label())) {
                continue;
            }
            try (QTestState qts = new QTestState(backend.start("x86_64", cmd, "7.2"))) {
                GuestAllocator alloc = new PcMachine("x86_64/pc", qts).allocator();
                SdhciPci sdhci = new SdhciPci(new PciBusPc(qts), SdhciPci.ADDRESS);
                sdhci.startHw();
                SdHost host = new SdHost(sdhci);
                host.initCard();
                List<Double> pio = new ArrayList<>();
                List<Double> adma = new ArrayList<>();
                long buf = alloc.alloc(ADMA_BYTES);
                long table = alloc.alloc(4096);
                qts.memwrite(table, SdhciTests.oneMebibyteTable(buf));
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    host.pioRead(0, PIO_BLOCKS);
                    pio.add((System.nanoTime() - t0) / 1e6);
                    host.clearInterrupts();
                    if (backend.hasVirtualTime()) {
                        t0 = System.nanoTime();
                        host.adma2(true, 0, ADMA_BYTES / SdHost.BLOCK, table);
                        int st = host.waitTransferComplete(true, 100);
                        adma.add((System.nanoTime() - t0) / 1e6);
                        if ((st & 0x8002) != 0x0002) {
                            throw new AssertionError("ADMA2 read status 0x" + Integer.toHexString(st));
                        }
                        host.clearInterrupts();
                    }
                }
                double p = median(pio);
                System.out.printf("%-12s %22.2f %18.1f %22s%n", backend.label(), p, p * 1000 / PIO_BLOCKS,
                        adma.isEmpty() ? "n/a (clock frozen)" : String.format("%.2f", median(adma)));
            }
        }
    }

    private static double median(List<Double> all) {
        List<Double> warm = new ArrayList<>(all.subList(all.size() > 1 ? 1 : 0, all.size()));
        warm.sort(null);
        return warm.get(warm.size() / 2);
    }
}
