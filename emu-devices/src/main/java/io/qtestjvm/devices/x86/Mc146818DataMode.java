package io.qtestjvm.devices.x86;

/**
 * The MC146818A's data modes (data sheet Table 3, "Time, Calendar and Alarm Data Modes"): every time, calendar and
 * alarm byte is BCD or binary as register B's DM bit says, and the hours bytes are 1-12 with bit 7 for PM or 0-23
 * as its 24/12 bit says.
 */
final class Mc146818DataMode {
    private Mc146818DataMode() {
    }

    static int encode(int value, boolean binary) {
        return binary ? value & 0xff : ((value / 10) << 4 | value % 10) & 0xff;
    }

    /** A byte read back as a number; BCD digits above 9 are taken at face value, as a counter would. */
    static int decode(int b, boolean binary) {
        return binary ? b & 0xff : ((b >> 4) & 0x0f) * 10 + (b & 0x0f);
    }

    static int encodeHour(int hour24, boolean binary, boolean twentyFour) {
        if (twentyFour) {
            return encode(hour24, binary);
        }
        int h12 = hour24 % 12 == 0 ? 12 : hour24 % 12;
        return encode(h12, binary) | (hour24 >= 12 ? Mc146818Layout.HOURS_PM : 0);
    }

    static int decodeHour(int b, boolean binary, boolean twentyFour) {
        if (twentyFour) {
            return decode(b, binary);
        }
        int h = decode(b & ~Mc146818Layout.HOURS_PM, binary) % 12;
        return (b & Mc146818Layout.HOURS_PM) != 0 ? h + 12 : h;
    }
}
