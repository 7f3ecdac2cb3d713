package io.qtestjvm.devices.sd;

import static io.qtestjvm.devices.sd.SdCardStatus.ADDRESS_ERROR;
import static io.qtestjvm.devices.sd.SdCardStatus.APP_CMD;
import static io.qtestjvm.devices.sd.SdCardStatus.BLOCK_LEN_ERROR;
import static io.qtestjvm.devices.sd.SdCardStatus.CLEAR_AFTER_VALID_COMMAND;
import static io.qtestjvm.devices.sd.SdCardStatus.CLEAR_BY_READ;
import static io.qtestjvm.devices.sd.SdCardStatus.CSD_OVERWRITE;
import static io.qtestjvm.devices.sd.SdCardStatus.CURRENT_STATE;
import static io.qtestjvm.devices.sd.SdCardStatus.CURRENT_STATE_SHIFT;
import static io.qtestjvm.devices.sd.SdCardStatus.ERASE_SEQ_ERROR;
import static io.qtestjvm.devices.sd.SdCardStatus.ILLEGAL_COMMAND;
import static io.qtestjvm.devices.sd.SdCardStatus.OUT_OF_RANGE;
import static io.qtestjvm.devices.sd.SdCardStatus.R6_CARRIED;
import static io.qtestjvm.devices.sd.SdCardStatus.READY_FOR_DATA;
import static io.qtestjvm.devices.sd.SdCardStatus.WP_ERASE_SKIP;
import static io.qtestjvm.devices.sd.SdCardStatus.WP_VIOLATION;
import static io.qtestjvm.devices.sd.SdRegisters.CID_BYTES;
import static io.qtestjvm.devices.sd.SdRegisters.CSD_BYTES;
import static io.qtestjvm.devices.sd.SdRegisters.CSD_COPY;
import static io.qtestjvm.devices.sd.SdRegisters.CSD_FLAGS_BYTE;
import static io.qtestjvm.devices.sd.SdRegisters.CSD_OTP;
import static io.qtestjvm.devices.sd.SdRegisters.CSD_PERM_WRITE_PROTECT;
import static io.qtestjvm.devices.sd.SdRegisters.CSD_TMP_WRITE_PROTECT;
import static io.qtestjvm.devices.sd.SdRegisters.OCR_CCS;
import static io.qtestjvm.devices.sd.SdRegisters.OCR_POWER_UP;
import static io.qtestjvm.devices.sd.SdRegisters.OCR_R3_CARRIED;
import static io.qtestjvm.devices.sd.SdRegisters.OCR_VOLTAGE_FIELD;
import static io.qtestjvm.devices.sd.SdRegisters.OCR_VOLTAGE_WINDOW;
import static io.qtestjvm.devices.sd.SdRegisters.SCR_BYTES;
import static io.qtestjvm.devices.sd.SdRegisters.SDSC_MAX_CAPACITY;
import static io.qtestjvm.devices.sd.SdResponse.ILLEGAL;
import static io.qtestjvm.devices.sd.SdResponse.NONE;
import static io.qtestjvm.devices.sd.SdResponse.R1;
import static io.qtestjvm.devices.sd.SdResponse.R1B;
import static io.qtestjvm.devices.sd.SdResponse.R2_CID;
import static io.qtestjvm.devices.sd.SdResponse.R2_CSD;
import static io.qtestjvm.devices.sd.SdResponse.R3;
import static io.qtestjvm.devices.sd.SdResponse.R6;
import static io.qtestjvm.devices.sd.SdResponse.R7;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.Timer;
import io.qtestjvm.devices.block.BlockBackend;
import io.qtestjvm.devices.block.SizeText;
import java.util.Arrays;

/**
 * An SD memory card in SD mode ({@code sd-card}) over a {@link BlockBackend}, after the SD Physical Layer
 * Simplified Specification: the card states of 4.1-4.3 ({@link SdCardState}), the command set of 4.7 as a table of
 * small handlers ({@link SdCommands}), the responses of 4.9 ({@link SdResponse}), the card status of 4.10.1
 * ({@link SdCardStatus}) and the registers of chapter 5 ({@link SdRegisters}). The data phase ({@link SdDataPath})
 * moves data through a one-block buffer filled from or stored to the memory array ({@link SdMemoryArray}, over the
 * backend) a block at a time; {@link #readData}/{@link #writeData} copy whole runs of it, {@link #readByte}/{@link
 * #writeByte} are the byte interface of the {@link SdBus}.
 *
 * <p>Behaviour is QEMU 7.2's, measured against Debian's QEMU through the SDHCI tests and transcripts. Where that
 * departs from the spec or leaves a choice, the fact and the test in SdCardTest or SdCardDeparturesTest that pins
 * it:
 * <ul>
 * <li><b>Status timing.</b> CURRENT_STATE in a response is the state the command was received in (4.10.1); the
 *     B bits (CURRENT_STATE, ILLEGAL_COMMAND, COM_CRC_ERROR) are cleared right after a valid command is answered,
 *     so between commands {@link #cardStatus()} shows state 0 ({@code initialisationSequenceGivesQemuResponses}).
 *     READY_FOR_DATA is always set ({@code readyForDataIsAlwaysSet}).</li>
 * <li><b>Illegal commands</b> get no response and set ILLEGAL_COMMAND for the next response
 *     ({@code illegalCommandIsNotAnsweredAndShowsInTheNextR1}); an ac command addressed to another RCA is valid
 *     but unanswered.</li>
 * <li><b>Address errors.</b> A CMD17/18/24/25 block past the card, a CMD28/29 group at or past its end and a CMD30
 *     start past it set ADDRESS_ERROR (not OUT_OF_RANGE) in that command's own R1 and the card stays in transfer
 *     ({@code blockPastTheCardGivesAddressErrorInTheSameR1}, {@code writeProtectCommandsPastTheCardGiveAddressError}).
 *     A multi-block transfer that runs off the card sets ADDRESS_ERROR when the first block past the end starts
 *     and then moves no data until a response reports it ({@code multiBlockReadRunningOffTheCardStops...}).
 *     An erase range past the card sets OUT_OF_RANGE ({@code eraseWritesOnesOverTheRange}).</li>
 * <li><b>Addressing.</b> OCR CCS is set at power-up when the card is larger than 2 GiB, whatever the host's HCS
 *     bit; then data and erase addresses are block numbers (4.3.14). Reads of such a card are always 512 bytes,
 *     writes are CMD16's block length ({@code sdhcAddressesAreBlockNumbers}).</li>
 * <li><b>ACMD41.</b> With voltage bits the card powers up at once; an enquiry (bits 23:0 zero) starts a
 *     0.5 ms virtual-time power-up and leaves the card idle ({@code enquiryAcmd41PowersUpAfterHalfAMillisecond...});
 *     a voltage window that does not overlap leaves the card idle instead of inactive
 *     ({@code acmd41WithoutAMatchingVoltageStaysIdle}). CMD0 clears the power-up bit but not a running timer.</li>
 * <li><b>CMD8</b> accepts any argument with exactly one bit set in 31:8 and echoes the whole argument in R7
 *     ({@code cmd8WithoutExactlyOneVoltageBitIsNotAnswered}).</li>
 * <li><b>RCA.</b> The first CMD3 publishes 0x4567, each further one adds 0x4567 ({@code cmd3AgainPublishesANewRca}).
 *     </li>
 * <li><b>Data after a status change.</b> Data is moved for the command index that was last accepted, normal or
 *     application, with the byte position kept: a CMD13 accepted during a CMD17 read turns the rest of the
 *     transfer into SD Status bytes ({@code sendStatusDuringAReadTurnsTheDataIntoSdStatus}).</li>
 * <li><b>CMD6</b> status echoes the argument's function nibbles as the selection, bytes 17-63 zero
 *     ({@code acmdDataRegistersReadAsQemuFillsThem}).</li>
 * <li><b>CSD.</b> Any block write or erase sets COPY without updating the CSD CRC
 *     ({@code writeSetsTheCopyBitWithoutANewCrc}); CMD27 replaces the CSD if its read-only bits match and COPY /
 *     PERM_WRITE_PROTECT are not cleared, CMD26 changes nothing and reports CSD_OVERWRITE for a different CID
 *     ({@code programCsdChangesOnlyTheProgrammableBits}).</li>
 * <li><b>Host byte order.</b> ACMD22 and CMD30 send their 32-bit value least significant byte first
 *     ({@code cmd23BlockCountEndsMultiBlockTransfersWithoutCmd12}, {@code sendWriteProtReportsGroupsLsbFirst}).</li>
 * <li><b>Erase</b> writes 0xff over [start, end] in 512-byte steps, end included, skipping write-protected groups
 *     with WP_ERASE_SKIP ({@code eraseWritesOnesOverTheRange}). CMD56 reads 0xec bytes and discards writes.</li>
 * <li><b>Write protect switch.</b> Only reported to the controller ({@link #readOnly()}); the read-only backend
 *     refuses the write ({@code readOnlyDriveIsReportedAndNeverWritten}). QEMU refuses to realize a card on a
 *     read-only drive or on one whose size is not a power of two ({@link #checkDrive}).</li>
 * </ul>
 * Not modelled: SPI mode, card lock/unlock, the CRC of commands and data, UHS voltage switching.
 */
public final class SdCard extends Device implements SdSlot.Card {
    public static final String TYPE = "sd-card";

    // CURRENT_STATE codes (4.10.1) of the card states; inactive has none.
    public static final int STATE_INACTIVE = SdCardState.INACTIVE.code;
    public static final int STATE_IDLE = SdCardState.IDLE.code;
    public static final int STATE_READY = SdCardState.READY.code;
    public static final int STATE_IDENT = SdCardState.IDENTIFICATION.code;
    public static final int STATE_STANDBY = SdCardState.STAND_BY.code;
    public static final int STATE_TRANSFER = SdCardState.TRANSFER.code;
    public static final int STATE_SENDING = SdCardState.SENDING_DATA.code;
    public static final int STATE_RECEIVING = SdCardState.RECEIVE_DATA.code;
    public static final int STATE_PROGRAMMING = SdCardState.PROGRAMMING.code;
    public static final int STATE_DISCONNECT = SdCardState.DISCONNECT.code;

    /** How long an enquiry ACMD41 takes to power the card up, in virtual nanoseconds. */
    public static final long OCR_POWER_DELAY_NS = 500_000;

    private static final int BLOCK = SdMemoryArray.BLOCK;
    private static final int BLOCK_SHIFT = SdMemoryArray.BLOCK_SHIFT;
    private static final long NO_ERASE_ADDRESS = 0xffffffffL;
    /** CMD3: the first published RCA, and the step between further ones. */
    private static final int RCA_STEP = 0x4567;

    private final BlockBackend blk;
    final SdMemoryArray memory;
    private final int specVersion;
    private final Timer powerUpTimer;

    // Chapter 5 registers and the status of 4.10 (package-private: the data phase reads and programs them).
    final byte[] cid = new byte[CID_BYTES];
    final byte[] csd = new byte[CSD_BYTES];
    final byte[] scr = new byte[SCR_BYTES];
    final byte[] sdStatus = new byte[SdDataPath.STATUS_BLOCK];
    private int ocr;
    private int rca;
    int status;
    private long size;

    SdCardState state = SdCardState.IDLE;
    /** CMD55 was accepted: the next command is an application command (4.3.9). */
    private boolean appCommandNext;

    /** The data phase (4.3.3, 4.3.4). */
    private final SdDataPath data = new SdDataPath(this);
    private long eraseStart;
    private long eraseEnd;
    /** The accepted CMD8 argument, echoed by R7. */
    private int sendIfCondEcho;

    /**
     * A card over {@code blk} (null: no medium, a card that answers nothing) of physical layer version
     * {@code specVersion} (1 = 1.10, 2 = 2.00, 3 = 3.0x), timing its power-up on {@code virtualClock}.
     */
    public SdCard(BlockBackend blk, int specVersion, Clock virtualClock) {
        super(TYPE);
        this.blk = blk;
        this.memory = new SdMemoryArray(blk);
        this.specVersion = specVersion;
        this.powerUpTimer = virtualClock.newTimer(this::powerUp);
        reset();
    }

    /** A card whose power-up timer runs on a private clock that never advances. */
    public SdCard(BlockBackend blk, int specVersion) {
        this(blk, specVersion, Clock.virtual());
    }

    /**
     * QEMU 7.2's checks before it makes a card of {@code blk}: null when {@code blk} may back a card, else QEMU's
     * message. A read-only drive and a non-empty image whose size is not a power of two are refused.
     */
    public static String checkDrive(BlockBackend blk) {
        if (blk == null) {
            return null;
        }
        if (blk.readOnly()) {
            return "Cannot use read-only drive as SD card";
        }
        long length = blk.size();
        if (length > 0 && Long.bitCount(length) != 1) {
            long suggested = Long.highestOneBit(length) << 1;
            return "Invalid SD card size: " + SizeText.of(length) + "\nSD card size has to be a power of 2, e.g. "
                    + SizeText.of(suggested) + ".";
        }
        return null;
    }

    /**
     * 4.2.1 card reset (power-on and CMD0): idle, no RCA, registers for the backend's current size in whole
     * blocks, CMD16 length 512, no erase range, no write protection. A running power-up timer keeps running.
     */
    @Override
    public void reset() {
        memory.reset();
        size = memory.size();
        state = SdCardState.IDLE;
        rca = 0;
        ocr = OCR_VOLTAGE_WINDOW;
        SdRegisters.fillScr(scr, specVersion);
        SdRegisters.fillCid(cid);
        SdRegisters.fillCsd(csd, size);
        status = READY_FOR_DATA;
        Arrays.fill(sdStatus, (byte) 0);
        eraseStart = NO_ERASE_ADDRESS;
        eraseEnd = NO_ERASE_ADDRESS;
        appCommandNext = false;
        data.reset();
    }

    /** The image behind the card (null without one), for the board's flush on exit. */
    public BlockBackend backend() {
        return blk;
    }

    /** A card without a medium is not inserted (see {@link SdSlot#attach}). */
    public boolean inserted() {
        return blk != null;
    }

    /** The write-protect switch: set for a read-only backend. */
    @Override
    public boolean readOnly() {
        return blk != null && blk.readOnly();
    }

    @Override
    public boolean dataReady() {
        return state == SdCardState.SENDING_DATA;
    }

    @Override
    public boolean receiveReady() {
        return state == SdCardState.RECEIVE_DATA;
    }

    /** The current state as its CURRENT_STATE code (the STATE_ constants), for tests and tracing. */
    public int state() {
        return state.code;
    }

    /** The card status register as it stands between commands. */
    public int cardStatus() {
        return status;
    }

    public int ocr() {
        return ocr;
    }

    public int rca() {
        return rca;
    }

    /** The card's capacity in bytes: the backend size in whole 512-byte blocks. */
    public long capacity() {
        return size;
    }

    /** OCR CCS: the card is SDHC and addresses data by block number. */
    public boolean highCapacity() {
        return (ocr & OCR_CCS) != 0;
    }

    // ---- Commands (4.7) ----

    @Override
    public int doCommand(int cmd, long arg, byte[] response) {
        if (blk == null || cmd < 0 || cmd >= SdCommands.STANDARD.length) {
            return 0;
        }
        SdCardState received = state;
        SdResponse r;
        if (appCommandNext) {
            appCommandNext = false;
            r = applicationCommand(cmd, (int) arg);
        } else {
            r = standardCommand(cmd, (int) arg);
        }
        if (r == ILLEGAL) {
            status |= ILLEGAL_COMMAND;
            return 0;
        }
        data.accepted(cmd);
        status = status & ~CURRENT_STATE | (received.code & 0xf) << CURRENT_STATE_SHIFT;
        int length = respond(r, response);
        status &= ~CLEAR_AFTER_VALID_COMMAND;
        return length;
    }

    private SdResponse standardCommand(int cmd, int arg) {
        status &= ~APP_CMD;
        if (cmd != 18 && cmd != 25) {
            data.blockCount = 0; // Table 4-24, CMD23: the count belongs to the command right after it only
        }
        return execute(SdCommands.STANDARD[cmd], arg);
    }

    private SdResponse applicationCommand(int cmd, int arg) {
        status |= APP_CMD;
        SdCommand c = SdCommands.APPLICATION[cmd];
        if (c != null) {
            return execute(c, arg);
        }
        // 4.3.9: an index that is not an ACMD is taken as the standard command, except the security ACMDs.
        return SdCommands.securityCommand(cmd) ? ILLEGAL : standardCommand(cmd, arg);
    }

    private SdResponse execute(SdCommand c, int arg) {
        if (c == null || specVersion < c.sinceVersion || !c.legalIn(state)) {
            return ILLEGAL;
        }
        if (c.commandClass == 6 && (highCapacity() || size > SDSC_MAX_CAPACITY)) {
            return ILLEGAL; // 4.3.14: SDHC and SDXC cards have no write-protect groups
        }
        return c.handler.execute(this, arg);
    }

    /** Writes response {@code r} (4.9) and applies the status bits' read-clear; returns its length. */
    private int respond(SdResponse r, byte[] out) {
        switch (r) {
            case R1, R1B -> {
                putInt(out, 0, status);
                status &= ~CLEAR_BY_READ;
            }
            case R2_CID -> System.arraycopy(cid, 0, out, 0, CID_BYTES);
            case R2_CSD -> System.arraycopy(csd, 0, out, 0, CSD_BYTES);
            case R3 -> putInt(out, 0, ocr & OCR_R3_CARRIED);
            case R6 -> {
                putInt(out, 0, rca << 16 | SdCardStatus.r6Field(status));
                status &= ~(CLEAR_BY_READ & R6_CARRIED);
            }
            case R7 -> putInt(out, 0, sendIfCondEcho);
            default -> {
                return 0;
            }
        }
        return r.length;
    }

    private boolean addressed(int arg) {
        return SdCommand.rcaOf(arg) == rca;
    }

    /** 4.3.14: SDSC data addresses are bytes, SDHC/SDXC addresses are 512-byte blocks. */
    private long cardAddress(int arg) {
        long a = arg & 0xffffffffL;
        return highCapacity() ? a << BLOCK_SHIFT : a;
    }

    private void startData(SdCardState next) {
        state = next;
        data.restart();
    }

    // Class 0 (Table 4-22).

    SdResponse goIdleState(int arg) {
        if (state != SdCardState.INACTIVE) { // 4.2.1: an inactive card ignores CMD0
            reset();
        }
        return NONE;
    }

    SdResponse allSendCid(int arg) {
        state = SdCardState.IDENTIFICATION;
        return R2_CID;
    }

    SdResponse sendRelativeAddr(int arg) {
        state = SdCardState.STAND_BY;
        rca = (rca + RCA_STEP) & 0xffff;
        return R6;
    }

    /** CMD7: the addressed card is selected (stand-by to transfer, disconnect to programming); others deselect. */
    SdResponse selectCard(int arg) {
        boolean mine = addressed(arg);
        switch (state) {
            case STAND_BY, DISCONNECT -> {
                if (!mine) {
                    return NONE;
                }
                state = state == SdCardState.STAND_BY ? SdCardState.TRANSFER : SdCardState.PROGRAMMING;
            }
            default -> { // transfer, sending-data, programming
                if (mine) {
                    return ILLEGAL;
                }
                state = state == SdCardState.PROGRAMMING ? SdCardState.DISCONNECT : SdCardState.STAND_BY;
            }
        }
        return R1B;
    }

    /** CMD8 (4.3.13): VHS in bits 11:8, check pattern in 7:0; no response unless exactly one VHS bit is set. */
    SdResponse sendIfCond(int arg) {
        int vhs = arg >>> 8;
        if (vhs == 0 || (vhs & (vhs - 1)) != 0) {
            return NONE;
        }
        sendIfCondEcho = arg;
        return R7;
    }

    SdResponse sendCsd(int arg) {
        return addressed(arg) ? R2_CSD : NONE;
    }

    SdResponse sendCid(int arg) {
        return addressed(arg) ? R2_CID : NONE;
    }

    /** CMD12: ends a read, or a write after its programming (which completes at once). */
    SdResponse stopTransmission(int arg) {
        state = SdCardState.TRANSFER;
        return R1B;
    }

    SdResponse sendStatus(int arg) {
        return addressed(arg) ? R1 : NONE;
    }

    SdResponse goInactiveState(int arg) {
        if (addressed(arg)) {
            state = SdCardState.INACTIVE;
        }
        return NONE;
    }

    // Class 2 (Table 4-24).

    SdResponse setBlockLen(int arg) {
        if ((arg & 0xffffffffL) > BLOCK) {
            status |= BLOCK_LEN_ERROR;
        } else {
            data.blockLength = arg;
        }
        return R1;
    }

    /** CMD17, CMD18: the read starts with its first byte; a first block past the card is refused here. */
    SdResponse readBlock(int arg) {
        long address = cardAddress(arg);
        if (!inCard(address, data.blockLength)) {
            return R1;
        }
        data.dataAddress = address;
        startData(SdCardState.SENDING_DATA);
        return R1;
    }

    SdResponse sendTuningBlock(int arg) {
        startData(SdCardState.SENDING_DATA);
        return R1;
    }

    SdResponse setBlockCount(int arg) {
        data.blockCount = arg;
        return R1;
    }

    // Class 4 (Table 4-25).

    SdResponse writeBlock(int arg) {
        long address = cardAddress(arg);
        if (!inCard(address, data.blockLength)) {
            return R1;
        }
        data.dataAddress = address;
        startData(SdCardState.RECEIVE_DATA);
        data.blocksWritten = 0;
        if (size <= SDSC_MAX_CAPACITY && groupProtected(address) || cardWriteProtected()) {
            status |= WP_VIOLATION;
        }
        return R1;
    }

    /** CMD26, CMD27: 16 register bytes follow. */
    SdResponse programRegister(int arg) {
        startData(SdCardState.RECEIVE_DATA);
        return R1;
    }

    // Class 6 (Table 4-26).

    SdResponse setWriteProt(int arg) {
        return protect(arg, true);
    }

    SdResponse clrWriteProt(int arg) {
        return protect(arg, false);
    }

    private SdResponse protect(int arg, boolean on) {
        long address = cardAddress(arg);
        if (inCard(address, 1)) {
            memory.protectGroup(address, on);
        }
        return R1B;
    }

    /** CMD30: one bit per group for the 32 groups from the argument's, 0 for groups past the card. */
    SdResponse sendWriteProt(int arg) {
        long address = arg & 0xffffffffL;
        if (!inCard(address, data.blockLength)) {
            return R1;
        }
        putIntLittleEndian(data.block, memory.protectionBits(address));
        data.dataAddress = cardAddress(arg);
        startData(SdCardState.SENDING_DATA);
        return R1;
    }

    // Class 5 (Table 4-27, 4.3.5).

    SdResponse eraseWrBlkStart(int arg) {
        eraseStart = arg & 0xffffffffL;
        return R1;
    }

    SdResponse eraseWrBlkEnd(int arg) {
        eraseEnd = arg & 0xffffffffL;
        return R1;
    }

    SdResponse erase(int arg) {
        if (cardWriteProtected()) {
            status |= WP_VIOLATION;
            return R1B;
        }
        long start = eraseStart;
        long end = eraseEnd;
        eraseStart = NO_ERASE_ADDRESS;
        eraseEnd = NO_ERASE_ADDRESS;
        if (start == NO_ERASE_ADDRESS || end == NO_ERASE_ADDRESS) {
            status |= ERASE_SEQ_ERROR;
            return R1B;
        }
        boolean sdsc = !highCapacity();
        if (!sdsc) {
            start <<= BLOCK_SHIFT;
            end <<= BLOCK_SHIFT;
        }
        if (start > size || end > size) {
            status |= OUT_OF_RANGE;
            return R1B;
        }
        csd[CSD_FLAGS_BYTE] |= CSD_COPY;
        Arrays.fill(data.block, (byte) 0xff);
        if (memory.erase(start, end, sdsc, data.block)) {
            status |= WP_ERASE_SKIP;
        }
        return R1B;
    }

    // Class 8 (Table 4-29) and the application-specific commands (Table 4-32).

    SdResponse appCmd(int arg) {
        if (!addressed(arg)) {
            return NONE;
        }
        appCommandNext = true;
        status |= APP_CMD;
        return R1;
    }

    /** CMD56: bit 0 of the argument chooses read (1) or write (0) of one block. */
    SdResponse genCmd(int arg) {
        startData((arg & 1) != 0 ? SdCardState.SENDING_DATA : SdCardState.RECEIVE_DATA);
        return R1;
    }

    /** CMD6 (4.3.10): builds the 512-bit switch status, then sends it. */
    SdResponse switchFunc(int arg) {
        SdRegisters.fillSwitchStatus(data.block, arg);
        startData(SdCardState.SENDING_DATA);
        return R1;
    }

    SdResponse setBusWidth(int arg) {
        sdStatus[0] = (byte) (sdStatus[0] & 0x3f | (arg & 3) << 6); // SD Status bits 511:510, DAT_BUS_WIDTH
        return R1;
    }

    SdResponse sdStatus(int arg) {
        startData(SdCardState.SENDING_DATA);
        return R1;
    }

    SdResponse sendNumWrBlocks(int arg) {
        putIntLittleEndian(data.block, data.blocksWritten);
        startData(SdCardState.SENDING_DATA);
        return R1;
    }

    SdResponse sendScr(int arg) {
        startData(SdCardState.SENDING_DATA);
        return R1;
    }

    /** ACMD41 (4.2.3): power-up, then ready if the host's voltage window overlaps the card's. */
    SdResponse sdSendOpCond(int arg) {
        if ((ocr & OCR_POWER_UP) == 0) {
            if ((arg & OCR_VOLTAGE_FIELD) != 0) {
                powerUpTimer.del();
                powerUp();
            } else if (!powerUpTimer.pending()) {
                powerUpTimer.modIn(OCR_POWER_DELAY_NS);
            }
        }
        if ((ocr & arg & OCR_VOLTAGE_FIELD) != 0) {
            state = SdCardState.READY;
        }
        return R3;
    }

    private void powerUp() {
        ocr |= OCR_POWER_UP;
        if (size > SDSC_MAX_CAPACITY) {
            ocr |= OCR_CCS;
        }
    }

    // ---- Data (4.3.3, 4.3.4): the byte interface of the bus and the bulk path, see SdDataPath ----

    @Override
    public byte readByte() {
        return blk == null ? 0 : data.readByte();
    }

    /**
     * Reads {@code len} data bytes into {@code dst[off..]}, as {@code len} calls of {@link #readByte} would, a
     * block run at a time.
     */
    public void readData(byte[] dst, int off, int len) {
        if (blk == null) {
            Arrays.fill(dst, off, off + len, (byte) 0);
            return;
        }
        data.readData(dst, off, len);
    }

    @Override
    public void writeByte(byte value) {
        if (blk != null) {
            data.writeByte(value);
        }
    }

    /** Writes {@code src[off..off+len)} as {@code len} calls of {@link #writeByte} would, a block run at a time. */
    public void writeData(byte[] src, int off, int len) {
        if (blk != null) {
            data.writeData(src, off, len);
        }
    }

    /** CMD26: the CID is fixed; any difference is reported as CSD_OVERWRITE. */
    void programCid(byte[] block) {
        if (!Arrays.equals(cid, 0, CID_BYTES, block, 0, CID_BYTES)) {
            status |= CSD_OVERWRITE;
        }
    }

    /** CMD27 (5.3): only the programmable bits may differ, and COPY / PERM_WRITE_PROTECT cannot be cleared. */
    void programCsd(byte[] block) {
        for (int i = 0; i < CSD_BYTES; i++) {
            int readOnly = ~SdRegisters.csdProgrammable(i) & 0xff;
            if (((csd[i] ^ block[i]) & readOnly) != 0) {
                status |= CSD_OVERWRITE;
            }
        }
        if ((csd[CSD_FLAGS_BYTE] & ~block[CSD_FLAGS_BYTE] & CSD_OTP) != 0) {
            status |= CSD_OVERWRITE;
        }
        if ((status & CSD_OVERWRITE) == 0) {
            System.arraycopy(block, 0, csd, 0, CSD_BYTES);
        }
    }

    // ---- Card geometry ----

    /** True when {@code [address, address + length)} lies in the card; else ADDRESS_ERROR. */
    boolean inCard(long address, int length) {
        if (!memory.contains(address, length)) {
            status |= ADDRESS_ERROR;
            return false;
        }
        return true;
    }

    boolean groupProtected(long address) {
        return memory.groupProtected(address);
    }

    /** CSD PERM_WRITE_PROTECT or TMP_WRITE_PROTECT: the whole card is protected (5.3.2). */
    private boolean cardWriteProtected() {
        return (csd[CSD_FLAGS_BYTE] & (CSD_PERM_WRITE_PROTECT | CSD_TMP_WRITE_PROTECT)) != 0;
    }


    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static void putIntLittleEndian(byte[] b, int v) {
        b[0] = (byte) v;
        b[1] = (byte) (v >>> 8);
        b[2] = (byte) (v >>> 16);
        b[3] = (byte) (v >>> 24);
    }
}
