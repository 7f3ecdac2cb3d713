package io.qtestjvm.server.cli;

import java.util.List;

/**
 * A start-up error QEMU reports before exiting with status 1. QEMU prints
 * {@code <binary>: <message>} once per report (continuation lines of one message carry no prefix); most reports
 * are located at the option that caused them ({@code -device foo: ...}, see {@link #at}). A few carry QEMU's odd
 * {@code <binary>:<file>: ...} form without the space ({@link #afterColon}).
 */
public final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Each report as it follows {@code <binary>:} (normally with a leading space). */
    private final List<String> reports;
    /** Whether QMP reports it with the {@code DeviceNotFound} class rather than {@code GenericError}. */
    private final boolean deviceNotFound;

    public StartupException(String message) {
        this(message, false);
    }

    private StartupException(String message, boolean deviceNotFound) {
        super(message);
        this.reports = List.of(" " + message);
        this.deviceNotFound = deviceNotFound;
    }

    /** QEMU's {@code Device 'X' not found}, which QMP reports with the {@code DeviceNotFound} class. */
    public static StartupException deviceNotFound(String name) {
        return new StartupException("Device '" + name + "' not found", true);
    }

    /** The same report with {@code prefix} before it, keeping its QMP error class. */
    public StartupException prefixed(String prefix) {
        return new StartupException(prefix + getMessage(), deviceNotFound);
    }

    public boolean isDeviceNotFound() {
        return deviceNotFound;
    }

    private StartupException(List<String> reports, String message) {
        super(message);
        this.reports = reports;
        this.deviceNotFound = false;
    }

    /** A report located at {@code -option arg} as QEMU's {@code loc_push_cmdline} locates it. */
    public static StartupException at(String option, String arg, String message) {
        return new StartupException(location(option, arg) + ": " + message);
    }

    /** Several reports, each printed with the binary's prefix (e.g. {@code -serial bogus}). */
    public static StartupException reports(String... messages) {
        String[] withSpace = new String[messages.length];
        for (int i = 0; i < messages.length; i++) {
            withSpace[i] = " " + messages[i];
        }
        return new StartupException(List.of(withSpace), messages[0]);
    }

    /**
     * A report QEMU prints with a fixed program name rather than the binary's ({@code qemu: could not load PC BIOS
     * 'x'}): {@code line} is printed as it is.
     */
    public static StartupException literal(String line) {
        return new StartupException(List.of(LITERAL + line), line);
    }

    /** Marks a report printed without the binary's prefix. */
    private static final String LITERAL = "\0";

    /** A report printed as {@code <binary>:<text>} (QEMU's file locations, e.g. a missing trace events file). */
    public static StartupException afterColon(String text) {
        return new StartupException(List.of(text), text);
    }

    /** QEMU's location text: {@code -opt arg}, or {@code -opt} for a flag. */
    public static String location(String option, String arg) {
        return arg == null ? "-" + option : "-" + option + " " + arg;
    }

    /** The text for stderr: every report after {@code prog:}, each ending in a newline. */
    public String render(String prog) {
        StringBuilder sb = new StringBuilder();
        for (String r : reports) {
            if (r.startsWith(LITERAL)) {
                sb.append(r, LITERAL.length(), r.length()).append('\n');
                continue;
            }
            sb.append(prog).append(':').append(r).append('\n');
        }
        return sb.toString();
    }
}
