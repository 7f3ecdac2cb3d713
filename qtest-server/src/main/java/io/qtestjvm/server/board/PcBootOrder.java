package io.qtestjvm.server.board;

import io.qtestjvm.devices.x86.Mc146818Rtc;
import io.qtestjvm.server.cli.StartupException;

/**
 * The PC boot order as the BIOS reads it from CMOS (the Bochs/SeaBIOS CMOS convention QEMU follows): up to three
 * devices, each a 4-bit code (1 floppy, 2 hard disk, 3 CD-ROM, 4 network); the first two in register 0x3d (low
 * nibble first), the third in the high nibble of 0x38, whose bit 0 set skips the floppy boot-signature check.
 * Without {@code -boot} the order is {@code cad}; {@code once=} decides the first boot. Letters a and b are floppies,
 * c the disk, d the CD-ROM, n the network; other letters QEMU accepts generically are refused for pc with QEMU
 * 7.2's texts ({@code PcBootOrderTest}).
 */
final class PcBootOrder {
    static final String DEFAULT_ORDER = "cad";
    static final int CMOS_FIRST_TWO = 0x3d;
    static final int CMOS_THIRD = 0x38;
    static final int MAX_DEVICES = 3;
    static final int NO_FLOPPY_SIGNATURE_CHECK = 0x01;

    private PcBootOrder() {
    }

    static void check(String devices) throws StartupException {
        if (devices == null) {
            return;
        }
        if (devices.length() > MAX_DEVICES) {
            throw new StartupException("Too many boot devices for PC");
        }
        for (int i = 0; i < devices.length(); i++) {
            code(devices.charAt(i));
        }
    }

    static int code(char device) throws StartupException {
        return switch (device) {
            case 'a', 'b' -> 1;
            case 'c' -> 2;
            case 'd' -> 3;
            case 'n' -> 4;
            default -> throw new StartupException("Invalid boot device for PC: '" + device + "'");
        };
    }

    /** Writes {@code devices} (already checked) into the CMOS of {@code rtc}. */
    static void write(Mc146818Rtc rtc, String devices, boolean floppySignatureCheck) throws StartupException {
        int[] codes = new int[MAX_DEVICES];
        for (int i = 0; i < devices.length(); i++) {
            codes[i] = code(devices.charAt(i));
        }
        rtc.setCmosByte(CMOS_FIRST_TWO, codes[0] | codes[1] << 4);
        rtc.setCmosByte(CMOS_THIRD, codes[2] << 4 | (floppySignatureCheck ? 0 : NO_FLOPPY_SIGNATURE_CHECK));
    }
}
