package io.qtestjvm.qos.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One of {@code count} shards of a test list, numbered from 1 ({@code --shard i/n}, {@code qos.shard}). The list is
 * cut into contiguous slices of its run order (sizes differing by at most one), so that paths which share a
 * machine through {@code system_reset} stay together, and the same list always gives every shard the same paths.
 *
 * <p>Bazel's test-sharding protocol maps onto it: {@code TEST_TOTAL_SHARDS=n} and {@code TEST_SHARD_INDEX=k}
 * (from 0) select shard {@code k+1} of {@code n}, and a runner that supports sharding touches
 * {@code TEST_SHARD_STATUS_FILE} to say so.
 *
 * @param index from 1 to {@code count}
 * @param count at least 1
 */
public record Shard(int index, int count) {
    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " is not i/n with 1 <= i <= n");
        }
    }

    /** All of the list. */
    public static Shard all() {
        return new Shard(1, 1);
    }

    /** Parses {@code i/n}. */
    public static Shard parse(String text) {
        String[] parts = text.split("/");
        if (parts.length == 2) {
            try {
                int i = Integer.parseInt(parts[0].trim());
                int n = Integer.parseInt(parts[1].trim());
                if (n >= 1 && i >= 1 && i <= n) {
                    return new Shard(i, n);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("shard '" + text + "' is not i/n with 1 <= i <= n");
    }

    /**
     * The shard Bazel asks for in {@code env}, or null when {@code TEST_TOTAL_SHARDS} is unset; touches
     * {@code TEST_SHARD_STATUS_FILE} when it is set.
     */
    public static Shard fromBazel(Map<String, String> env) {
        String total = env.get("TEST_TOTAL_SHARDS");
        if (total == null || total.isEmpty()) {
            return null;
        }
        String index = env.getOrDefault("TEST_SHARD_INDEX", "0");
        Shard s;
        try {
            s = new Shard(Integer.parseInt(index.trim()) + 1, Integer.parseInt(total.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TEST_SHARD_INDEX=" + index + " / TEST_TOTAL_SHARDS=" + total
                    + " are not numbers");
        }
        String status = env.get("TEST_SHARD_STATUS_FILE");
        if (status != null && !status.isEmpty()) {
            touch(Path.of(status));
        }
        return s;
    }

    private static void touch(Path p) {
        try {
            if (Files.exists(p)) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.now()));
            } else {
                Files.createFile(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot touch TEST_SHARD_STATUS_FILE " + p + ": " + e.getMessage(), e);
        }
    }

    /** This shard's slice of {@code all}. */
    public <T> List<T> of(List<T> all) {
        int from = (int) ((long) all.size() * (index - 1) / count);
        int to = (int) ((long) all.size() * index / count);
        return all.subList(from, to);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
