package io.qtestjvm.server.testdev;

import io.qtestjvm.pci.DmaTranslator;
import io.qtestjvm.server.InJvmServer;
import io.qtestjvm.server.board.VirtBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code smmu-testdev} (the 2025 RFC's device) on an in-JVM aarch64 {@code virt} without an SMMU: registers, DMA
 * directions and paths, result codes, the StreamID its properties give, the table builder's words and the
 * invalidation commands TRANS_CLEAR queues (with a command queue faked in RAM). [jvm] only: the device was never
 * merged, so no QEMU binary (and not Debian's 7.2) has it to compare with.
 */
class SmmuTestdevTest {
    private static final long CONFIG = 0x40_1000_0000L + (8 << 12);
    private static final long BAR = 0x1000_0000L;
    private static final long RAM = 0x4000_0000L;
    private InJvmServer m;

    private void start(String device) {
        start(device, "512");
    }

    /** As the RFC's test: {@code -m 512}, so the builder's structures (at 0x4e17_9000 and up) are in RAM. */
    private void start(String device, String ram) {
        m = InJvmServer.startAs("10.2", "aarch64", "-machine", "virt", "-m", ram, "-net", "none", "-device",
                device);
        m.qtest("writel " + hex(CONFIG + 0x10) + " " + hex(BAR));
        m.qtest("writew " + hex(CONFIG + 4) + " 0x6");
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
        return Long.decode(m.qtest("readl " + hex(addr)).trim().substring(3));
    }

    private long readq(long addr) {
        return Long.parseUnsignedLong(m.qtest("readq " + hex(addr)).trim().substring(5), 16);
    }

    private long reg(int off) {
        return readl(BAR + off);
    }

    private void reg(int off, long v) {
        assertEquals("OK\n", m.qtest("writel " + hex(BAR + off) + " " + hex(v)));
    }

    private long dma(long iova, long len, int dir) {
        reg(0x28, iova & 0xffff_ffffL);
        reg(0x2c, iova >>> 32);
        reg(0x30, len);
        reg(0x34, dir);
        reg(0x3c, 1);
        assertEquals(0xffff_fffeL, reg(0x38));
        assertEquals(0x53544d4dL, reg(0x00), "ID reads STMM and runs the request");
        return reg(0x38);
    }

    private List<long[]> recordingTranslator(long faultFrom) {
        List<long[]> calls = new ArrayList<>();
        ((VirtBoard) m.board()).pciBus().setDmaTranslator((rid, iova, access) -> {
            calls.add(new long[] {rid, iova, access});
            return iova >= faultFrom ? DmaTranslator.FAULT : iova;
        });
        return calls;
    }

    @Test
    void resetValuesAndIdentity() {
        start("smmu-testdev");
        assertEquals(0x00051b36L, readl(CONFIG));
        assertEquals(0x53544d4dL, reg(0x00));
        assertEquals(0x2, reg(0x04), "ATTR_NS: Non-secure");
        assertEquals(0xffff_ffffL, reg(0x38));
        assertEquals(1, reg(0x48), "TRANS_MODE: stage 2 only");
        assertEquals(1, reg(0x4c));
        assertEquals(1, reg(0x50));
        for (int off : new int[] {0x20, 0x24, 0x28, 0x2c, 0x30, 0x34, 0x3c, 0x40, 0x44, 0x54, 0x58, 0x5c, 0x60}) {
            assertEquals(0, reg(off), "offset 0x" + Integer.toHexString(off));
        }
    }

    @Test
    void registersKeepTheirFieldWidths() {
        start("smmu-testdev");
        reg(0x34, 7);
        assertEquals(1, reg(0x34), "any non-zero direction is host to device");
        reg(0x40, 3);
        assertEquals(1, reg(0x40));
        reg(0x48, 0xff);
        assertEquals(3, reg(0x48));
        reg(0x4c, 0x6);
        assertEquals(2, reg(0x4c));
        reg(0x20, 0x09050000L);
        reg(0x24, 0x1);
        assertEquals(0x09050000L, reg(0x20));
        assertEquals(1, reg(0x24));
        reg(0x44, 0xabc);
        assertEquals(0xabc, reg(0x44));
    }

    @Test
    void deviceToHostWritesTheCountingPattern() {
        start("smmu-testdev");
        assertEquals(0, dma(RAM + 0x1000, 0x24, 0));
        assertEquals("OK 0xa0a1a2a3\n", m.qtest("read " + hex(RAM + 0x1000) + " 4"));
        assertEquals("OK 0xbfa0a1a2\n", m.qtest("read " + hex(RAM + 0x101f) + " 4"));
        assertEquals("OK 0xa3000000\n", m.qtest("read " + hex(RAM + 0x1023) + " 4"), "0x24 bytes");
    }

    @Test
    void hostToDeviceReadsAndLeavesMemoryAlone() {
        start("smmu-testdev");
        m.qtest("writel " + hex(RAM) + " 0x11223344");
        assertEquals(0, dma(RAM, 4, 1));
        assertEquals(0x11223344L, readl(RAM));
    }

    @Test
    void lengthMustBeOneTo64KiB() {
        start("smmu-testdev");
        assertEquals(0xdead0001L, dma(RAM, 0, 0));
        assertEquals(0xdead0001L, dma(RAM, 0x10001, 0));
        assertEquals(0, dma(RAM, 0x10000, 0));
    }

    @Test
    void unmappedAddressesAreTransmitFailures() {
        start("smmu-testdev");
        assertEquals(0xdead0002L, dma(0x7f_0000_0000_0000L, 4, 0));
        assertEquals(0xdead0002L, dma(0x7f_0000_0000_0000L, 4, 1));
    }

    @Test
    void idWithoutAPendingRequestLeavesTheResult() {
        start("smmu-testdev");
        reg(0x38, 0x1234);
        reg(0x00, 1);
        assertEquals(0x53544d4dL, reg(0x00));
        assertEquals(0x1234, reg(0x38));
        reg(0x3c, 1);
        reg(0x3c, 0);
        assertEquals(0xffff_ffffL, reg(0x38), "cancelled: IDLE");
    }

    @Test
    void theBusMasterPathNeedsBusMasteringAndTheIommuPathDoesNot() {
        start("smmu-testdev");
        m.qtest("writew " + hex(CONFIG + 4) + " 0x2");
        assertEquals(0xdead0002L, dma(RAM, 4, 0));
        reg(0x40, 1);
        assertEquals(0, dma(RAM, 4, 0));
    }

    @Test
    void theStreamIdIsTheDeviceAndFunctionProperties() {
        start("smmu-testdev");
        List<long[]> calls = recordingTranslator(Long.MAX_VALUE);
        assertEquals(0, dma(RAM, 4, 0));
        assertEquals(1, calls.get(0)[0], "default device=0,function=1");
        assertEquals(DmaTranslator.WRITE, calls.get(0)[2]);
        m.close();
        start("smmu-testdev,device=3,function=2");
        calls = recordingTranslator(Long.MAX_VALUE);
        assertEquals(0, dma(RAM, 4, 1));
        assertEquals(0x1a, calls.get(0)[0]);
        assertEquals(DmaTranslator.READ, calls.get(0)[2]);
    }

    @Test
    void aRefusedTranslationIsATransmitFailureOnEveryIommuPath() {
        start("smmu-testdev");
        recordingTranslator(RAM + 0x1000);
        assertEquals(0xdead0002L, dma(RAM + 0x800, 0x1000, 0), "mode 0");
        assertEquals("OK 0xa0a1\n", m.qtest("read " + hex(RAM + 0x800) + " 2"), "the page before the fault");
        assertEquals(0, readl(RAM + 0x1000));
        reg(0x40, 1);
        assertEquals(0xdead0002L, dma(RAM + 0x1000, 4, 1), "mode 1");
    }

    @Test
    void unspecifiedAttributesBypassTheIommu() {
        start("smmu-testdev");
        List<long[]> calls = recordingTranslator(0);
        reg(0x40, 1);
        reg(0x44, 0x8);
        assertEquals(0, dma(RAM + 0x2000, 4, 0));
        assertEquals(0, calls.size());
        assertEquals("OK 0xa0a1a2a3\n", m.qtest("read " + hex(RAM + 0x2000) + " 4"));
    }

    @Test
    void stageTwoBuildWritesTheSteAndTheWalkToTheDataPage() {
        start("smmu-testdev");
        reg(0x54, 1);
        assertEquals(0, reg(0x58));
        assertEquals(0x4e17908dL, readl(0x4e179040L), "V, Config 6, S1ContextPtr");
        assertEquals(0x000d0094L, readl(0x4e179054L), "S2T0SZ 20, S2SL0 2, 4K, S2PS 5, S2AA64");
        assertEquals(0x4e4d0000L, readl(0x4e179058L));
        assertEquals(0x4e4d1003L, readq(0x4e4d0008L));
        assertEquals(0x4e4d2003L, readq(0x4e4d1010L));
        assertEquals(0x4e4d3003L, readq(0x4e4d2018L));
        assertEquals(0x040000004ecba7c3L, readq(0x4e4d3020L));
        assertEquals(0, readl(0x4e179080L), "no CD for stage 2");
    }

    @Test
    void stageOneBuildAddsTheCdAndAStageOneLeaf() {
        start("smmu-testdev");
        reg(0x48, 0);
        reg(0x54, 1);
        assertEquals(0x4e17908bL, readl(0x4e179040L));
        assertEquals(0xc0000010L, readl(0x4e179080L), "T0SZ 16, EPD1, V");
        assertEquals(0x1e206204L, readl(0x4e179084L), "IPS 4, AA64, R, A, ASID 0x1e20");
        assertEquals(0x4e4d0000L, readl(0x4e179088L));
        assertEquals(0x040000004ecba743L, readq(0x4e4d3020L));
    }

    @Test
    void nestedBuildMapsTheCdTablesAndDataThroughStageTwo() {
        start("smmu-testdev");
        reg(0x48, 2);
        reg(0x54, 1);
        assertEquals(0x4e17908fL, readl(0x4e179040L));
        assertEquals(0x4e4d1003L, readq(0x4e4d0000L));
        assertEquals(0x4e4d2003L, readq(0x4e4d1008L));
        assertEquals(0x4e4d3003L, readq(0x4e4d2380L));
        assertEquals(0x040000004e179743L, readq(0x4e4d3bc8L));
        assertEquals(0x4e4d3003L, readq(0x4e4d2390L));
        for (int i = 0; i < 4; i++) {
            assertEquals(0x040000004e4d0743L + i * 0x1000L, readq(0x4e4d3680L + 8 * i));
        }
        assertEquals(0x4e4d3003L, readq(0x4e4d23b0L));
        assertEquals(0x040000004ecba7c3L, readq(0x4e4d35d0L));
        assertEquals(0x040000004ecba743L, readq(0x4e4d3020L));
    }

    @Test
    void onlyTheNonSecureSpaceCanBeBuiltAndTheStatusClears() {
        start("smmu-testdev");
        reg(0x50, 0);
        reg(0x54, 1);
        assertEquals(0xdead3001L, reg(0x58));
        assertEquals(0, readl(0x4e179040L), "nothing written");
        reg(0x54, 2);
        assertEquals(0, reg(0x58));
        reg(0x50, 1);
        reg(0x48, 0);
        reg(0x4c, 3);
        reg(0x54, 1);
        assertEquals(0xdead3001L, reg(0x58), "stage 1 in the Realm space");
    }

    @Test
    void clearZeroesTheStructuresAndQueuesInvalidationsForItsStream() {
        start("smmu-testdev");
        reg(0x48, 0);
        reg(0x54, 1);
        long smmu = RAM + 0x10_0000; // a stand-in register page in RAM: CMDQ_BASE at 0x90, CMDQ_PROD at 0x98
        long queue = RAM + 0x20_0000;
        m.qtest("writeq " + hex(smmu + 0x90) + " " + hex(queue | 2)); // 4 entries
        m.qtest("writel " + hex(smmu + 0x98) + " 3");
        reg(0x20, smmu & 0xffff_ffffL);
        reg(0x5c, 0);
        assertEquals(0, readl(0x4e179040L));
        assertEquals(0, readl(0x4e179080L));
        assertEquals(0, readq(0x4e4d0008L));
        assertEquals(0, readq(0x4e4d3020L));
        assertEquals(6, readl(smmu + 0x98), "three commands, PROD wrapped past 4");
        assertEquals(0x0000000100000003L, readq(queue + 3 * 16), "CFGI_STE, StreamID 1");
        assertEquals(0x0000000100000005L, readq(queue), "CFGI_CD");
        assertEquals(0x0000000100000030L, readq(queue + 16), "TLBI_NSNH_ALL");
        assertEquals(0, readq(queue + 8));
    }

    @Test
    void aBuildWhoseSteCannotBeWrittenStopsAndLeavesTheStatus() {
        start("smmu-testdev", "128"); // RAM ends at 0x4800_0000
        reg(0x50, 2);
        reg(0x54, 1);
        assertEquals(0xdead3001L, reg(0x58));
        reg(0x50, 1);
        reg(0x54, 1);
        assertEquals(0xdead3001L, reg(0x58), "the STE write failed: status untouched");
    }
}
