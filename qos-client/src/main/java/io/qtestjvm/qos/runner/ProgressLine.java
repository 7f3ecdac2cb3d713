package io.qtestjvm.qos.runner;

import java.io.PrintStream;

/**
 * The one-line progress display for a terminal: {@code [done/total] N failed, elapsed, ETA}, rewritten in place
 * with a carriage return; a failure is printed in full above it as it happens. Thread-safe.
 */
public final class ProgressLine implements ParallelRun.Listener {
    private final PrintStream out;
    private final int total;
    private final long t0 = System.nanoTime();
    private int done;
    private int failed;
    private int skipped;
    private int width;

    public ProgressLine(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    @Override
    public synchronized void finished(PathResult r) {
        done++;
        if (r.failed()) {
            failed++;
            clear();
            out.println("FAIL " + r.item().name() + "\n     " + r.message());
            for (String e : r.lastExchanges()) {
                out.println("     " + e);
            }
        } else if (r.outcome() == PathResult.Outcome.SKIP) {
            skipped++;
        }
        String line = line(done, total, failed, skipped, System.nanoTime() - t0);
        clear();
        out.print(line);
        width = line.length();
        out.flush();
    }

    /** Ends the display with a newline. */
    public synchronized void end() {
        if (width > 0) {
            out.println();
        }
        out.flush();
    }

    private void clear() {
        if (width > 0) {
            out.print("\r" + " ".repeat(width) + "\r");
        }
        width = 0;
    }

    static String line(int done, int total, int failed, int skipped, long elapsedNanos) {
        String eta = done == 0 ? "?" : Seconds.of(elapsedNanos / done * (total - done), 1) + "s";
        return "[" + done + "/" + total + "] " + failed + " failed, " + skipped + " skipped, "
                + Seconds.of(elapsedNanos, 1) + "s elapsed, ETA " + eta;
    }
}
