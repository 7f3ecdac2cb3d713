package io.qtestjvm.devices.sd;

/**
 * The card status register (SD Physical Layer Simplified Specification 4.10.1, Table 4-42): bit positions and
 * the clear condition of each bit, and how the responses of 4.9 carry it. Layout constants only.
 *
 * <p>Clear conditions (4.10.1): <b>A</b> bits follow the card's current status; <b>B</b> bits describe the previous
 * command and are cleared once a valid command has been answered; <b>C</b> bits are cleared when a response carries
 * them to the host ("clear by read").
 */
final class SdCardStatus {
    static final int OUT_OF_RANGE = 1 << 31;       // E R X, C
    static final int ADDRESS_ERROR = 1 << 30;      // E R X, C
    static final int BLOCK_LEN_ERROR = 1 << 29;    // E R, C
    static final int ERASE_SEQ_ERROR = 1 << 28;    // E R, C
    static final int ERASE_PARAM = 1 << 27;        // E X, C
    static final int WP_VIOLATION = 1 << 26;       // E R X, C
    static final int CARD_IS_LOCKED = 1 << 25;     // S X, A
    static final int LOCK_UNLOCK_FAILED = 1 << 24; // E R X, C
    static final int COM_CRC_ERROR = 1 << 23;      // E R, B
    static final int ILLEGAL_COMMAND = 1 << 22;    // E R, B
    static final int CARD_ECC_FAILED = 1 << 21;    // E X, C
    static final int CC_ERROR = 1 << 20;           // E R X, C
    static final int ERROR = 1 << 19;              // E R X, C
    static final int CSD_OVERWRITE = 1 << 16;      // E R X, C
    static final int WP_ERASE_SKIP = 1 << 15;      // E R X, C
    static final int CARD_ECC_DISABLED = 1 << 14;  // S X, A
    static final int ERASE_RESET = 1 << 13;        // S R, C
    static final int CURRENT_STATE_SHIFT = 9;      // S X, B
    static final int CURRENT_STATE = 0xf << CURRENT_STATE_SHIFT;
    static final int READY_FOR_DATA = 1 << 8;      // S X, A
    static final int FX_EVENT = 1 << 6;            // S X, A
    static final int APP_CMD = 1 << 5;             // S R, C
    static final int AKE_SEQ_ERROR = 1 << 3;       // E R, C

    /** Clear condition B: cleared after a valid command has been answered. */
    static final int CLEAR_AFTER_VALID_COMMAND = COM_CRC_ERROR | ILLEGAL_COMMAND | CURRENT_STATE;
    /** Clear condition C: cleared by the response that carries them. */
    static final int CLEAR_BY_READ = OUT_OF_RANGE | ADDRESS_ERROR | BLOCK_LEN_ERROR | ERASE_SEQ_ERROR | ERASE_PARAM
            | WP_VIOLATION | LOCK_UNLOCK_FAILED | CARD_ECC_FAILED | CC_ERROR | ERROR | CSD_OVERWRITE | WP_ERASE_SKIP
            | ERASE_RESET | APP_CMD | AKE_SEQ_ERROR;

    /** Errors after which the card moves no data until a response has reported them. */
    static final int DATA_BLOCKING_ERRORS = ADDRESS_ERROR | WP_VIOLATION;

    /** 4.9.5: the card status bits an R6 carries (23, 22, 19 and 12:0). */
    static final int R6_CARRIED = COM_CRC_ERROR | ILLEGAL_COMMAND | ERROR | 0x1fff;

    private SdCardStatus() {
    }

    /** The card status as the 16-bit field of an R6 (4.9.5): bits 23, 22 and 19 move to 15, 14 and 13. */
    static int r6Field(int status) {
        return (status & COM_CRC_ERROR) >>> 8 | (status & ILLEGAL_COMMAND) >>> 8 | (status & ERROR) >>> 6
                | status & 0x1fff;
    }
}
