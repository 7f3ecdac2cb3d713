package io.qtestjvm.devices.sd;

/**
 * The responses of SD mode (SD Physical Layer Simplified Specification 4.9), with the number of bytes the host sees
 * (the response's content without start, transmission and end bits; R2's 16 bytes hold the 127:1 register bits
 * and the register's own CRC byte).
 */
enum SdResponse {
    /** The command has no response (bc commands, or an ac command addressed to another card). */
    NONE(0),
    /** 4.9.1 normal response: card status. */
    R1(4),
    /** 4.9.2: R1 with busy on DAT0 (the busy ends at once here). */
    R1B(4),
    /** 4.9.3: the CID register (CMD2, CMD10). */
    R2_CID(16),
    /** 4.9.3: the CSD register (CMD9). */
    R2_CSD(16),
    /** 4.9.4: the OCR register (ACMD41). */
    R3(4),
    /** 4.9.5: published RCA and 16 status bits (CMD3). */
    R6(4),
    /** 4.9.6: card interface condition (CMD8). */
    R7(4),
    /** Not a response: the command is illegal (4.6) and is not answered. */
    ILLEGAL(0);

    final int length;

    SdResponse(int length) {
        this.length = length;
    }
}
