package io.qtestjvm.qos.tracediff;

import java.util.List;
import java.util.Optional;

/**
 * Compares two recorded runs of the same path and finds the first exchange whose replies differ once the
 * {@link AllowList}'s differences are masked. Requests must be the same on both sides (the same test ran); where
 * they are not, that is the first difference.
 */
public final class TraceDiff {
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
