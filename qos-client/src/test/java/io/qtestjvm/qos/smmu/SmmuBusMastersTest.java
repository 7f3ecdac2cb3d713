package io.qtestjvm.qos.smmu;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.edu.EduDevice;
import io.qtestjvm.qos.libqos.edu.EduRegs;
import io.qtestjvm.qos.libqos.pci.PciBusGeneric;
import io.qtestjvm.qos.libqos.pci.QPciAddress;
import io.qtestjvm.qos.libqos.sdhci.SdHost;
import io.qtestjvm.qos.libqos.sdhci.SdhciPci;
import io.qtestjvm.qos.libqos.sdhci.SdhciRegs;
import io.qtestjvm.qos.libqos.smmu.QSmmuV3;
import io.qtestjvm.qos.libqos.smmu.SmmuCd;
import io.qtestjvm.qos.libqos.smmu.SmmuEvent;
import io.qtestjvm.qos.libqos.smmu.SmmuPageTable;
import io.qtestjvm.qos.libqos.smmu.SmmuSte;
import io.qtestjvm.qos.libqos.smmu.SmmuStreamTable;
import io.qtestjvm.qos.libqtest.QTestState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bus masters other than the IOMMU test devices behind virt's SMMUv3: {@code edu} (the DMA master QEMU 7.2
 * has) and {@code sdhci-pci} (SDMA, ADMA2) with an sd-card on a raw image. Their DMA addresses are IOVAs translated
 * for their requester id (StreamID = devfn on bus 0), through the same IOMMU hook as every PCI bus master: the data
 * land at the translated physical address and not at the IOVA; an unmapped IOVA gives F_TRANSLATION events with the
 * master's StreamID, the IOVA and the direction (Arm IHI 0070 7.3.10), one per 4-byte piece of the refused page
 * as QEMU's memory core retries it (measured, {@link SmmuBusMastersOnRunningQemuTest}), the access going on past
 * the refused page, and the device's own error behaviour:
 * <ul>
 * <li>edu reports nothing: QEMU's edu never looks at its DMA's outcome, so the transfer ends as usual (start bit
 *     clear, interrupt 0x100 when asked); a refused read leaves zeros in its buffer, a refused write writes
 *     nothing;</li>
 * <li>sdhci-pci: a refused ADMA access is an ADMA Error (SD Host Controller Simplified Specification 3.00 §2.2.29:
 *     ST_FDS for the descriptor fetch, ST_TFR for the data, whose access ends at the first refusal with one
 *     event); SDMA has no error status and completes.</li>
 * </ul>
 * STE bypass (IOVA = PA) and abort (refused, no event) with edu. {@code virt-7.2} has QEMU 7.2's stage-1-only SMMU;
 * the newest {@code virt} also stage 2 and nested.
 *
 * <p>[jvm] and [jvm-process] only: edu's DMA runs on a virtual-clock timer 100 ms after the command and sdhci's
 * ADMA in 100 ns rounds of one; Debian's QEMU 7.2 runs stopped under TCG ({@code -S}, no qtest accelerator), where
 * {@code clock_step} does not move the virtual clock, so no transfer would ever run there.
 */
class SmmuBusMastersTest {
    static final String NEEDS_VIRTUAL_TIME = "edu's DMA runs 100 ms of virtual time after its command and sdhci's "
            + "ADMA in virtual-clock rounds; Debian's QEMU 7.2 runs stopped (-S under TCG), its clock never moves";
    static final int EDU_DEVFN = QPciAddress.devfn(3, 0);
    static final int SDHCI_DEVFN = QPciAddress.devfn(4, 0);
    /** Inside virt's RAM (0x4000_0000 + 512 MiB) and above what the rig's allocator hands out first. */
    static final long IOVA_IN = 0x5f00_0000L;
    static final long IOVA_OUT = 0x5f10_0000L;
    static final long IOVA_UNMAPPED = 0x5f20_0000L;
    static final int LEN = 256;
    static final int OFFSET = 0x80;

    private static Path image;
    private static byte[] content;

    @BeforeAll
    static void writeImage() throws IOException {
        image = Files.createTempFile("smmu-sdhci.", ".img");
        content = new byte[1 << 20];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 13 + (i >>> 9) * 7 + 1);
        }
        Files.write(image, content);
    }

    @AfterAll
    static void deleteImage() throws IOException {
        Files.deleteIfExists(image);
    }

    // -------------------------------------------------------------------------------------------------------------
    // rig

    private static SmmuRig start(Backend b, String machine, String devices) {
        Assumptions.assumeTrue(b.hasVirtualTime(), "not applicable on [" + b.label() + "]: " + NEEDS_VIRTUAL_TIME);
        return SmmuRig.start(b, machine, devices, (q, a) -> SmmuStreamTable.linear(q, a, 8), 4, 9);
    }

    private static EduDevice edu(SmmuRig r) {
        EduDevice edu = new EduDevice(new PciBusGeneric(r.qts), new QPciAddress(EDU_DEVFN, EduRegs.VENDOR_ID,
                EduRegs.DEVICE_ID));
        edu.startHw();
        return edu;
    }

    private static String eduArgs(boolean wideMask) {
        return "-device edu,addr=03.0" + (wideMask ? ",dma_mask=0xffffffffffff" : "");
    }

    private static long page(SmmuRig r) {
        long a = QSmmuV3.allocAligned(r.qts, r.alloc, 4096);
        r.qts.memset(a, 0, 4096);
        return a;
    }

    private static byte[] pattern(int seed) {
        byte[] p = new byte[LEN];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 5 + seed);
        }
        return p;
    }

    /** A stage-1 stream (4K, 48-bit input, ASID {@code asid}) for {@code sid} mapping each IOVA page to its PA. */
    private static SmmuPageTable installStage1(SmmuRig r, int sid, int asid, long... iovaPa) {
        SmmuPageTable s1 = r.stage1(12, 48);
        for (int i = 0; i < iovaPa.length; i += 2) {
            s1.mapPage(iovaPa[i], iovaPa[i + 1], 0);
        }
        r.installSid(sid, SmmuSte.valid(SmmuSte.CONFIG_S1).s1ContextPtr(r.cd(SmmuCd.forTable(s1, asid))));
        return s1;
    }

    /** One edu transfer, run to its end on the virtual clock; returns the command register after it. */
    private static long eduDma(EduDevice edu, long src, long dst, int count, int cmd) {
        edu.write64(EduRegs.DMA_SRC, src);
        edu.write64(EduRegs.DMA_DST, dst);
        edu.write64(EduRegs.DMA_COUNT, count);
        edu.write64(EduRegs.DMA_CMD, cmd | EduRegs.DMA_CMD_START);
        edu.qts().clockStep(EduRegs.DMA_DELAY_NS);
        long after = edu.read64(EduRegs.DMA_CMD);
        assertEquals(0, after & EduRegs.DMA_CMD_START, "the transfer ran");
        return after;
    }

    /** RAM at {@code src} to edu's buffer. */
    private static void eduIn(EduDevice edu, long src) {
        eduDma(edu, src, EduRegs.DMA_BUFFER, LEN, 0);
    }

    /** edu's buffer to RAM at {@code dst}. */
    private static void eduOut(EduDevice edu, long dst) {
        eduDma(edu, EduRegs.DMA_BUFFER, dst, LEN, EduRegs.DMA_CMD_TO_RAM);
    }

    /**
     * The records of a refused access of {@code len} bytes at {@code iova} (4-byte aligned): one F_TRANSLATION per
     * 4-byte piece, as QEMU's memory core retries a refused access piece by piece (an access that ends at its first
     * refusal: {@code len} 4); returns them.
     */
    private static List<SmmuEvent> wordEvents(SmmuRig r, int sid, long iova, int len, boolean read, String what) {
        List<SmmuEvent> ev = r.smmu.events().drain();
        assertEquals(len / 4, ev.size(), what + ": one event per 4-byte piece, got " + ev.size());
        for (int i = 0; i < ev.size(); i++) {
            SmmuEvent e = ev.get(i);
            assertEquals(SmmuEvent.F_TRANSLATION, e.type(), what + ": " + e);
            assertEquals(sid, e.streamId(), what + ": StreamID = the master's requester id: " + e);
            assertEquals(iova + 4L * i, e.inputAddress(), what + ": the piece's IOVA: " + e);
            assertEquals(read, e.read(), what + ": RnW: " + e);
        }
        return ev;
    }

    private static void noEvent(SmmuRig r, String what) {
        assertEquals(List.of(), r.smmu.events().drain(), what + ": no event");
    }

    // -------------------------------------------------------------------------------------------------------------
    // edu

    /** (a) RAM -> edu -> RAM through stage-1 IOVAs on QEMU 7.2's stage-1-only SMMU and on the newest one. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void eduDmaGoesThroughStage1AndLandsAtTheTranslatedAddress(Backend b) {
        for (String machine : List.of("virt-7.2", "virt")) {
            try (SmmuRig r = start(b, machine, eduArgs(true))) {
                EduDevice edu = edu(r);
                long paIn = page(r);
                long paOut = page(r);
                installStage1(r, EDU_DEVFN, 3, IOVA_IN, paIn, IOVA_OUT, paOut);
                byte[] data = pattern(1);
                r.qts.memwrite(paIn + OFFSET, data);
                r.qts.memwrite(IOVA_IN + OFFSET, pattern(99)); // a decoy at the untranslated address
                r.qts.memset(IOVA_OUT, 0, 4096);

                eduIn(edu, IOVA_IN + OFFSET);
                eduOut(edu, IOVA_OUT + OFFSET);

                assertArrayEquals(data, r.qts.memread(paOut + OFFSET, LEN), machine + ": data at the translated PA");
                assertArrayEquals(new byte[LEN], r.qts.memread(IOVA_OUT + OFFSET, LEN),
                        machine + ": nothing at the IOVA itself");
                noEvent(r, machine);
            }
        }
    }

    /** edu's default 28-bit dma_mask applies before the bus: the register value is clamped, then translated. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void eduDmaMaskClampsTheIovaBeforeTranslation(Backend b) {
        try (SmmuRig r = start(b, "virt-7.2", eduArgs(false))) {
            EduDevice edu = edu(r);
            long iova = 0x0123_4000L;
            long paIn = page(r);
            long paOut = page(r);
            installStage1(r, EDU_DEVFN, 4, iova, paIn, iova + 0x1000, paOut);
            byte[] data = pattern(2);
            r.qts.memwrite(paIn + OFFSET, data);
            eduIn(edu, 0x7_0000_0000L | iova + OFFSET);
            eduOut(edu, 0x1_0000_0000L | iova + 0x1000 + OFFSET);
            assertArrayEquals(data, r.qts.memread(paOut + OFFSET, LEN));
            noEvent(r, "clamped IOVAs are mapped");
        }
    }

    /** Nested on the newest virt: the IOVA goes through stage 1 to an IPA and stage 2 to the PA. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void eduDmaGoesThroughNestedTranslation(Backend b) {
        try (SmmuRig r = start(b, "virt", eduArgs(true))) {
            EduDevice edu = edu(r);
            SmmuPageTable s2 = r.stage2(12, 40, 1);
            SmmuTranslationMatrixTest.identityMapRam(s2); // the stage-1 tables and CD are read through stage 2
            long ipaIn = 0x1_0000_0000L;
            long ipaOut = 0x1_0001_0000L;
            long paIn = page(r);
            long paOut = page(r);
            s2.mapPage(ipaIn, paIn, 0);
            s2.mapPage(ipaOut, paOut, 0);
            SmmuPageTable s1 = r.stage1(12, 48);
            s1.mapPage(IOVA_IN, ipaIn, 0);
            s1.mapPage(IOVA_OUT, ipaOut, 0);
            r.installSid(EDU_DEVFN, SmmuSte.valid(SmmuSte.CONFIG_NESTED).s1ContextPtr(r.cd(SmmuCd.forTable(s1, 5)))
                    .s2Vmid(9).stage2(s2, SmmuCd.PS_44));
            byte[] data = pattern(3);
            r.qts.memwrite(paIn + OFFSET, data);
            eduIn(edu, IOVA_IN + OFFSET);
            eduOut(edu, IOVA_OUT + OFFSET);
            assertArrayEquals(data, r.qts.memread(paOut + OFFSET, LEN));
            noEvent(r, "nested");

            // an IPA stage 2 does not map: F_TRANSLATION of stage 2, class IN, with the IPA
            s1.mapPage(IOVA_UNMAPPED, 0x1_0002_0000L, 0);
            eduOut(edu, IOVA_UNMAPPED + OFFSET);
            for (SmmuEvent e : wordEvents(r, EDU_DEVFN, IOVA_UNMAPPED + OFFSET, LEN, false, "stage-2 hole")) {
                assertTrue(e.stage2() && e.faultClass() == SmmuEvent.CLASS_IN, e.toString());
                assertEquals(0x1_0002_0000L, e.ipa(), "IPA[51:12] of the record (7.3.10): " + e);
            }
        }
    }

    /**
     * (b) An unmapped IOVA: F_TRANSLATION with edu's StreamID, the IOVA and the direction; edu completes the
     * transfer (and raises its DMA interrupt when asked) as QEMU's edu does, having read zeros or written nothing.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void eduDmaToAnUnmappedIovaRecordsATranslationFaultAndTheTransferStillEnds(Backend b) {
        for (String machine : List.of("virt-7.2", "virt")) {
            try (SmmuRig r = start(b, machine, eduArgs(true))) {
                EduDevice edu = edu(r);
                long paIn = page(r);
                long paOut = page(r);
                installStage1(r, EDU_DEVFN, 6, IOVA_IN, paIn, IOVA_OUT, paOut);
                r.qts.memwrite(paIn + OFFSET, pattern(4));
                eduIn(edu, IOVA_IN + OFFSET);
                noEvent(r, machine + ": the buffer filled");

                // buffer -> RAM at an unmapped IOVA: a write the SMMU refuses
                r.qts.memset(IOVA_UNMAPPED, 0, 4096);
                long cmd = eduDma(edu, EduRegs.DMA_BUFFER, IOVA_UNMAPPED + OFFSET, LEN,
                        EduRegs.DMA_CMD_TO_RAM | EduRegs.DMA_CMD_IRQ);
                assertEquals(EduRegs.DMA_CMD_TO_RAM | EduRegs.DMA_CMD_IRQ, cmd, machine + ": command after");
                assertEquals(EduRegs.DMA_IRQ, edu.read(EduRegs.IRQ_STATUS), machine + ": DMA interrupt raised");
                edu.write(EduRegs.IRQ_ACK, EduRegs.DMA_IRQ);
                for (SmmuEvent w : wordEvents(r, EDU_DEVFN, IOVA_UNMAPPED + OFFSET, LEN, false,
                        machine + ": refused write")) {
                    assertFalse(w.stage2(), w.toString());
                }
                assertArrayEquals(new byte[LEN], r.qts.memread(IOVA_UNMAPPED + OFFSET, LEN),
                        machine + ": nothing written at the IOVA");

                // RAM at an unmapped IOVA -> buffer: a refused read leaves zeros, which the next transfer shows
                r.qts.memwrite(IOVA_UNMAPPED + OFFSET, pattern(5));
                eduIn(edu, IOVA_UNMAPPED + OFFSET);
                wordEvents(r, EDU_DEVFN, IOVA_UNMAPPED + OFFSET, LEN, true, machine + ": refused read");
                r.qts.memwrite(paOut + OFFSET, pattern(6));
                eduOut(edu, IOVA_OUT + OFFSET);
                assertArrayEquals(new byte[LEN], r.qts.memread(paOut + OFFSET, LEN),
                        machine + ": the buffer holds zeros after the refused read");
                noEvent(r, machine + ": the mapped write");

                // a transfer from a refused page into a mapped one: the mapped part is written (QEMU 7.2 measured)
                long paNext = page(r);
                installStage1(r, EDU_DEVFN, 7, IOVA_IN, paIn, IOVA_UNMAPPED + 0x1000, paNext);
                r.qts.memwrite(paIn + OFFSET, pattern(9));
                eduIn(edu, IOVA_IN + OFFSET);
                noEvent(r, machine + ": refill");
                eduOut(edu, IOVA_UNMAPPED + 0x1000 - LEN / 2);
                wordEvents(r, EDU_DEVFN, IOVA_UNMAPPED + 0x1000 - LEN / 2, LEN / 2, false,
                        machine + ": the refused half");
                assertArrayEquals(Arrays.copyOfRange(pattern(9), LEN / 2, LEN), r.qts.memread(paNext, LEN / 2),
                        machine + ": the half in the mapped page lands");
            }
        }
    }

    /** (d) STE bypass: the IOVA is the PA, no event. STE abort: refused without an event, edu still completes. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void eduBehindBypassAndAbortStreams(Backend b) {
        for (String machine : List.of("virt-7.2", "virt")) {
            try (SmmuRig r = start(b, machine, eduArgs(true))) {
                EduDevice edu = edu(r);
                long src = page(r);
                long dst = page(r);
                byte[] data = pattern(7);
                r.qts.memwrite(src + OFFSET, data);
                r.installSid(EDU_DEVFN, SmmuSte.valid(SmmuSte.CONFIG_BYPASS));
                eduIn(edu, src + OFFSET);
                eduOut(edu, dst + OFFSET);
                assertArrayEquals(data, r.qts.memread(dst + OFFSET, LEN), machine + ": bypass");
                noEvent(r, machine + ": bypass");

                r.installSid(EDU_DEVFN, SmmuSte.valid(SmmuSte.CONFIG_ABORT));
                long other = page(r);
                eduOut(edu, other + OFFSET);
                assertArrayEquals(new byte[LEN], r.qts.memread(other + OFFSET, LEN), machine + ": abort drops it");
                noEvent(r, machine + ": Config abort records nothing");
                r.qts.memwrite(src + OFFSET, pattern(8));
                eduIn(edu, src + OFFSET);
                noEvent(r, machine + ": abort, read");
                r.installSid(EDU_DEVFN, SmmuSte.valid(SmmuSte.CONFIG_BYPASS));
                eduOut(edu, dst + OFFSET);
                assertArrayEquals(new byte[LEN], r.qts.memread(dst + OFFSET, LEN),
                        machine + ": the aborted read left zeros in the buffer");
            }
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // sdhci-pci

    private static String sdhciArgs() {
        return "-device sdhci-pci,addr=04.0 -drive if=none,id=sdcard0,file=" + image + ",format=raw "
                + "-device sd-card,drive=sdcard0";
    }

    private static SdHost sdhci(SmmuRig r) {
        SdhciPci s = new SdhciPci(new PciBusGeneric(r.qts), SdhciPci.ADDRESS);
        s.startHw();
        SdHost host = new SdHost(s);
        host.initCard();
        return host;
    }

    private static byte[] blocks(int lba, int count) {
        return Arrays.copyOfRange(content, lba * SdHost.BLOCK, (lba + count) * SdHost.BLOCK);
    }

    private static byte[] imageBlocks(int lba, int count) throws IOException {
        byte[] all = Files.readAllBytes(image);
        return Arrays.copyOfRange(all, lba * SdHost.BLOCK, (lba + count) * SdHost.BLOCK);
    }

    private static byte[] fill(int seed, int len) {
        byte[] p = new byte[len];
        for (int i = 0; i < len; i++) {
            p[i] = (byte) (i * 3 + seed);
        }
        return p;
    }

    /** After an ADMA error before any data left the card: reset CMD and DAT, CMD12 takes the card out of data. */
    private static void stopAfterError(SdHost host) {
        host.resetLines();
        host.simple(12, 0, SdhciRegs.CMD_RSP_48_BUSY);
    }

    private static int waitDone(SdHost host) {
        return host.waitTransferComplete(true, 1000);
    }

    /** (c) SDMA both ways through stage-1 IOVAs: the card's blocks in the translated RAM, RAM's bytes in the file. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void sdmaThroughTranslatedIovas(Backend b) throws IOException {
        for (String machine : List.of("virt-7.2", "virt")) {
            writeImage();
            try (SmmuRig r = start(b, machine, sdhciArgs())) {
                SdHost host = sdhci(r);
                long paRead = page(r);
                long paWrite = page(r);
                installStage1(r, SDHCI_DEVFN, 8, IOVA_IN, paRead, IOVA_OUT, paWrite);
                r.qts.memset(IOVA_IN, 0, 4096);

                host.sdma(true, 2, 2, IOVA_IN);
                int st = waitDone(host);
                assertEquals(SdhciRegs.NIS_TRSCMP, st & (SdhciRegs.NIS_TRSCMP | SdhciRegs.NIS_ERR),
                        machine + ": read complete, status 0x" + Integer.toHexString(st));
                assertArrayEquals(blocks(2, 2), r.qts.memread(paRead, 1024), machine + ": blocks in translated RAM");
                assertArrayEquals(new byte[1024], r.qts.memread(IOVA_IN, 1024), machine + ": none at the IOVA");
                host.clearInterrupts();

                byte[] data = fill(11, 1024);
                r.qts.memwrite(paWrite, data);
                r.qts.memwrite(IOVA_OUT, fill(77, 1024)); // a decoy at the untranslated address
                host.sdma(false, 6, 2, IOVA_OUT);
                st = waitDone(host);
                assertEquals(SdhciRegs.NIS_TRSCMP, st & (SdhciRegs.NIS_TRSCMP | SdhciRegs.NIS_ERR),
                        machine + ": write complete, status 0x" + Integer.toHexString(st));
                assertArrayEquals(data, imageBlocks(6, 2), machine + ": RAM's bytes in the image file");
                noEvent(r, machine);
            }
        }
    }

    /** SDMA to an unmapped IOVA: one event with sdhci's StreamID; SDMA has no error status, the transfer ends. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void sdmaToAnUnmappedIovaCompletesAndRecordsAnEvent(Backend b) {
        try (SmmuRig r = start(b, "virt-7.2", sdhciArgs())) {
            SdHost host = sdhci(r);
            installStage1(r, SDHCI_DEVFN, 9, IOVA_IN, page(r));
            r.qts.memset(IOVA_UNMAPPED, 0, 4096);
            host.sdma(true, 1, 1, IOVA_UNMAPPED);
            int st = waitDone(host);
            assertEquals(SdhciRegs.NIS_TRSCMP, st & (SdhciRegs.NIS_TRSCMP | SdhciRegs.NIS_ERR),
                    "complete without an error, status 0x" + Integer.toHexString(st));
            wordEvents(r, SDHCI_DEVFN, IOVA_UNMAPPED, 512, false, "refused SDMA write (card to memory)");
            assertArrayEquals(new byte[512], r.qts.memread(IOVA_UNMAPPED, 512));
        }
    }

    /** (c) ADMA2 with its descriptor table and data both at IOVAs, both directions. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void adma2ThroughTranslatedIovas(Backend b) throws IOException {
        for (String machine : List.of("virt-7.2", "virt")) {
            writeImage();
            try (SmmuRig r = start(b, machine, sdhciArgs())) {
                SdHost host = sdhci(r);
                long paTable = page(r);
                long paData = page(r);
                long paData2 = page(r);
                long iovaTable = 0x5f30_0000L;
                installStage1(r, SDHCI_DEVFN, 10, iovaTable, paTable, IOVA_IN, paData, IOVA_IN + 0x1000, paData2);
                // two lines: 512 bytes to the first data page, 1024 to the second (at an offset)
                r.qts.memwrite(paTable, SdHost.admaDescriptor(SdhciRegs.ADMA_VALID | SdhciRegs.ADMA_ACT_TRAN, 512,
                        IOVA_IN));
                r.qts.memwrite(paTable + 8, SdHost.admaDescriptor(SdhciRegs.ADMA_VALID | SdhciRegs.ADMA_ACT_TRAN
                        | SdhciRegs.ADMA_END, 1024, IOVA_IN + 0x1000 + 0x200));

                host.adma2(true, 3, 3, iovaTable);
                int st = waitDone(host);
                assertEquals(SdhciRegs.NIS_TRSCMP, st & (SdhciRegs.NIS_TRSCMP | SdhciRegs.NIS_ERR),
                        machine + ": ADMA2 read, status 0x" + Integer.toHexString(st));
                assertArrayEquals(blocks(3, 1), r.qts.memread(paData, 512), machine + ": first line");
                assertArrayEquals(blocks(4, 2), r.qts.memread(paData2 + 0x200, 1024), machine + ": second line");
                noEvent(r, machine + ": read");
                host.clearInterrupts();

                byte[] data = fill(21, 1024);
                r.qts.memwrite(paData2 + 0x200, data);
                r.qts.memwrite(paTable + 16, SdHost.admaDescriptor(SdhciRegs.ADMA_VALID | SdhciRegs.ADMA_ACT_TRAN
                        | SdhciRegs.ADMA_END, 1024, IOVA_IN + 0x1000 + 0x200));
                host.adma2(false, 9, 2, iovaTable + 16);
                st = waitDone(host);
                assertEquals(SdhciRegs.NIS_TRSCMP, st & (SdhciRegs.NIS_TRSCMP | SdhciRegs.NIS_ERR),
                        machine + ": ADMA2 write, status 0x" + Integer.toHexString(st));
                assertArrayEquals(data, imageBlocks(9, 2), machine + ": RAM's bytes in the image file");
                noEvent(r, machine + ": write");
            }
        }
    }

    /**
     * A descriptor table at an unmapped IOVA: ADMA Error in state ST_FDS, the ADMA System Address on the table,
     * and an F_TRANSLATION read event with sdhci's StreamID; a Tran line whose data IOVA is unmapped: ADMA Error in
     * state ST_TFR, no transfer complete, and a write event (card to memory).
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void adma2AtUnmappedIovasGivesAdmaErrorAndAnEvent(Backend b) {
        for (String machine : List.of("virt-7.2", "virt")) {
            try (SmmuRig r = start(b, machine, sdhciArgs())) {
                SdHost host = sdhci(r);
                long paTable = page(r);
                long iovaTable = 0x5f30_0000L;
                installStage1(r, SDHCI_DEVFN, 11, iovaTable, paTable, IOVA_IN, page(r));

                host.adma2(true, 0, 1, IOVA_UNMAPPED);
                int st = waitDone(host);
                assertEquals(SdhciRegs.NIS_ERR | SdhciRegs.EIS_ADMAERR << 16,
                        st & (SdhciRegs.NIS_TRSCMP | SdhciRegs.NIS_ERR | SdhciRegs.EIS_ADMAERR << 16),
                        machine + ": ADMA error, no completion; status 0x" + Integer.toHexString(st));
                var s = host.sdhci();
                assertEquals(1, s.readb(SdhciRegs.ADMAERR) & 3, machine + ": ST_FDS");
                assertEquals((int) IOVA_UNMAPPED, s.readl(SdhciRegs.ADMASYSADDR), machine + ": on the table");
                wordEvents(r, SDHCI_DEVFN, IOVA_UNMAPPED, SdhciRegs.ADMA_DESCRIPTOR_SIZE, true,
                        machine + ": descriptor fetch");
                stopAfterError(host);

                r.qts.memwrite(paTable, SdHost.admaDescriptor(SdhciRegs.ADMA_VALID | SdhciRegs.ADMA_ACT_TRAN
                        | SdhciRegs.ADMA_END, 512, IOVA_UNMAPPED + 0x400));
                host.adma2(true, 0, 1, iovaTable);
                st = waitDone(host);
                assertEquals(SdhciRegs.NIS_ERR | SdhciRegs.EIS_ADMAERR << 16,
                        st & (SdhciRegs.NIS_TRSCMP | SdhciRegs.NIS_ERR | SdhciRegs.EIS_ADMAERR << 16),
                        machine + ": ADMA error while moving data; status 0x" + Integer.toHexString(st));
                assertEquals(3, s.readb(SdhciRegs.ADMAERR) & 3, machine + ": ST_TFR");
                assertEquals((int) iovaTable + 8, s.readl(SdhciRegs.ADMASYSADDR), machine + ": past the line");
                // the data of a Tran line ends at its first refused page: one event (QEMU 7.2 measured)
                wordEvents(r, SDHCI_DEVFN, IOVA_UNMAPPED + 0x400, 4, false, machine + ": data (card to memory)");
                host.resetLines(); // the single block left the card before the refused write: no CMD12 needed
                assertEquals(SdHost.STATE_TRANSFER, host.status() >>> SdHost.R1_STATE_SHIFT & 0xf,
                        machine + ": the card is back in transfer state");
            }
        }
    }
}
