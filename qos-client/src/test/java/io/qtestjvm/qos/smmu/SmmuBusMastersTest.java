package io.qtestjvm.qos.smmu;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.edu.EduDevice;
import io.qtestjvm.qos.libqos.edu.EduRegs;
import io.qtestjvm.qos.libqos.pci.PciBusGeneric;
import io.qtestjvm.qos.libqos.pci.QPciAddress;
import io.qtestjvm.qos.libqos.sdhci.SdHost;
import io.qtestjvm.qos.libqos.sdhci.SdhciPci;
import io.qtestjvm.qos.libqos.smmu.SmmuCommandQueue;
import io.qtestjvm.qos.libqos.smmu.SmmuEvent;
import io.qtestjvm.qos.libqos.smmu.SmmuPageTable;
import io.qtestjvm.qos.libqos.smmu.SmmuStreamTable;
import io.qtestjvm.qos.libqos.smmu.SmmuSte;
import io.qtestjvm.qos.libqtest.QTestState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static io.qtestjvm.qos.libqos.sdhci.SdhciRegs.ADMA_ACT_TRAN;
import static io.qtestjvm.qos.libqos.sdhci.SdhciRegs.ADMA_END;
import static io.qtestjvm.qos.libqos.sdhci.SdhciRegs.ADMA_VALID;
import static io.qtestjvm.qos.libqos.sdhci.SdhciRegs.EIS_ADMAERR;
import static io.qtestjvm.qos.libqos.sdhci.SdhciRegs.NIS_ERR;
import static io.qtestjvm.qos.libqos.sdhci.SdhciRegs.NIS_TRSCMP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bus masters that are not test engines, behind the SMMU of {@code virt,iommu=smmuv3}: edu's DMA engine and
 * sdhci-pci's SDMA and ADMA2 engines put I/O virtual addresses on the bus, which the SMMU translates for their
 * StreamID (IHI 0070 3.2: here the requester ID, devfn on bus 0) exactly as for iommu-testdev, and a refused
 * translation is an event record naming that StreamID and address (7.3.12 F_TRANSLATION).
 *
 * <p>What each device does with a refused access is its own: edu, as QEMU's, does not look at the outcome of its
 * DMA (its transfer ends normally; nothing is written for a refused write); the SD host controller treats a
 * descriptor it could not fetch as an invalid one, which SD Host Controller 3.00 section 1.13.5 makes an ADMA error.
 *
 * <p>[jvm] and [jvm-process] only: edu's DMA and the SMMU's queues need the virtual clock and iommu=smmuv3 as the
 * newest machine has it ({@link SmmuRig#DMA_NEEDS_VIRTUAL_TIME}).
 */
class SmmuBusMastersTest {
    private static final int EDU_SLOT = 5;
    private static final int SDHCI_SLOT = 6;
    /** Below edu's 28-bit DMA mask: only a translation lets edu reach virt's RAM, which starts at 1 GiB. */
    private static final long IOVA = 0x0010_0000L;
    private static final int IMAGE_SIZE = 2 << 20;

    private static int devfn(int slot) {
        return QPciAddress.devfn(slot, 0);
    }

    private static EduDevice edu(SmmuRig r) {
        EduDevice edu = new EduDevice(new PciBusGeneric(r.qts), new QPciAddress(devfn(EDU_SLOT), EduRegs.VENDOR_ID,
                EduRegs.DEVICE_ID));
        edu.pci().enable();
        return edu;
    }

    /** A 4K, 48-bit stage-1 stream (ASID 1) for {@code sid} over {@code s1}, config and TLBs invalidated. */
    private static void stage1(SmmuRig r, int sid, SmmuPageTable s1) {
        r.table.write(sid, SmmuSte.valid(SmmuSte.CONFIG_S1).s1ContextPtr(r.cd(
                io.qtestjvm.qos.libqos.smmu.SmmuCd.forTable(s1, 1))));
        r.smmu.invalidate(SmmuCommandQueue.cfgiSte(sid), SmmuCommandQueue.tlbiNsnhAll());
    }

    private static void eduDma(EduDevice edu, long src, long dst, int len, int flags) {
        edu.write64(EduRegs.DMA_SRC, src);
        edu.write64(EduRegs.DMA_DST, dst);
        edu.write64(EduRegs.DMA_COUNT, len);
        edu.write64(EduRegs.DMA_CMD, EduRegs.DMA_CMD_START | flags);
        edu.qts().clockStep(EduRegs.DMA_DELAY_NS);
        assertEquals(0, edu.read(EduRegs.DMA_CMD) & EduRegs.DMA_CMD_START, "edu's transfer is over");
    }

    private static byte[] pattern(int len, int seed) {
        byte[] b = new byte[len];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eduDmaReachesRamAboveItsMaskThroughStageOne(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, "-device edu,addr=05.0", (q, a) -> SmmuStreamTable.linear(q, a, 8), 4,
                4)) {
            EduDevice edu = edu(r);
            long src = r.alloc.alloc(4096);
            long dst = r.alloc.alloc(4096);
            SmmuPageTable s1 = r.stage1(12, 48);
            s1.mapPage(IOVA, src, 0);
            s1.mapPage(IOVA + 0x1000, dst, 0);
            stage1(r, devfn(EDU_SLOT), s1);
            byte[] data = pattern(256, 7);
            r.qts.memwrite(src, data);
            r.qts.memset(dst, 0, 256);

            eduDma(edu, IOVA, EduRegs.DMA_BUFFER, 256, 0);
            eduDma(edu, EduRegs.DMA_BUFFER, IOVA + 0x1000, 256, EduRegs.DMA_CMD_TO_RAM);

            assertArrayEquals(data, r.qts.memread(dst, 256), "the bytes went RAM -> edu -> RAM at the translations");
            assertEquals(List.of(), r.smmu.events().drain(), "no event");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eduDmaToAnUnmappedIovaRecordsFTranslationWithItsStreamIdAndWritesNothing(Backend b) {
        try (SmmuRig r = SmmuRig.start(b, "-device edu,addr=05.0", (q, a) -> SmmuStreamTable.linear(q, a, 8), 4,
                4)) {
            EduDevice edu = edu(r);
            long src = r.alloc.alloc(4096);
            SmmuPageTable s1 = r.stage1(12, 48);
            s1.mapPage(IOVA, src, 0);
            stage1(r, devfn(EDU_SLOT), s1);
            r.qts.memwrite(src, pattern(64, 3));
            eduDma(edu, IOVA, EduRegs.DMA_BUFFER, 64, 0);
            byte[] before = r.qts.memread(src, 64);

            long unmapped = IOVA + 0x5000;
            eduDma(edu, EduRegs.DMA_BUFFER, unmapped, 64, EduRegs.DMA_CMD_TO_RAM);

            List<SmmuEvent> ev = r.smmu.events().drain();
            assertEquals(1, ev.size(), "one event per refused page: " + ev);
            SmmuEvent e = ev.get(0);
            assertEquals("F_TRANSLATION", SmmuEvent.name(e.type()), e.toString());
            assertEquals(devfn(EDU_SLOT), e.streamId(), "edu's StreamID");
            assertEquals(unmapped, e.inputAddress(), "the IOVA edu put on the bus");
            assertTrue(!e.read(), "a write");
            assertArrayEquals(before, r.qts.memread(src, 64), "the mapped page is untouched");
            assertEquals(EduRegs.ID_VALUE, edu.read(EduRegs.ID), "edu still answers");
        }
    }

    /** The sd-card's image: 2 MiB of a seeded pattern, as the SDHCI graph tests make it. */
    private static Path image() throws IOException {
        Path img = Files.createTempFile("qtest-smmu-sd.", ".img");
        img.toFile().deleteOnExit();
        Files.write(img, pattern(IMAGE_SIZE, IMAGE_SIZE));
        return img;
    }

    private static SmmuRig sdhciRig(Backend b, Path img) {
        return SmmuRig.start(b, "-drive if=none,id=sdcard0,file=" + img + ",format=raw -device sdhci-pci,addr="
                + Integer.toHexString(SDHCI_SLOT) + ".0 -device sd-card,drive=sdcard0",
                (q, a) -> SmmuStreamTable.linear(q, a, 8), 4, 4);
    }

    private static SdHost sdHost(SmmuRig r) {
        SdhciPci s = new SdhciPci(new PciBusGeneric(r.qts), new QPciAddress(devfn(SDHCI_SLOT), 0x1b36, 0x0007));
        s.pci().enable();
        SdHost host = new SdHost(s);
        host.initCard();
        return host;
    }

    private static byte[] blocks(Path img, int lba, int count) throws IOException {
        byte[] all = Files.readAllBytes(img);
        return Arrays.copyOfRange(all, lba * SdHost.BLOCK, (lba + count) * SdHost.BLOCK);
    }

    private static void assertComplete(int status, String what) {
        assertTrue((status & NIS_TRSCMP) != 0 && (status & NIS_ERR) == 0, what + ": status 0x"
                + Integer.toHexString(status));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sdhciSdmaAndAdma2MoveBlocksThroughTranslatedAddresses(Backend b) throws IOException {
        Path img = image();
        try (SmmuRig r = sdhciRig(b, img)) {
            SdHost host = sdHost(r);
            QTestState qts = r.qts;
            long buf = r.alloc.alloc(8192);
            long table = r.alloc.alloc(4096);
            SmmuPageTable s1 = r.stage1(12, 48);
            // the two buffer pages swapped, so that only a translated transfer puts the blocks where they are checked
            s1.mapPage(IOVA, buf + 4096, 0);
            s1.mapPage(IOVA + 0x1000, buf, 0);
            s1.mapPage(IOVA + 0x4000, table, 0);
            stage1(r, devfn(SDHCI_SLOT), s1);

            host.sdma(true, 32, 16, IOVA);
            assertComplete(host.waitTransferComplete(false, 0), "SDMA read");
            host.clearInterrupts();
            byte[] want = blocks(img, 32, 16);
            assertArrayEquals(Arrays.copyOfRange(want, 0, 4096), qts.memread(buf + 4096, 4096), "IOVA page 0");
            assertArrayEquals(Arrays.copyOfRange(want, 4096, 8192), qts.memread(buf, 4096), "IOVA page 1");

            byte[] data = pattern(8192, 200);
            qts.memwrite(buf + 4096, Arrays.copyOfRange(data, 0, 4096));
            qts.memwrite(buf, Arrays.copyOfRange(data, 4096, 8192));
            host.sdma(false, 200, 16, IOVA);
            assertComplete(host.waitTransferComplete(false, 0), "SDMA write");
            host.clearInterrupts();
            assertArrayEquals(data, blocks(img, 200, 16), "the image holds what the IOVAs named");

            byte[] descs = new byte[16];
            System.arraycopy(SdHost.admaDescriptor(ADMA_VALID | ADMA_ACT_TRAN, 4096, IOVA + 0x1000), 0, descs, 0, 8);
            System.arraycopy(SdHost.admaDescriptor(ADMA_VALID | ADMA_ACT_TRAN | ADMA_END, 4096, IOVA), 0, descs, 8,
                    8);
            qts.memwrite(table, descs);
            host.adma2(true, 64, 16, IOVA + 0x4000);
            assertComplete(host.waitTransferComplete(false, 0), "ADMA2 read");
            host.clearInterrupts();
            want = blocks(img, 64, 16);
            assertArrayEquals(Arrays.copyOfRange(want, 0, 4096), qts.memread(buf, 4096), "first descriptor");
            assertArrayEquals(Arrays.copyOfRange(want, 4096, 8192), qts.memread(buf + 4096, 4096), "second");
            assertEquals(List.of(), r.smmu.events().drain(), "no event");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sdhciAdma2TableAtAnUnmappedIovaIsAnAdmaErrorAndAnEvent(Backend b) throws IOException {
        Path img = image();
        try (SmmuRig r = sdhciRig(b, img)) {
            SdHost host = sdHost(r);
            SmmuPageTable s1 = r.stage1(12, 48);
            s1.mapPage(IOVA, r.alloc.alloc(4096), 0);
            stage1(r, devfn(SDHCI_SLOT), s1);
            byte[] before = Files.readAllBytes(img);

            long table = IOVA + 0x8000;
            host.adma2(false, 10, 4, table);
            int st = host.waitTransferComplete(false, 0);
            assertTrue((st & NIS_ERR) != 0 && (st >>> 16 & EIS_ADMAERR) != 0, "ADMA error, status 0x"
                    + Integer.toHexString(st));
            host.resetLines();

            List<SmmuEvent> ev = r.smmu.events().drain();
            assertTrue(!ev.isEmpty(), "the refused descriptor fetch is recorded");
            SmmuEvent e = ev.get(0);
            assertEquals("F_TRANSLATION", SmmuEvent.name(e.type()), e.toString());
            assertEquals(devfn(SDHCI_SLOT), e.streamId(), "the controller's StreamID");
            assertEquals(table, e.inputAddress(), "the descriptor table's IOVA");
            assertTrue(e.read(), "a read");
            assertArrayEquals(before, Files.readAllBytes(img), "image untouched");
        }
    }
}
