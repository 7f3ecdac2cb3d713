package io.qtestjvm.bench;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Irq;
import io.qtestjvm.devices.sd.GenericSdhci;
import io.qtestjvm.devices.sd.SdSlot;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.pci.PciBusPc;
import io.qtestjvm.qos.libqos.sdhci.SdHost;
import io.qtestjvm.qos.libqos.sdhci.SdhciPci;
import io.qtestjvm.qos.libqos.x86.PcMachine;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.tests.SdhciTests;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 *
 * <p>{@code SdhciTransfers device} measures the controller alone, without qtest: a generic-sdhci with a card that
 * only streams bytes, driven by {@code AddressSpace} accesses as a guest would (a 64-block PIO read, 8192 Buffer
 * Data Port reads; a 1 MiB ADMA2 read of 32 lines, the clock warped from round to round). It reports the best of
 * 17 rounds in thread CPU time, which a busy machine disturbs far less than wall time.
 */
public final class SdhciTransfers {
    private static final int PIO_BLOCKS = 64;
    private static final int ADMA_BYTES = 1 << 20;

    private SdhciTransfers() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("device")) {
            DeviceOnly.main();
            return;
        }
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

    /** The controller without qtest (see the class comment). */
    static final class DeviceOnly {
        private static final long BASE = 0x3f30_0000L;
        private static final long TABLE = 0x10_0000L;
        private static final long BUFFER = 0x20_0000L;

        /** A card that streams its bytes for any read command. */
        private static final class StreamingCard implements SdSlot.Card {
            private final byte[] image = new byte[1 << 22];
            private int pos = -1;

            @Override
            public int doCommand(int cmd, long arg, byte[] response) {
                if (cmd == 17 || cmd == 18) {
                    pos = (int) (arg * 512) & (image.length - 1);
                } else if (cmd == 12) {
                    pos = -1;
                }
                response[0] = 0;
                response[1] = 0;
                response[2] = 9;
                response[3] = 0;
                return 4;
            }

            @Override
            public void writeByte(byte value) {
            }

            @Override
            public byte readByte() {
                if (pos < 0) {
                    return 0;
                }
                byte b = image[pos];
                pos = (pos + 1) & (image.length - 1);
                return b;
            }

            @Override
            public boolean dataReady() {
                return pos >= 0;
            }

            @Override
            public boolean receiveReady() {
                return false;
            }

            @Override
            public boolean readOnly() {
                return false;
            }
        }

        private final Clock clock = Clock.virtual();
        private final AddressSpace mem;

        private DeviceOnly() {
            MemoryRegion system = MemoryRegion.containerOfWholeSpace("system");
            mem = AddressSpace.memory("memory", system, false);
            system.addSubregion(0, MemoryRegion.ram("ram", 64L << 20));
            GenericSdhci s = new GenericSdhci(clock, mem);
            s.irqOut().connect(new Irq((n, level) -> { }, 0));
            s.realize();
            system.addSubregion(BASE, s.mmio());
            s.slot().attach(new StreamingCard());
            mem.store(BASE + 0x2c, 2, 5, false);
            mem.store(BASE + 0x34, 4, 0xffff_ffffL, false);
            mem.store(BASE + 0x38, 4, 0xffff_ffffL, false);
            for (int i = 0; i < 32; i++) {
                mem.store(TABLE + 8 * i, 2, i == 31 ? 0x23 : 0x21, false);
                mem.store(TABLE + 8 * i + 2, 2, 0x8000, false);
                mem.store(TABLE + 8 * i + 4, 4, BUFFER + 0x8000L * i, false);
            }
        }

        private void pioRead() {
            mem.store(BASE + 0x30, 4, 0xffff_ffffL, false);
            mem.store(BASE + 0x04, 4, 64L << 16 | 512, false);
            mem.store(BASE + 0x08, 4, 0, false);
            mem.store(BASE + 0x0c, 4, (18L << 8 | 0x3a) << 16 | 0x36, false);
            for (int i = 0; i < 64 * 128; i++) {
                mem.load(BASE + 0x20, 4, false);
            }
            check();
        }

        private void admaRead() {
            mem.store(BASE + 0x30, 4, 0xffff_ffffL, false);
            mem.store(BASE + 0x28, 1, 0x10, false);
            mem.store(BASE + 0x58, 4, TABLE, false);
            mem.store(BASE + 0x04, 4, 2048L << 16 | 512, false);
            mem.store(BASE + 0x08, 4, 0, false);
            mem.store(BASE + 0x0c, 4, (18L << 8 | 0x3a) << 16 | 0x37, false);
            while ((mem.load(BASE + 0x30, 2, false) & 2) == 0) {
                clock.warpTo(clock.nextDeadline());
            }
            check();
        }

        private void check() {
            long st = mem.load(BASE + 0x30, 2, false);
            if ((st & 0x8002) != 2) {
                throw new AssertionError("status 0x" + Long.toHexString(st));
            }
        }

        private static double bestMicros(Runnable transfer, int perRound) {
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 20; round++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < perRound; i++) {
                    transfer.run();
                }
                long t1 = cpu.getCurrentThreadCpuTime();
                if (round >= 3) {
                    best = Math.min(best, (t1 - t0) / 1e3 / perRound);
                }
            }
            return best;
        }

        static void main() {
            DeviceOnly pio = new DeviceOnly();
            double p = bestMicros(pio::pioRead, 100);
            DeviceOnly adma = new DeviceOnly();
            double a = bestMicros(adma::admaRead, 20);
            System.out.printf("device-only: PIO 64-block read %.1f us (%.1f ns per data port read), "
                    + "ADMA2 1 MiB read %.1f us%n", p, p * 1000 / (64 * 128), a);
        }
    }
}
