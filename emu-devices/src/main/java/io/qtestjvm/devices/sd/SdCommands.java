package io.qtestjvm.devices.sd;

import static io.qtestjvm.devices.sd.SdCardState.DISCONNECT;
import static io.qtestjvm.devices.sd.SdCardState.IDENTIFICATION;
import static io.qtestjvm.devices.sd.SdCardState.IDLE;
import static io.qtestjvm.devices.sd.SdCardState.PROGRAMMING;
import static io.qtestjvm.devices.sd.SdCardState.READY;
import static io.qtestjvm.devices.sd.SdCardState.RECEIVE_DATA;
import static io.qtestjvm.devices.sd.SdCardState.SENDING_DATA;
import static io.qtestjvm.devices.sd.SdCardState.STAND_BY;
import static io.qtestjvm.devices.sd.SdCardState.TRANSFER;
import static io.qtestjvm.devices.sd.SdCommand.Type.AC;
import static io.qtestjvm.devices.sd.SdCommand.Type.ADTC;
import static io.qtestjvm.devices.sd.SdCommand.Type.BC;
import static io.qtestjvm.devices.sd.SdCommand.Type.BCR;
import static io.qtestjvm.devices.sd.SdResponse.NONE;
import static io.qtestjvm.devices.sd.SdResponse.R1;
import static io.qtestjvm.devices.sd.SdResponse.R1B;
import static io.qtestjvm.devices.sd.SdResponse.R2_CID;
import static io.qtestjvm.devices.sd.SdResponse.R2_CSD;
import static io.qtestjvm.devices.sd.SdResponse.R3;
import static io.qtestjvm.devices.sd.SdResponse.R6;
import static io.qtestjvm.devices.sd.SdResponse.R7;

/**
 * The SD mode command set this card implements (SD Physical Layer Simplified Specification 4.7.4: Table 4-22 basic
 * commands, 4-24 block-oriented read, 4-25 block-oriented write, 4-26 write protection, 4-27 erase, 4-29
 * application-specific, 4-30 switch function, 4-32 application-specific commands), with each command's legal states
 * from the card state transition table (4.8). A command missing from a table is illegal (4.6) in every state.
 *
 * <p>Where the legal states are not the spec's they are QEMU 7.2's, pinned by SdCardTest:
 * <ul>
 * <li>CMD6 is legal in every data transfer mode state, not only transfer
 *     ({@code switchFunctionIsAcceptedInStandBy}).</li>
 * <li>CMD4 (SET_DSR), CMD11 (VOLTAGE_SWITCH), CMD20 (SPEED_CLASS_CONTROL) and the lock commands (CMD42, class 7)
 *     are not implemented and so illegal; CMD26 (PROGRAM_CID, reserved for the manufacturer) is accepted
 *     ({@code unimplementedCommandsAreIllegal}).</li>
 * <li>CMD8 needs physical layer 2.00, CMD19 and CMD23 need 3.0x (the {@code spec_version} property).</li>
 * </ul>
 * CMD1 and CMD58/CMD59 belong to SPI mode (7.3), CMD5 and CMD52-54 to SDIO; all are illegal here.
 */
final class SdCommands {
    /** Table 4-32 footnote: ACMD18, 25, 26, 38 and 43-49 are reserved for the SD security features (Part 3). */
    private static final long SECURITY_ACMDS = 1L << 18 | 1L << 25 | 1L << 26 | 1L << 38 | 0x3f8L << 40;

    private static final int DATA_MODE = SdCardState.dataTransferMode();
    private static final int TRAN = TRANSFER.bit();

    /** Commands by index (CMDn). */
    static final SdCommand[] STANDARD = new SdCommand[64];
    /** Application-specific commands by index (ACMDn, after CMD55). */
    static final SdCommand[] APPLICATION = new SdCommand[64];

    static {
        // Class 0: basic commands (Table 4-22).
        standard(0, "GO_IDLE_STATE", 0, BC, NONE, -1, 1, SdCard::goIdleState);
        standard(2, "ALL_SEND_CID", 0, BCR, R2_CID, READY.bit(), 1, SdCard::allSendCid);
        standard(3, "SEND_RELATIVE_ADDR", 0, BCR, R6, SdCardState.set(IDENTIFICATION, STAND_BY), 1,
                SdCard::sendRelativeAddr);
        standard(7, "SELECT/DESELECT_CARD", 0, AC, R1B,
                SdCardState.set(STAND_BY, TRANSFER, SENDING_DATA, PROGRAMMING, DISCONNECT), 1, SdCard::selectCard);
        standard(8, "SEND_IF_COND", 0, BCR, R7, IDLE.bit(), 2, SdCard::sendIfCond);
        standard(9, "SEND_CSD", 0, AC, R2_CSD, STAND_BY.bit(), 1, SdCard::sendCsd);
        standard(10, "SEND_CID", 0, AC, R2_CID, STAND_BY.bit(), 1, SdCard::sendCid);
        standard(12, "STOP_TRANSMISSION", 0, AC, R1B, SdCardState.set(SENDING_DATA, RECEIVE_DATA), 1,
                SdCard::stopTransmission);
        standard(13, "SEND_STATUS", 0, AC, R1, DATA_MODE, 1, SdCard::sendStatus);
        standard(15, "GO_INACTIVE_STATE", 0, AC, NONE, DATA_MODE, 1, SdCard::goInactiveState);
        // Class 2: block-oriented read (Table 4-24).
        standard(16, "SET_BLOCKLEN", 2, AC, R1, TRAN, 1, SdCard::setBlockLen);
        standard(17, "READ_SINGLE_BLOCK", 2, ADTC, R1, TRAN, 1, SdCard::readBlock);
        standard(18, "READ_MULTIPLE_BLOCK", 2, ADTC, R1, TRAN, 1, SdCard::readBlock);
        standard(19, "SEND_TUNING_BLOCK", 2, ADTC, R1, TRAN, 3, SdCard::sendTuningBlock);
        standard(23, "SET_BLOCK_COUNT", 2, AC, R1, TRAN, 3, SdCard::setBlockCount);
        // Class 4: block-oriented write (Table 4-25).
        standard(24, "WRITE_BLOCK", 4, ADTC, R1, TRAN, 1, SdCard::writeBlock);
        standard(25, "WRITE_MULTIPLE_BLOCK", 4, ADTC, R1, TRAN, 1, SdCard::writeBlock);
        standard(26, "PROGRAM_CID", 4, ADTC, R1, TRAN, 1, SdCard::programRegister);
        standard(27, "PROGRAM_CSD", 4, ADTC, R1, TRAN, 1, SdCard::programRegister);
        // Class 6: write protection (Table 4-26), SDSC only (4.3.14).
        standard(28, "SET_WRITE_PROT", 6, AC, R1B, TRAN, 1, SdCard::setWriteProt);
        standard(29, "CLR_WRITE_PROT", 6, AC, R1B, TRAN, 1, SdCard::clrWriteProt);
        standard(30, "SEND_WRITE_PROT", 6, ADTC, R1, TRAN, 1, SdCard::sendWriteProt);
        // Class 5: erase (Table 4-27).
        standard(32, "ERASE_WR_BLK_START", 5, AC, R1, TRAN, 1, SdCard::eraseWrBlkStart);
        standard(33, "ERASE_WR_BLK_END", 5, AC, R1, TRAN, 1, SdCard::eraseWrBlkEnd);
        standard(38, "ERASE", 5, AC, R1B, TRAN, 1, SdCard::erase);
        // Class 8: application-specific (Table 4-29); CMD55 is illegal in ready and identification (4.8).
        standard(55, "APP_CMD", 8, AC, R1, IDLE.bit() | DATA_MODE, 1, SdCard::appCmd);
        standard(56, "GEN_CMD", 8, ADTC, R1, TRAN, 1, SdCard::genCmd);
        // Class 10: switch function (Table 4-30); see the class comment for its legal states.
        standard(6, "SWITCH_FUNC", 10, ADTC, R1, DATA_MODE, 1, SdCard::switchFunc);

        // Application-specific commands (Table 4-32).
        application(6, "SET_BUS_WIDTH", AC, R1, TRAN, SdCard::setBusWidth);
        application(13, "SD_STATUS", ADTC, R1, TRAN, SdCard::sdStatus);
        application(22, "SEND_NUM_WR_BLOCKS", ADTC, R1, TRAN, SdCard::sendNumWrBlocks);
        application(23, "SET_WR_BLK_ERASE_COUNT", AC, R1, TRAN, (card, arg) -> R1);
        application(41, "SD_SEND_OP_COND", BCR, R3, IDLE.bit(), SdCard::sdSendOpCond);
        application(42, "SET_CLR_CARD_DETECT", AC, R1, TRAN, (card, arg) -> R1);
        application(51, "SEND_SCR", ADTC, R1, TRAN, SdCard::sendScr);
    }

    private SdCommands() {
    }

    private static void standard(int index, String name, int commandClass, SdCommand.Type type, SdResponse response,
            int states, int sinceVersion, SdCommand.Handler handler) {
        STANDARD[index] = new SdCommand(index, "CMD" + index + " " + name, commandClass, type, response, states,
                sinceVersion, handler);
    }

    private static void application(int index, String name, SdCommand.Type type, SdResponse response, int states,
            SdCommand.Handler handler) {
        APPLICATION[index] = new SdCommand(index, "ACMD" + index + " " + name, 8, type, response, states, 1,
                handler);
    }

    /** ACMDs reserved for the security features: illegal, never taken as the standard command of that index. */
    static boolean securityCommand(int index) {
        return (SECURITY_ACMDS >>> index & 1) != 0;
    }
}
