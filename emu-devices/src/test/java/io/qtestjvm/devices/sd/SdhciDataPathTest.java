package io.qtestjvm.devices.sd;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Commands, PIO, SDMA and ADMA2 of QEMU 7.2 hw/sd/sdhci.c against a {@link FakeCard}, through generic-sdhci
 * with QEMU's default capabilities (SDMA, ADMA1, ADMA2) and, for the bus-master path, sdhci-pci.
 */
class SdhciDataPathTest {
    private static final int R48 = 0x1a;      // response 48 bits, index and CRC check
    private static final int R48B = 0x1b;     // 48 bits with busy
    private static final int R136 = 0x09;     // 136 bits, CRC check
    private static final int DATA = 0x20;
    private static final int TRN_DMA = 0x01;
    private static final int TRN_BLKCNT = 0x02;
    private static final int TRN_ACMD12 = 0x04;
    private static final int TRN_READ = 0x10;
    private static final int TRN_MULTI = 0x20;

    private SdhciBench b;
    private FakeCard card;

    @BeforeEach
    void setUp() {
        b = SdhciBench.genericDefaults();
        card = new FakeCard(64);
        b.slot.attach(card);
        b.powerUp();
        b.clearStatus();
    }

    private byte[] ram(long addr, int len) {
        byte[] d = new byte[len];
        b.memory.read(addr, d, 0, len);
        return d;
    }

    private static byte[] image(FakeCard c, int block, int len) {
        byte[] d = new byte[len];
        System.arraycopy(c.image, block * FakeCard.BLOCK, d, 0, len);
        return d;
    }

    @Test
    void commandPacksR1IntoResponse0AndRaisesCommandComplete() {
        b.command(13, 0x1234_0000L, R48);
        assertEquals(13, card.lastCmd);
        assertEquals(0x1234_0000L, card.lastArg);
        assertEquals(FakeCard.R1_TRAN, b.readl(0x10));
        assertEquals(0, b.readl(0x1c));
        assertEquals(0x0001, b.readw(0x30));
        assertEquals(1, b.irqLevel);
    }

    @Test
    void r2IsPackedWithoutCrcByteAsQemuDoes() {
        b.command(2, 0, R136); // response bytes a0..af
        assertEquals(0xabacadaeL, b.readl(0x10));
        assertEquals(0xa7a8a9aaL, b.readl(0x14));
        assertEquals(0xa3a4a5a6L, b.readl(0x18));
        assertEquals(0x00a0a1a2L, b.readl(0x1c));
    }

    @Test
    void unansweredCommandSetsCommandTimeoutError() {
        b.command(63, 0, R48);
        assertEquals(0x8001, b.readw(0x30));
        assertEquals(0x0001, b.readw(0x32));
        b.clearStatus();
        b.command(13, 0, R48); // the next command clears the error status, leaves NIS.ERR as QEMU
        assertEquals(0, b.readw(0x32));
    }

    @Test
    void busyResponseAlsoRaisesTransferComplete() {
        b.command(7, 0x10000, R48B);
        assertEquals(0x0003, b.readw(0x30));
    }

    @Test
    void commandIsNotSentWhileClockIsOff() {
        b.writew(0x2c, 0x0001);
        int before = card.commands;
        b.command(13, 0, R48);
        assertEquals(before, card.commands);
    }

    @Test
    void pioSingleBlockReadThroughBufferPort() {
        b.writew(0x04, 512);
        b.writew(0x06, 1);
        b.writew(0x0c, TRN_READ);
        b.command(17, 3, R48 | DATA);
        assertEquals(0x0021, b.readw(0x30)); // command complete, buffer read ready
        assertEquals(0x0a02, b.readl(0x24) & 0xffff); // data available, reading, data inhibit; DAT line released
        byte[] got = new byte[512];
        for (int i = 0; i < 512; i += 4) {
            long v = b.readl(0x20);
            for (int k = 0; k < 4; k++) {
                got[i + k] = (byte) (v >>> (8 * k));
            }
        }
        assertArrayEquals(image(card, 3, 512), got);
        assertEquals(0x0023, b.readw(0x30)); // transfer complete
        assertEquals(0, b.readl(0x24) & 0xfff);
    }

    @Test
    void pioMultiBlockReadWithAutoCmd12UsesSequentialTwoByteAccesses() {
        b.writew(0x04, 512);
        b.writew(0x06, 3);
        b.writew(0x0c, TRN_READ | TRN_MULTI | TRN_BLKCNT | TRN_ACMD12);
        b.command(18, 5, R48 | DATA);
        byte[] got = new byte[3 * 512];
        for (int i = 0; i < got.length; i += 2) {
            int v = b.readw(0x20 + (i & 2)); // the port must be read in order: 0x20, 0x22
            got[i] = (byte) v;
            got[i + 1] = (byte) (v >>> 8);
            if (i == 510) {
                assertEquals(2, b.readw(0x06));
            }
        }
        assertArrayEquals(image(card, 5, 3 * 512), got);
        assertEquals(0, b.readw(0x06));
        assertEquals(12, card.lastCmd);
        assertEquals(FakeCard.R1_TRAN, b.readl(0x1c)); // auto CMD12 response in RSPREG3
        assertEquals(0x0002, b.readw(0x30) & 0x0002);
    }

    @Test
    void nonSequentialBufferPortAccessReadsZeroAndDoesNotAdvance() {
        b.writew(0x04, 512);
        b.writew(0x0c, TRN_READ);
        b.command(17, 0, R48 | DATA);
        assertEquals(0, b.read(0x21, 1));
        assertEquals(card.image[0] & 0xff, b.read(0x20, 1));
        assertEquals(card.image[1] & 0xff, b.read(0x21, 1));
    }

    @Test
    void pioMultiBlockWriteReachesTheCard() {
        b.writew(0x04, 512);
        b.writew(0x06, 2);
        b.writew(0x0c, TRN_MULTI | TRN_BLKCNT);
        b.command(25, 10, R48 | DATA);
        assertEquals(0x0011, b.readw(0x30)); // buffer write ready
        for (int i = 0; i < 1024; i += 4) {
            b.writel(0x20, 0x0403_0201L + i);
        }
        for (int i = 0; i < 1024; i += 4) {
            assertEquals((byte) (1 + i), card.image[10 * 512 + i]);
        }
        assertEquals(0x0002, b.readw(0x30) & 0x0002);
        assertEquals(0, b.readw(0x06));
    }

    @Test
    void readCommandWithoutCardDataTakesQemusWritePath() {
        b.writew(0x04, 512);
        b.writew(0x0c, TRN_READ);
        b.command(17, 1000, R48 | DATA); // beyond the card: the card reports out of range and sends nothing
        assertEquals(0x8000_0900L, b.readl(0x10));
        assertEquals(0x0400, b.readl(0x24) & 0x0c00); // buffer write enable, as QEMU 7.2
        assertEquals(0x0011, b.readw(0x30));
    }

    @Test
    void sdmaMultiBlockStopsAtBoundaryWithDmaInterrupt() {
        b.writel(0x00, 0x10_0000L);     // SDMA address, boundary aligned
        b.writew(0x04, 0x0000 | 512);   // 4 KiB boundary
        b.writew(0x06, 16);
        b.writew(0x0c, TRN_DMA | TRN_READ | TRN_MULTI | TRN_BLKCNT);
        b.command(18, 0, R48 | DATA);
        assertEquals(0x0009, b.readw(0x30)); // command complete + DMA interrupt
        assertEquals(8, b.readw(0x06));
        assertEquals(0x10_1000L, b.readl(0x00));
        assertArrayEquals(image(card, 0, 4096), ram(0x10_0000L, 4096));
        assertEquals(0, ram(0x10_1000L, 1)[0]);
        // QEMU 7.2: SYSAD cannot be written while the transfer is in progress
        b.writel(0x00, 0x20_0000L);
        assertEquals(0x10_1000L, b.readl(0x00));
        // the DAT line reset ends "in progress"; a SYSAD write then restarts with the blocks left
        b.writeb(0x2f, 0x04);
        b.writel(0x00, 0x20_0000L);
        assertEquals(0x0003, b.readw(0x30) & 0x0003);
        assertEquals(0, b.readw(0x06));
        assertArrayEquals(image(card, 8, 4096), ram(0x20_0000L, 4096));
    }

    @Test
    void sdmaWithoutSdmaCapabilityIgnoresTheDmaBit() {
        SdhciBench r = SdhciBench.raspi2b();
        r.slot.attach(new FakeCard(8));
        r.powerUp();
        r.writew(0x0c, TRN_DMA | TRN_READ);
        assertEquals(TRN_READ, r.readw(0x0c));
    }

    @Test
    void sdmaAtTheEndOfRamDropsWritesWithoutError() {
        long end = SdhciBench.RAM_SIZE - 512;
        b.writel(0x00, end);
        b.writew(0x04, 0x7000 | 512);
        b.writew(0x06, 4);
        b.writew(0x0c, TRN_DMA | TRN_READ | TRN_MULTI | TRN_BLKCNT);
        b.command(18, 0, R48 | DATA);
        assertEquals(0x0003, b.readw(0x30)); // complete, no error: QEMU reports none for DMA past memory
        assertArrayEquals(image(card, 0, 512), ram(end, 512));
        assertEquals(end + 4 * 512, b.readl(0x00));
    }

    private void descriptor(long at, int attr, int length, long addr) {
        b.memory.store(at, 2, attr, false);
        b.memory.store(at + 2, 2, length, false);
        b.memory.store(at + 4, 4, addr, false);
    }

    private void startAdma2Read(long table, int blocks, int flags) {
        b.write(0x28, 0x10, 1); // ADMA2 32-bit
        b.writel(0x58, table);
        b.writew(0x04, 512);
        b.writew(0x06, blocks);
        b.writew(0x0c, TRN_DMA | TRN_READ | TRN_MULTI | flags);
        b.command(18, 0, R48 | DATA);
    }

    @Test
    void adma2ReadWalksTableWithLinkAndInterruptDescriptor() {
        long table = 0x8000;
        descriptor(table, 0x21, 1024, 0x20_0000L);            // tran
        descriptor(table + 8, 0x31, 0, 0x9000);              // link
        descriptor(0x9000, 0x25, 512, 0x30_0000L);            // tran + int
        descriptor(0x9008, 0x23, 1024, 0x40_0000L);           // tran + end
        startAdma2Read(table, 5, TRN_BLKCNT);
        assertEquals(0x000b, b.readw(0x30)); // command, transfer complete, DMA interrupt
        assertArrayEquals(image(card, 0, 1024), ram(0x20_0000L, 1024));
        assertArrayEquals(image(card, 2, 512), ram(0x30_0000L, 512));
        assertArrayEquals(image(card, 3, 1024), ram(0x40_0000L, 1024));
        assertEquals(0, b.readw(0x06));
        assertEquals(0, b.readl(0x54));
    }

    @Test
    void adma2RoundsOfFiveDescriptorsContinueOnTheVirtualClock() {
        long table = 0x8000;
        for (int i = 0; i < 12; i++) {
            descriptor(table + 8L * i, i == 11 ? 0x23 : 0x21, 512, 0x20_0000L + 512L * i);
        }
        startAdma2Read(table, 12, TRN_BLKCNT);
        assertEquals(7, b.readw(0x06)); // five descriptors in the first round
        assertEquals(0x0001, b.readw(0x30));
        b.warp(99);
        assertEquals(7, b.readw(0x06));
        b.warp(1);
        assertEquals(2, b.readw(0x06));
        b.warp(100);
        assertEquals(0, b.readw(0x06));
        assertEquals(0x0003, b.readw(0x30));
        assertArrayEquals(image(card, 0, 12 * 512), ram(0x20_0000L, 12 * 512));
    }

    @Test
    void invalidDescriptorGivesAdmaErrorInFetchState() {
        descriptor(0x8000, 0x20, 512, 0x20_0000L); // valid bit clear
        startAdma2Read(0x8000, 1, TRN_BLKCNT);
        assertEquals(0x8001, b.readw(0x30));
        assertEquals(0x0200, b.readw(0x32));
        assertEquals(1, b.readl(0x54));
        assertEquals(1, b.irqLevel);
    }

    @Test
    void descriptorTableOutsideRamReadsAsInvalid() {
        startAdma2Read(0xf000_0000L, 1, TRN_BLKCNT);
        assertEquals(0x0200, b.readw(0x32));
        assertEquals(1, b.readl(0x54));
    }

    @Test
    void endBeforeBlockCountIsALengthMismatch() {
        descriptor(0x8000, 0x23, 512, 0x20_0000L);
        startAdma2Read(0x8000, 2, TRN_BLKCNT);
        assertEquals(0x0200, b.readw(0x32));
        assertEquals(0x07, b.readl(0x54)); // length mismatch, ST_TFR
        assertEquals(0x0002, b.readw(0x30) & 0x0002);
    }

    @Test
    void selfLinkingDescriptorLoopEndsWithAdmaError() {
        descriptor(0x8000, 0x31, 0, 0x8000);
        startAdma2Read(0x8000, 1, TRN_BLKCNT);
        b.warp(1_000_000_000L);
        assertEquals(0x0200, b.readw(0x32));
        assertEquals(1, b.readl(0x54));
        long now = b.clock.now();
        b.warp(1_000_000L);
        assertEquals(now + 1_000_000L, b.clock.now());
        assertEquals(-1, b.clock.nextDeadline()); // the transfer timer is no longer armed
    }

    @Test
    void dataOutsideRamIsDroppedAndTransferCompletes() {
        descriptor(0x8000, 0x23, 512, 0xffff_fe00L);
        startAdma2Read(0x8000, 1, TRN_BLKCNT);
        assertEquals(0x0003, b.readw(0x30));
    }

    @Test
    void adma2ThroughPciBusMaster() {
        SdhciBench p = SdhciBench.pci();
        FakeCard c = new FakeCard(8);
        p.slot.attach(c);
        p.powerUp();
        p.clearStatus();
        p.memory.store(0x8000, 2, 0x23, false);
        p.memory.store(0x8002, 2, 1024, false);
        p.memory.store(0x8004, 4, 0x20_0000L, false);
        p.write(0x28, 0x10, 1);
        p.writel(0x58, 0x8000);
        p.writew(0x04, 512);
        p.writew(0x06, 2);
        p.writew(0x0c, TRN_DMA | TRN_READ | TRN_MULTI | TRN_BLKCNT);
        p.command(18, 1, R48 | DATA);
        assertEquals(0x0003, p.readw(0x30));
        assertEquals(1, p.irqLevel);
        byte[] got = new byte[1024];
        p.memory.read(0x20_0000L, got, 0, 1024);
        assertArrayEquals(image(c, 1, 1024), got);
        p.clearStatus();
        assertEquals(0, p.irqLevel);
    }
}
