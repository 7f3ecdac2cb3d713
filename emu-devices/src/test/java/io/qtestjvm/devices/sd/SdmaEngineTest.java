package io.qtestjvm.devices.sd;

import org.junit.jupiter.api.Test;

import static io.qtestjvm.devices.sd.SdhcRegisterMap.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link SdmaEngine} over an array of guest memory and a {@link FakeCard}, without a device. */
class SdmaEngineTest {
    private static final int READ_MULTI = TM_DMA_ENABLE | TM_BLOCK_COUNT_ENABLE | TM_READ | TM_MULTI_BLOCK;
    private final EngineBench b = new EngineBench();

    @Test
    void alignedStartPausesAtTheBoundaryWithDmaInterrupt() {
        b.transfer(512, 0, 16, READ_MULTI, 18, 0);
        b.regs.setSdmaAddress(0x2000);
        b.sdma.run();
        assertEquals(8, b.regs.blockCount());
        assertEquals(0x3000, b.regs.sdmaAddress());
        assertEquals(NI_DMA_INTERRUPT, b.normalStatus());
        assertArrayEquals(b.image(0, 4096), b.ram(0x2000, 4096));
        assertEquals(PS_COMMAND_INHIBIT_DAT | PS_DAT_LINE_ACTIVE | PS_READ_TRANSFER_ACTIVE, b.regs.presentState());
    }

    @Test
    void unalignedStartDoesNotPauseAtTheBoundary() {
        b.transfer(512, 0, 16, READ_MULTI, 18, 0);
        b.regs.setSdmaAddress(0x2200);
        b.sdma.run();
        assertEquals(0, b.regs.blockCount());
        assertEquals(0x2200 + 16 * 512, b.regs.sdmaAddress());
        assertEquals(NI_TRANSFER_COMPLETE, b.normalStatus());
        assertArrayEquals(b.image(0, 16 * 512), b.ram(0x2200, 16 * 512));
        assertEquals(0, b.regs.presentState());
    }

    @Test
    void blockCrossingTheBoundaryPausesMidBlockAndResumesAtTheNewAddress() {
        b.transfer(384, 0, 16, READ_MULTI, 18, 0); // 4096 = 10 blocks of 384 and 256 bytes of the 11th
        b.regs.setSdmaAddress(0x2000);
        b.sdma.run();
        assertEquals(6, b.regs.blockCount());
        assertEquals(256, b.data.position());
        assertEquals(0x3000, b.regs.sdmaAddress());
        b.regs.setSdmaAddress(0x8000);
        b.sdma.resume();
        assertEquals(0, b.regs.blockCount());
        byte[] stream = b.image(0, 16 * 384);
        byte[] first = new byte[4096];
        System.arraycopy(stream, 0, first, 0, 4096);
        byte[] rest = new byte[16 * 384 - 4096];
        System.arraycopy(stream, 4096, rest, 0, rest.length);
        assertArrayEquals(first, b.ram(0x2000, 4096));
        assertArrayEquals(rest, b.ram(0x8000, rest.length));
    }

    @Test
    void singleBlockLeavesTheAddressAndCountsTheBlock() {
        b.transfer(512, 0, 1, TM_DMA_ENABLE | TM_READ, 17, 5);
        b.regs.setSdmaAddress(0x4000);
        b.sdma.run();
        assertEquals(0x4000, b.regs.sdmaAddress());
        assertEquals(0, b.regs.blockCount());
        assertEquals(NI_TRANSFER_COMPLETE, b.normalStatus());
        assertArrayEquals(b.image(5, 512), b.ram(0x4000, 512));
    }

    @Test
    void singleBlockWithACountOfZeroWrapsTheCount() {
        b.transfer(512, 0, 0, TM_DMA_ENABLE | TM_READ, 17, 0);
        b.sdma.run();
        assertEquals(0xffff, b.regs.blockCount());
    }

    @Test
    void multiBlockWithoutBlockCountDoesNothing() {
        b.transfer(512, 0, 4, TM_DMA_ENABLE | TM_READ | TM_MULTI_BLOCK, 18, 0);
        b.regs.setSdmaAddress(0x2000);
        b.sdma.run();
        assertEquals(4, b.regs.blockCount());
        assertEquals(0, b.normalStatus());
        assertEquals(0, b.regs.presentState());
        assertEquals(0x2000, b.regs.sdmaAddress());
    }

    @Test
    void multiBlockWriteSendsEachBlockToTheCard() {
        for (int i = 0; i < 3 * 512; i++) {
            b.ram[0x6000 + i] = (byte) (i * 3 + 1);
        }
        b.transfer(512, 7, 3, TM_DMA_ENABLE | TM_BLOCK_COUNT_ENABLE | TM_MULTI_BLOCK, 25, 20);
        b.regs.setSdmaAddress(0x6000);
        b.sdma.run();
        assertEquals(0, b.regs.blockCount());
        assertEquals(NI_TRANSFER_COMPLETE, b.normalStatus());
        assertArrayEquals(b.ram(0x6000, 3 * 512), b.image(20, 3 * 512));
    }
}
