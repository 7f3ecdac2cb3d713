package io.qtestjvm.devices.sd;

import static io.qtestjvm.devices.sd.SdRegisters.*;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.Timer;
import io.qtestjvm.devices.block.BlockBackend;
import io.qtestjvm.devices.block.BlockResult;
import io.qtestjvm.devices.block.SizeText;
import java.util.Arrays;
import java.util.BitSet;

/**
 * QEMU 7.2's {@code sd-card} (hw/sd/sd.c, SD mode; not the SPI variant) over a {@link BlockBackend}: the card
 * state machine of the SD Physical Layer Simplified Specification 4.3 (idle, ready, identification, standby,
 * transfer, sending-data, receiving-data, programming, disconnect, inactive), commands and application commands,
 * R1/R1b/R2/R3/R6/R7 built byte for byte as QEMU builds them, and byte-by-byte data transfer.
 *
 * <p>QEMU behaviour reproduced on purpose (each differs from a real card or the spec):
 * <ul>
 * <li><b>Status as it was before the command.</b> CURRENT_STATE in an R1 is the state before the command that
 *     answers (CMD7 select answers "stby", CMD12 answers "data"); after every valid command CURRENT_STATE,
 *     ILLEGAL_COMMAND and COM_CRC_ERROR are cleared, so the field is only meaningful inside a response.</li>
 * <li><b>Illegal commands answer nothing.</b> A command unknown or illegal in the current state gets no response
 *     (length 0) and sets ILLEGAL_COMMAND, which the <i>next</i> R1 reports.</li>
 * <li><b>Error bits in the same R1.</b> ADDRESS_ERROR from CMD17/18/24/25 past the card and BLOCK_LEN_ERROR from
 *     CMD16 &gt; 512 are set before the R1 of that command is built, so that R1 already carries them; the card
 *     stays in transfer state. A multi-block read or write that runs off the card sets ADDRESS_ERROR at the start of
 *     the first block past the end, then gives zeros/ignores data until CMD12, whose R1b reports it. QEMU never
 *     uses OUT_OF_RANGE for data transfers (only for an erase range past the card).</li>
 * <li><b>Addressing.</b> The card is SDHC when larger than 2 GiB; the OCR CCS bit is set at power-up (not on
 *     the host's HCS bit, which is ignored) and from then on data addresses are block numbers. Block length for an
 *     SDHC read is always 512 whatever CMD16 set; an SDSC card reads and writes blk_len bytes at a byte address.</li>
 * <li><b>ACMD41 power-up.</b> An ACMD41 with voltage bits powers up at once and moves to ready; an "enquiry"
 *     ACMD41 (bits 23:0 zero) arms a 0.5 ms virtual-clock timer that sets the power-up bit later and stays idle.</li>
 * <li><b>CSD after a write.</b> Any write or erase sets the COPY bit (0x40) in CSD byte 14 without recomputing
 *     the CSD CRC byte.</li>
 * <li><b>Host byte order.</b> ACMD22 (written-block count) and CMD30 (write-protect bits) send a 32-bit value
 *     least significant byte first (QEMU stores it in host order; x86 hosts are little-endian).</li>
 * <li><b>Write protect.</b> The write-protect switch ({@link #readOnly()}) is only reported to the controller,
 *     as on real hardware; the card itself does not refuse writes, the read-only backend does (EPERM, logged).
 *     QEMU 7.2 even refuses to realize an sd-card on a read-only drive: see {@link #checkDrive}.</li>
 * <li>CMD6 is accepted in any data-transfer-mode state (also standby); CMD58/CMD59 are illegal in SD mode.</li>
 * </ul>
 * Not modelled: SPI mode, card lock/unlock (CMD42 is answered as an illegal command), the host-side CRC check
 * (QEMU's is disabled too), {@code sd_enable}, media change callbacks.
 */
public final class SdCard extends Device implements SdSlot.Card {
    public static final String TYPE = "sd-card";

    // Card states (Physical Layer 4.3, Table 4-35), numbered as CURRENT_STATE reports them.
    public static final int STATE_INACTIVE = -1;
    public static final int STATE_IDLE = 0;
    public static final int STATE_READY = 1;
    public static final int STATE_IDENT = 2;
    public static final int STATE_STANDBY = 3;
    public static final int STATE_TRANSFER = 4;
    public static final int STATE_SENDING = 5;
    public static final int STATE_RECEIVING = 6;
    public static final int STATE_PROGRAMMING = 7;
    public static final int STATE_DISCONNECT = 8;

    private static final int MODE_INACTIVE = 0;
    private static final int MODE_IDENTIFICATION = 1;
    private static final int MODE_DATA_TRANSFER = 2;

    // Response kinds (sd_rsp_type_t).
    private static final int R0 = 0;
    private static final int R1 = 1;
    private static final int R2_CID = 2;
    private static final int R2_CSD = 3;
    private static final int R3 = 4;
    private static final int R6 = 6;
    private static final int R7 = 7;
    private static final int R1B = -1;
    private static final int ILLEGAL = -2;

    /** QEMU's OCR_POWER_DELAY_NS: an enquiry ACMD41 powers the card up 0.5 ms of virtual time later. */
    public static final long OCR_POWER_DELAY_NS = 500_000;
    private static final int ACMD41_ENQUIRY_MASK = 0x00ffffff;
    private static final long INVALID_ADDRESS = 0xffffffffL;
    private static final int TUNING_BLOCK_SIZE = 64;

    /** Physical Layer 3.01 4.2.4.5, Table 4-2: the 4-bit tuning block pattern CMD19 sends. */
    private static final byte[] TUNING_BLOCK = bytes(
            0xff, 0x0f, 0xff, 0x00, 0x0f, 0xfc, 0xc3, 0xcc, 0xc3, 0x3c, 0xcc, 0xff, 0xfe, 0xff, 0xfe, 0xef,
            0xff, 0xdf, 0xff, 0xdd, 0xff, 0xfb, 0xff, 0xfb, 0xbf, 0xff, 0x7f, 0xff, 0x77, 0xf7, 0xbd, 0xef,
            0xff, 0xf0, 0xff, 0xf0, 0x0f, 0xfc, 0xcc, 0x3c, 0xcc, 0x33, 0xcc, 0xcf, 0xff, 0xef, 0xff, 0xee,
            0xff, 0xfd, 0xff, 0xfd, 0xdf, 0xff, 0xbf, 0xff, 0xbb, 0xff, 0xf7, 0xff, 0xf7, 0x7f, 0x7b, 0xde);

    // Physical Layer 4.7.4, Table 4-26: command class of each CMD (sd_cmd_class).
    private static final byte[] CMD_CLASS = bytes(
            0, 0, 0, 0, 0, 9, 10, 0, 0, 0, 0, 1, 0, 0, 0, 0,
            2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 6, 6, 6, 6,
            5, 5, 10, 10, 10, 10, 5, 9, 9, 9, 7, 7, 7, 7, 7, 7,
            7, 7, 10, 7, 9, 9, 9, 8, 8, 10, 8, 8, 8, 8, 8, 8);

    /** Commands whose argument carries the RCA in bits 31:16 (types ac and adtc in sd_cmd_type). */
    private static final long RCA_IN_ARG = mask(7, 9, 10, 11, 12, 13, 15, 16, 17, 18, 24, 25, 26, 27, 28, 29, 30,
            32, 33, 38, 55, 56);

    private final BlockBackend blk;
    private final int specVersion;
    private final Clock clock;
    private final Timer ocrPowerTimer;

    // Registers.
    private int ocr;
    private final byte[] scr = new byte[8];
    private final byte[] cid = new byte[16];
    private final byte[] csd = new byte[16];
    private int rca;
    private int cardStatus;
    private final byte[] sdStatus = new byte[64];

    // Run-time state.
    private int mode;
    private int state;
    private long vhs;
    private boolean wpSwitch;
    private BitSet wpGroups = new BitSet();
    private long wpGroupBits;
    private long size;
    private int blkLen;
    private long multiBlkCnt;
    private long eraseStart;
    private long eraseEnd;
    private final byte[] functionGroup = new byte[6];
    private int currentCmd;
    private boolean expectingAcmd;
    private long blkWritten;
    private long dataStart;
    private int dataOffset;
    private final byte[] data = new byte[512];

    /**
     * A card over {@code blk} (null: an empty slot that answers nothing) of spec version {@code specVersion}
     * (QEMU's {@code spec_version} property: 1, 2 = default, 3), with the power-up timer on {@code virtualClock}.
     */
    public SdCard(BlockBackend blk, int specVersion, Clock virtualClock) {
        super(TYPE);
        if (specVersion < 1 || specVersion > 3) {
            throw new IllegalArgumentException("Invalid SD card Spec version: " + specVersion);
        }
        this.blk = blk;
        this.specVersion = specVersion;
        this.clock = virtualClock;
        this.ocrPowerTimer = virtualClock.newTimer(this::ocrPowerUp);
        reset();
    }

    /** A card whose enquiry-ACMD41 timer runs on a private clock that never moves (see the class comment). */
    public SdCard(BlockBackend blk, int specVersion) {
        this(blk, specVersion, Clock.virtual());
    }

    /**
     * QEMU 7.2's realize-time checks of the drive ({@code sd_realize}): null when {@code blk} may back a card,
     * else QEMU's error message. A read-only drive and a size that is not a power of two are refused.
     */
    public static String checkDrive(BlockBackend blk) {
        if (blk == null) {
            return null;
        }
        if (blk.readOnly()) {
            return "Cannot use read-only drive as SD card";
        }
        long len = blk.size();
        if (len > 0 && Long.bitCount(len) != 1) {
            // error_setg + error_append_hint: QEMU prints the hint on its own line after the message
            return "Invalid SD card size: " + SizeText.of(len) + "\nSD card size has to be a power of 2, e.g. "
                    + SizeText.of(Long.highestOneBit(len) * 2) + ".";
        }
        return null;
    }

    /** {@code sd_reset}: registers from the backend's current size, idle state; the power-up timer keeps running. */
    @Override
    public void reset() {
        long sectors = blk == null ? 0 : blk.size() >>> HWBLOCK_SHIFT;
        size = sectors << HWBLOCK_SHIFT;
        state = STATE_IDLE;
        rca = 0;
        ocr = OCR_VDD_WIN_HI;
        fillScr(scr, specVersion);
        fillCid(cid);
        fillCsd(csd, size);
        cardStatus = READY_FOR_DATA;
        Arrays.fill(sdStatus, (byte) 0);
        wpSwitch = blk != null && blk.readOnly();
        wpGroupBits = (size >>> WPGROUP_BITS) + 1;
        wpGroups = new BitSet();
        Arrays.fill(functionGroup, (byte) 0);
        eraseStart = INVALID_ADDRESS;
        eraseEnd = INVALID_ADDRESS;
        blkLen = 0x200;
        expectingAcmd = false;
        multiBlkCnt = 0;
    }

    /** The image behind the card (null without a drive), for the board's flush on exit. */
    public BlockBackend backend() {
        return blk;
    }

    /** {@code sd_get_inserted}: a card without a drive is not inserted (see {@link SdSlot#attach}). */
    public boolean inserted() {
        return blk != null;
    }

    @Override
    public boolean readOnly() {
        return wpSwitch;
    }

    @Override
    public boolean dataReady() {
        return state == STATE_SENDING;
    }

    @Override
    public boolean receiveReady() {
        return state == STATE_RECEIVING;
    }

    /** The current state (one of the STATE_ constants), for tests and tracing. */
    public int state() {
        return state;
    }

    /** The raw card status register (what the next R1 would carry). */
    public int cardStatus() {
        return cardStatus;
    }

    public int ocr() {
        return ocr;
    }

    public int rca() {
        return rca;
    }

    /** The card capacity in bytes as the card sees it (the backend size rounded down to 512 bytes). */
    public long capacity() {
        return size;
    }

    public boolean highCapacity() {
        return (ocr & OCR_CCS) != 0;
    }

    private void ocrPowerUp() {
        ocr |= OCR_POWER_UP;
        if (size > SDSC_MAX_CAPACITY) {
            ocr |= OCR_CCS;
        }
    }

    // ---------------------------------------------------------------- commands (sd_do_command)

    @Override
    public int doCommand(int cmd, long arg, byte[] response) {
        if (blk == null) {
            return 0;
        }
        cmd &= 0x3f;
        int argument = (int) arg;
        int lastState = state;
        setMode();
        int rtype;
        if (expectingAcmd) {
            expectingAcmd = false;
            rtype = appCommand(cmd, argument);
        } else {
            rtype = normalCommand(cmd, argument);
        }
        if (rtype == ILLEGAL) {
            cardStatus |= ILLEGAL_COMMAND;
        } else {
            // Valid command: CURRENT_STATE shows the state before it (sd_do_command).
            currentCmd = cmd;
            cardStatus = (cardStatus & ~CURRENT_STATE) | ((lastState & 0xf) << CURRENT_STATE_SHIFT);
        }
        int len;
        switch (rtype) {
            case R1, R1B -> {
                putInt(response, 0, cardStatus);
                cardStatus &= ~STATUS_C;
                len = 4;
            }
            case R2_CID -> {
                System.arraycopy(cid, 0, response, 0, 16);
                len = 16;
            }
            case R2_CSD -> {
                System.arraycopy(csd, 0, response, 0, 16);
                len = 16;
            }
            case R3 -> {
                putInt(response, 0, ocr & OCR_R3_MASK);
                len = 4;
            }
            case R6 -> {
                // Physical Layer 4.9.5: RCA, then status bits 23, 22, 19 and 12:0 packed into 16 bits.
                int status = ((cardStatus >>> 8) & 0xc000) | ((cardStatus >>> 6) & 0x2000) | (cardStatus & 0x1fff);
                cardStatus &= ~(STATUS_C & 0xc81fff);
                response[0] = (byte) (rca >> 8);
                response[1] = (byte) rca;
                response[2] = (byte) (status >> 8);
                response[3] = (byte) status;
                len = 4;
            }
            case R7 -> {
                putInt(response, 0, (int) vhs);
                len = 4;
            }
            default -> len = 0;
        }
        if (rtype != ILLEGAL) {
            cardStatus &= ~STATUS_B;
        }
        return len;
    }

    private void setMode() {
        mode = switch (state) {
            case STATE_INACTIVE -> MODE_INACTIVE;
            case STATE_IDLE, STATE_READY, STATE_IDENT -> MODE_IDENTIFICATION;
            default -> MODE_DATA_TRANSFER;
        };
    }

    private long address(int arg) {
        long a = arg & 0xffffffffL;
        return highCapacity() ? a << HWBLOCK_SHIFT : a;
    }

    private int normalCommand(int cmd, int arg) {
        int argRca = (RCA_IN_ARG & (1L << cmd)) != 0 ? arg >>> 16 : 0;
        long addr = address(arg);
        cardStatus &= ~APP_CMD;
        // CMD23's count only applies to an immediately following CMD18/CMD25.
        if (multiBlkCnt != 0 && cmd != 18 && cmd != 25) {
            multiBlkCnt = 0;
        }
        if (CMD_CLASS[cmd] == 6 && highCapacity()) {
            return ILLEGAL;
        }
        switch (cmd) {
            case 0 -> {
                if (state != STATE_INACTIVE) {
                    reset();
                }
                return R0;
            }
            case 1, 5, 52, 53, 54, 58, 59 -> {
                return ILLEGAL;
            }
            case 2 -> {
                if (state != STATE_READY) {
                    return ILLEGAL;
                }
                state = STATE_IDENT;
                return R2_CID;
            }
            case 3 -> {
                if (state != STATE_IDENT && state != STATE_STANDBY) {
                    return ILLEGAL;
                }
                state = STATE_STANDBY;
                rca = (rca + 0x4567) & 0xffff;
                return R6;
            }
            case 6 -> {
                if (mode != MODE_DATA_TRANSFER) {
                    return ILLEGAL;
                }
                functionSwitch(arg);
                startSending(0);
                return R1;
            }
            case 7 -> {
                return selectCard(argRca);
            }
            case 8 -> {
                if (specVersion < 2 || state != STATE_IDLE) {
                    return ILLEGAL;
                }
                vhs = 0;
                // No response unless exactly one VHS bit (11:8 and above) is set.
                int high = arg & ~0xff;
                if (high == 0 || Integer.bitCount(high) != 1) {
                    return R0;
                }
                vhs = arg & 0xffffffffL;
                return R7;
            }
            case 9, 10 -> {
                if (state != STATE_STANDBY) {
                    return ILLEGAL;
                }
                if (rca != argRca) {
                    return R0;
                }
                return cmd == 9 ? R2_CSD : R2_CID;
            }
            case 12 -> {
                if (state == STATE_SENDING || state == STATE_RECEIVING) {
                    state = STATE_TRANSFER;
                    return R1B;
                }
                return ILLEGAL;
            }
            case 13 -> {
                if (mode != MODE_DATA_TRANSFER) {
                    return ILLEGAL;
                }
                return rca != argRca ? R0 : R1;
            }
            case 15 -> {
                if (mode != MODE_DATA_TRANSFER) {
                    return ILLEGAL;
                }
                if (rca == argRca) {
                    state = STATE_INACTIVE;
                }
                return R0;
            }
            case 16 -> {
                if (state != STATE_TRANSFER) {
                    return ILLEGAL;
                }
                if ((arg & 0xffffffffL) > (1 << HWBLOCK_SHIFT)) {
                    cardStatus |= BLOCK_LEN_ERROR;
                } else {
                    blkLen = arg;
                }
                return R1;
            }
            case 17, 18 -> {
                if (state != STATE_TRANSFER) {
                    return ILLEGAL;
                }
                if (addressInRange(addr, blkLen)) {
                    startSending(addr);
                }
                return R1;
            }
            case 19 -> {
                if (specVersion < 3 || state != STATE_TRANSFER) {
                    return ILLEGAL;
                }
                state = STATE_SENDING;
                dataOffset = 0;
                return R1;
            }
            case 23 -> {
                if (specVersion < 3 || state != STATE_TRANSFER) {
                    return ILLEGAL;
                }
                multiBlkCnt = arg & 0xffffffffL;
                return R1;
            }
            case 24, 25 -> {
                if (state != STATE_TRANSFER) {
                    return ILLEGAL;
                }
                if (!addressInRange(addr, blkLen)) {
                    return R1;
                }
                startReceiving(addr);
                blkWritten = 0;
                if (size <= SDSC_MAX_CAPACITY && wpGroupSet(addr)) {
                    cardStatus |= WP_VIOLATION;
                }
                if ((csd[14] & 0x30) != 0) {
                    cardStatus |= WP_VIOLATION;
                }
                return R1;
            }
            case 26, 27 -> {
                if (state != STATE_TRANSFER) {
                    return ILLEGAL;
                }
                startReceiving(0);
                return R1;
            }
            case 28, 29 -> {
                if (size > SDSC_MAX_CAPACITY || state != STATE_TRANSFER) {
                    return ILLEGAL;
                }
                if (addressInRange(addr, 1)) {
                    wpGroups.set((int) (addr >>> WPGROUP_BITS), cmd == 28);
                }
                return R1B;
            }
            case 30 -> {
                if (size > SDSC_MAX_CAPACITY || state != STATE_TRANSFER) {
                    return ILLEGAL;
                }
                long byteArg = arg & 0xffffffffL;
                if (!addressInRange(byteArg, blkLen)) {
                    return R1;
                }
                putIntLe(data, wpBits(byteArg));
                startSending(addr);
                return R1;
            }
            case 32, 33 -> {
                if (state != STATE_TRANSFER) {
                    return ILLEGAL;
                }
                if (cmd == 32) {
                    eraseStart = arg & 0xffffffffL;
                } else {
                    eraseEnd = arg & 0xffffffffL;
                }
                return R1;
            }
            case 38 -> {
                if (state != STATE_TRANSFER) {
                    return ILLEGAL;
                }
                if ((csd[14] & 0x30) != 0) {
                    cardStatus |= WP_VIOLATION;
                    return R1B;
                }
                erase();
                return R1B;
            }
            case 55 -> {
                if (state == STATE_READY || state == STATE_IDENT || state == STATE_INACTIVE) {
                    return ILLEGAL;
                }
                if (rca != argRca) {
                    return R0;
                }
                expectingAcmd = true;
                cardStatus |= APP_CMD;
                return R1;
            }
            case 56 -> {
                if (state != STATE_TRANSFER) {
                    return ILLEGAL;
                }
                dataOffset = 0;
                state = (arg & 1) != 0 ? STATE_SENDING : STATE_RECEIVING;
                return R1;
            }
            default -> {
                // CMD4 (SEND_DSR) falls here too: QEMU accepts no state for it. CMD42: lock/unlock not modelled.
                return ILLEGAL;
            }
        }
    }

    private int selectCard(int argRca) {
        switch (state) {
            case STATE_STANDBY -> {
                if (rca != argRca) {
                    return R0;
                }
                state = STATE_TRANSFER;
                return R1B;
            }
            case STATE_TRANSFER, STATE_SENDING -> {
                if (rca == argRca) {
                    return ILLEGAL;
                }
                state = STATE_STANDBY;
                return R1B;
            }
            case STATE_DISCONNECT -> {
                if (rca != argRca) {
                    return R0;
                }
                state = STATE_PROGRAMMING;
                return R1B;
            }
            case STATE_PROGRAMMING -> {
                if (rca == argRca) {
                    return ILLEGAL;
                }
                state = STATE_DISCONNECT;
                return R1B;
            }
            default -> {
                return ILLEGAL;
            }
        }
    }

    private int appCommand(int cmd, int arg) {
        cardStatus |= APP_CMD;
        switch (cmd) {
            case 6 -> {
                if (state != STATE_TRANSFER) {
                    return ILLEGAL;
                }
                // SD status byte 0 bits 7:6: DAT_BUS_WIDTH (Physical Layer 4.10.2).
                sdStatus[0] = (byte) ((sdStatus[0] & 0x3f) | ((arg & 0x03) << 6));
                return R1;
            }
            case 13, 51 -> {
                if (state != STATE_TRANSFER) {
                    return ILLEGAL;
                }
                startSending(0);
                return R1;
            }
            case 22 -> {
                if (state != STATE_TRANSFER) {
                    return ILLEGAL;
                }
                putIntLe(data, (int) blkWritten);
                startSending(0);
                return R1;
            }
            case 23, 42 -> {
                return state == STATE_TRANSFER ? R1 : ILLEGAL;
            }
            case 41 -> {
                if (state != STATE_IDLE) {
                    return ILLEGAL;
                }
                if ((ocr & OCR_POWER_UP) == 0) {
                    if ((arg & ACMD41_ENQUIRY_MASK) != 0) {
                        ocrPowerTimer.del();
                        ocrPowerUp();
                    } else if (!ocrPowerTimer.pending()) {
                        ocrPowerTimer.modIn(OCR_POWER_DELAY_NS);
                    }
                }
                // Any voltage in the window is accepted ("10000 V is nothing"); an enquiry stays idle.
                if ((ocr & arg & OCR_VDD_WINDOW) != 0) {
                    state = STATE_READY;
                }
                return R3;
            }
            case 18, 25, 26, 38, 43, 44, 45, 46, 47, 48, 49 -> {
                // SD security commands: not implemented in QEMU either.
                return ILLEGAL;
            }
            default -> {
                return normalCommand(cmd, arg);
            }
        }
    }

    private void startSending(long start) {
        state = STATE_SENDING;
        dataStart = start;
        dataOffset = 0;
    }

    private void startReceiving(long start) {
        state = STATE_RECEIVING;
        dataStart = start;
        dataOffset = 0;
    }

    private boolean addressInRange(long addr, long length) {
        if (addr + length > size) {
            cardStatus |= ADDRESS_ERROR;
            return false;
        }
        return true;
    }

    private boolean wpGroupSet(long addr) {
        return wpGroups.get((int) (addr >>> WPGROUP_BITS));
    }

    private int wpBits(long addr) {
        int bits = 0;
        for (int i = 0; i < 32; i++, addr += 1L << WPGROUP_BITS) {
            if (addr < size && wpGroupSet(addr)) {
                bits |= 1 << i;
            }
        }
        return bits;
    }

    /** CMD6 status block (Physical Layer 4.3.10.4, Table 4-13), as {@code sd_function_switch} fills it. */
    private void functionSwitch(int arg) {
        boolean set = arg < 0;
        Arrays.fill(data, 0, 64, (byte) 0);
        data[1] = 0x01;
        for (int i = 2; i <= 12; i += 2) {
            data[i] = (byte) 0x80;
            data[i + 1] = 0x01;
        }
        data[11] = 0x43;
        data[13] = 0x03;
        for (int i = 0; i < 6; i++) {
            int fn = (arg >>> (i * 4)) & 0x0f;
            if (set && fn != 0x0f) {
                functionGroup[i] = (byte) fn;
            }
            data[16 - (i >> 1)] |= (byte) (fn << ((i % 2) * 4));
        }
    }

    /** CMD38 ({@code sd_erase}): the erase range is written with 0xff block by block, skipping protected groups. */
    private void erase() {
        long start = eraseStart;
        long end = eraseEnd;
        boolean sdsc = true;
        if (start == INVALID_ADDRESS || end == INVALID_ADDRESS) {
            cardStatus |= ERASE_SEQ_ERROR;
            eraseStart = INVALID_ADDRESS;
            eraseEnd = INVALID_ADDRESS;
            return;
        }
        if (highCapacity()) {
            start <<= HWBLOCK_SHIFT;
            end <<= HWBLOCK_SHIFT;
            sdsc = false;
        }
        eraseStart = INVALID_ADDRESS;
        eraseEnd = INVALID_ADDRESS;
        if (start > size || end > size) {
            cardStatus |= OUT_OF_RANGE;
            return;
        }
        csd[14] |= 0x40;
        int len = 1 << HWBLOCK_SHIFT;
        Arrays.fill(data, 0, len, (byte) 0xff);
        for (long a = start; a <= end; a += len) {
            if (sdsc && wpGroupSet(a)) {
                cardStatus |= WP_ERASE_SKIP;
                continue;
            }
            blkWrite(a, len);
        }
    }

    // ---------------------------------------------------------------- data (sd_read_byte / sd_write_byte)

    @Override
    public void writeByte(byte value) {
        if (blk == null || state != STATE_RECEIVING || (cardStatus & (ADDRESS_ERROR | WP_VIOLATION)) != 0) {
            return;
        }
        switch (currentCmd) {
            case 24 -> {
                data[dataOffset++] = value;
                if (dataOffset >= blkLen) {
                    blkWrite(dataStart, dataOffset);
                    blkWritten++;
                    csd[14] |= 0x40;
                    state = STATE_TRANSFER;
                }
            }
            case 25 -> {
                if (dataOffset == 0) {
                    if (!addressInRange(dataStart, blkLen)) {
                        return;
                    }
                    if (size <= SDSC_MAX_CAPACITY && wpGroupSet(dataStart)) {
                        cardStatus |= WP_VIOLATION;
                        return;
                    }
                }
                data[dataOffset++] = value;
                if (dataOffset >= blkLen) {
                    blkWrite(dataStart, dataOffset);
                    blkWritten++;
                    dataStart += blkLen;
                    dataOffset = 0;
                    csd[14] |= 0x40;
                    if (multiBlkCnt != 0 && --multiBlkCnt == 0) {
                        state = STATE_TRANSFER;
                    }
                }
            }
            case 26 -> {
                data[dataOffset++] = value;
                if (dataOffset >= 16) {
                    for (int i = 0; i < 16; i++) {
                        if (cid[i] != data[i]) {
                            cardStatus |= CID_CSD_OVERWRITE;
                        }
                    }
                    if ((cardStatus & CID_CSD_OVERWRITE) == 0) {
                        for (int i = 0; i < 16; i++) {
                            cid[i] &= data[i];
                        }
                    }
                    state = STATE_TRANSFER;
                }
            }
            case 27 -> {
                data[dataOffset++] = value;
                if (dataOffset >= 16) {
                    programCsd();
                    state = STATE_TRANSFER;
                }
            }
            case 56 -> {
                // GEN_CMD data goes nowhere (QEMU's APP_WRITE_BLOCK is empty).
                data[dataOffset++] = value;
                if (dataOffset >= blkLen) {
                    state = STATE_TRANSFER;
                }
            }
            default -> {
            }
        }
    }

    private void programCsd() {
        for (int i = 0; i < 16; i++) {
            if (((csd[i] | CSD_RW_MASK[i]) & 0xff) != ((data[i] | CSD_RW_MASK[i]) & 0xff)) {
                cardStatus |= CID_CSD_OVERWRITE;
            }
        }
        // COPY (OTP) and PERM_WRITE_PROTECT cannot be cleared once set.
        if ((csd[14] & ~data[14] & 0x60) != 0) {
            cardStatus |= CID_CSD_OVERWRITE;
        }
        if ((cardStatus & CID_CSD_OVERWRITE) == 0) {
            for (int i = 0; i < 16; i++) {
                csd[i] = (byte) ((csd[i] | CSD_RW_MASK[i]) & data[i]);
            }
        }
    }

    @Override
    public byte readByte() {
        if (blk == null || state != STATE_SENDING || (cardStatus & (ADDRESS_ERROR | WP_VIOLATION)) != 0) {
            return 0;
        }
        int ioLen = highCapacity() ? 512 : blkLen;
        byte ret;
        switch (currentCmd) {
            case 6 -> {
                ret = data[dataOffset++];
                if (dataOffset >= 64) {
                    state = STATE_TRANSFER;
                }
            }
            case 13 -> {
                ret = sdStatus[dataOffset++];
                if (dataOffset >= sdStatus.length) {
                    state = STATE_TRANSFER;
                }
            }
            case 17 -> {
                if (dataOffset == 0) {
                    blkRead(dataStart, ioLen);
                }
                ret = data[dataOffset++];
                if (dataOffset >= ioLen) {
                    state = STATE_TRANSFER;
                }
            }
            case 18 -> {
                if (dataOffset == 0) {
                    if (!addressInRange(dataStart, ioLen)) {
                        return 0;
                    }
                    blkRead(dataStart, ioLen);
                }
                ret = data[dataOffset++];
                if (dataOffset >= ioLen) {
                    dataStart += ioLen;
                    dataOffset = 0;
                    if (multiBlkCnt != 0 && --multiBlkCnt == 0) {
                        state = STATE_TRANSFER;
                    }
                }
            }
            case 19 -> {
                if (dataOffset >= TUNING_BLOCK_SIZE - 1) {
                    state = STATE_TRANSFER;
                }
                ret = TUNING_BLOCK[dataOffset++];
            }
            case 22, 30 -> {
                ret = data[dataOffset++];
                if (dataOffset >= 4) {
                    state = STATE_TRANSFER;
                }
            }
            case 51 -> {
                ret = scr[dataOffset++];
                if (dataOffset >= scr.length) {
                    state = STATE_TRANSFER;
                }
            }
            case 56 -> {
                // QEMU's APP_READ_BLOCK fills the block with 0xec.
                if (dataOffset == 0) {
                    Arrays.fill(data, 0, blkLen, (byte) 0xec);
                }
                ret = data[dataOffset++];
                if (dataOffset >= blkLen) {
                    state = STATE_TRANSFER;
                }
            }
            default -> {
                return 0;
            }
        }
        return ret;
    }

    /** {@code sd_blk_read}: on a host error the buffer keeps its old contents and one line goes to stderr. */
    private void blkRead(long addr, int len) {
        int r = blk.read(addr, data, 0, len);
        if (r != BlockResult.OK) {
            System.err.printf("sd_blk_read: read error on host side (offset 0x%x, %d bytes, card size 0x%x: %s)%n",
                    addr, len, size, BlockResult.name(r));
        }
    }

    /** {@code sd_blk_write}: a host error (read-only drive, range) is logged, the guest is not told. */
    private void blkWrite(long addr, int len) {
        int r = blk.write(addr, data, 0, len);
        if (r != BlockResult.OK) {
            System.err.printf("sd_blk_write: write error on host side (offset 0x%x, %d bytes, card size 0x%x: %s)%n",
                    addr, len, size, BlockResult.name(r));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static void putIntLe(byte[] b, int v) {
        b[0] = (byte) v;
        b[1] = (byte) (v >>> 8);
        b[2] = (byte) (v >>> 16);
        b[3] = (byte) (v >>> 24);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static long mask(int... bits) {
        long m = 0;
        for (int b : bits) {
            m |= 1L << b;
        }
        return m;
    }
}
