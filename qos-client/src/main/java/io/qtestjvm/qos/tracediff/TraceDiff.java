package io.qtestjvm.qos.tracediff;

import java.util.List;
import java.util.Optional;

/**
 * Compares two recorded runs of the same path and finds the first exchange whose replies differ once the
 * {@link AllowList}'s differences are masked. Requests must be the same on both sides (the same test ran); where
 * they are not, that is the first difference.
 *
 * <p>A poll is compared by its last look. A test that waits for a device (an ISR byte, an MSI message in RAM, a used
 * ring, a status byte) looks, and where the device is not ready yet, waits ({@code clock_step}, or a pause where the
 * clock does not move) and looks again. How many looks that takes is the backend's timing (Debian's QEMU completes a
 * request on its I/O thread, racing the test's first look; the stand-in completes before it reads the next command),
 * not the device's behaviour. The client says where a poll begins and where a look failed
 * ({@link io.qtestjvm.qos.libqtest.QtestTransport#pollBegin()}, {@code pollRetry()}); the recorder writes those as
 * markers, and before comparing, each failed look (with its wait) is left out on both sides. Everything else, the
 * successful look included, is compared exchange by exchange.
 */
public final class TraceDiff {
    /** The recorder's marker where a poll begins. */
    public static final String POLL_BEGIN = "(poll)";
    /** The recorder's marker after a failed look of a poll. */
    public static final String POLL_RETRY = "(poll retry)";

    /** The first difference: its index, both exchanges (null when one trace ended early). */
    public record Difference(int index, Exchange left, Exchange right) {
        @Override
        public String toString() {
            return "exchange " + index + ":\n  " + (left == null ? "(trace ended)" : left) + "\n  "
                    + (right == null ? "(trace ended)" : right);
        }
    }

    private TraceDiff() {
    }

    public static Optional<Difference> firstDifference(List<Exchange> left, List<Exchange> right, AllowList allow) {
        return firstDifferenceExact(withoutFailedLooks(left), withoutFailedLooks(right), allow);
    }

    /** The trace without its polls' failed looks and without the markers (see the class comment). */
    public static List<Exchange> withoutFailedLooks(List<Exchange> trace) {
        List<Exchange> out = new java.util.ArrayList<>(trace.size());
        int lookStart = -1;
        for (Exchange e : trace) {
            if (isMarker(e, POLL_BEGIN)) {
                lookStart = out.size();
            } else if (isMarker(e, POLL_RETRY)) {
                if (lookStart >= 0) {
                    out.subList(lookStart, out.size()).clear();
                }
            } else {
                out.add(e);
            }
        }
        return out;
    }

    private static boolean isMarker(Exchange e, String marker) {
        return e.channel() == Exchange.Channel.QTEST && e.replies().isEmpty() && e.request().equals(marker);
    }

    private static Optional<Difference> firstDifferenceExact(List<Exchange> left, List<Exchange> right,
                                                             AllowList allow) {
        int n = Math.max(left.size(), right.size());
        for (int i = 0; i < n; i++) {
            Exchange a = i < left.size() ? left.get(i) : null;
            Exchange b = i < right.size() ? right.get(i) : null;
            if (a == null || b == null || !same(a, b, allow)) {
                return Optional.of(new Difference(i, a, b));
            }
        }
        return Optional.empty();
    }

    private static boolean same(Exchange a, Exchange b, AllowList allow) {
        if (a.channel() != b.channel() || !a.request().equals(b.request())) {
            return false;
        }
        if (a.replies().size() != b.replies().size()) {
            return false;
        }
        for (int i = 0; i < a.replies().size(); i++) {
            if (!allow.mask(a.channel(), a.replies().get(i)).equals(allow.mask(b.channel(), b.replies().get(i)))) {
                return false;
            }
        }
        return true;
    }
}
