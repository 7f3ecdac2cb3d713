package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

import java.util.Set;

/**
 * {@code -rtc [base=utc|localtime|DATETIME][,clock=host|rt|vm][,driftfix=none|slew]}, as QEMU's manual describes it.
 *
 * @param base     {@code utc}, {@code localtime} or the date as given
 * @param clockVm  {@code clock=vm}: the RTC follows the virtual clock (QEMU's default is the host clock)
 * @param driftfix {@code driftfix=slew}
 */
public record RtcSpec(String base, boolean clockVm, boolean driftfix) {
    private static final Set<String> KEYS = Set.of("base", "clock", "driftfix");

    public static RtcSpec defaults() {
        return new RtcSpec("utc", false, false);
    }

    public static RtcSpec parse(String arg) throws StartupException {
        QemuOpts o = QemuOpts.parse(arg, null);
        OptionSupport.onlyKeys("rtc", arg, o, KEYS);
        String base = o.get("base", "utc");
        if (!base.equals("utc") && !base.equals("localtime")
                && !base.matches("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2})?")) {
            throw new StartupException("invalid datetime format\n"
                    + "valid formats: '2006-06-17T16:01:21' or '2006-06-17'");
        }
        String clock = o.get("clock", "host");
        boolean vm = switch (clock) {
            case "host", "rt" -> false;
            case "vm" -> true;
            default -> throw new StartupException("invalid option value '" + clock + "'");
        };
        String drift = o.get("driftfix", "none");
        boolean slew = switch (drift) {
            case "none" -> false;
            case "slew" -> true;
            default -> throw new StartupException("invalid option value '" + drift + "'");
        };
        return new RtcSpec(base, vm, slew);
    }
}
