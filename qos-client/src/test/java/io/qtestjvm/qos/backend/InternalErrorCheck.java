package io.qtestjvm.qos.backend;

import io.qtestjvm.qos.libqtest.ProcessTransport;
import io.qtestjvm.qos.libqtest.QtestTransport;
import io.qtestjvm.server.qtest.InternalErrors;

/**
 * Internal errors of a stand-in machine: the in-JVM count ({@code InJvmServer.internalErrors()}), or the
 * {@link InternalErrors#MARK} lines a process wrote to stderr so far. Real QEMU has none to report (it aborts).
 */
public final class InternalErrorCheck {
    private InternalErrorCheck() {
    }

    /** The internal errors the machine behind {@code t} had so far. */
    public static long count(QtestTransport t) {
        if (t instanceof InJvmTransport j) {
            return j.server().internalErrors();
        }
        if (t instanceof ProcessTransport p) {
            return p.stderrLinesStartingWith(InternalErrors.MARK).size();
        }
        return 0;
    }

    /** Fails when the machine behind {@code t} had an internal error (its stderr has the traces). */
    public static void assertNone(QtestTransport t) {
        long n = count(t);
        if (n != 0) {
            String detail = t instanceof ProcessTransport p
                    ? String.join("\n", p.stderrLinesStartingWith(InternalErrors.MARK))
                    : "see the stack traces on stderr";
            throw new AssertionError("[" + t.backendName() + "] " + n + " internal error(s): a device model threw; "
                    + detail);
        }
    }
}
