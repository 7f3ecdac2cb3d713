package io.qtestjvm.devices.x86;

/**
 * Where the fields of the Intel 8254 Programmable Interval Timer live (8254 data sheet, "Programming the 8254",
 * Figure 7 Control Word Format, Figure 10 Read-Back Command Format, Figure 11 Status Byte). Layout constants only.
 */
final class I8254Layout {
    /** Input clock of every counter on the PC: 1.193182 MHz (14.31818 MHz / 12). */
    static final long CLOCK_HZ = 1_193_182L;
    static final long NS_PER_SECOND = 1_000_000_000L;

    /** A1 A0 = 00, 01, 10 select counters 0-2, 11 the control word register ("Table 1. Read/Write Operations"). */
    static final int COUNTERS = 3;
    static final int CONTROL_PORT = 3;
    static final int PORTS = 4;

    // Control word (Figure 7)
    /** SC1 SC0, bits 7-6: the counter, or 11 for the read-back command. */
    static final int CW_SELECT_SHIFT = 6;
    static final int CW_SELECT_READ_BACK = 3;
    /** RW1 RW0, bits 5-4: 00 counter latch command, 01 LSB only, 10 MSB only, 11 LSB then MSB. */
    static final int CW_ACCESS_SHIFT = 4;
    static final int CW_ACCESS_MASK = 3;
    static final int ACCESS_LATCH = 0;
    static final int ACCESS_LSB = 1;
    static final int ACCESS_MSB = 2;
    static final int ACCESS_WORD = 3;
    /** M2 M1 M0, bits 3-1. */
    static final int CW_MODE_SHIFT = 1;
    static final int CW_MODE_MASK = 7;
    /** BCD, bit 0: 0 binary counter (16 bits), 1 BCD counter (4 decades). */
    static final int CW_BCD = 1;

    // Read-back command (Figure 10): bits 7-6 = 11
    /** COUNT, bit 5: 0 latches the count of each selected counter. */
    static final int RB_NOT_COUNT = 1 << 5;
    /** STATUS, bit 4: 0 latches the status of each selected counter. */
    static final int RB_NOT_STATUS = 1 << 4;
    /** CNT0 is bit 1, CNT1 bit 2, CNT2 bit 3. */
    static final int RB_COUNTER_SHIFT = 1;

    // Status byte (Figure 11): bits 5-0 repeat the counter's control word
    static final int STATUS_OUTPUT = 1 << 7;
    static final int STATUS_NULL_COUNT = 1 << 6;

    /** Binary count 0 stands for 2^16 ("Mode Definitions": the initial count 0 is the maximum). */
    static final int MAX_COUNT = 0x10000;

    private I8254Layout() {
    }
}
