package io.qtestjvm.server.qtest;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code -qtest-log} file in QEMU's format (qemu-qtest-reference.md §1.8): {@code [I t] OPENED},
 * {@code [R +t] words}, {@code [S +t] reply}, {@code [I +t] CLOSED}, where t is the seconds since the connection opened
 * as {@code %.06f}. {@code none} (and {@code /dev/null}, which cannot be told apart) log nothing; no option logs to
 * stderr. The file is block-buffered as QEMU's stdio file is; at exit ({@link #exiting()}) an open connection is logged
 * CLOSED, as QEMU's chardev clean-up does, and the file is flushed. Checked against Debian's QEMU 7.2 (qos-client
 * QtestLogFormatTest). The signal thread calls {@link #exiting()} while the machine thread may be logging: every write
 * holds the log's lock.
 */
public final class QtestLog {
    private final OutputStream out;
    private long openedNs;
    private boolean opened;
    private boolean everOpened;

    private QtestLog(OutputStream out) {
        this.out = out;
    }

    /** The log named by {@code -qtest-log}, or stderr when the option is absent (null). */
    public static QtestLog open(String file) throws IOException {
        if (file == null) {
            return new QtestLog(new PrintStream(new FileOutputStream(java.io.FileDescriptor.err), true));
        }
        if (file.equals("none") || file.equals("/dev/null")) {
            return none();
        }
        return new QtestLog(new BufferedOutputStream(new FileOutputStream(file, false), 1 << 14));
    }

    public static QtestLog none() {
        return new QtestLog(null);
    }

    public boolean enabled() {
        return out != null;
    }

    /**
     * Seconds since OPENED with six decimals, as QEMU prints them; built by hand: {@code String.format} of a double
     * initialises the JDK's locale data on the first log line (~15 ms of a start-up with {@code QTEST_LOG} set).
     */
    private String elapsed() {
        long us = Math.max(0, (System.nanoTime() - openedNs + 500) / 1000);
        String frac = Long.toString(us % 1_000_000);
        return us / 1_000_000 + "." + "000000".substring(frac.length()) + frac;
    }

    public synchronized void opened() {
        openedNs = System.nanoTime();
        opened = true;
        everOpened = true;
        if (out != null) {
            write("[I 0.000000] OPENED\n");
        }
    }

    /**
     * The process is about to exit: QEMU's clean-up disconnects the qtest chardev, which logs CLOSED, then the
     * file is flushed. When the connection had already closed, QEMU 7.2 logs CLOSED a second time with its timer
     * already destroyed, i.e. as {@code [I +0.000000] CLOSED} (seen on Debian's 7.2.22, which also prints a GLib
     * assertion warning we do not copy).
     */
    public synchronized void exiting() {
        if (out != null) {
            if (opened) {
                closed();
            } else if (everOpened) {
                write("[I +0.000000] CLOSED\n");
            }
        }
        flush();
    }

    public synchronized void closed() {
        if (out != null && opened) {
            write("[I +" + elapsed() + "] CLOSED\n");
            flush();
        }
        opened = false;
    }

    /** A received command, its words joined back with the spaces QEMU prints. */
    public synchronized void received(String[] words, int count) {
        if (out == null) {
            return;
        }
        StringBuilder sb = new StringBuilder(64).append("[R +").append(elapsed()).append(']');
        for (int i = 0; i < count; i++) {
            sb.append(' ').append(words[i]);
        }
        write(sb.append('\n').toString());
    }

    /** A line sent (reply or async), already ending in a newline. Without a log: no lock on the hot path. */
    public void sent(byte[] line, int off, int len) {
        if (out != null) {
            sentLocked(line, off, len);
        }
    }

    private synchronized void sentLocked(byte[] line, int off, int len) {
        if (opened) {
            write("[S +" + elapsed() + "] " + new String(line, off, len, StandardCharsets.ISO_8859_1));
        }
    }

    public synchronized void flush() {
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                // a log that cannot be written must not stop the machine
            }
        }
    }

    private void write(String s) {
        try {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // as above
        }
    }
}
