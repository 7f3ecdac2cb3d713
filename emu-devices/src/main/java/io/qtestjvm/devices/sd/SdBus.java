package io.qtestjvm.devices.sd;

/**
 * The SD bus between a host controller and a card: commands and responses on CMD, data a byte at a time on DAT,
 * card detect and write protect (SD Physical Layer Simplified Specification, 3.6 and 4.7). The controller owns the
 * bus; a card attaches to it. With
 * no card attached, commands get no response and data reads give 0.
 */
public interface SdBus {
    /**
     * Sends command {@code cmd} (0-63) with {@code arg}; the response bytes are written to {@code response} (as
     * the card sends them, most significant byte first: 4 bytes for R1/R3/R6/R7, 16 for R2) and their count is
     * returned, 0 when the card does not answer (no card, illegal command, or a command with no response). A
     * preceding CMD55 makes this an application command (Physical Layer 4.3.9).
     */
    int doCommand(int cmd, long arg, byte[] response);

    /** Writes one data byte to the card (a block write in progress). */
    void writeByte(byte value);

    /** Reads one data byte from the card (a block read in progress). */
    byte readByte();

    /** True while the card has read data for the host. */
    boolean dataReady();

    /** True while the card accepts write data. */
    boolean receiveReady();

    /** True when a card is in the slot. */
    boolean inserted();

    /** True when the card is write-protected. */
    boolean readOnly();
}
