package io.qtestjvm.server.qmp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** QList: values in append order. */
public final class JsonArray implements JsonValue {
    private final List<JsonValue> items = new ArrayList<>();

    public JsonArray add(JsonValue v) {
        items.add(java.util.Objects.requireNonNull(v, "value"));
        return this;
    }

    public JsonArray add(String s) {
        return add(new JsonString(s));
    }

    public JsonValue get(int i) {
        return items.get(i);
    }

    public int size() {
        return items.size();
    }

    public List<JsonValue> items() {
        return Collections.unmodifiableList(items);
    }

    @Override
    public String typeName() {
        return "array";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonArray a && a.items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return JsonWriter.toJson(this);
    }
}
