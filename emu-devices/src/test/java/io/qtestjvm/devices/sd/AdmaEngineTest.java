package io.qtestjvm.devices.sd;

import org.junit.jupiter.api.Test;

import static io.qtestjvm.devices.sd.SdhcRegisterMap.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link AdmaEngine} over an array of guest memory and a {@link FakeCard}, without a device or timer. */
class AdmaEngineTest {
    private static final int VALID = AdmaDescriptorLine.VALID;
    private static final int END = AdmaDescriptorLine.END;
    private static final int TRAN = AdmaDescriptorLine.ACT_TRAN;
    private static final int LINK = AdmaDescriptorLine.ACT_LINK;
    private static final int READ_COUNTED = TM_DMA_ENABLE | TM_BLOCK_COUNT_ENABLE | TM_READ | TM_MULTI_BLOCK;
    private static final long TABLE = 0x1000;
    private final EngineBench b = new EngineBench();

    private void start(int blocks, int mode) {
        b.transfer(512, 0, blocks, mode, 18, 0);
        b.regs.setAdmaAddress(TABLE);
    }

    @Test
    void tranLineStopsWhereBlockCountRunsOut() {
        b.line(TABLE, VALID | TRAN | END, 4096, 0x20000);
        start(2, READ_COUNTED);
        assertFalse(b.adma.round(DMA_ADMA2_32));
        assertEquals(0, b.regs.blockCount());
        assertEquals(NI_TRANSFER_COMPLETE, b.normalStatus());
        assertEquals(0, b.regs.admaErrorStatus());
        assertArrayEquals(b.image(0, 1024), b.ram(0x20000, 1024));
        assertArrayEquals(new byte[512], b.ram(0x20000 + 1024, 512));
    }

    @Test
    void nopAndReservedLinesAreSteppedOver() {
        b.line(TABLE, VALID, 512, 0x30000);                            // Nop
        b.line(TABLE + 8, VALID | AdmaDescriptorLine.ACT_SET, 512, 0x30000); // Act 01b, reserved in ADMA2
        b.line(TABLE + 16, VALID | TRAN | END, 512, 0x20000);
        start(1, READ_COUNTED);
        assertFalse(b.adma.round(DMA_ADMA2_32));
        assertEquals(TABLE + 24, b.regs.admaAddress());
        assertEquals(NI_TRANSFER_COMPLETE, b.normalStatus());
        assertArrayEquals(b.image(0, 512), b.ram(0x20000, 512));
        assertArrayEquals(new byte[512], b.ram(0x30000, 512));
    }

    @Test
    void aRoundHandlesFiveLinesAndTheNextRoundContinues() {
        for (int i = 0; i < 6; i++) {
            b.line(TABLE + 8L * i, VALID | TRAN | (i == 5 ? END : 0), 512, 0x20000 + 512L * i);
        }
        start(6, READ_COUNTED);
        assertTrue(b.adma.round(DMA_ADMA2_32));
        assertEquals(1, b.regs.blockCount());
        assertEquals(TABLE + 40, b.regs.admaAddress());
        assertEquals(PS_DAT_LINE_ACTIVE | PS_READ_TRANSFER_ACTIVE, b.regs.presentState());
        assertFalse(b.adma.round(DMA_ADMA2_32));
        assertEquals(NI_TRANSFER_COMPLETE, b.normalStatus());
        assertArrayEquals(b.image(0, 6 * 512), b.ram(0x20000, 6 * 512));
    }

    @Test
    void linesSmallerThanABlockShareTheBlock() {
        b.line(TABLE, VALID | TRAN, 200, 0x20000);
        b.line(TABLE + 8, VALID | TRAN | END, 312, 0x28000);
        start(1, READ_COUNTED);
        assertFalse(b.adma.round(DMA_ADMA2_32));
        byte[] block = b.image(0, 512);
        byte[] head = new byte[200];
        byte[] tail = new byte[312];
        System.arraycopy(block, 0, head, 0, 200);
        System.arraycopy(block, 200, tail, 0, 312);
        assertArrayEquals(head, b.ram(0x20000, 200));
        assertArrayEquals(tail, b.ram(0x28000, 312));
        assertEquals(0, b.regs.blockCount());
    }

    @Test
    void uncountedTransferEndsAtTheEndLine() {
        b.line(TABLE, VALID | TRAN | END, 1024, 0x20000);
        start(0, TM_DMA_ENABLE | TM_READ | TM_MULTI_BLOCK);
        assertFalse(b.adma.round(DMA_ADMA2_32));
        assertEquals(NI_TRANSFER_COMPLETE, b.normalStatus());
        assertArrayEquals(b.image(0, 1024), b.ram(0x20000, 1024));
    }

    @Test
    void writeTransferSendsWholeBlocksToTheCard() {
        for (int i = 0; i < 1024; i++) {
            b.ram[0x40000 + i] = (byte) (i ^ 0x5a);
        }
        b.line(TABLE, VALID | TRAN | END, 1024, 0x40000);
        start(2, TM_DMA_ENABLE | TM_BLOCK_COUNT_ENABLE | TM_MULTI_BLOCK);
        b.card.doCommand(25, 30, new byte[16]);
        assertFalse(b.adma.round(DMA_ADMA2_32));
        assertArrayEquals(b.ram(0x40000, 1024), b.image(30, 1024));
    }

    @Test
    void sixtyFourBitTableLinesAreTwelveBytes() {
        byte[] line = {(byte) (VALID | TRAN), 0, 0, 2, 0, 0, 2, 0, 0, 0, 0, 0}; // 512 bytes to 0x20000
        System.arraycopy(line, 0, b.ram, (int) TABLE, 12);
        line[0] = (byte) (VALID | TRAN | END);
        line[6] = 3; // 0x30000
        System.arraycopy(line, 0, b.ram, (int) TABLE + 12, 12);
        start(2, READ_COUNTED);
        assertFalse(b.adma.round(DMA_ADMA2_64));
        assertEquals(TABLE + 24, b.regs.admaAddress());
        assertArrayEquals(b.image(0, 512), b.ram(0x20000, 512));
        assertArrayEquals(b.image(1, 512), b.ram(0x30000, 512));
    }

    @Test
    void adma1TranLineMovesAPageWhateverTheSetLineSays() {
        putInt(TABLE, 512 << 12 | AdmaDescriptorLine.ACT_SET | VALID);  // Set length 512: not kept
        putInt(TABLE + 4, 0x20000 | TRAN | END | VALID);
        start(8, READ_COUNTED);
        assertFalse(b.adma.round(DMA_ADMA1_32));
        assertEquals(0, b.regs.blockCount());
        assertArrayEquals(b.image(0, 4096), b.ram(0x20000, 4096));
    }

    @Test
    void zeroBlockSizeTranLineMovesNothing() {
        b.line(TABLE, VALID | TRAN | END, 512, 0x20000);
        start(1, READ_COUNTED);
        b.regs.put16(BLOCK_SIZE, 0x1000); // a boundary, no block size
        assertFalse(b.adma.round(DMA_ADMA2_32));
        assertArrayEquals(new byte[512], b.ram(0x20000, 512));
        assertEquals(AE_LENGTH_MISMATCH | AE_STATE_TRANSFER, b.regs.admaErrorStatus());
    }

    @Test
    void linkLoopGivesUpWithAFetchStateError() {
        b.line(TABLE, VALID | LINK, 0, TABLE);
        start(1, READ_COUNTED);
        int rounds = 1;
        while (b.adma.round(DMA_ADMA2_32)) {
            rounds++;
        }
        assertEquals(AdmaEngine.IDLE_LINE_LIMIT / AdmaEngine.LINES_PER_ROUND + 1, rounds);
        assertEquals(AE_STATE_FETCH_DESCRIPTOR, b.regs.admaErrorStatus());
        assertEquals(NI_ERROR_INTERRUPT, b.normalStatus());
        assertEquals(EI_ADMA, b.regs.u16(ERROR_INT_STATUS));
    }

    @Test
    void invalidLineLeavesTheTransferBitsForTheDriverToReset() {
        b.line(TABLE, VALID | TRAN, 512, 0x20000);
        b.line(TABLE + 8, TRAN, 512, 0x20200);
        start(2, READ_COUNTED);
        assertFalse(b.adma.round(DMA_ADMA2_32));
        assertEquals(AE_STATE_FETCH_DESCRIPTOR, b.regs.admaErrorStatus());
        assertEquals(TABLE + 8, b.regs.admaAddress());
        assertEquals(PS_DAT_LINE_ACTIVE | PS_READ_TRANSFER_ACTIVE, b.regs.presentState());
        assertEquals(1, b.regs.blockCount());
    }

    /** §2.2.29: a system bus error while moving a Tran line's data is ST_TFR, the address past the line. */
    @Test
    void refusedTranLineStopsTheWalkInTransferState() {
        b.line(TABLE, VALID | TRAN, 1024, 0x20000);
        b.line(TABLE + 8, VALID | TRAN | END, 1024, 0x30000);
        b.refusedFrom = 0x20200;
        b.refusedTo = 0x21000;
        start(4, READ_COUNTED);
        assertFalse(b.adma.round(DMA_ADMA2_32), "the walk stops");
        assertEquals(AE_STATE_TRANSFER, b.regs.admaErrorStatus());
        assertEquals(TABLE + 8, b.regs.admaAddress(), "the next of the error descriptor");
        assertEquals(NI_ERROR_INTERRUPT, b.normalStatus(), "error, no transfer complete");
        assertEquals(EI_ADMA, b.regs.u16(ERROR_INT_STATUS));
        assertEquals(3, b.regs.blockCount(), "the block before the refused access counted");
        assertArrayEquals(b.image(0, 512), b.ram(0x20000, 512));
        assertArrayEquals(new byte[1024], b.ram(0x30000, 1024), "the next line is not run");
    }

    @Test
    void refusedTranLineOfAWriteSendsNothingMoreToTheCard() {
        b.line(TABLE, VALID | TRAN | END, 1024, 0x20000);
        b.refusedFrom = 0x20000;
        b.refusedTo = 0x21000;
        start(2, TM_DMA_ENABLE | TM_BLOCK_COUNT_ENABLE | TM_MULTI_BLOCK);
        assertFalse(b.adma.round(DMA_ADMA2_32));
        assertEquals(AE_STATE_TRANSFER, b.regs.admaErrorStatus());
        assertEquals(2, b.regs.blockCount(), "no block reached the card");
        assertEquals(NI_ERROR_INTERRUPT, b.normalStatus());
    }

    @Test
    void refusedDescriptorFetchIsAnErrorInFetchState() {
        b.line(TABLE, VALID | TRAN | END, 512, 0x20000);
        b.refusedFrom = TABLE;
        b.refusedTo = TABLE + 0x1000;
        start(1, READ_COUNTED);
        assertFalse(b.adma.round(DMA_ADMA2_32));
        assertEquals(AE_STATE_FETCH_DESCRIPTOR, b.regs.admaErrorStatus());
        assertEquals(TABLE, b.regs.admaAddress(), "the error descriptor");
        assertEquals(EI_ADMA, b.regs.u16(ERROR_INT_STATUS));
        assertArrayEquals(new byte[512], b.ram(0x20000, 512));
    }

    private void putInt(long at, int v) {
        for (int i = 0; i < 4; i++) {
            b.ram[(int) at + i] = (byte) (v >>> (8 * i));
        }
    }
}
