package io.qtestjvm.server.testdev;

import io.qtestjvm.pci.DmaTranslator;
import io.qtestjvm.server.InJvmServer;
import io.qtestjvm.server.board.VirtBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code iommu-testdev} on an in-JVM aarch64 {@code virt} without an SMMU: the register protocol, every result code,
 * and the DMA through the IOMMU hook with identity translation and with a fake translator that shifts or refuses.
 * [jvm] only: Debian's QEMU 7.2 has no iommu-testdev ({@code -device help} does not list it; upstream added it in
 * 2026), so there is nothing to cross-check against, and it exists here only under the 10.2 compat.
 */
class IommuTestdevTest {
    /** ECAM (high) of 00:01.0, where the device lands on virt's pcie.0 with {@code -net none} (as upstream's test). */
    private static final long CONFIG = 0x40_1000_0000L + (8 << 12);
    private static final long BAR = 0x1000_0000L;
    private static final long RAM = 0x4000_0000L;
    private InJvmServer m;

    @BeforeEach
    void start() {
        m = InJvmServer.startAs("10.2", "aarch64", "-machine", "virt", "-net", "none",
                "-device", "iommu-testdev");
        m.qtest("writel " + hex(CONFIG + 0x10) + " " + hex(BAR));
        m.qtest("writew " + hex(CONFIG + 4) + " 0x2"); // memory decoding only: bus mastering does not gate it
    }

    @AfterEach
    void stop() {
        assertEquals(0, m.internalErrors());
        m.close();
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private long readl(long addr) {
        String r = m.qtest("readl " + hex(addr)).trim();
        return Long.decode(r.substring(3));
    }

    private long reg(int off) {
        return readl(BAR + off);
    }

    private void reg(int off, long v) {
        assertEquals("OK\n", m.qtest("writel " + hex(BAR + off) + " " + hex(v)));
    }

    /** Programs IOVA, GPA, LEN, ATTRS, arms, triggers; returns RESULT. */
    private long dma(long iova, long gpa, long len, long attrs) {
        reg(0x04, iova & 0xffff_ffffL);
        reg(0x08, iova >>> 32);
        reg(0x1c, gpa & 0xffff_ffffL);
        reg(0x20, gpa >>> 32);
        reg(0x0c, len);
        reg(0x18, attrs);
        reg(0x14, 1);
        assertEquals(0xffff_fffeL, reg(0x10), "armed: BUSY");
        assertEquals(0, reg(0x00), "the trigger reads 0");
        return reg(0x10);
    }

    private VirtBoard board() {
        return (VirtBoard) m.board();
    }

    @Test
    void identifiesAsTheRedHatTestDeviceWithOneSmallMemoryBar() {
        assertEquals(0x00051b36L, readl(CONFIG));
        assertEquals(0xff000000L, readl(CONFIG + 8), "class 0xff00, revision 0");
        m.qtest("writel " + hex(CONFIG + 0x10) + " 0xffffffff");
        assertEquals(0xfffff000L, readl(CONFIG + 0x10), "4 KiB, 32-bit memory");
        assertEquals(0, readl(CONFIG + 0x3c) >> 8 & 0xff, "no interrupt pin");
    }

    @Test
    void resetValuesAreIdleNonSecureAndZero() {
        assertEquals(0xffff_ffffL, reg(0x10));
        assertEquals(0x2, reg(0x18));
        for (int off : new int[] {0x04, 0x08, 0x0c, 0x14, 0x1c, 0x20, 0x24, 0xffc}) {
            assertEquals(0, reg(off), "offset 0x" + Integer.toHexString(off));
        }
    }

    @Test
    void registersReadBackAndTheDoorbellReadsZero() {
        reg(0x04, 0x89abcdefL);
        reg(0x08, 0x01234567L);
        reg(0x0c, 0x40);
        reg(0x18, 0xf);
        reg(0x1c, 0x76543210L);
        reg(0x20, 0xfedcba98L);
        reg(0x10, 0x5555);
        reg(0x40, 0x1234);
        assertEquals(0x89abcdefL, reg(0x04));
        assertEquals(0x01234567L, reg(0x08));
        assertEquals(0x40, reg(0x0c));
        assertEquals(0xf, reg(0x18));
        assertEquals(0x76543210L, reg(0x1c));
        assertEquals(0xfedcba98L, reg(0x20));
        assertEquals(0x5555, reg(0x10), "RESULT is writable");
        assertEquals(0, reg(0x40));
        reg(0x14, 1);
        assertEquals(0, reg(0x14));
    }

    @Test
    void onlyFourByteAccessesReachTheRegisters() {
        m.qtest("writew " + hex(BAR + 0x0c) + " 0x1234");
        assertEquals(0, reg(0x0c), "a 2-byte write is not valid");
        reg(0x0c, 0x11223344L);
        assertFalse(m.qtest("readw " + hex(BAR + 0x0c)).contains("0x3344"), "a 2-byte read is not valid");
    }

    @Test
    void identityDmaWritesThePatternAndChecksIt() {
        assertEquals(0, dma(RAM + 0x1000, RAM + 0x1000, 10, 0xa));
        assertEquals("OK 0x7856341278563412\n", m.qtest("read " + hex(RAM + 0x1000) + " 8"));
        assertEquals("OK 0x78560000\n", m.qtest("read " + hex(RAM + 0x1008) + " 4"), "10 bytes, not 12");
    }

    @Test
    void aLongTransferCrossesPages() {
        assertEquals(0, dma(RAM + 0x1ffe, RAM + 0x1ffe, 0x3004, 0x2));
        assertEquals("OK 0x34120000\n", m.qtest("read " + hex(RAM + 0x5000) + " 4"), "ends at 0x5002");
    }

    @Test
    void triggerWithoutArmingReportsNotArmedAndTriggeringDisarms() {
        assertEquals(0, reg(0x00));
        assertEquals(0xdead0005L, reg(0x10));
        assertEquals(0xdead0001L, dma(RAM, RAM, 0, 0x2));
        assertEquals(0, reg(0x00), "an error run disarmed the engine too");
        assertEquals(0xdead0005L, reg(0x10));
    }

    @Test
    void disarmingReportsIdle() {
        reg(0x0c, 4);
        reg(0x14, 1);
        reg(0x14, 0);
        assertEquals(0xffff_ffffL, reg(0x10));
        reg(0x00, 0); // a write to TRIGGERING does nothing
        assertEquals(0, reg(0x00));
        assertEquals(0xdead0005L, reg(0x10));
    }

    @Test
    void zeroLengthIsBadLength() {
        assertEquals(0xdead0001L, dma(RAM, RAM, 0, 0x2));
    }

    @Test
    void attributesWhoseValidSpaceDisagreesWithTheSecureBitAreRefused() {
        assertEquals(0xdead0006L, dma(RAM, RAM, 4, 0x8 | 0x2 | 0x1), "secure bit, Non-secure space");
        assertEquals(0xdead0006L, dma(RAM, RAM, 4, 0x8), "Secure space, no secure bit");
        assertEquals(0, dma(RAM, RAM, 4, 0x8 | 0x1), "Secure space and secure bit agree");
        assertEquals(0, dma(RAM, RAM, 4, 0x2 | 0x1), "space not valid: not checked");
        assertEquals(0, dma(RAM, RAM, 4, 0x8 | 0x4), "Root space is not checked");
    }

    @Test
    void readbackElsewhereIsAMismatch() {
        assertEquals(0xdead0004L, dma(RAM + 0x100, RAM + 0x200, 16, 0xa));
    }

    @Test
    void readbackWhereNothingDecodesIsAReadFailure() {
        assertEquals(0xdead0003L, dma(RAM, 0x7f_0000_0000_0000L, 4, 0xa));
    }

    @Test
    void dmaWhereNothingDecodesIsATransmitFailure() {
        assertEquals(0xdead0002L, dma(0x7f_0000_0000_0000L, RAM, 4, 0xa));
    }

    @Test
    void dmaGoesThroughTheRootBusTranslatorWithTheRequesterId() {
        List<long[]> calls = new ArrayList<>();
        board().pciBus().setDmaTranslator((rid, iova, access) -> {
            calls.add(new long[] {rid, iova, access});
            return iova - 0x8080_0000_0000L + RAM; // IOVA 0x8080_0000_0000 maps to the start of RAM
        });
        long iova = 0x8080_0000_4567L;
        assertEquals(0, dma(iova, RAM + 0x4567, 4, 0xa));
        assertEquals("OK 0x78563412\n", m.qtest("read " + hex(RAM + 0x4567) + " 4"));
        assertEquals(1, calls.size());
        assertEquals(8, calls.get(0)[0], "StreamID = requester id = 00:01.0");
        assertEquals(iova, calls.get(0)[1]);
        assertEquals(DmaTranslator.WRITE, calls.get(0)[2]);
    }

    @Test
    void aRefusedTranslationIsATransmitFailureAndTheReadbackIsNotTried() {
        board().pciBus().setDmaTranslator((rid, iova, access) -> iova >= 0x1000 ? DmaTranslator.FAULT : RAM + iova);
        m.qtest("write " + hex(RAM) + " 8 0x0000000000000000");
        assertEquals(0xdead0002L, dma(0xffc, RAM + 0xffc, 8, 0xa));
        assertEquals("OK 0x0000000078563412\n", m.qtest("read " + hex(RAM + 0xff8) + " 8"),
                "the page before the fault was written");
        assertEquals("OK 0x00000000\n", m.qtest("read " + hex(RAM + 0x1000) + " 4"));
    }

    @Test
    void resetReturnsTheRegistersToTheirResetValues() {
        reg(0x04, 0x1234);
        reg(0x18, 0xb);
        reg(0x14, 1);
        m.reset();
        m.qtest("writel " + hex(CONFIG + 0x10) + " " + hex(BAR));
        m.qtest("writew " + hex(CONFIG + 4) + " 0x2");
        assertEquals(0, reg(0x04));
        assertEquals(0x2, reg(0x18));
        assertEquals(0xffff_ffffL, reg(0x10));
        assertEquals(0, reg(0x00));
        assertEquals(0xdead0005L, reg(0x10), "reset disarmed it");
    }

    @Test
    void theOldCompatHasNoIommuTestdev() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> InJvmServer.startAs("7.2", "aarch64", "-machine", "virt", "-device", "iommu-testdev"));
        assertTrue(e.getMessage().contains("iommu-testdev"), e.getMessage());
    }

    @Test
    void theLargestLengthEndsInBoundedTimeWithATransmitFailure() {
        long t0 = System.nanoTime();
        assertEquals(0xdead0002L, dma(RAM + 0x7fff_0000L, RAM, 0xffff_ffffL, 0xa), "runs past the end of RAM");
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "4 GiB streamed in pages, no 4 GiB buffer");
    }
}
