package io.qtestjvm.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** The properties a user set on one device, parsed by their types, in the order given. */
public final class PropertyValues {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public void put(String name, Object value) {
        values.put(name, value);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** An integer property, or {@code dflt} when it was not set. */
    public long getLong(String name, long dflt) {
        Object v = values.get(name);
        return v == null ? dflt : (Long) v;
    }

    /** A bool property, or {@code dflt} when it was not set. */
    public boolean getBool(String name, boolean dflt) {
        Object v = values.get(name);
        return v == null ? dflt : (Boolean) v;
    }

    /** A string or link property, or null when it was not set. */
    public String getString(String name) {
        return (String) values.get(name);
    }

    /** The names in the order they were set. */
    public Iterable<String> names() {
        return values.keySet();
    }
}
