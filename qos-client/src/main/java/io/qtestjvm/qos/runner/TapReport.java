package io.qtestjvm.qos.runner;

import java.io.PrintStream;

/**
 * The TAP stream QEMU's qos-test prints under {@code --tap} (GLib's TAP output): the plan {@code 1..N} first, then
 * {@code ok N /path}, {@code ok N /path # SKIP reason}, or {@code not ok N /path} followed by {@code #} lines with
 * the failing check and the last exchanges. Results that end out of order (parallel runs) are held back until every
 * earlier number is printed, so the numbers ascend. Thread-safe.
 */
public final class TapReport implements ParallelRun.Listener {
    private final PrintStream out;
    private final PathResult[] pending;
    private int nextToPrint = 1;

    public TapReport(PrintStream out, int planned) {
        this.out = out;
        this.pending = new PathResult[planned + 1];
        out.println("TAP version 13");
        out.println("1.." + planned);
        out.flush();
    }

    @Override
    public synchronized void finished(PathResult r) {
        pending[r.item().number()] = r;
        while (nextToPrint < pending.length && pending[nextToPrint] != null) {
            print(pending[nextToPrint]);
            pending[nextToPrint] = null;
            nextToPrint++;
        }
        out.flush();
    }

    /** Ends the stream: {@code Bail out!} when paths were left unrun. */
    public synchronized void end(String bailOutReason) {
        if (bailOutReason != null) {
            out.println("Bail out! " + bailOutReason);
        }
        out.flush();
    }

    private void print(PathResult r) {
        String head = " " + r.item().number() + " " + r.item().name();
        switch (r.outcome()) {
            case PASS -> out.println("ok" + head);
            case SKIP -> out.println("ok" + head + " # SKIP " + oneLine(r.message()));
            case FAIL -> {
                out.println("not ok" + head);
                out.println("# " + oneLine(r.message()));
                if (!r.lastExchanges().isEmpty()) {
                    out.println("# last exchanges:");
                    for (String e : r.lastExchanges()) {
                        out.println("#   " + oneLine(e));
                    }
                }
            }
            default -> throw new IllegalStateException(r.outcome().toString());
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
