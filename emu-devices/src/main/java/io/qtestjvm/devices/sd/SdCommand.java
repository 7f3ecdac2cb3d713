package io.qtestjvm.devices.sd;

/**
 * One row of the SD mode command tables (SD Physical Layer Simplified Specification 4.7.4, Tables 4-22 to 4-32,
 * with the state columns of the card state transition table, 4.8): the command index, its abbreviation, command
 * class (4.7.3), command type (4.7.1), the response it normally gives (4.9), the card states it is legal in and the
 * lowest physical layer version that defines it. The behaviour lives in a small {@link Handler}.
 */
final class SdCommand {
    /** 4.7.1: broadcast, broadcast with response, addressed, addressed with data transfer. */
    enum Type {
        BC, BCR, AC, ADTC
    }

    /** Executes the command on a card in one of the command's legal states; returns the response to send. */
    @FunctionalInterface
    interface Handler {
        SdResponse execute(SdCard card, int arg);
    }

    final int index;
    final String name;
    final int commandClass;
    final Type type;
    final SdResponse response;
    /** The legal states, as a mask of {@link SdCardState#bit()}. */
    final int legalStates;
    /** Physical layer version (1 = 1.10, 2 = 2.00, 3 = 3.0x) that introduced the command. */
    final int sinceVersion;
    final Handler handler;

    SdCommand(int index, String name, int commandClass, Type type, SdResponse response, int legalStates,
            int sinceVersion, Handler handler) {
        this.index = index;
        this.name = name;
        this.commandClass = commandClass;
        this.type = type;
        this.response = response;
        this.legalStates = legalStates;
        this.sinceVersion = sinceVersion;
        this.handler = handler;
    }

    boolean legalIn(SdCardState state) {
        return (legalStates & state.bit()) != 0;
    }

    /** 4.7.4: the ac and adtc commands that name a card carry its RCA in argument bits 31:16. */
    static int rcaOf(int arg) {
        return arg >>> 16;
    }

    @Override
    public String toString() {
        return name;
    }
}
