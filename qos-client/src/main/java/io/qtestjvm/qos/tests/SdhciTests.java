package io.qtestjvm.qos.tests;

import static io.qtestjvm.qos.libqos.sdhci.SdhciRegs.*;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.sdhci.QSdhci;
import io.qtestjvm.qos.libqos.sdhci.SdHost;
import io.qtestjvm.qos.libqos.sdhci.SdhciProps;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosAllocator;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosTestOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Graph tests on the {@code sdhci} interface, run for every machine with an SD Host Controller. {@code registers} is
 * QEMU's tests/qtest/sdhci-test.c (reference 5), check for check. The others are ours: a card behind the controller
 * (hw/sd/sd.c), backed by a raw image the test's {@code before} hook creates and fills with a pattern
 * ({@code -drive if=sd} on raspi2b, {@code -drive if=none} + {@code -device sd-card} elsewhere), driven by
 * {@link SdHost} through the controller's registers; what the card returns is compared with the image file, and what
 * is written is read back from the file. DMA tests run where the machine's declared capabilities offer the DMA
 * kind, and are not applicable elsewhere (decided from the configuration, not from the register under test).
 */
public final class SdhciTests {
    /** A power of two (sd.c refuses other sizes) and SDSC (byte addressing). */
    static final int IMAGE_SIZE = 2 << 20;
    static final int LAST_BLOCK = IMAGE_SIZE / SdHost.BLOCK - 1;
    private static final String ADMA_ROUNDS = "QEMU's ADMA runs five descriptors per round of a 100 ns virtual-clock "
            + "timer";

    private SdhciTests() {
    }

    @FunctionalInterface
    private interface SdhciTest {
        void run(QSdhci sdhci, GuestAllocator alloc, Path image) throws IOException;
    }

    public static void register(QosGraph<QTestState> graph) {
        add(graph, "registers", SdhciTests::registersMatchTheMachinesProperties, QosTestOptions.none());
        QosTestOptions card = QosTestOptions.before(SdhciTests::addCard);
        add(graph, "card-init", SdhciTests::cardInitialisationReachesTransferState, card);
        add(graph, "pio-single", SdhciTests::singleBlockPioReadAndWriteMatchTheImage, card);
        add(graph, "pio-multi", SdhciTests::multiBlockPioReadAndWriteMatchTheImage, card);
        add(graph, "out-of-range", SdhciTests::blockPastTheCardGivesAddressError, card);
        add(graph, "count-past-card", SdhciTests::blockCountPastTheCardLeavesTheImageAlone, card);
        add(graph, "sdma", SdhciTests::sdmaReadAndWriteMatchTheImage, card);
        add(graph, "sdma-end-of-ram", SdhciTests::sdmaPastTheEndOfRamDoesNotEscape, card);
        add(graph, "adma2", SdhciTests::adma2ReadAndWriteThroughADescriptorTable, card);
        add(graph, "adma2-1mib", SdhciTests::adma2ReadsOneMebibyte, card.withNeedsVirtualTime(ADMA_ROUNDS));
        add(graph, "adma2-bad-table", SdhciTests::adma2TableOutsideRamReportsAnAdmaError, card);
        add(graph, "adma2-self-link", SdhciTests::adma2DescriptorLinkingToItselfEndsInAnError,
                card.withNeedsVirtualTime(ADMA_ROUNDS + "; QEMU itself loops for ever, we stop after 4096 "
                        + "descriptors that move no data"));
    }

    private static void add(QosGraph<QTestState> graph, String name, SdhciTest test, QosTestOptions opts) {
        boolean dma = name.startsWith("sdma") || name.startsWith("adma");
        graph.addTest(name, "sdhci", (Object obj, Object arg, QosAllocator alloc) -> {
            NotApplicable.unless(!dma || ((QSdhci) obj).dmaReachesRam(),
                    "the controller's DMA goes through an IOMMU no libqos path programs (pseries TCE)");
            try {
                test.run((QSdhci) obj, (GuestAllocator) alloc, (Path) arg);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                ScratchImages.delete((Path) arg);
            }
        }, opts);
    }

    /**
     * The card's initial contents: the same pseudo-random 2 MiB for every path (a constant, made once per JVM on
     * first use and never written to: each path gets its own file of it, so the checks compare what a transfer read
     * with it, and the file after a transfer with it and what was written).
     */
    private static final class CardImage {
        static final byte[] DATA = new byte[IMAGE_SIZE];

        static {
            new SplittableRandom(IMAGE_SIZE).nextBytes(DATA);
        }
    }

    /** The before hook: a fresh image filled with a pattern, as a drive of the machine's SD slot. */
    static Object addCard(StringBuilder cmd, Object arg) {
        try {
            Path img = Files.createTempFile("qtest-sdcard.", ".img");
            img.toFile().deleteOnExit();
            try (FileChannel ch = FileChannel.open(img, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(CardImage.DATA);
                while (b.hasRemaining()) {
                    ch.write(b); // in one piece (Files.write goes in 8 KiB ones)
                }
            }
            if (cmd.toString().contains("-M raspi2b")) {
                cmd.append(" -drive if=sd,file=").append(img).append(",format=raw");
            } else {
                cmd.append(" -drive if=none,id=sdcard0,file=").append(img).append(",format=raw")
                        .append(" -device sd-card,drive=sdcard0");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** sdhci-test.c: spec version, capabilities exact and read-only, SDR/driver bits below v3, SDMA, base clock. */
    static void registersMatchTheMachinesProperties(QSdhci s, GuestAllocator alloc, Path unused) {
        SdhciProps p = s.props();
        Check.equal(p.version(), (s.readw(HCVER) & 0xff) + 1, "specification version");
        long capab = s.readq(CAPAB);
        Check.equal(p.capareg(), capab, "capabilities");
        s.writeq(CAPAB, 0x0123_4567_89ab_cdefL);
        long after = s.readq(CAPAB);
        Check.equal(capab, after, "capabilities after a write (read-only)");
        Check.isTrue(after != 0x0123_4567_89ab_cdefL, "the written value did not stick");
        if (p.version() < 3) {
            Check.equal(0, capab & CAPAB_SDR_MASK, "SDR modes below spec v3");
            Check.equal(0, capab & CAPAB_DRIVER_MASK, "driver types below spec v3");
        }
        Check.equal(p.sdma() ? 1 : 0, (capab & CAPAB_SDMA) != 0 ? 1 : 0, "SDMA capability");
        if (p.baseClock() != 0) {
            Check.equal(p.baseClock(), (capab & CAPAB_BASE_CLOCK_MASK) >>> CAPAB_BASE_CLOCK_SHIFT, "base clock");
        }
    }

    static void cardInitialisationReachesTransferState(QSdhci s, GuestAllocator alloc, Path img) {
        Check.isTrue((s.readl(PRNSTS) & PRNSTS_CARD_PRESENT) != 0, "card present at start");
        SdHost host = new SdHost(s);
        byte[][] ids = host.initCard();
        byte[] cid = ids[0];
        Check.equal(0xaa, cid[0] & 0xff, "CID manufacturer (sd.c)");
        Check.isTrue(new String(cid, 3, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("QEMU!"),
                "CID product name QEMU!, got " + new String(cid, 3, 5, java.nio.charset.StandardCharsets.US_ASCII));
        byte[] csd = ids[1];
        Check.equal(0, (csd[0] & 0xff) >>> 6, "CSD structure 1.0 for an SDSC card");
        int status = host.status();
        Check.equal(SdHost.STATE_TRANSFER, (status >>> SdHost.R1_STATE_SHIFT) & 0xf, "CMD13 state after CMD7");
    }

    static void singleBlockPioReadAndWriteMatchTheImage(QSdhci s, GuestAllocator alloc, Path img)
            throws IOException {
        pioReadAndWriteMatchTheImage(s, img, 5, 1, 7, 1, "after the read");
    }

    static void multiBlockPioReadAndWriteMatchTheImage(QSdhci s, GuestAllocator alloc, Path img)
            throws IOException {
        pioReadAndWriteMatchTheImage(s, img, 16, 8, 100, 4, "after auto CMD12");
    }

    /** Reads {@code readCount} blocks from {@code readAt} and writes {@code writeCount} at {@code writeAt} by PIO. */
    private static void pioReadAndWriteMatchTheImage(QSdhci s, Path img, int readAt, int readCount, int writeAt,
                                                     int writeCount, String afterRead) throws IOException {
        SdHost host = ready(s);
        Check.equalBytes(initial(readAt, readCount), host.pioRead(readAt, readCount),
                "blocks " + readAt + "-" + (readAt + readCount - 1));
        Check.isTrue((host.interrupts() & NIS_TRSCMP) != 0, "transfer complete " + afterRead);
        host.clearInterrupts();
        byte[] data = pattern(writeCount, writeAt);
        host.pioWrite(writeAt, data);
        Check.isTrue((host.interrupts() & NIS_TRSCMP) != 0, "transfer complete after the write");
        host.clearInterrupts();
        expectImage(img, writeAt, data);
        Check.equalBytes(data, host.pioRead(writeAt, writeCount),
                "blocks " + writeAt + "-" + (writeAt + writeCount - 1) + " read back");
    }

    /** sd.c: CMD17 past the card sets ADDRESS_ERROR in that very R1 and leaves the card in transfer state. */
    static void blockPastTheCardGivesAddressError(QSdhci s, GuestAllocator alloc, Path img) throws IOException {
        SdHost host = ready(s);
        s.writew(BLKSIZE, SdHost.BLOCK);
        s.writew(BLKCNT, 1);
        int st = host.command(17, (LAST_BLOCK + 1) * SdHost.BLOCK, CMD_RSP_48 | CMD_DATA_PRESENT, TRNS_READ);
        Check.isTrue((st & NIS_CMDCMP) != 0, "the command completed, status 0x" + Integer.toHexString(st));
        int r1 = s.readl(RSPREG0);
        Check.isTrue((r1 & SdHost.R1_ADDRESS_ERROR) != 0, "R1 0x" + Integer.toHexString(r1) + " has ADDRESS_ERROR");
        host.resetLines();
        Check.equal(SdHost.STATE_TRANSFER, (host.status() >>> SdHost.R1_STATE_SHIFT) & 0xf, "state after");
        expectUnchanged(img);
    }

    /**
     * Hostile: CMD18/CMD25 of three blocks from the last block. The first block is the card's; the rest is past it:
     * the read gives no image data and the auto CMD12 reports ADDRESS_ERROR; the write changes the last block only.
     */
    static void blockCountPastTheCardLeavesTheImageAlone(QSdhci s, GuestAllocator alloc, Path img)
            throws IOException {
        SdHost host = ready(s);
        byte[] got = host.pioRead(LAST_BLOCK, 3);
        Check.equalBytes(initial(LAST_BLOCK, 1), Arrays.copyOf(got, SdHost.BLOCK), "the last block");
        int st = host.interrupts();
        Check.isTrue((st & NIS_TRSCMP) != 0, "transfer complete, status 0x" + Integer.toHexString(st));
        int acmd12 = s.readl(RSPREG3);
        Check.isTrue((acmd12 & SdHost.R1_ADDRESS_ERROR) != 0, "auto CMD12 R1b 0x" + Integer.toHexString(acmd12)
                + " has ADDRESS_ERROR");
        host.resetLines();
        byte[] data = pattern(3, 9);
        host.pioWrite(LAST_BLOCK, data);
        host.resetLines();
        expectImage(img, LAST_BLOCK, Arrays.copyOf(data, SdHost.BLOCK));
        Check.equal(IMAGE_SIZE, Files.size(img), "image size");
    }

    static void sdmaReadAndWriteMatchTheImage(QSdhci s, GuestAllocator alloc, Path img) throws IOException {
        requireCapability(s, CAPAB_SDMA, "SDMA");
        SdHost host = ready(s);
        QTestState qts = s.qts();
        long buf = alloc.alloc(16 * SdHost.BLOCK);
        host.sdma(true, 32, 16, buf);
        int st = host.waitTransferComplete(false, 0);
        Check.isTrue((st & NIS_TRSCMP) != 0 && (st & NIS_ERR) == 0, "SDMA read complete, status 0x"
                + Integer.toHexString(st));
        host.clearInterrupts();
        Check.equalBytes(initial(32, 16), qts.memread(buf, 16 * SdHost.BLOCK), "blocks 32-47");
        byte[] data = pattern(8, 200);
        qts.memwrite(buf, data);
        host.sdma(false, 200, 8, buf);
        st = host.waitTransferComplete(false, 0);
        Check.isTrue((st & NIS_TRSCMP) != 0 && (st & NIS_ERR) == 0, "SDMA write complete, status 0x"
                + Integer.toHexString(st));
        host.clearInterrupts();
        expectImage(img, 200, data);
        alloc.free(buf);
    }

    /** Hostile: an SDMA read whose buffer runs past the end of RAM: no escape, nothing written to the image. */
    static void sdmaPastTheEndOfRamDoesNotEscape(QSdhci s, GuestAllocator alloc, Path img) throws IOException {
        requireCapability(s, CAPAB_SDMA, "SDMA");
        SdHost host = ready(s);
        host.sdma(true, 0, 8, alloc.end() - 2 * SdHost.BLOCK);
        int st = host.waitTransferComplete(false, 0);
        Check.isTrue((st & (NIS_TRSCMP | NIS_ERR)) != 0, "the controller finished or reported, status 0x"
                + Integer.toHexString(st));
        host.resetLines();
        Check.equal(SdHost.STATE_TRANSFER, (host.status() >>> SdHost.R1_STATE_SHIFT) & 0xf, "card state after");
        expectUnchanged(img);
    }

    static void adma2ReadAndWriteThroughADescriptorTable(QSdhci s, GuestAllocator alloc, Path img)
            throws IOException {
        requireCapability(s, CAPAB_ADMA2, "ADMA2");
        SdHost host = ready(s);
        QTestState qts = s.qts();
        long buf = alloc.alloc(3 * 4096);
        long table = alloc.alloc(4096);
        byte[] descs = concat(SdHost.admaDescriptor(ADMA_VALID | ADMA_ACT_TRAN, 4096, buf + 8192),
                SdHost.admaDescriptor(ADMA_VALID | ADMA_ACT_TRAN, 4096, buf),
                SdHost.admaDescriptor(ADMA_VALID | ADMA_ACT_TRAN | ADMA_END, 4096, buf + 4096));
        qts.memwrite(table, descs);
        host.adma2(true, 64, 24, table);
        int st = host.waitTransferComplete(false, 0);
        Check.isTrue((st & NIS_TRSCMP) != 0 && (st & NIS_ERR) == 0, "ADMA2 read complete, status 0x"
                + Integer.toHexString(st));
        host.clearInterrupts();
        byte[] want = initial(64, 24);
        Check.equalBytes(Arrays.copyOfRange(want, 0, 4096), qts.memread(buf + 8192, 4096), "first descriptor");
        Check.equalBytes(Arrays.copyOfRange(want, 4096, 12288), qts.memread(buf, 8192), "second and third");
        byte[] data = pattern(24, 300);
        qts.memwrite(buf, data);
        descs = concat(SdHost.admaDescriptor(ADMA_VALID | ADMA_ACT_TRAN, 8192, buf),
                SdHost.admaDescriptor(ADMA_VALID | ADMA_ACT_TRAN | ADMA_END, 4096, buf + 8192));
        qts.memwrite(table, descs);
        host.adma2(false, 300, 24, table);
        st = host.waitTransferComplete(false, 0);
        Check.isTrue((st & NIS_TRSCMP) != 0 && (st & NIS_ERR) == 0, "ADMA2 write complete, status 0x"
                + Integer.toHexString(st));
        host.clearInterrupts();
        expectImage(img, 300, data);
        alloc.free(buf);
        alloc.free(table);
    }

    /** 1 MiB in 32 descriptors of 32 KiB: seven rounds of QEMU's ADMA timer. */
    static void adma2ReadsOneMebibyte(QSdhci s, GuestAllocator alloc, Path img) throws IOException {
        requireCapability(s, CAPAB_ADMA2, "ADMA2");
        SdHost host = ready(s);
        QTestState qts = s.qts();
        int len = 1 << 20;
        long buf = alloc.alloc(len);
        long table = alloc.alloc(4096);
        qts.memwrite(table, oneMebibyteTable(buf));
        host.adma2(true, 0, len / SdHost.BLOCK, table);
        int st = host.waitTransferComplete(true, 100);
        Check.isTrue((st & NIS_TRSCMP) != 0 && (st & NIS_ERR) == 0, "ADMA2 read complete, status 0x"
                + Integer.toHexString(st));
        host.clearInterrupts();
        Check.equalBytes(initial(0, len / SdHost.BLOCK), qts.memread(buf, len), "1 MiB");
        alloc.free(buf);
        alloc.free(table);
    }

    /** The descriptor table of a 1 MiB transfer to {@code buf}: 32 descriptors of 32 KiB. */
    public static byte[] oneMebibyteTable(long buf) {
        byte[] t = new byte[32 * ADMA_DESCRIPTOR_SIZE];
        for (int i = 0; i < 32; i++) {
            int attr = ADMA_VALID | ADMA_ACT_TRAN | (i == 31 ? ADMA_END : 0);
            System.arraycopy(SdHost.admaDescriptor(attr, 32768, buf + 32768L * i), 0, t, i * ADMA_DESCRIPTOR_SIZE,
                    ADMA_DESCRIPTOR_SIZE);
        }
        return t;
    }

    /** Hostile: the descriptor table is outside RAM (reads as no valid descriptor): ADMA error, image untouched. */
    static void adma2TableOutsideRamReportsAnAdmaError(QSdhci s, GuestAllocator alloc, Path img)
            throws IOException {
        requireCapability(s, CAPAB_ADMA2, "ADMA2");
        SdHost host = ready(s);
        host.adma2(false, 10, 4, 0xd000_0000L);
        int st = host.waitTransferComplete(false, 0);
        Check.isTrue((st & NIS_ERR) != 0 && (st >>> 16 & EIS_ADMAERR) != 0, "ADMA error, status 0x"
                + Integer.toHexString(st));
        Check.isTrue((s.readl(ADMAERR) & 0x3) != 0, "ADMA error state names the failing stage");
        host.resetLines();
        expectUnchanged(img);
    }

    /** Hostile: a link descriptor pointing at itself moves no data; the controller gives up with an ADMA error. */
    static void adma2DescriptorLinkingToItselfEndsInAnError(QSdhci s, GuestAllocator alloc, Path img)
            throws IOException {
        requireCapability(s, CAPAB_ADMA2, "ADMA2");
        SdHost host = ready(s);
        long table = alloc.alloc(4096);
        s.qts().memwrite(table, SdHost.admaDescriptor(ADMA_VALID | ADMA_ACT_LINK, 0, table));
        host.adma2(true, 10, 4, table);
        int st = host.waitTransferComplete(true, 2000);
        Check.isTrue((st & NIS_ERR) != 0 && (st >>> 16 & EIS_ADMAERR) != 0, "ADMA error, status 0x"
                + Integer.toHexString(st));
        host.resetLines();
        expectUnchanged(img);
        alloc.free(table);
    }

    private static SdHost ready(QSdhci s) {
        SdHost host = new SdHost(s);
        host.initCard();
        return host;
    }

    /**
     * Whether a DMA test applies is the machine's declared configuration ({@link QSdhci#props()}: the capareg the
     * machine or the {@code -device} sets), never the register of the device under test: a model that cleared its
     * capability bits must fail {@code registers} and these tests, not turn them into skips.
     */
    private static void requireCapability(QSdhci s, long bit, String what) {
        long declared = s.props().capareg();
        NotApplicable.unless((declared & bit) != 0, "the machine's declared capabilities (0x"
                + Long.toHexString(declared) + ") do not offer " + what);
    }

    /** The image file holds the card's initial contents with {@code data} written at block {@code lba}. */
    private static void expectImage(Path img, int lba, byte[] data) throws IOException {
        long diff = firstDifference(img, lba * SdHost.BLOCK, data);
        Check.isTrue(diff < 0, "image differs from the expected contents at byte 0x" + Long.toHexString(diff)
                + " (written: blocks " + lba + "-" + (lba + data.length / SdHost.BLOCK - 1) + ")");
    }

    /** The image file still holds the card's initial contents. */
    private static void expectUnchanged(Path img) throws IOException {
        long diff = firstDifference(img, 0, new byte[0]);
        Check.isTrue(diff < 0, "image differs from its initial contents at byte 0x" + Long.toHexString(diff));
    }

    /**
     * The first offset at which the image file differs from the initial contents with {@code data} at byte
     * {@code at}, or -1; a file of another size differs at the shorter length. Read in pieces into one buffer: the
     * checks run once per path, on a 2 MiB image.
     */
    private static long firstDifference(Path img, int at, byte[] data) throws IOException {
        byte[] want = CardImage.DATA;
        byte[] buf = new byte[64 << 10];
        try (FileChannel ch = FileChannel.open(img)) {
            if (ch.size() != want.length) {
                return Math.min(ch.size(), want.length);
            }
            for (int pos = 0; pos < want.length; ) {
                int n = ch.read(ByteBuffer.wrap(buf, 0, Math.min(buf.length, want.length - pos)), pos);
                if (n <= 0) {
                    return pos;
                }
                // the piece against the initial contents before the data, the data, and the initial contents after
                int dataFrom = Math.clamp(at - pos, 0, n);
                int dataTo = Math.clamp(at + data.length - pos, 0, n);
                int d = Arrays.mismatch(buf, 0, dataFrom, want, pos, pos + dataFrom);
                if (d < 0 && dataTo > dataFrom) {
                    d = Arrays.mismatch(buf, dataFrom, dataTo, data, pos + dataFrom - at, pos + dataTo - at);
                    d = d < 0 ? -1 : dataFrom + d;
                }
                if (d < 0) {
                    d = Arrays.mismatch(buf, dataTo, n, want, pos + dataTo, pos + n);
                    d = d < 0 ? -1 : dataTo + d;
                }
                if (d >= 0) {
                    return pos + d;
                }
                pos += n;
            }
        }
        return -1;
    }

    /** Blocks {@code lba} to {@code lba + count - 1} of the card's initial contents. */
    private static byte[] initial(int lba, int count) {
        return Arrays.copyOfRange(CardImage.DATA, lba * SdHost.BLOCK, (lba + count) * SdHost.BLOCK);
    }

    private static byte[] pattern(int blocks, int seed) {
        byte[] b = new byte[blocks * SdHost.BLOCK];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
