package io.qtestjvm.server.qtest;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

/**
 * The internal errors of one machine: exceptions a device model or the engine threw while a command ran. The session
 * survives them (the command answers {@code FAIL internal error: ...}), but they are bugs, so each one is counted,
 * and logged to stderr as one {@link #MARK} line; the stack trace follows the first time a given exception type is
 * thrown from a given place, so a fuzzer hitting one bug a thousand times prints its trace once. Tests read
 * {@link #count()} (in-JVM) or look for the {@link #MARK} lines (process) and fail on any.
 */
public final class InternalErrors {
    /** The start of every line this class logs; nothing else the stand-in prints to stderr starts with it. */
    public static final String MARK = "qtest-jvm: internal error";

    private final PrintStream err;
    private final Set<String> traced = new HashSet<>();
    private long count;

    public InternalErrors(PrintStream err) {
        this.err = err;
    }

    /** Counts and logs {@code e}, thrown while {@code command} ran. */
    public void record(String command, Throwable e) {
        count++;
        err.println(MARK + " #" + count + " in '" + command + "': " + e);
        StackTraceElement[] st = e.getStackTrace();
        String where = e.getClass().getName() + "@" + (st.length == 0 ? "?" : st[0].toString());
        if (traced.add(where)) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    /** The internal errors so far. */
    public long count() {
        return count;
    }
}
