package io.qtestjvm.devices.x86;

/**
 * Where the MC146818A's registers and bits live (Motorola MC146818A data sheet, "Address Map" Figure 3, "Time,
 * Calendar and Alarm Locations" Table 2, "Registers" A-D, "Periodic Interrupt Rate" Table 4), plus the bytes of
 * the battery-backed RAM that PC firmware reads (the IBM AT CMOS convention). Layout constants only.
 */
final class Mc146818Layout {
    /** 14 clock bytes and 114 bytes of RAM on the PC's part (the MC146818A itself has 50). */
    static final int CMOS_BYTES = 128;
    /** Port 0x70 holds the address (bit 7 is the PC's NMI mask, not the RTC's), port 0x71 the data. */
    static final int ADDRESS_MASK = 0x7f;

    // Table 2: time, calendar and alarm bytes
    static final int SECONDS = 0x00;
    static final int SECONDS_ALARM = 0x01;
    static final int MINUTES = 0x02;
    static final int MINUTES_ALARM = 0x03;
    static final int HOURS = 0x04;
    static final int HOURS_ALARM = 0x05;
    /** Day of the week, 1 = Sunday. */
    static final int DAY_OF_WEEK = 0x06;
    static final int DAY_OF_MONTH = 0x07;
    static final int MONTH = 0x08;
    static final int YEAR = 0x09;
    /** An alarm byte with both top bits set matches every value ("don't care"). */
    static final int ALARM_DONT_CARE = 0xc0;
    /** 12-hour mode: bit 7 of the hours bytes is PM. */
    static final int HOURS_PM = 0x80;

    // Register A
    static final int REG_A = 0x0a;
    /** UIP: an update cycle is in progress or imminent (read only). */
    static final int A_UIP = 0x80;
    /** DV2-DV0: 010 is the 32.768 kHz time base; 11x holds the divider chain in reset. */
    static final int A_DIVIDER_MASK = 0x70;
    static final int A_DIVIDER_SHIFT = 4;
    static final int A_DIVIDER_RESET = 0x60;
    /** RS3-RS0: the periodic interrupt rate (Table 4). */
    static final int A_RATE_MASK = 0x0f;

    // Register B
    static final int REG_B = 0x0b;
    /** SET: updates are inhibited so that software can write the time. */
    static final int B_SET = 0x80;
    static final int B_PIE = 0x40;
    static final int B_AIE = 0x20;
    static final int B_UIE = 0x10;
    static final int B_SQWE = 0x08;
    /** DM: 1 binary, 0 BCD time and calendar data. */
    static final int B_BINARY = 0x04;
    static final int B_24_HOUR = 0x02;
    static final int B_DSE = 0x01;

    // Register C (read only, cleared by reading)
    static final int REG_C = 0x0c;
    static final int C_IRQF = 0x80;
    static final int C_PF = 0x40;
    static final int C_AF = 0x20;
    static final int C_UF = 0x10;
    /** The flags whose enables sit at the same positions in register B. */
    static final int C_FLAGS = C_PF | C_AF | C_UF;

    // Register D (read only)
    static final int REG_D = 0x0d;
    /** VRT: the RAM and time are valid. */
    static final int D_VRT = 0x80;

    /** Power-on values: 32.768 kHz time base at 1024 Hz, 24-hour BCD, no flags, valid RAM and time. */
    static final int A_POWER_ON = 0x26;
    static final int B_POWER_ON = B_24_HOUR;

    /** The periodic interrupt's time base: 32.768 kHz (DV = 010). */
    static final long TIME_BASE_HZ = 32_768;

    // PC CMOS bytes (IBM AT convention; QEMU's pc fills them)
    static final int CENTURY = 0x32;
    static final int PS2_CENTURY = 0x37;
    static final int BASE_MEMORY_KB_LO = 0x15;
    static final int BASE_MEMORY_KB_HI = 0x16;
    static final int EXT_MEMORY_KB_LO = 0x17;
    static final int EXT_MEMORY_KB_HI = 0x18;
    static final int EXT_MEMORY_KB_LO_COPY = 0x30;
    static final int EXT_MEMORY_KB_HI_COPY = 0x31;
    static final int MEMORY_ABOVE_16M_LO = 0x34;
    static final int MEMORY_ABOVE_16M_HI = 0x35;
    static final int MEMORY_ABOVE_4G = 0x5b;
    static final int CPU_COUNT_MINUS_ONE = 0x5f;

    /**
     * Table 4 for the 32.768 kHz time base: RS = 0 is off, 1 and 2 repeat rates 8 and 9 (256 and 128 Hz), and RS
     * = 3..15 give 8192 Hz down to 2 Hz, i.e. a period of 2^(RS-1) time-base cycles.
     */
    static int periodicCycles(int rateSelect) {
        int rs = rateSelect & A_RATE_MASK;
        if (rs == 0) {
            return 0;
        }
        return 1 << ((rs <= 2 ? rs + 7 : rs) - 1);
    }

    private Mc146818Layout() {
    }
}
