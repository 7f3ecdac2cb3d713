package io.qtestjvm.qos.smmu;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.edu.EduDevice;
import io.qtestjvm.qos.libqos.edu.EduRegs;
import io.qtestjvm.qos.libqos.pci.PciBusGeneric;
import io.qtestjvm.qos.libqos.pci.QPciAddress;
import io.qtestjvm.qos.libqos.sdhci.SdHost;
import io.qtestjvm.qos.libqos.sdhci.SdhciPci;
import io.qtestjvm.qos.libqos.sdhci.SdhciRegs;
import io.qtestjvm.qos.libqos.smmu.QSmmuV3;
import io.qtestjvm.qos.libqos.smmu.SmmuCd;
import io.qtestjvm.qos.libqos.smmu.SmmuCommandQueue;
import io.qtestjvm.qos.libqos.smmu.SmmuEvent;
import io.qtestjvm.qos.libqos.smmu.SmmuPageTable;
import io.qtestjvm.qos.libqos.smmu.SmmuSte;
import io.qtestjvm.qos.libqos.smmu.SmmuStreamTable;
import io.qtestjvm.qos.libqtest.ProcessTransport;
import io.qtestjvm.qos.libqtest.QTestState;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The facts {@link SmmuBusMastersTest} relies on, measured on Debian's QEMU 7.2 itself: edu and sdhci-pci behind virt's
 * SMMUv3 (stage 1). QEMU here runs instead of being stopped with {@code -S}: with no firmware the CPU spins in an
 * exception loop at the reset vector, touching no RAM, and the virtual clock follows the host's, so edu's 100 ms
 * transfer timer fires and the test waits for the start bit to clear. Facts pinned: the data land at the translated
 * address; a refused write or read completes with the start bit clear and the DMA interrupt raised, one F_TRANSLATION
 * (edu's StreamID, RnW, the piece's IOVA) per 4-byte piece of the refused page (an unaligned start: first a 1-byte
 * piece), zeros read into the buffer; a transfer going on from a refused page into a mapped one writes the mapped part.
 * sdhci-pci: SDMA to a refused page completes without an error, one event per 4-byte piece; an ADMA2 descriptor table
 * at a refused IOVA gives two events (8 bytes) and ADMA Error in ST_FDS; a Tran line with End whose data page is
 * refused gives one event, ADMA Error with the ADMA System Address left on the line, and Transfer Complete (where the
 * model keeps the specification's ST_TFR, {@code AdmaEngine}). Skipped where qemu-system-aarch64 is not installed.
 */
class SmmuBusMastersOnRunningQemuTest {
    private static final int SID = QPciAddress.devfn(3, 0);
    private static final long IOVA_IN = 0x5f00_0000L;
    private static final long IOVA_OUT = 0x5f10_0000L;
    private static final long IOVA_HOLE = 0x5f20_0000L;
    private static final int LEN = 256;
    private static final long WAIT_NS = 10_000_000_000L;

    @Test
    void eduBehindTheSmmuOfQemu72() throws InterruptedException {
        Backend.QEMU.assumeAvailable("aarch64");
        try (QTestState qts = new QTestState(ProcessTransport.start(Backend.qemuBinary("aarch64"),
                "-machine virt,iommu=smmuv3 -m 512 -device edu,addr=03.0,dma_mask=0xffffffffffff", "tcg", "qemu",
                30_000, java.util.Map.of()))) {
            GuestAllocator alloc = new GuestAllocator(0x4100_0000L, 0x5000_0000L, 4096);
            SmmuStreamTable table = SmmuStreamTable.linear(qts, alloc, 8);
            QSmmuV3 smmu = QSmmuV3.enable(qts, QSmmuV3.VIRT_BASE, alloc, table, 4, 8);
            EduDevice edu = new EduDevice(new PciBusGeneric(qts), new QPciAddress(SID, EduRegs.VENDOR_ID,
                    EduRegs.DEVICE_ID));
            edu.startHw();
            long paIn = QSmmuV3.allocAligned(qts, alloc, 4096);
            long paOut = QSmmuV3.allocAligned(qts, alloc, 4096);
            long paNext = QSmmuV3.allocAligned(qts, alloc, 4096);
            SmmuPageTable s1 = SmmuPageTable.stage1(qts, alloc, 12, 48);
            s1.mapPage(IOVA_IN, paIn, 0);
            s1.mapPage(IOVA_OUT, paOut, 0);
            s1.mapPage(IOVA_HOLE + 0x1000, paNext, 0);
            long cd = QSmmuV3.allocAligned(qts, alloc, 64);
            SmmuCd.forTable(s1, 3).writeTo(qts, cd);
            table.write(SID, SmmuSte.valid(SmmuSte.CONFIG_S1).s1ContextPtr(cd));
            smmu.invalidate(SmmuCommandQueue.cfgiSte(SID), SmmuCommandQueue.tlbiNsnhAll());
            byte[] data = new byte[LEN];
            for (int i = 0; i < LEN; i++) {
                data[i] = (byte) (i * 5 + 1);
            }
            qts.memwrite(paIn + 0x80, data);
            qts.memset(IOVA_OUT, 0, 4096);

            run(edu, IOVA_IN + 0x80, EduRegs.DMA_BUFFER, 0);
            run(edu, EduRegs.DMA_BUFFER, IOVA_OUT + 0x80, EduRegs.DMA_CMD_TO_RAM);
            assertArrayEquals(data, qts.memread(paOut + 0x80, LEN), "at the translated address");
            assertArrayEquals(new byte[LEN], qts.memread(IOVA_OUT + 0x80, LEN), "not at the IOVA");
            assertEquals(List.of(), smmu.events().drain());

            qts.memset(IOVA_HOLE, 0, 4096);
            assertEquals(EduRegs.DMA_CMD_TO_RAM | EduRegs.DMA_CMD_IRQ, run(edu, EduRegs.DMA_BUFFER,
                    IOVA_HOLE + 0x80, EduRegs.DMA_CMD_TO_RAM | EduRegs.DMA_CMD_IRQ), "the refused write ends");
            assertEquals(EduRegs.DMA_IRQ, edu.read(EduRegs.IRQ_STATUS), "with its interrupt");
            edu.write(EduRegs.IRQ_ACK, EduRegs.DMA_IRQ);
            assertPieces(smmu.events().drain(), IOVA_HOLE + 0x80, false, LEN / 4);
            assertArrayEquals(new byte[LEN], qts.memread(IOVA_HOLE + 0x80, LEN), "nothing at the IOVA");

            qts.memwrite(IOVA_HOLE + 0x80, data);
            run(edu, IOVA_HOLE + 0x80, EduRegs.DMA_BUFFER, 0);
            assertPieces(smmu.events().drain(), IOVA_HOLE + 0x80, true, LEN / 4);
            qts.memwrite(paOut + 0x80, data);
            run(edu, EduRegs.DMA_BUFFER, IOVA_OUT + 0x80, EduRegs.DMA_CMD_TO_RAM);
            assertArrayEquals(new byte[LEN], qts.memread(paOut + 0x80, LEN), "the refused read left zeros");

            run(edu, IOVA_IN + 0x80, EduRegs.DMA_BUFFER, 0);
            run(edu, EduRegs.DMA_BUFFER, IOVA_HOLE + 0x1000 - LEN / 2, EduRegs.DMA_CMD_TO_RAM);
            assertPieces(smmu.events().drain(), IOVA_HOLE + 0x1000 - LEN / 2, false, LEN / 8);
            assertArrayEquals(Arrays.copyOfRange(data, LEN / 2, LEN), qts.memread(paNext, LEN / 2),
                    "the transfer goes on into the mapped page");

            run(edu, EduRegs.DMA_BUFFER, IOVA_HOLE + 0x1000 - LEN / 2 + 3, EduRegs.DMA_CMD_TO_RAM);
            List<SmmuEvent> unaligned = smmu.events().drain();
            assertEquals(LEN / 8, unaligned.size(), "a 1-byte piece, then 31 4-byte pieces to the page end");
            assertEquals(IOVA_HOLE + 0x1000 - LEN / 2 + 3, unaligned.get(0).inputAddress());
            assertEquals(IOVA_HOLE + 0x1000 - LEN / 2 + 4, unaligned.get(1).inputAddress());
        }
    }

    @Test
    void sdhciPciBehindTheSmmuOfQemu72() throws Exception {
        Backend.QEMU.assumeAvailable("aarch64");
        int sid = QPciAddress.devfn(4, 0);
        Path image = Files.createTempFile("smmu-sdhci-qemu.", ".img");
        try {
            Files.write(image, new byte[1 << 20]);
            try (QTestState qts = new QTestState(ProcessTransport.start(Backend.qemuBinary("aarch64"),
                    "-machine virt,iommu=smmuv3 -m 512 -device sdhci-pci,addr=04.0 -drive if=none,id=sdcard0,file="
                            + image + ",format=raw -device sd-card,drive=sdcard0", "tcg", "qemu", 30_000,
                    java.util.Map.of()))) {
                GuestAllocator alloc = new GuestAllocator(0x4100_0000L, 0x5000_0000L, 4096);
                SmmuStreamTable table = SmmuStreamTable.linear(qts, alloc, 8);
                QSmmuV3 smmu = QSmmuV3.enable(qts, QSmmuV3.VIRT_BASE, alloc, table, 4, 8);
                SdhciPci sdhci = new SdhciPci(new PciBusGeneric(qts), SdhciPci.ADDRESS);
                sdhci.startHw();
                SdHost host = new SdHost(sdhci);
                host.initCard();
                long iovaTable = 0x5f30_0000L;
                long paTable = QSmmuV3.allocAligned(qts, alloc, 4096);
                SmmuPageTable s1 = SmmuPageTable.stage1(qts, alloc, 12, 48);
                s1.mapPage(iovaTable, paTable, 0);
                long cd = QSmmuV3.allocAligned(qts, alloc, 64);
                SmmuCd.forTable(s1, 3).writeTo(qts, cd);
                table.write(sid, SmmuSte.valid(SmmuSte.CONFIG_S1).s1ContextPtr(cd));
                smmu.invalidate(SmmuCommandQueue.cfgiSte(sid), SmmuCommandQueue.tlbiNsnhAll());

                host.sdma(true, 0, 1, IOVA_HOLE);
                int st = waitFor(host, SdhciRegs.NIS_TRSCMP | SdhciRegs.NIS_ERR);
                assertEquals(SdhciRegs.NIS_TRSCMP, st & (SdhciRegs.NIS_TRSCMP | SdhciRegs.NIS_ERR), "SDMA completes");
                assertPieces(smmu.events().drain(), sid, IOVA_HOLE, false, 512 / 4);
                host.clearInterrupts();

                host.adma2(true, 0, 1, IOVA_HOLE);
                st = waitFor(host, SdhciRegs.NIS_ERR);
                assertEquals(SdhciRegs.EIS_ADMAERR, st >>> 16 & SdhciRegs.EIS_ADMAERR, "ADMA Error");
                assertEquals(1, sdhci.readb(SdhciRegs.ADMAERR) & 3, "ST_FDS");
                assertEquals((int) IOVA_HOLE, sdhci.readl(SdhciRegs.ADMASYSADDR), "on the table");
                assertPieces(smmu.events().drain(), sid, IOVA_HOLE, true, 2);
                host.resetLines();
                host.simple(12, 0, SdhciRegs.CMD_RSP_48_BUSY);

                qts.memwrite(paTable, SdHost.admaDescriptor(SdhciRegs.ADMA_VALID | SdhciRegs.ADMA_ACT_TRAN
                        | SdhciRegs.ADMA_END, 512, IOVA_HOLE + 0x400));
                host.adma2(true, 0, 1, iovaTable);
                st = waitFor(host, SdhciRegs.NIS_TRSCMP);
                assertEquals(SdhciRegs.NIS_TRSCMP | SdhciRegs.NIS_ERR, st & (SdhciRegs.NIS_TRSCMP | SdhciRegs.NIS_ERR),
                        "ADMA Error and Transfer Complete: 0x" + Integer.toHexString(st));
                assertEquals(SdhciRegs.EIS_ADMAERR, st >>> 16 & SdhciRegs.EIS_ADMAERR);
                assertEquals((int) iovaTable, sdhci.readl(SdhciRegs.ADMASYSADDR), "left on the line");
                assertPieces(smmu.events().drain(), sid, IOVA_HOLE + 0x400, false, 1);
            }
        } finally {
            Files.deleteIfExists(image);
        }
    }

    /** Polls (host time) until one of {@code bits} is set in the normal interrupt status; the status. */
    private static int waitFor(SdHost host, int bits) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NS;
        int st;
        while (((st = host.interrupts()) & bits) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return st;
    }

    private static void assertPieces(List<SmmuEvent> ev, long iova, boolean read, int count) {
        assertPieces(ev, SID, iova, read, count);
    }

    private static void assertPieces(List<SmmuEvent> ev, int sid, long iova, boolean read, int count) {
        assertEquals(count, ev.size(), "one event per 4-byte piece: " + ev.size());
        for (int i = 0; i < count; i++) {
            SmmuEvent e = ev.get(i);
            assertEquals(SmmuEvent.F_TRANSLATION, e.type(), e.toString());
            assertEquals(sid, e.streamId(), e.toString());
            assertEquals(read, e.read(), e.toString());
            assertEquals(iova + 4L * i, e.inputAddress(), e.toString());
        }
    }

    /** Starts a transfer and waits (host time: QEMU runs) until its start bit clears; the command after it. */
    private static long run(EduDevice edu, long src, long dst, int cmd) throws InterruptedException {
        edu.write64(EduRegs.DMA_SRC, src);
        edu.write64(EduRegs.DMA_DST, dst);
        edu.write64(EduRegs.DMA_COUNT, LEN);
        edu.write64(EduRegs.DMA_CMD, cmd | EduRegs.DMA_CMD_START);
        long deadline = System.nanoTime() + WAIT_NS;
        long v;
        while (((v = edu.read64(EduRegs.DMA_CMD)) & EduRegs.DMA_CMD_START) != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, v & EduRegs.DMA_CMD_START, "the transfer ran within 10 s");
        return v;
    }
}
