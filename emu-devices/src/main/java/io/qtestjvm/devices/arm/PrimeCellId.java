package io.qtestjvm.devices.arm;

/**
 * The eight identification registers at the top of every PrimeCell peripheral's 4 KiB window (e.g. PL011 TRM
 * 3.3.14-3.3.15, PL031 TRM 3.3.9-3.3.10, PL061 TRM 3.3.11-3.3.12): PeriphID0-3 at 0xfe0-0xfec (part number, designer
 * 0x41 "A", revision, configuration) and PCellID0-3 at 0xff0-0xffc (0x0d 0xf0 0x05 0xb1), one byte per word.
 */
final class PrimeCellId {
    static final int FIRST = 0xfe0;
    private static final int[] CELL_ID = {0x0d, 0xf0, 0x05, 0xb1};

    private PrimeCellId() {
    }

    /** The ID word at {@code offset} (0xfe0..0xffc) given the four PeriphID bytes; 0 elsewhere. */
    static int read(int[] periphId, int offset) {
        if (offset < FIRST || offset > 0xffc || (offset & 3) != 0) {
            return 0;
        }
        int n = (offset - FIRST) >> 2;
        return n < 4 ? periphId[n] : CELL_ID[n - 4];
    }
}
