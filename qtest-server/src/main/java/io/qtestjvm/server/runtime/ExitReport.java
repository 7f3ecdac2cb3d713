package io.qtestjvm.server.runtime;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;

/**
 * Tells the launcher that handed this JVM a launch ({@link WarmLaunch}) how the process ends: its exit status, as a
 * line on the channel the launcher reads, written just before the JVM halts. A process started the usual way has no
 * such channel ({@link #CHANNEL_PROPERTY} unset) and nothing is written.
 */
final class ExitReport {
    /** The system property naming the channel (a FIFO the launcher has open for reading). */
    static final String CHANNEL_PROPERTY = "qtestjvm.exit-report";

    private ExitReport() {
    }

    /**
     * Writes {@code status} to the channel, if there is one; never blocks on a launcher that has gone. The launcher's
     * standard output and error, which this JVM opened for itself, are closed first: the launcher's caller (libqtest,
     * a test's stderr pump) sees their end when the launcher ends, not when this JVM has finished ending.
     */
    static void report(int status) {
        String channel = System.getProperty(CHANNEL_PROPERTY);
        if (channel == null) {
            return;
        }
        System.out.close();
        System.err.close();
        // read-write: opening a FIFO so never waits for a reader (Linux fifo(7)); the launcher holds one anyway
        try (RandomAccessFile f = new RandomAccessFile(channel, "rw")) {
            f.write((status + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the launcher is gone: nobody is left to tell
        }
    }
}
