package io.qtestjvm.qos.runner;

import java.util.List;

/**
 * How one path ended.
 *
 * @param item          the path
 * @param outcome       passed, failed, or skipped (not applicable on this backend)
 * @param message       the failing check or the reason for the skip; null when passed
 * @param lastExchanges the last qtest and QMP exchanges before a failure, oldest first (empty otherwise)
 * @param nanos         wall time of the path, machine start-up or reset included
 * @param failure       what a failed path threw; null otherwise
 */
public record PathResult(QosPlan.Item item, Outcome outcome, String message, List<String> lastExchanges,
                         long nanos, Throwable failure) {
    /** The three outcomes TAP distinguishes. */
    public enum Outcome { PASS, FAIL, SKIP }

    public PathResult {
        lastExchanges = List.copyOf(lastExchanges);
    }

    public boolean failed() {
        return outcome == Outcome.FAIL;
    }
}
