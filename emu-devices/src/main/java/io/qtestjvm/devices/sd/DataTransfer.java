package io.qtestjvm.devices.sd;

import static io.qtestjvm.devices.sd.SdhcRegisterMap.*;

/**
 * The data half of a transaction (SD Host Controller Simplified Specification 3.00 §3.7.2): the host's block buffer
 * with the count of bytes of the current block already moved, block counting (§2.2.3), the end of a transfer
 * (Auto CMD12, §2.2.5; Transfer Complete, §2.2.17) and the transfer without DMA through the Buffer Data Port
 * (§2.2.8, §3.7.2.1), including Stop At Block Gap (§2.2.12). {@link SdmaEngine} and {@link AdmaEngine} share the
 * buffer and the end of transfer. Works on the register file and the SD bus only; the caller updates the interrupt
 * line afterwards.
 *
 * <p>QEMU 7.2 facts kept (each pinned by the named test):
 * <ul>
 *   <li>A read command whose card has no data ready takes the write path: Buffer Write Enable and Buffer Write
 *       Ready ({@code SdhciDataPathTest.readCommandWithoutCardDataTakesQemusWritePath}).</li>
 *   <li>The Buffer Data Port must be accessed in order: an access whose byte lane is not the next byte of the
 *       block reads 0 and moves nothing
 *       ({@code SdhciDataPathTest.nonSequentialBufferPortAccessReadsZeroAndDoesNotAdvance}).</li>
 *   <li>DAT Line Active drops as soon as the last block is in the buffer, before the guest reads it; Command
 *       Inhibit (DAT) and Read Transfer Active stay until the block is read
 *       ({@code SdhciDataPathTest.pioSingleBlockReadThroughBufferPort}).</li>
 *   <li>The Auto CMD12 response replaces REP[127:96] whether or not the card answers (zero when it does not)
 *       ({@code SdhciDataPathTest.pioMultiBlockReadWithAutoCmd12UsesSequentialTwoByteAccesses}).</li>
 *   <li>Block Gap Control keeps only Stop At Block Gap Request; a repeated stop request is ignored
 *       ({@code SdhciBlockGapTest}, {@code SdhciQemuFactsTest.blockGapControlKeepsOnlyTheStopRequest}).</li>
 * </ul>
 */
final class DataTransfer {
    /** Whether a Stop At Block Gap request caught a transfer, and which way it was going. */
    static final int GAP_NONE = 0;
    static final int GAP_READ = 1;
    static final int GAP_WRITE = 2;

    private final SdhcRegisterFile regs;
    private final SdSlot bus;
    private final byte[] autoCmdResponse = new byte[16];
    private byte[] buffer = new byte[512];
    /** Bytes of the current block already moved between the buffer and the system side. */
    private int position;
    private int gapState = GAP_NONE;

    DataTransfer(SdhcRegisterFile regs, SdSlot bus) {
        this.regs = regs;
        this.bus = bus;
    }

    /** Sizes the buffer for the Max Block Length of the capabilities (§2.2.25). */
    void setBufferSize(int bytes) {
        buffer = new byte[bytes];
    }

    byte[] buffer() {
        return buffer;
    }

    int position() {
        return position;
    }

    void setPosition(int bytes) {
        position = bytes;
    }

    int gapState() {
        return gapState;
    }

    /** Forgets a partly moved block and any block gap stop (Software Reset, §2.2.16). */
    void reset() {
        position = 0;
        gapState = GAP_NONE;
    }

    int blockSize() {
        return regs.transferBlockSize();
    }

    boolean reading() {
        return regs.transferMode(TM_READ);
    }

    boolean multiBlock() {
        return regs.transferMode(TM_MULTI_BLOCK);
    }

    boolean counted() {
        return regs.transferMode(TM_BLOCK_COUNT_ENABLE);
    }

    /** One block moved: Block Count goes down when Block Count Enable is set (§2.2.3). */
    void countBlock() {
        if (counted()) {
            regs.setBlockCount(regs.blockCount() - 1);
        }
    }

    /** Fills {@code len} bytes of the buffer from the card (zeros with the slot empty). */
    void receive(int off, int len) {
        byte[] b = buffer;
        SdSlot slot = bus;
        for (int i = off, end = off + len; i < end; i++) {
            b[i] = slot.readByte();
        }
    }

    /** Sends {@code len} bytes of the buffer to the card (dropped with the slot empty). */
    void send(int off, int len) {
        byte[] b = buffer;
        SdSlot slot = bus;
        for (int i = off, end = off + len; i < end; i++) {
            slot.writeByte(b[i]);
        }
    }

    /**
     * End of the data transfer: Auto CMD12 when enabled (its response in REP[127:96], §2.2.7), the transfer's
     * Present State bits cleared, Transfer Complete.
     */
    void complete() {
        if (regs.transferMode(TM_AUTO_CMD12)) {
            byte[] r = autoCmdResponse;
            java.util.Arrays.fill(r, (byte) 0);
            bus.doCommand(12, 0, r);
            regs.put32(RESPONSE_AUTO_CMD, (r[0] & 0xff) << 24 | (r[1] & 0xff) << 16 | (r[2] & 0xff) << 8
                    | r[3] & 0xff);
        }
        regs.clearPresentState(PS_TRANSFER_BITS);
        regs.raiseNormal(NI_TRANSFER_COMPLETE);
    }

    // §3.7.2.1 transfer without DMA

    /** Starts a transfer through the Buffer Data Port after the command (§3.7.2.1 steps 5 and 10). */
    void startPio() {
        if (reading() && bus.dataReady()) {
            regs.setPresentState(PS_READ_TRANSFER_ACTIVE | PS_COMMAND_INHIBIT_DAT | PS_DAT_LINE_ACTIVE);
            fetchBlock();
        } else {
            regs.setPresentState(PS_WRITE_TRANSFER_ACTIVE | PS_DAT_LINE_ACTIVE | PS_BUFFER_WRITE_ENABLE
                    | PS_COMMAND_INHIBIT_DAT);
            flushBlock();
        }
    }

    /** Reads the next block from the card into the buffer and offers it to the guest (Buffer Read Ready). */
    void fetchBlock() {
        boolean multi = multiBlock();
        int count = regs.blockCount();
        if (multi && counted() && count == 0) {
            return;
        }
        receive(0, blockSize());
        regs.setPresentState(PS_BUFFER_READ_ENABLE);
        regs.raiseNormal(NI_BUFFER_READ_READY);
        if (!multi || count == 1) {
            regs.clearPresentState(PS_DAT_LINE_ACTIVE);
        }
        if (gapState == GAP_READ && multi && count != 1) {
            regs.clearPresentState(PS_DAT_LINE_ACTIVE);
            regs.raiseNormal(NI_BLOCK_GAP_EVENT);
        }
    }

    /**
     * With the buffer still free, asks the guest for data (Buffer Write Ready); with a full buffer, writes the
     * block to the card and either ends the transfer or frees the buffer for the next block.
     */
    void flushBlock() {
        if (regs.presentState(PS_BUFFER_WRITE_ENABLE)) {
            regs.raiseNormal(NI_BUFFER_WRITE_READY);
            return;
        }
        if (counted()) {
            if (regs.blockCount() == 0) {
                return;
            }
            regs.setBlockCount(regs.blockCount() - 1);
        }
        send(0, blockSize());
        regs.setPresentState(PS_BUFFER_WRITE_ENABLE);
        boolean multi = multiBlock();
        if (!multi || counted() && regs.blockCount() == 0) {
            complete();
        } else {
            regs.raiseNormal(NI_BUFFER_WRITE_READY);
        }
        if (gapState == GAP_WRITE && multi && regs.blockCount() > 0) {
            regs.clearPresentState(PS_WRITE_TRANSFER_ACTIVE);
            regs.raiseNormal(NI_BLOCK_GAP_EVENT);
            complete();
        }
    }

    /** Whether an access to byte {@code lane} of the Buffer Data Port continues the block in order. */
    boolean inOrder(int lane) {
        return (position & 3) == lane;
    }

    /** Reads {@code size} bytes from the Buffer Data Port (§2.2.8), little endian; 0 with no data ready. */
    int readPort(int size) {
        if (!regs.presentState(PS_BUFFER_READ_ENABLE)) {
            return 0;
        }
        int blockSize = blockSize();
        int p = position;
        if (size == 4 && p + 4 < blockSize) { // the common case: a whole word inside the block
            position = p + 4;
            byte[] b = buffer;
            return b[p] & 0xff | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | b[p + 3] << 24;
        }
        int value = 0;
        for (int i = 0; i < size; i++) {
            value |= (buffer[position++] & 0xff) << (8 * i);
            if (position >= blockSize) {
                blockRead();
                break;
            }
        }
        return value;
    }

    /** The guest has read the whole block: fetch the next one or end the transfer. */
    private void blockRead() {
        regs.clearPresentState(PS_BUFFER_READ_ENABLE);
        position = 0;
        countBlock();
        boolean last = !multiBlock() || counted() && regs.blockCount() == 0
                || gapState == GAP_READ && !regs.presentState(PS_DAT_LINE_ACTIVE);
        if (last) {
            complete();
        } else {
            fetchBlock();
        }
    }

    /** Writes {@code size} bytes of {@code value} to the Buffer Data Port (§2.2.8); ignored with no room. */
    void writePort(int value, int size) {
        if (!regs.presentState(PS_BUFFER_WRITE_ENABLE)) {
            return;
        }
        int blockSize = blockSize();
        for (int i = 0; i < size; i++) {
            buffer[position++] = (byte) (value >>> (8 * i));
            if (position >= blockSize) {
                position = 0;
                regs.clearPresentState(PS_BUFFER_WRITE_ENABLE);
                if (regs.presentState(PS_WRITE_TRANSFER_ACTIVE)) {
                    flushBlock();
                }
            }
        }
    }

    // §2.2.12 Block Gap Control

    /** A write of the Block Gap Control register: stop at the next block gap, or continue after one. */
    void blockGapControl(int value) {
        int stored = regs.u8(BLOCK_GAP_CONTROL);
        if ((value & BG_STOP_AT_BLOCK_GAP) != 0 && (stored & BG_STOP_AT_BLOCK_GAP) != 0) {
            return;
        }
        regs.put8(BLOCK_GAP_CONTROL, value & BG_STOP_AT_BLOCK_GAP);
        if ((value & BG_CONTINUE) != 0 && gapState != GAP_NONE && (value & BG_STOP_AT_BLOCK_GAP) == 0) {
            int stopped = gapState;
            if (stopped == GAP_READ) {
                regs.setPresentState(PS_DAT_LINE_ACTIVE | PS_READ_TRANSFER_ACTIVE);
                fetchBlock();
            } else {
                regs.setPresentState(PS_DAT_LINE_ACTIVE | PS_WRITE_TRANSFER_ACTIVE);
                flushBlock();
            }
            gapState = GAP_NONE;
        } else if (gapState == GAP_NONE && (value & BG_STOP_AT_BLOCK_GAP) != 0) {
            if (regs.presentState(PS_READ_TRANSFER_ACTIVE)) {
                gapState = GAP_READ;
            } else if (regs.presentState(PS_WRITE_TRANSFER_ACTIVE)) {
                gapState = GAP_WRITE;
            }
        }
    }
}
