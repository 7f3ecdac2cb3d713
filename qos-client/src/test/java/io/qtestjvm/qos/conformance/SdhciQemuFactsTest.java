package io.qtestjvm.qos.conformance;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.pci.PciBusPc;
import io.qtestjvm.qos.libqos.sdhci.SdHost;
import io.qtestjvm.qos.libqos.sdhci.SdhciPci;
import io.qtestjvm.qos.libqos.x86.PcMachine;
import io.qtestjvm.qos.libqtest.QTestState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where QEMU 7.2's SDHCI departs from the SD Host Controller Simplified Specification 3.00, observed on Debian's QEMU
 * and held against the stand-in on every backend: x86_64 pc with sdhci-pci and an SD card on a patterned image,
 * the card brought to transfer state by libqos. Every fact here needs no moving clock (DMA of up to five
 * descriptors completes inside the command). The model's class comments ({@code devices.sd.Sdhci}, {@code SdmaEngine},
 * {@code AdmaEngine}, {@code AdmaDescriptorLine}) cite these tests.
 */
class SdhciQemuFactsTest {
    private static final int BLOCK = 512;
    private static final int R48 = 0x1a;
    private static final int DATA = 0x20;
    private static final int DMA = 0x01;
    private static final int COUNTED = 0x02;
    private static final int READ = 0x10;
    private static final int MULTI = 0x20;
    private static Path image;
    private static byte[] content;

    @BeforeAll
    static void makeImage() throws IOException {
        image = Files.createTempFile("sdhci-facts.", ".img");
        content = new byte[2 << 20];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 7 + i / BLOCK);
        }
        Files.write(image, content);
    }

    @AfterAll
    static void removeImage() throws IOException {
        Files.deleteIfExists(image);
    }

    /** sdhci-pci at 04.0 interrupts on PIRQD; routed to ISA IRQ 11 and the I/O APIC's inputs intercepted. */
    private static QTestState routeIntx(SdhciPci sdhci) {
        sdhci.pci().bus().configWriteb(0x08, 0x63, 11); // PIIX3 (01.0) PIRQRC[D]
        sdhci.qts().irqInterceptIn("ioapic");
        return sdhci.qts();
    }

    private static void run(Backend backend, BiConsumer<SdHost, GuestAllocator> fact) {
        String cmd = "-M pc -device sdhci-pci,addr=04.0 -drive if=none,id=sdcard0,file=" + image
                + ",format=raw -device sd-card,drive=sdcard0";
        try (QTestState qts = new QTestState(backend.start("x86_64", cmd, "7.2"))) {
            GuestAllocator alloc = new PcMachine("x86_64/pc", qts).allocator();
            SdhciPci sdhci = new SdhciPci(new PciBusPc(qts), SdhciPci.ADDRESS);
            sdhci.startHw();
            SdHost host = new SdHost(sdhci);
            host.initCard();
            fact.accept(host, alloc);
        }
    }

    private static byte[] blocks(int lba, int count) {
        return Arrays.copyOfRange(content, lba * BLOCK, (lba + count) * BLOCK);
    }

    private static long aligned(GuestAllocator alloc, int bytes) {
        long raw = alloc.alloc(bytes + 8192);
        return (raw + 4095) & ~4095L;
    }

    /** Software Reset acts on 01h, 02h or 04h alone: 06h (CMD and DAT together) resets nothing. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void combinedSoftwareResetBitsResetNothing(Backend backend) {
        run(backend, (host, alloc) -> {
            var s = host.sdhci();
            host.command(13, host.rca() << 16, R48, 0);
            assertEquals(0x0001, s.readw(0x30));
            s.writeb(0x2f, 0x06);
            assertEquals(0x0001, s.readw(0x30));
            s.writeb(0x2f, 0x02);
            assertEquals(0, s.readw(0x30));
        });
    }

    /** Transfer Mode keeps DMA Enable, Block Count Enable, Auto CMD12, direction and multi-block, not Auto CMD23. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void autoCmd23IsNotWritable(Backend backend) {
        run(backend, (host, alloc) -> {
            host.sdhci().writew(0x0c, 0xffff);
            assertEquals(0x0037, host.sdhci().readw(0x0c));
        });
    }

    /** Force Event for Auto CMD Error Status sets Auto CMD Error even with its Status Enable clear. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void forceEventForAutoCmdErrorIgnoresTheStatusEnable(Backend backend) {
        run(backend, (host, alloc) -> {
            var s = host.sdhci();
            s.writew(0x36, 0);
            s.writew(0x50, 0x0001);
            assertEquals(0x0001, s.readw(0x3c));
            assertEquals(0x0100, s.readw(0x32));
            assertEquals(0x8000, s.readw(0x30) & 0x8000);
        });
    }

    /** Block Gap Control keeps only Stop At Block Gap Request. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void blockGapControlKeepsOnlyTheStopRequest(Backend backend) {
        run(backend, (host, alloc) -> {
            var s = host.sdhci();
            s.writeb(0x2a, 0x0f);
            assertEquals(0x01, s.readb(0x2a));
            s.writeb(0x2a, 0x0e);
            assertEquals(0, s.readb(0x2a));
        });
    }

    /**
     * While a PIO read holds Command Inhibit (DAT), Block Size and Block Count are locked; a Transfer Mode write
     * (which the specification also ignores then) sets the bits written as 1 and clears none.
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void registersDuringAPioRead(Backend backend) {
        run(backend, (host, alloc) -> {
            var s = host.sdhci();
            s.writew(0x04, BLOCK);
            s.writew(0x06, 1);
            host.command(17, 3 * BLOCK, R48 | DATA, READ);
            assertEquals(0x0a02, s.readl(0x24) & 0xffff);
            s.writew(0x0c, MULTI);
            s.writew(0x04, 0x100);
            s.writew(0x06, 9);
            assertEquals(READ | MULTI, s.readw(0x0c));
            assertEquals(BLOCK, s.readw(0x04));
            assertEquals(1, s.readw(0x06));
        });
    }

    /** A single-block SDMA read leaves the SDMA System Address where it was. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void sdmaSingleBlockLeavesTheSystemAddress(Backend backend) {
        run(backend, (host, alloc) -> {
            var s = host.sdhci();
            long buf = aligned(alloc, BLOCK);
            s.writew(0x06, 0);
            s.writel(0x00, (int) buf);
            s.writew(0x04, BLOCK);
            s.writew(0x06, 1);
            int st = host.command(17, 9 * BLOCK, R48 | DATA, DMA | READ);
            assertEquals(0x0003, st & 0x800b);
            assertEquals((int) buf, s.readl(0x00));
            assertEquals(0, s.readw(0x06));
            assertArrayEquals(blocks(9, 1), s.qts().memread(buf, BLOCK));
        });
    }

    /** An SDMA transfer that starts between two buffer boundaries does not pause at the next one. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void sdmaFromAnUnalignedAddressRunsThroughTheBoundary(Backend backend) {
        run(backend, (host, alloc) -> {
            var s = host.sdhci();
            long buf = aligned(alloc, 16 * BLOCK) + BLOCK;
            s.writew(0x06, 0);
            s.writel(0x00, (int) buf);
            s.writew(0x04, BLOCK); // 4 KiB boundary
            s.writew(0x06, 16);
            int st = host.command(18, 0, R48 | DATA, DMA | READ | MULTI | COUNTED);
            assertEquals(0x0003, st & 0x800b);
            assertEquals((int) (buf + 16 * BLOCK), s.readl(0x00));
            assertArrayEquals(blocks(0, 16), s.qts().memread(buf, 16 * BLOCK));
        });
    }

    /** ... while one that starts on a boundary pauses there with DMA Interrupt. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void sdmaFromAnAlignedAddressPausesAtTheBoundary(Backend backend) {
        run(backend, (host, alloc) -> {
            var s = host.sdhci();
            long buf = aligned(alloc, 16 * BLOCK);
            s.writew(0x06, 0);
            s.writel(0x00, (int) buf);
            s.writew(0x04, BLOCK);
            s.writew(0x06, 16);
            int st = host.command(18, 0, R48 | DATA, DMA | READ | MULTI | COUNTED);
            assertEquals(0x0009, st & 0x800b);
            assertEquals(8, s.readw(0x06));
            assertEquals((int) (buf + 4096), s.readl(0x00));
        });
    }

    private static void line(QTestState qts, long at, int attr, int length, long address) {
        qts.memwrite(at, SdHost.admaDescriptor(attr, length, address));
    }

    /** An ADMA2 line with Int raises DMA Interrupt and the walk goes on within the same round. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void adma2IntAttributeDoesNotPauseTheWalk(Backend backend) {
        run(backend, (host, alloc) -> {
            var s = host.sdhci();
            QTestState qts = s.qts();
            s.writew(0x38, 0xffff); // signal everything: the interrupt is delivered
            long buf = aligned(alloc, 3 * BLOCK);
            long table = aligned(alloc, 64);
            line(qts, table, 0x21, BLOCK, buf);
            line(qts, table + 8, 0x25, BLOCK, buf + BLOCK);
            line(qts, table + 16, 0x23, BLOCK, buf + 2 * BLOCK);
            host.adma2(true, 20, 3, table);
            assertEquals(0x000b, host.interrupts() & 0x800b);
            assertArrayEquals(blocks(20, 3), qts.memread(buf, 3 * BLOCK));
        });
    }

    /** DMA Select 11b (64-bit ADMA2) without the 64-bit System Bus capability moves nothing. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void adma2SixtyFourWithoutTheCapabilityMovesNothing(Backend backend) {
        run(backend, (host, alloc) -> {
            var s = host.sdhci();
            QTestState qts = s.qts();
            long buf = aligned(alloc, BLOCK);
            long table = aligned(alloc, 64);
            qts.memwrite(table, new byte[] {0x23, 0, 0, 2, (byte) buf, (byte) (buf >>> 8), (byte) (buf >>> 16),
                (byte) (buf >>> 24), 0, 0, 0, 0});
            s.writeb(0x28, 0x18);
            s.writel(0x58, (int) table);
            s.writel(0x5c, 0);
            s.writew(0x04, BLOCK);
            s.writew(0x06, 1);
            int st = host.command(17, 0, R48 | DATA, DMA | READ | COUNTED);
            assertEquals(0x0001, st & 0x800b);
            assertEquals(1, s.readw(0x06));
            assertArrayEquals(new byte[BLOCK], qts.memread(buf, BLOCK));
        });
    }

    /** ADMA1 (DMA Select 01b): a Tran line moves a 4 KiB page; the length of a Set line before it is not kept. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void adma1TranLineMovesAPageWhateverTheSetLineSays(Backend backend) {
        run(backend, (host, alloc) -> {
            var s = host.sdhci();
            QTestState qts = s.qts();
            long buf = aligned(alloc, 4096);
            long table = aligned(alloc, 64);
            int set = BLOCK << 12 | 0x10 | 0x01;
            int tran = (int) buf | 0x20 | 0x02 | 0x01;
            qts.memwrite(table, new byte[] {(byte) set, (byte) (set >>> 8), (byte) (set >>> 16), (byte) (set >>> 24),
                (byte) tran, (byte) (tran >>> 8), (byte) (tran >>> 16), (byte) (tran >>> 24)});
            s.writeb(0x28, 0x08);
            s.writel(0x58, (int) table);
            s.writel(0x5c, 0);
            s.writew(0x04, BLOCK);
            s.writew(0x06, 8);
            int st = host.command(18, 40 * BLOCK, R48 | DATA, DMA | READ | MULTI | COUNTED);
            assertEquals(0x0003, st & 0x800b);
            assertEquals(0, s.readw(0x06));
            assertArrayEquals(blocks(40, 8), qts.memread(buf, 4096));
        });
    }

    /** Every command clears the Error Interrupt Status but leaves Error Interrupt in the Normal Interrupt Status. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void aCommandClearsTheErrorStatusButNotTheErrorSummary(Backend backend) {
        run(backend, (host, alloc) -> {
            var s = host.sdhci();
            s.writew(0x52, 0x0010); // force a data timeout error
            assertEquals(0x8000, s.readw(0x30) & 0x8000);
            host.command(13, host.rca() << 16, R48, 0);
            assertEquals(0, s.readw(0x32));
            assertEquals(0x8001, s.readw(0x30) & 0x8001);
        });
    }

    /**
     * Auto CMD Error Status, read-only in the specification, takes writes; Host Control 2 does not without the
     * {@code uhs} property; SD Bus Power stays off for a voltage the capabilities lack.
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void autoCmdErrorStatusHostControl2AndPower(Backend backend) {
        run(backend, (host, alloc) -> {
            var s = host.sdhci();
            s.writew(0x3c, 0x001f);
            assertEquals(0x001f, s.readw(0x3c));
            s.writew(0x3e, 0x0008);
            assertEquals(0, s.readw(0x3e));
            s.writeb(0x29, 0x0d); // 3.0 V
            assertEquals(0x0c, s.readb(0x29));
            s.writeb(0x29, 0x0f); // 3.3 V
            assertEquals(0x0f, s.readb(0x29));
        });
    }

    /** A single-block SDMA transfer decrements Block Count even from 0 (to 0xffff). */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void sdmaSingleBlockCountsDownFromZero(Backend backend) {
        run(backend, (host, alloc) -> {
            var s = host.sdhci();
            long buf = aligned(alloc, BLOCK);
            s.writew(0x06, 0);
            s.writel(0x00, (int) buf);
            s.writew(0x04, BLOCK);
            int st = host.command(17, 2 * BLOCK, R48 | DATA, DMA | READ);
            assertEquals(0x0003, st & 0x800b);
            assertEquals(0xffff, s.readw(0x06));
            assertArrayEquals(blocks(2, 1), s.qts().memread(buf, BLOCK));
        });
    }

    /**
     * raspi2b ({@code pending-insert-quirk} on, no SD card given): the first enable of Card Insertion after power-on
     * sets Card Insertion although the slot is empty; only once.
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void raspberryPiPendingInsertAppearsWithoutACard(Backend backend) {
        long emmc = 0x3f30_0000L;
        try (QTestState qts = new QTestState(backend.start("arm", "-M raspi2b", "7.2"))) {
            assertEquals(0x01fa_0000, qts.readl(emmc + 0x24));
            qts.writew(emmc + 0x34, 0x0001);
            assertEquals(0, qts.readw(emmc + 0x30));
            qts.writew(emmc + 0x34, 0x0041);
            assertEquals(0x0040, qts.readw(emmc + 0x30));
            qts.writew(emmc + 0x30, 0x0040);
            qts.writew(emmc + 0x34, 0x0000);
            qts.writew(emmc + 0x34, 0x0041);
            assertEquals(0, qts.readw(emmc + 0x30));
        }
    }

    /**
     * The CMD line reset clears Command Complete without re-evaluating the interrupt line: INTx stays asserted
     * until the next register write that does (here the Normal Interrupt Signal Enable).
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void commandLineResetLeavesTheInterruptAsserted(Backend backend) {
        run(backend, (host, alloc) -> {
            SdhciPci s = (SdhciPci) host.sdhci();
            QTestState qts = routeIntx(s);
            s.writew(0x38, 0x0001);
            host.command(13, host.rca() << 16, R48, 0);
            assertEquals(true, qts.getIrq(11));
            s.writeb(0x2f, 0x02);
            assertEquals(0, s.readw(0x30));
            assertEquals(true, qts.getIrq(11));
            s.writew(0x38, 0x0001);
            assertEquals(false, qts.getIrq(11));
        });
    }

    /**
     * raspi2b's controller (no SDMA, Max Block Length 1024, no card): Transfer Mode drops DMA Enable, Block Size is
     * cut to 1024 with its boundary bits kept, SD Bus Power stays off without a card, the clock reports stable.
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void raspberryPiRegisterRules(Backend backend) {
        long emmc = 0x3f30_0000L;
        try (QTestState qts = new QTestState(backend.start("arm", "-M raspi2b", "7.2"))) {
            qts.writew(emmc + 0x0c, 0x0011);
            assertEquals(0x0010, qts.readw(emmc + 0x0c));
            qts.writew(emmc + 0x04, 0xffff);
            assertEquals(0x7400, qts.readw(emmc + 0x04));
            qts.writeb(emmc + 0x29, 0x0f);
            assertEquals(0x0e, qts.readb(emmc + 0x29));
            qts.writew(emmc + 0x2c, 0x0001);
            assertEquals(0x0003, qts.readw(emmc + 0x2c));
        }
    }
}
