package io.qtestjvm.devices.sd;

/**
 * Layout of the SD Host Controller's standard register set (SD Host Controller Simplified Specification 3.00, §2.1
 * "Register Map", §2.2 "SD Host Standard Register"): the offset of every register in the 256-byte slot window, and
 * the bit fields the controller uses, named after the specification's field names. Constants only; the register
 * file ({@link SdhcRegisterFile}) and the engines name fields through this class, never through numbers.
 */
final class SdhcRegisterMap {
    /** Size of one slot's register window (§2.1). */
    static final int WINDOW_SIZE = 0x100;

    // §2.2.1 SDMA System Address / Argument 2 (32 bits)
    static final int SDMA_SYSTEM_ADDRESS = 0x00;

    // §2.2.2 Block Size (16 bits)
    static final int BLOCK_SIZE = 0x04;
    /** Transfer Block Size, bits 11:0. */
    static final int BLOCK_SIZE_TRANSFER_MASK = 0x0fff;
    /** SDMA Buffer Boundary, bits 14:12: 4 KiB shifted left by the field. */
    static final int BLOCK_SIZE_BOUNDARY_SHIFT = 12;
    static final int BLOCK_SIZE_BOUNDARY_MASK = 0x7000;
    /** Bit 15 is reserved: the writable part of the register. */
    static final int BLOCK_SIZE_WRITABLE = 0x7fff;

    // §2.2.3 Block Count (16 bits)
    static final int BLOCK_COUNT = 0x06;

    // §2.2.4 Argument 1 (32 bits)
    static final int ARGUMENT = 0x08;

    // §2.2.5 Transfer Mode (16 bits)
    static final int TRANSFER_MODE = 0x0c;
    static final int TM_DMA_ENABLE = 1;
    static final int TM_BLOCK_COUNT_ENABLE = 1 << 1;
    /** Auto CMD Enable, bits 3:2 = 01: Auto CMD12. */
    static final int TM_AUTO_CMD12 = 1 << 2;
    static final int TM_AUTO_CMD23 = 1 << 3;
    /** Data Transfer Direction Select: 1 = read (card to host). */
    static final int TM_READ = 1 << 4;
    /** Multi / Single Block Select: 1 = multiple blocks. */
    static final int TM_MULTI_BLOCK = 1 << 5;

    // §2.2.6 Command (16 bits)
    static final int COMMAND = 0x0e;
    /** Response Type Select, bits 1:0. */
    static final int CMD_RESPONSE_TYPE_MASK = 0x03;
    static final int CMD_RESPONSE_NONE = 0x00;
    static final int CMD_RESPONSE_136 = 0x01;
    static final int CMD_RESPONSE_48 = 0x02;
    static final int CMD_RESPONSE_48_BUSY = 0x03;
    static final int CMD_DATA_PRESENT = 1 << 5;
    /** Command Type, bits 7:6; 11b = Abort. */
    static final int CMD_TYPE_SHIFT = 6;
    static final int CMD_TYPE_ABORT = 3;
    /** Command Index, bits 13:8. */
    static final int CMD_INDEX_SHIFT = 8;
    static final int CMD_INDEX_MASK = 0x3f;

    // §2.2.7 Response (4 x 32 bits)
    static final int RESPONSE = 0x10;
    /** The register that receives the Auto CMD12 response (REP[127:96], §2.2.7 Table 2-11). */
    static final int RESPONSE_AUTO_CMD = 0x1c;

    // §2.2.8 Buffer Data Port (32 bits)
    static final int BUFFER_DATA_PORT = 0x20;

    // §2.2.9 Present State (32 bits)
    static final int PRESENT_STATE = 0x24;
    static final int PS_COMMAND_INHIBIT_CMD = 1;
    static final int PS_COMMAND_INHIBIT_DAT = 1 << 1;
    static final int PS_DAT_LINE_ACTIVE = 1 << 2;
    static final int PS_WRITE_TRANSFER_ACTIVE = 1 << 8;
    static final int PS_READ_TRANSFER_ACTIVE = 1 << 9;
    static final int PS_BUFFER_WRITE_ENABLE = 1 << 10;
    static final int PS_BUFFER_READ_ENABLE = 1 << 11;
    static final int PS_CARD_INSERTED = 1 << 16;
    static final int PS_CARD_STATE_STABLE = 1 << 17;
    static final int PS_CARD_DETECT_PIN_LEVEL = 1 << 18;
    /** Write Protect Switch Pin Level: 1 = write enabled. */
    static final int PS_WRITE_PROTECT_PIN_LEVEL = 1 << 19;
    /** DAT[3:0] Line Signal Level, bits 23:20, all high. */
    static final int PS_DAT_LINES_HIGH = 0xf << 20;
    static final int PS_CMD_LINE_HIGH = 1 << 24;
    /** The line and pin part of the register with an empty slot: lines idle high, write enabled, stable. */
    static final int PS_EMPTY_SLOT = PS_CMD_LINE_HIGH | PS_DAT_LINES_HIGH | PS_WRITE_PROTECT_PIN_LEVEL
            | PS_CARD_STATE_STABLE;
    /** ... and with a card in the slot. */
    static final int PS_CARD_SLOT = PS_EMPTY_SLOT | PS_CARD_DETECT_PIN_LEVEL | PS_CARD_INSERTED;
    /** Every bit a data transfer owns: cleared when it ends or the DAT line is reset. */
    static final int PS_TRANSFER_BITS = PS_COMMAND_INHIBIT_DAT | PS_DAT_LINE_ACTIVE | PS_WRITE_TRANSFER_ACTIVE
            | PS_READ_TRANSFER_ACTIVE | PS_BUFFER_WRITE_ENABLE | PS_BUFFER_READ_ENABLE;

    // §2.2.10 Host Control 1 (8 bits)
    static final int HOST_CONTROL_1 = 0x28;
    /** DMA Select, bits 4:3. */
    static final int HC1_DMA_SELECT_SHIFT = 3;
    static final int HC1_DMA_SELECT_MASK = 0x3;
    static final int DMA_SDMA = 0;
    /** 01b: 32-bit ADMA1 in the 2.00 specification (reserved in 3.00). */
    static final int DMA_ADMA1_32 = 1;
    static final int DMA_ADMA2_32 = 2;
    static final int DMA_ADMA2_64 = 3;

    // §2.2.11 Power Control (8 bits)
    static final int POWER_CONTROL = 0x29;
    static final int PC_SD_BUS_POWER = 1;
    /** SD Bus Voltage Select, bits 3:1: 111b 3.3 V, 110b 3.0 V, 101b 1.8 V. */
    static final int PC_VOLTAGE_SHIFT = 1;
    static final int PC_VOLTAGE_MASK = 0x7;
    static final int PC_VOLTAGE_1V8 = 5;

    // §2.2.12 Block Gap Control (8 bits)
    static final int BLOCK_GAP_CONTROL = 0x2a;
    static final int BG_STOP_AT_BLOCK_GAP = 1;
    static final int BG_CONTINUE = 1 << 1;

    // §2.2.13 Wakeup Control (8 bits)
    static final int WAKEUP_CONTROL = 0x2b;
    static final int WU_ON_CARD_INSERTION = 1 << 1;
    static final int WU_ON_CARD_REMOVAL = 1 << 2;

    // §2.2.14 Clock Control (16 bits)
    static final int CLOCK_CONTROL = 0x2c;
    static final int CC_INTERNAL_CLOCK_ENABLE = 1;
    static final int CC_INTERNAL_CLOCK_STABLE = 1 << 1;
    static final int CC_SD_CLOCK_ENABLE = 1 << 2;

    // §2.2.15 Timeout Control (8 bits)
    static final int TIMEOUT_CONTROL = 0x2e;

    // §2.2.16 Software Reset (8 bits)
    static final int SOFTWARE_RESET = 0x2f;
    static final int SR_RESET_ALL = 1;
    static final int SR_RESET_CMD = 1 << 1;
    static final int SR_RESET_DAT = 1 << 2;

    // §2.2.17 Normal Interrupt Status, §2.2.19 its Status Enable, §2.2.21 its Signal Enable (16 bits each)
    static final int NORMAL_INT_STATUS = 0x30;
    static final int NORMAL_INT_STATUS_ENABLE = 0x34;
    static final int NORMAL_INT_SIGNAL_ENABLE = 0x38;
    static final int NI_COMMAND_COMPLETE = 1;
    static final int NI_TRANSFER_COMPLETE = 1 << 1;
    static final int NI_BLOCK_GAP_EVENT = 1 << 2;
    static final int NI_DMA_INTERRUPT = 1 << 3;
    static final int NI_BUFFER_WRITE_READY = 1 << 4;
    static final int NI_BUFFER_READ_READY = 1 << 5;
    static final int NI_CARD_INSERTION = 1 << 6;
    static final int NI_CARD_REMOVAL = 1 << 7;
    static final int NI_CARD_INTERRUPT = 1 << 8;
    /** Error Interrupt: the OR of the Error Interrupt Status bits. */
    static final int NI_ERROR_INTERRUPT = 1 << 15;
    /** The status bits a DAT line reset clears (§2.2.16). */
    static final int NI_DATA_EVENTS = NI_TRANSFER_COMPLETE | NI_BLOCK_GAP_EVENT | NI_DMA_INTERRUPT
            | NI_BUFFER_WRITE_READY | NI_BUFFER_READ_READY;

    // §2.2.18 Error Interrupt Status, §2.2.20 / §2.2.22 its enables (16 bits each)
    static final int ERROR_INT_STATUS = 0x32;
    static final int ERROR_INT_STATUS_ENABLE = 0x36;
    static final int ERROR_INT_SIGNAL_ENABLE = 0x3a;
    static final int EI_COMMAND_TIMEOUT = 1;
    static final int EI_AUTO_CMD = 1 << 8;
    static final int EI_ADMA = 1 << 9;

    // §2.2.23 Auto CMD Error Status (16 bits), §2.2.24 Host Control 2 (16 bits)
    static final int AUTO_CMD_ERROR_STATUS = 0x3c;
    static final int HOST_CONTROL_2 = 0x3e;

    // §2.2.25 Capabilities (64 bits), §2.2.26 Maximum Current Capabilities (64 bits)
    static final int CAPABILITIES = 0x40;
    static final int MAXIMUM_CURRENT = 0x48;

    // §2.2.27 Force Event for Auto CMD Error Status, §2.2.28 Force Event for Error Interrupt Status (16 bits each)
    static final int FORCE_EVENT_AUTO_CMD = 0x50;
    static final int FORCE_EVENT_ERROR = 0x52;

    // §2.2.29 ADMA Error Status (8 bits)
    static final int ADMA_ERROR_STATUS = 0x54;
    /** ADMA Error State, bits 1:0: where the ADMA engine was when the error occurred. */
    static final int AE_STATE_MASK = 0x3;
    static final int AE_STATE_STOP = 0;
    static final int AE_STATE_FETCH_DESCRIPTOR = 1;
    static final int AE_STATE_TRANSFER = 3;
    static final int AE_LENGTH_MISMATCH = 1 << 2;

    // §2.2.30 ADMA System Address (64 bits)
    static final int ADMA_SYSTEM_ADDRESS = 0x58;

    // §2.2.33 Slot Interrupt Status (16 bits), §2.2.34 Host Controller Version (16 bits)
    static final int SLOT_INTERRUPT_STATUS = 0xfc;
    static final int HOST_CONTROLLER_VERSION = 0xfe;

    /** The registers a Software Reset for All clears: everything below the Capabilities ... */
    static final int RESET_ALL_LOW_END = CAPABILITIES;
    /** ... and the ADMA registers above the Maximum Current Capabilities. */
    static final int RESET_ALL_ADMA_START = FORCE_EVENT_AUTO_CMD;
    static final int RESET_ALL_ADMA_END = 0x60;

    private SdhcRegisterMap() {
    }
}
