package io.qtestjvm.server.board;

import io.qtestjvm.server.cli.StartupException;

/**
 * The PCI {@code addr} property as QEMU parses it (observed on Debian's 7.2): {@code SLOT}
 * or {@code SLOT.FN} in hex (a {@code 0x} prefix is accepted), slot 0-31, function 0-7.
 */
final class PciAddress {
    private PciAddress() {
    }

    /** The devfn, or -1 when {@code text} is null (automatic placement). */
    static int parse(String device, String text) throws StartupException {
        if (text == null) {
            return -1;
        }
        String slotText = text;
        String fnText = "0";
        int dot = text.indexOf('.');
        if (dot >= 0) {
            slotText = text.substring(0, dot);
            fnText = text.substring(dot + 1);
        }
        try {
            int slot = Integer.parseInt(strip(slotText), 16);
            int fn = Integer.parseInt(strip(fnText), 16);
            if (slot < 0 || slot > 31 || fn < 0 || fn > 7 || slotText.isEmpty() || fnText.isEmpty()) {
                throw new NumberFormatException();
            }
            return slot << 3 | fn;
        } catch (NumberFormatException e) {
            throw new StartupException("Property '" + device + ".addr' doesn't take value '" + text + "'");
        }
    }

    private static String strip(String s) {
        return s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
    }
}
