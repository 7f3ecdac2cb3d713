package io.qtestjvm.pci;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The IOMMU hook of the bus-master path: per-page translation, requester ids, faults as transaction errors. */
class DmaTranslatorTest {
    private static final int DEVFN = PciRegs.devfn(5, 2);
    private PcTopology pc;
    private TestDevice dev;
    private final List<long[]> calls = new ArrayList<>();

    @BeforeEach
    void setUp() {
        pc = new PcTopology();
        dev = new TestDevice();
        pc.bus().plug(dev, DEVFN);
        dev.configWrite(PciRegs.COMMAND, PciRegs.COMMAND_MASTER, 2);
    }

    /** Maps IOVA page p to physical page p + 0x100 (1 MiB up), faults from IOVA 0x10000 on; records every call. */
    private long shiftingIommu(int rid, long iova, int access) {
        calls.add(new long[] {rid, iova, access});
        return iova >= 0x10000 ? DmaTranslator.FAULT : iova + 0x10_0000;
    }

    @Test
    void withoutAnIommuDmaGoesStraightToMemory() {
        byte[] data = {1, 2, 3, 4};
        assertEquals(DmaStatus.OK, dev.dmaWriteStatus(0x2000, data, 0, 4));
        assertEquals(0x04030201L, pc.memory.load(0x2000, 4, false));
        assertEquals(DmaStatus.DECODE_ERROR, dev.dmaWriteStatus(PcTopology.RAM_SIZE + 0x1000_0000L, data, 0, 4));
    }

    @Test
    void requesterIdIsBusAndDevfn() {
        assertEquals(DEVFN, dev.requesterId());
    }

    @Test
    void writesAreTranslatedOncePerPageWithTheRequesterId() {
        pc.bus().setDmaTranslator(this::shiftingIommu);
        byte[] data = new byte[0x1800];
        java.util.Arrays.fill(data, (byte) 0x5a);
        assertEquals(DmaStatus.OK, dev.dmaWriteStatus(0x3c00, data, 0, data.length));
        assertEquals(3, calls.size());
        assertArrayEquals(new long[] {DEVFN, 0x3c00, DmaTranslator.WRITE}, calls.get(0));
        assertArrayEquals(new long[] {DEVFN, 0x4000, DmaTranslator.WRITE}, calls.get(1));
        assertArrayEquals(new long[] {DEVFN, 0x5000, DmaTranslator.WRITE}, calls.get(2));
        assertEquals(0x5a5a5a5aL, pc.memory.load(0x10_3c00, 4, false));
        assertEquals(0x5a5a5a5aL, pc.memory.load(0x10_53fc, 4, false));
        assertEquals(0, pc.memory.load(0x3c00, 4, false));
    }

    @Test
    void readsAreTranslatedAsReads() {
        pc.bus().setDmaTranslator(this::shiftingIommu);
        pc.memory.store(0x10_2000, 4, 0xcafef00dL, false);
        byte[] got = new byte[4];
        dev.dmaRead(0x2000, got, 0, 4);
        assertArrayEquals(new byte[] {0x0d, (byte) 0xf0, (byte) 0xfe, (byte) 0xca}, got);
        assertEquals(DmaTranslator.READ, calls.get(0)[2]);
    }

    /** Maps IOVA page p to p + 1 MiB, except page 0x10000, which it refuses; records every call. */
    private long oneRefusedPage(int rid, long iova, int access) {
        calls.add(new long[] {rid, iova, access});
        return (iova & ~0xfffL) == 0x10000 ? DmaTranslator.FAULT : iova + 0x10_0000;
    }

    @Test
    void retryingFunctionOffersARefusedPageAgainWordByWordAndGoesOn() {
        pc.bus().setDmaTranslator(this::oneRefusedPage);
        dev.retryRefusedPagesInWords(true);
        byte[] data = new byte[0x1200];
        java.util.Arrays.fill(data, (byte) 0x66);
        assertEquals(DmaStatus.TRANSLATION_FAULT, dev.dmaWriteStatus(0xff00, data, 0, data.length));
        assertEquals(1 + 0x1000 / 4 + 1, calls.size(), "one page, the refused one in 4-byte pieces, the next page");
        assertEquals(0x10004, calls.get(2)[1]);
        assertEquals(0x10ffc, calls.get(1024)[1]);
        assertEquals(0x11000, calls.get(1025)[1]);
        assertEquals(0x66666666L, pc.memory.load(0x10_fffc, 4, false), "before the refused page");
        assertEquals(0, pc.memory.load(0x11_0000, 4, false), "nothing of the refused page");
        assertEquals(0x66666666L, pc.memory.load(0x11_1000, 4, false), "the page after it is written");
        assertEquals(0, pc.memory.load(0x1_0000, 4, false));
    }

    @Test
    void retriedPiecesFollowTheirNaturalAlignmentAndReadAsZeros() {
        pc.bus().setDmaTranslator(this::oneRefusedPage);
        dev.retryRefusedPagesInWords(true);
        byte[] got = new byte[9];
        java.util.Arrays.fill(got, (byte) 1);
        assertEquals(DmaStatus.TRANSLATION_FAULT, dev.dmaReadStatus(0x10003, got, 0, got.length));
        assertEquals(3, calls.size(), "pieces of 1, 4 and 4 bytes");
        assertEquals(0x10003, calls.get(0)[1]);
        assertEquals(0x10004, calls.get(1)[1]);
        assertEquals(0x10008, calls.get(2)[1]);
        assertEquals(DmaTranslator.READ, calls.get(2)[2]);
        assertArrayEquals(new byte[9], got);
        calls.clear();
        dev.dmaReadStatus(0x10ffe, got, 0, 3); // 2 bytes to the page end, then the next page
        assertEquals(2, calls.size(), "one piece of 2 bytes, then the next page");
    }

    @Test
    void endingAtRefusalIgnoresTheRetrySetting() {
        pc.bus().setDmaTranslator(this::oneRefusedPage);
        dev.retryRefusedPagesInWords(true);
        byte[] data = new byte[0x1200];
        assertEquals(DmaStatus.TRANSLATION_FAULT, dev.dmaWriteStatusEndingAtRefusal(0xff00, data, 0, data.length));
        assertEquals(2, calls.size(), "the first refusal ends the access");
    }

    @Test
    void aFaultEndsTheTransferAtThePageThatFaulted() {
        pc.bus().setDmaTranslator(this::shiftingIommu);
        byte[] data = new byte[0x2000];
        java.util.Arrays.fill(data, (byte) 0x77);
        assertEquals(DmaStatus.TRANSLATION_FAULT, dev.dmaWriteStatus(0xf000, data, 0, data.length));
        assertEquals(2, calls.size(), "no page after the faulting one is asked for");
        assertEquals(0x77777777L, pc.memory.load(0x10_fffc, 4, false), "the page before the fault is written");
        assertEquals(0, pc.memory.load(0x11_0000, 4, false));
        assertEquals(0, pc.memory.load(0x1_0000, 4, false));
    }

    @Test
    void aFaultingReadReadsZerosFromTheFaultOn() {
        pc.bus().setDmaTranslator(this::shiftingIommu);
        pc.memory.store(0x10_fffc, 4, 0x11223344L, false);
        byte[] got = new byte[8];
        java.util.Arrays.fill(got, (byte) -1);
        assertEquals(DmaStatus.TRANSLATION_FAULT, dev.dmaReadStatus(0xfffc, got, 0, 8));
        assertArrayEquals(new byte[] {0x44, 0x33, 0x22, 0x11, 0, 0, 0, 0}, got);
    }

    @Test
    void msiMessagesGoThroughTheIommuToo() {
        pc.bus().setDmaTranslator(this::shiftingIommu);
        dev.dmaStoreLong(0x6000, 0xabcd);
        assertEquals(0xabcdL, pc.memory.load(0x10_6000, 4, false));
        dev.dmaStoreLong(0x2_0000, 0x1234);
        assertEquals(0, pc.memory.load(0x2_0000, 4, false), "a refused message is dropped");
    }

    @Test
    void withoutBusMasteringNothingIsTranslatedOrAccessed() {
        pc.bus().setDmaTranslator(this::shiftingIommu);
        dev.configWrite(PciRegs.COMMAND, 0, 2);
        assertEquals(DmaStatus.MASTER_ABORT, dev.dmaWriteStatus(0x2000, new byte[4], 0, 4));
        assertEquals(0, calls.size());
    }

    @Test
    void removingTheTranslatorRestoresTheDirectPath() {
        pc.bus().setDmaTranslator(this::shiftingIommu);
        pc.bus().setDmaTranslator(null);
        dev.dmaWrite(0x2000, new byte[] {9, 9, 9, 9}, 0, 4);
        assertEquals(0x09090909L, pc.memory.load(0x2000, 4, false));
        assertEquals(0, calls.size());
    }
}
