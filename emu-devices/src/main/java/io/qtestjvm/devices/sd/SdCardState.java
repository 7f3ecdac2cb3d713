package io.qtestjvm.devices.sd;

/**
 * The states of an SD memory card in SD mode (SD Physical Layer Simplified Specification 4.1, Figures 4-1 and 4-3;
 * the numbers are the CURRENT_STATE codes of 4.10.1), grouped into the operation modes of 4.1: inactive, card
 * identification mode (idle, ready, identification) and data transfer mode (stand-by to disconnect).
 */
enum SdCardState {
    IDLE(0, Mode.CARD_IDENTIFICATION),
    READY(1, Mode.CARD_IDENTIFICATION),
    IDENTIFICATION(2, Mode.CARD_IDENTIFICATION),
    STAND_BY(3, Mode.DATA_TRANSFER),
    TRANSFER(4, Mode.DATA_TRANSFER),
    SENDING_DATA(5, Mode.DATA_TRANSFER),
    RECEIVE_DATA(6, Mode.DATA_TRANSFER),
    PROGRAMMING(7, Mode.DATA_TRANSFER),
    DISCONNECT(8, Mode.DATA_TRANSFER),
    /** 4.2.3: a card with a bad voltage window or after CMD15; it has no CURRENT_STATE code. */
    INACTIVE(-1, Mode.INACTIVE);

    /** The operation modes of 4.1. */
    enum Mode {
        INACTIVE, CARD_IDENTIFICATION, DATA_TRANSFER
    }

    private static final SdCardState[] VALUES = values();

    /** CURRENT_STATE, card status bits 12:9 (4.10.1); -1 for inactive. */
    final int code;
    final Mode mode;

    SdCardState(int code, Mode mode) {
        this.code = code;
        this.mode = mode;
    }

    /** This state as one bit of a set of states (see {@link #set}). */
    int bit() {
        return 1 << ordinal();
    }

    /** A set of states as a bit mask, for the "legal in" column of the command table. */
    static int set(SdCardState... states) {
        int mask = 0;
        for (SdCardState s : states) {
            mask |= s.bit();
        }
        return mask;
    }

    /** All the states of data transfer mode (stand-by to disconnect). */
    static int dataTransferMode() {
        int mask = 0;
        for (SdCardState s : VALUES) {
            if (s.mode == Mode.DATA_TRANSFER) {
                mask |= s.bit();
            }
        }
        return mask;
    }
}
