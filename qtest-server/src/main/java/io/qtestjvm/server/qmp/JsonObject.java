package io.qtestjvm.server.qmp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON object (RFC 8259 section 4) with QEMU's member order. QEMU keeps an object's members in a 512-bucket hash
 * table keyed by the TDB hash of the key modulo 512; a new member goes to the head of its bucket, and every
 * listing (hence every reply) walks the buckets in ascending order. This is why QEMU prints
 * {@code {"micro": .., "minor": .., "major": ..}} and {@code {"status": .., "singlestep": .., "running": ..}}.
 * We keep the members sorted in that order as they are inserted, so {@link #members()} and the writer reproduce
 * QEMU's bytes for any object whose members are inserted in the order QEMU inserts them (QAPI schema order for
 * generated visitors, text order for parsed input).
 */
public final class JsonObject implements JsonValue {
    private static final int QDICT_BUCKET_MAX = 512;

    /** One member; {@code bucket} is cached because the order depends only on it and insertion time. */
    public record Member(String key, JsonValue value, int bucket) {
    }

    private final List<Member> ordered = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    /**
     * Replaces the value of an existing key in place, otherwise inserts the key at the head of its bucket.
     */
    public JsonObject put(String key, JsonValue value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Integer at = index.get(key);
        if (at != null) {
            Member old = ordered.get(at);
            ordered.set(at, new Member(key, value, old.bucket()));
            return this;
        }
        int bucket = bucketOf(key);
        int pos = 0;
        while (pos < ordered.size() && ordered.get(pos).bucket() < bucket) {
            pos++;
        }
        ordered.add(pos, new Member(key, value, bucket));
        reindexFrom(pos);
        return this;
    }

    public JsonObject put(String key, String value) {
        return put(key, new JsonString(value));
    }

    public JsonObject put(String key, long value) {
        return put(key, JsonNumber.ofLong(value));
    }

    public JsonObject put(String key, boolean value) {
        return put(key, JsonBool.of(value));
    }

    /** Removes a member; returns its value, or null when there was none. */
    public JsonValue remove(String key) {
        Integer at = index.remove(key);
        if (at == null) {
            return null;
        }
        Member m = ordered.remove((int) at);
        reindexFrom(at);
        return m.value();
    }

    public JsonValue get(String key) {
        Integer at = index.get(key);
        return at == null ? null : ordered.get(at).value();
    }

    public boolean has(String key) {
        return index.containsKey(key);
    }

    public int size() {
        return ordered.size();
    }

    public boolean isEmpty() {
        return ordered.isEmpty();
    }

    /** The members in QEMU's listing order. */
    public List<Member> members() {
        return Collections.unmodifiableList(ordered);
    }

    private void reindexFrom(int pos) {
        for (int i = pos; i < ordered.size(); i++) {
            index.put(ordered.get(i).key(), i);
        }
    }

    /**
     * The TDB hash (as published with Samba's trivial database) modulo 512 over the key's bytes as QEMU holds
     * them (modified UTF-8: NUL is {@code C0 80}), in 32-bit unsigned arithmetic.
     */
    static int bucketOf(String key) {
        byte[] b = Utf8.encodeModified(key);
        int value = 0x238F13AF * b.length;
        for (int i = 0; i < b.length; i++) {
            value += (b[i] & 0xFF) << (i * 5 % 24);
        }
        int hash = 1103515243 * value + 12345;
        return (int) (Integer.toUnsignedLong(hash) % QDICT_BUCKET_MAX);
    }

    @Override
    public String typeName() {
        return "object";
    }

    /** Equal when the same keys map to equal values (order is a function of the keys and insertion history). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof JsonObject other) || other.size() != size()) {
            return false;
        }
        for (Member m : ordered) {
            if (!m.value().equals(other.get(m.key()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Member m : ordered) {
            h += m.key().hashCode() ^ m.value().hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        return JsonWriter.toJson(this);
    }
}
