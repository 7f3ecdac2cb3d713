package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

import java.util.List;
import java.util.Set;

/**
 * {@code -global DRIVER.PROP=VALUE} or {@code -global driver=D,property=P,value=V}: a default for a property of
 * every device of a type, applied when the device is created.
 */
public record GlobalProperty(String driver, String property, String value) {
    private static final Set<String> KEYS = Set.of("driver", "property", "value");

    public static GlobalProperty parse(String arg, List<String> warnings) throws StartupException {
        // "%63[^.=].%63[^=]=%n": a driver without '.' or '=', a dot, a property without '=', then the value
        int dot = arg.indexOf('.');
        int eq = arg.indexOf('=');
        if (dot > 0 && eq > dot + 1 && arg.lastIndexOf('=', dot) < 0) {
            return new GlobalProperty(arg.substring(0, dot), arg.substring(dot + 1, eq), arg.substring(eq + 1));
        }
        QemuOpts o = QemuOpts.parse(arg, null);
        String loc = StartupException.location("global", arg);
        for (String k : o.keys()) {
            if (!KEYS.contains(k) && !arg.contains(k + "=")) {
                throw StartupException.reports(loc + ": warning: short-form boolean option '" + k
                        + "' deprecated\nPlease use " + k + "=on instead", loc + ": Invalid parameter '" + k + "'");
            }
        }
        OptionSupport.onlyKeys("global", arg, o, KEYS);
        return new GlobalProperty(o.get("driver"), o.get("property"), o.get("value"));
    }
}
