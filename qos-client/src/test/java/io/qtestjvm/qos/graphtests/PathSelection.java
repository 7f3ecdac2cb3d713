package io.qtestjvm.qos.graphtests;

import io.qtestjvm.qos.runner.Shard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code -Dqos.filter} then {@code -Dqos.shard} over test names in run order, for the plain per-arch tests; the same
 * rule as the qos-graph engine's ({@link Shard}).
 */
final class PathSelection {
    private PathSelection() {
    }

    static List<String> select(List<String> names) {
        String filter = System.getProperty("qos.filter");
        List<String> kept = new ArrayList<>();
        Pattern p = filter == null || filter.isEmpty() ? null : Pattern.compile(filter);
        for (String n : names) {
            if (p == null || p.matcher(n).find()) {
                kept.add(n);
            }
        }
        String shard = System.getProperty("qos.shard");
        if (shard == null || shard.isEmpty()) {
            return kept;
        }
        return Shard.parse(shard).of(kept);
    }

    static int[] parseShard(String shard) {
        Shard s = Shard.parse(shard);
        return new int[] {s.index(), s.count()};
    }
}
