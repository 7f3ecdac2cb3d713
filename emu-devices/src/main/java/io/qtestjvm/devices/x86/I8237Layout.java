package io.qtestjvm.devices.x86;

/**
 * Where the registers of the Intel 8237A DMA controller answer (8237A data sheet, Table 2 "Word Count and Address
 * Register Command Codes", Table 3 "Software Command Codes", "Register Description": Mode, Request, Mask, Status),
 * and the IBM PC/AT page register ports. Port numbers are relative to the controller; the PC's second controller
 * (16-bit channels) decodes every port on even addresses, so its port numbers are shifted left by one. Layout
 * constants only.
 */
final class I8237Layout {
    static final int CHANNELS = 4;
    /** Ports 0-7: channel n's address at 2n, its word count at 2n + 1, each written and read a byte at a time. */
    static final int CHANNEL_PORTS = 8;
    static final int COUNT_PORT_BIT = 1;

    // Table 3, relative to port 8
    /** Read: status; write: command. */
    static final int STATUS_COMMAND = 0;
    static final int REQUEST = 1;
    static final int SINGLE_MASK = 2;
    static final int MODE = 3;
    static final int CLEAR_BYTE_POINTER = 4;
    /** Read: temporary register; write: master clear. */
    static final int TEMPORARY_MASTER_CLEAR = 5;
    static final int CLEAR_MASK = 6;
    static final int WRITE_ALL_MASK = 7;
    static final int CONTROL_PORTS = 8;

    /** Request and single-mask commands: channel in bits 1-0, set (1) or reset (0) in bit 2. */
    static final int SELECT_CHANNEL = 3;
    static final int SET_BIT = 4;
    /** Mode register: channel in bits 1-0; bit 5 selects address decrement. */
    static final int MODE_DECREMENT = 1 << 5;
    /** Status register: bits 3-0 terminal count reached (cleared by reading), bits 7-4 request pending. */
    static final int STATUS_TC_MASK = 0x0f;
    static final int STATUS_REQUEST_SHIFT = 4;
    static final int ALL_MASKED = 0x0f;

    /** IBM PC/AT page registers: port 0x81 is channel 2, 0x82 channel 3, 0x83 channel 1, 0x87 channel 0. */
    static final int PAGE_PORTS = 8;

    static int pageChannel(int port) {
        return switch (port & 7) {
            case 1 -> 2;
            case 2 -> 3;
            case 3 -> 1;
            case 7 -> 0;
            default -> -1;
        };
    }

    private I8237Layout() {
    }
}
