package io.qtestjvm.devices.sd;

import static io.qtestjvm.devices.sd.SdCardStatus.ADDRESS_ERROR;
import static io.qtestjvm.devices.sd.SdCardStatus.DATA_BLOCKING_ERRORS;
import static io.qtestjvm.devices.sd.SdCardStatus.WP_VIOLATION;
import static io.qtestjvm.devices.sd.SdRegisters.CSD_BYTES;
import static io.qtestjvm.devices.sd.SdRegisters.CSD_COPY;
import static io.qtestjvm.devices.sd.SdRegisters.CSD_FLAGS_BYTE;
import static io.qtestjvm.devices.sd.SdRegisters.SCR_BYTES;
import static io.qtestjvm.devices.sd.SdRegisters.SDSC_MAX_CAPACITY;

import java.util.Arrays;

/**
 * The data phase of an SD card's adtc commands (SD Physical Layer Simplified Specification 4.3.3 data read, 4.3.4
 * data write, 4.3.10 switch status, 4.10.2 SD Status, 5.6 SCR): one block buffer that the card fills from the
 * memory array at a block's first byte and stores back after its last, and the byte position in it. The bytes
 * inside a block are plain array accesses, so {@link #readData}/{@link #writeData} copy whole runs and only a
 * block's first and last byte take the slow path.
 *
 * <p>The data belongs to the index of the last command the card accepted ({@link #transferCommand}), normal or
 * application, and the position is kept when that index changes (QEMU 7.2's behaviour; see {@link SdCard}).
 */
final class SdDataPath {
    static final int BLOCK = SdMemoryArray.BLOCK;
    /** CMD6 switch status (4.3.10.4) and SD Status (4.10.2) are 512 bits. */
    static final int STATUS_BLOCK = 64;
    /** CMD56 read data: the card has no vendor function, QEMU sends this byte. */
    private static final byte GEN_CMD_FILL = (byte) 0xec;
    /**
     * CMD19's tuning block: the 4-bit bus pattern of 4.2.4.5 except bytes 4 and 5, which QEMU 7.2 sends as 0x0f,
     * 0xfc where the spec has 0xff, 0xcc ({@code tuningBlockIsTheSpecPatternWithQemusBytes4And5}).
     */
    private static final byte[] TUNING_BLOCK = bytes(
            0xff, 0x0f, 0xff, 0x00, 0x0f, 0xfc, 0xc3, 0xcc, 0xc3, 0x3c, 0xcc, 0xff, 0xfe, 0xff, 0xfe, 0xef,
            0xff, 0xdf, 0xff, 0xdd, 0xff, 0xfb, 0xff, 0xfb, 0xbf, 0xff, 0x7f, 0xff, 0x77, 0xf7, 0xbd, 0xef,
            0xff, 0xf0, 0xff, 0xf0, 0x0f, 0xfc, 0xcc, 0x3c, 0xcc, 0x33, 0xcc, 0xcf, 0xff, 0xef, 0xff, 0xee,
            0xff, 0xfd, 0xff, 0xfd, 0xdf, 0xff, 0xbf, 0xff, 0xbb, 0xff, 0xf7, 0xff, 0xf7, 0x7f, 0x7b, 0xde);

    private final SdCard card;
    /** The block buffer; CMD6, ACMD22 and CMD30 also build their data here. */
    final byte[] block = new byte[BLOCK];
    /** Index of the last accepted command, which owns the data phase. */
    int transferCommand;
    /** Next byte of the data phase within the current block. */
    int position;
    /** Card byte address of the current data block. */
    long dataAddress;
    /** CMD16 block length. */
    int blockLength = BLOCK;
    /** CMD23 block count of the next multi-block transfer; 0 = open-ended (until CMD12). */
    int blockCount;
    /** Blocks written by the last CMD24/CMD25, for ACMD22. */
    int blocksWritten;
    /** The array and length of the current read block once started; {@code readLimit == 0} until then. */
    private byte[] readSource;
    private int readLimit;
    /** Length of the current write block once started; 0 until then. */
    private int writeLimit;

    SdDataPath(SdCard card) {
        this.card = card;
    }

    /** Card reset: CMD16 length 512, no block count, no block in progress (the position is kept). */
    void reset() {
        blockLength = BLOCK;
        blockCount = 0;
        readLimit = 0;
        writeLimit = 0;
    }

    /** Command {@code index} was accepted: it owns the data from now on; the block restarts its bookkeeping. */
    void accepted(int index) {
        transferCommand = index;
        readLimit = 0;
        writeLimit = 0;
    }

    /** A data phase starts at its first byte. */
    void restart() {
        position = 0;
    }

    /** Reads one data byte of the current transfer; 0 when the card is not sending. */
    byte readByte() {
        int p = position;
        if (p > 0 && p < readLimit - 1 && card.state == SdCardState.SENDING_DATA
                && (card.status & DATA_BLOCKING_ERRORS) == 0) {
            position = p + 1;
            return readSource[p];
        }
        return readByteAtBlockEdge();
    }

    /**
     * Reads {@code len} data bytes into {@code dst[off..]}, as {@code len} calls of {@link #readByte} would, a
     * block run at a time.
     */
    void readData(byte[] dst, int off, int len) {
        int end = off + len;
        while (off < end) {
            int run = readLimit - 1 - position;
            if (position > 0 && run > 0 && card.state == SdCardState.SENDING_DATA
                    && (card.status & DATA_BLOCKING_ERRORS) == 0) {
                int n = Math.min(run, end - off);
                System.arraycopy(readSource, position, dst, off, n);
                position += n;
                off += n;
            } else {
                dst[off++] = readByteAtBlockEdge();
            }
        }
    }

    /** The slow path: a block's first or last byte, or a byte the card does not send. */
    private byte readByteAtBlockEdge() {
        if (card.state != SdCardState.SENDING_DATA || (card.status & DATA_BLOCKING_ERRORS) != 0) {
            return 0;
        }
        if (readLimit == 0 && !startReadBlock()) {
            return 0;
        }
        if (position >= readSource.length) { // QEMU reads past its buffer here: send 0 and end
            card.state = SdCardState.TRANSFER;
            return 0;
        }
        byte value = readSource[position++];
        if (position >= readLimit) {
            endReadBlock();
        }
        return value;
    }

    /** Picks the bytes the last accepted command sends; loads a data block at its first byte. */
    private boolean startReadBlock() {
        byte[] source = block;
        int limit;
        switch (transferCommand) {
            case 6, 13 -> {
                limit = STATUS_BLOCK;
                source = transferCommand == 6 ? block : card.sdStatus;
            }
            case 17, 18 -> {
                limit = card.highCapacity() ? BLOCK : blockLength;
                if (position == 0) {
                    if (transferCommand == 18 && !card.inCard(dataAddress, limit)) {
                        return false;
                    }
                    card.memory.load(dataAddress, block, limit);
                }
            }
            case 19 -> {
                limit = TUNING_BLOCK.length;
                source = TUNING_BLOCK;
            }
            case 22, 30 -> limit = 4;
            case 51 -> {
                limit = SCR_BYTES;
                source = card.scr;
            }
            case 56 -> {
                limit = blockLength;
                if (position == 0) {
                    Arrays.fill(block, 0, limit, GEN_CMD_FILL);
                }
            }
            default -> {
                return false;
            }
        }
        readSource = source;
        readLimit = limit;
        return true;
    }

    private void endReadBlock() {
        readLimit = 0;
        if (transferCommand != 18) {
            card.state = SdCardState.TRANSFER;
            return;
        }
        dataAddress += card.highCapacity() ? BLOCK : blockLength;
        position = 0;
        if (blockCount != 0 && --blockCount == 0) {
            card.state = SdCardState.TRANSFER;
        }
    }

    /** Writes one data byte of the current transfer; ignored when the card is not receiving. */
    void writeByte(byte value) {
        int p = position;
        if (p > 0 && p < writeLimit - 1 && card.state == SdCardState.RECEIVE_DATA
                && (card.status & DATA_BLOCKING_ERRORS) == 0) {
            block[p] = value;
            position = p + 1;
            return;
        }
        writeByteAtBlockEdge(value);
    }

    /** Writes {@code src[off..off+len)} as {@code len} calls of {@link #writeByte} would, a block run at a time. */
    void writeData(byte[] src, int off, int len) {
        int end = off + len;
        while (off < end) {
            int run = writeLimit - 1 - position;
            if (position > 0 && run > 0 && card.state == SdCardState.RECEIVE_DATA
                    && (card.status & DATA_BLOCKING_ERRORS) == 0) {
                int n = Math.min(run, end - off);
                System.arraycopy(src, off, block, position, n);
                position += n;
                off += n;
            } else {
                writeByteAtBlockEdge(src[off++]);
            }
        }
    }

    private void writeByteAtBlockEdge(byte value) {
        if (card.state != SdCardState.RECEIVE_DATA || (card.status & DATA_BLOCKING_ERRORS) != 0) {
            return;
        }
        if (writeLimit == 0 && !startWriteBlock()) {
            return;
        }
        block[position++] = value;
        if (position >= writeLimit) {
            endWriteBlock();
        }
    }

    private boolean startWriteBlock() {
        switch (transferCommand) {
            case 24, 56 -> writeLimit = blockLength;
            case 25 -> {
                if (position == 0) {
                    if (!card.inCard(dataAddress, blockLength)) {
                        return false;
                    }
                    if (card.capacity() <= SDSC_MAX_CAPACITY && card.groupProtected(dataAddress)) {
                        card.status |= WP_VIOLATION;
                        return false;
                    }
                }
                writeLimit = blockLength;
            }
            case 26, 27 -> writeLimit = CSD_BYTES;
            default -> {
                return false;
            }
        }
        if (writeLimit == 0) {
            writeLimit = -1; // a zero-length block still takes the byte (QEMU stores one)
        }
        return true;
    }

    private void endWriteBlock() {
        writeLimit = 0;
        switch (transferCommand) {
            case 24, 25 -> {
                card.memory.store(dataAddress, block, position);
                blocksWritten++;
                card.csd[CSD_FLAGS_BYTE] |= CSD_COPY;
                if (transferCommand == 25) {
                    dataAddress += blockLength;
                    position = 0;
                    if (blockCount == 0 || --blockCount != 0) {
                        return;
                    }
                }
            }
            case 26 -> card.programCid(block);
            case 27 -> card.programCsd(block);
            default -> {
                // CMD56: no vendor function takes the data
            }
        }
        card.state = SdCardState.TRANSFER;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
