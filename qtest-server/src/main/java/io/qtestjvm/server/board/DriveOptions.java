package io.qtestjvm.server.board;

import java.util.Map;

/**
 * Turns the options of a {@code -drive} or {@code -blockdev} (already checked by the command-line parsers) into
 * {@link BlockOptions}. {@code cache=} is shorthand for the three cache flags (QEMU's manual, "-drive cache="):
 * writeback = writeback; none = writeback + direct; writethrough = neither; directsync = direct; unsafe =
 * writeback + no-flush. An explicit {@code cache.*} flag wins over the shorthand.
 */
final class DriveOptions {
    private DriveOptions() {
    }

    static BlockOptions of(Map<String, String> o) {
        boolean wb = true;
        boolean direct = false;
        boolean noFlush = false;
        String cache = o.get("cache");
        if (cache != null) {
            switch (cache) {
                case "none", "off" -> direct = true;
                case "writethrough" -> wb = false;
                case "directsync" -> {
                    wb = false;
                    direct = true;
                }
                case "unsafe" -> noFlush = true;
                default -> { }
            }
        }
        wb = flag(o.get("cache.writeback"), wb);
        direct = flag(o.get("cache.direct"), direct);
        noFlush = flag(o.get("cache.no-flush"), noFlush);
        String discard = o.getOrDefault("discard", "ignore");
        discard = discard.equals("on") ? "unmap" : discard.equals("off") ? "ignore" : discard;
        return new BlockOptions(wb, direct, noFlush, o.getOrDefault("detect-zeroes", "off"), discard,
                o.getOrDefault("werror", "enospc"), o.getOrDefault("rerror", "report"));
    }

    private static boolean flag(String text, boolean absent) {
        if (text == null) {
            return absent;
        }
        return switch (text) {
            case "on", "yes", "true", "y" -> true;
            default -> false;
        };
    }
}
