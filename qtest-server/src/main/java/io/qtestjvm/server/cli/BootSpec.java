package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

/**
 * {@code -boot [order=DRIVES][,once=DRIVES][,menu=on|off][,splash=FILE][,splash-time=MS][,reboot-timeout=MS]
 * [,strict=on|off]}: the machine's boot configuration, which firmware reads through fw_cfg. Texts of Debian's QEMU
 * 7.2 (the option is the machine's {@code boot} property there, so errors name {@code boot.KEY} and carry no
 * command-line location).
 *
 * @param order         boot device letters, or null
 * @param once          boot device letters for the first boot only, or null
 * @param menu          whether the interactive boot menu is enabled
 * @param splashTime    splash/menu wait in ms, or -1 when not given
 * @param rebootTimeout ms before a failed boot retries, -1 (the default) for never
 */
public record BootSpec(String order, String once, boolean menu, int splashTime, int rebootTimeout) {
    /** Drive letters QEMU knows at all: a to p. */
    static final char FIRST_DEVICE = 'a';
    static final char LAST_DEVICE = 'p';

    public static BootSpec defaults() {
        return new BootSpec(null, null, false, -1, -1);
    }

    /** The order the first boot uses: {@code once=} when given, else {@code order=}, else {@code fallback}. */
    public String firstBootOrder(String fallback) {
        return once != null ? once : order != null ? order : fallback;
    }

    public static BootSpec parse(String arg) throws StartupException {
        QemuOpts o = QemuOpts.parse(arg, "order");
        String order = null;
        String once = null;
        boolean menu = false;
        int splashTime = -1;
        int rebootTimeout = -1;
        for (String k : o.keys()) {
            String v = o.get(k);
            switch (k) {
                case "order" -> order = v;
                case "once" -> once = v;
                case "splash" -> { }
                case "menu", "strict" -> {
                    boolean b = onOff(k, v);
                    menu = k.equals("menu") ? b : menu;
                }
                case "splash-time" -> {
                    long t = integer(k, v);
                    if (t < 0 || t > 0xffff) {
                        throw new StartupException("splash-time is invalid,it should be a value between 0 and 65535");
                    }
                    splashTime = (int) t;
                }
                case "reboot-timeout" -> {
                    long t = integer(k, v);
                    if (t < -1 || t > 0xffff) {
                        throw new StartupException(
                                "reboot timeout is invalid,it should be a value between -1 and 65535");
                    }
                    rebootTimeout = (int) t;
                }
                default -> throw new StartupException("Parameter 'boot." + k + "' is unexpected");
            }
        }
        validate(order);
        validate(once);
        return new BootSpec(order, once, menu, splashTime, rebootTimeout);
    }

    /** Every letter a known drive letter, none twice (QEMU's texts). */
    private static void validate(String devices) throws StartupException {
        if (devices == null) {
            return;
        }
        int seen = 0;
        for (int i = 0; i < devices.length(); i++) {
            char c = devices.charAt(i);
            if (c < FIRST_DEVICE || c > LAST_DEVICE) {
                throw new StartupException("Invalid boot device '" + c + "'");
            }
            int bit = 1 << (c - FIRST_DEVICE);
            if ((seen & bit) != 0) {
                throw new StartupException("Boot device '" + c + "' was given twice");
            }
            seen |= bit;
        }
    }

    private static boolean onOff(String key, String v) throws StartupException {
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new StartupException("Parameter 'boot." + key + "' expects 'on' or 'off'");
        };
    }

    private static long integer(String key, String v) throws StartupException {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new StartupException("Parameter 'boot." + key + "' expects integer");
        }
    }
}
