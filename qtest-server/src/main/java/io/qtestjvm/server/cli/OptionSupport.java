package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

import java.util.Set;

/** Checks shared by the option parsers: QEMU's error texts for option lists. */
final class OptionSupport {
    /** The continuation QEMU prints under a bad size (observed on QEMU 7.2). */
    static final String SIZE_HINT = "\nOptional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-\n"
            + "and exabytes, respectively.";

    private OptionSupport() {
    }

    /** QemuOpts with a fixed key list: {@code Invalid parameter 'KEY'} for any other key. */
    static void onlyKeys(String option, String arg, QemuOpts o, Set<String> allowed) throws StartupException {
        for (String k : o.keys()) {
            if (!allowed.contains(k)) {
                throw StartupException.at(option, arg, "Invalid parameter '" + k + "'");
            }
        }
    }

    /** A size-typed QemuOpts value, failing with QEMU's text. */
    static long size(String option, String arg, String key, String value, char defaultSuffix)
            throws StartupException {
        try {
            return QemuOpts.parseSize(value, defaultSuffix);
        } catch (IllegalArgumentException e) {
            throw StartupException.at(option, arg, "Parameter '" + key
                    + "' expects a non-negative number below 2^64" + SIZE_HINT);
        }
    }

    /** A number-typed QemuOpts value ({@code Parameter 'KEY' expects a number}). */
    static long number(String option, String arg, String key, String value) throws StartupException {
        try {
            long v = Long.decode(value);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw StartupException.at(option, arg, "Parameter '" + key + "' expects a number");
        }
    }

    static boolean bool(String option, String arg, String key, String value) throws StartupException {
        try {
            return QemuOpts.parseBool(key, value);
        } catch (IllegalArgumentException e) {
            throw StartupException.at(option, arg, e.getMessage());
        }
    }

    /** A QAPI enum member check ({@code Parameter 'KEY' does not accept value 'V'}). */
    static void member(String option, String arg, String key, String value, Set<String> members)
            throws StartupException {
        if (!members.contains(value)) {
            throw StartupException.at(option, arg, "Parameter '" + key + "' does not accept value '" + value + "'");
        }
    }

    /** A required QAPI member ({@code Parameter 'KEY' is missing}). */
    static String required(String option, String arg, QemuOpts o, String key) throws StartupException {
        String v = o.get(key);
        if (v == null) {
            throw StartupException.at(option, arg, "Parameter '" + key + "' is missing");
        }
        return v;
    }
}
