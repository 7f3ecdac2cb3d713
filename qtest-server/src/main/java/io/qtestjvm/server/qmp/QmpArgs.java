package io.qtestjvm.server.qmp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A command's arguments, read member by member in the command's schema order, with QEMU's error texts:
 * <ul>
 * <li>missing required member: "Parameter 'X' is missing"</li>
 * <li>wrong JSON type: "Invalid parameter type for 'X', expected: T" (T = string, boolean, integer, number, object,
 * array, null)</li>
 * <li>uint64 out of range: "Parameter 'X' expects uint64"; intN/uintN out of range: "Parameter 'X' expects int32_t"
 * (and so on)</li>
 * <li>enum value not in the enum: "Parameter 'X' does not accept value 'V'"</li>
 * <li>member not in the schema, checked by {@link #end()} after all members were read:
 * "Parameter 'X' is unexpected"</li>
 * </ul>
 * Member names in messages are full paths: "outer.inner" for nested objects, "list[2]" for list
 * elements. Read members in the schema's order (QEMU checks in that order, which decides which error comes
 * first), then call {@link #end()}. All errors are class GenericError.
 */
public final class QmpArgs {
    private final JsonObject obj;
    private final String prefix;
    private final Set<String> visited = new HashSet<>();

    private QmpArgs(JsonObject obj, String prefix) {
        this.obj = obj;
        this.prefix = prefix;
    }

    /** The top-level arguments of a command (absent "arguments" is an empty object, as in QEMU). */
    public static QmpArgs of(JsonObject arguments) {
        return new QmpArgs(arguments, "");
    }

    /** A struct inside a list: element {@code path} (e.g. "actions[0]") must be an object. */
    public static QmpArgs element(JsonValue v, String path) {
        if (!(v instanceof JsonObject o)) {
            throw QmpError.generic("Invalid parameter type for '" + path + "', expected: object");
        }
        return new QmpArgs(o, path + ".");
    }

    public JsonObject raw() {
        return obj;
    }

    /** Whether an optional member is present. */
    public boolean has(String name) {
        return obj.has(name);
    }

    private String full(String name) {
        return prefix + name;
    }

    private JsonValue required(String name) {
        visited.add(name);
        JsonValue v = obj.get(name);
        if (v == null) {
            throw QmpError.generic("Parameter '" + full(name) + "' is missing");
        }
        return v;
    }

    private QmpError typeError(String fullName, String expected) {
        return QmpError.generic("Invalid parameter type for '" + fullName + "', expected: " + expected);
    }

    public JsonValue requiredAny(String name) {
        return required(name);
    }

    /** An 'any' member, or null when absent. */
    public JsonValue optionalAny(String name) {
        visited.add(name);
        return obj.get(name);
    }

    public String requiredString(String name) {
        return string(required(name), full(name));
    }

    public String optionalString(String name) {
        return has(name) ? requiredString(name) : markAbsent(name, null);
    }

    public boolean requiredBool(String name) {
        JsonValue v = required(name);
        if (!(v instanceof JsonBool b)) {
            throw typeError(full(name), "boolean");
        }
        return b.value();
    }

    public boolean optionalBool(String name, boolean absent) {
        return has(name) ? requiredBool(name) : markAbsent(name, absent);
    }

    /** 'int' (int64). */
    public long requiredInt(String name) {
        JsonValue v = required(name);
        if (!(v instanceof JsonNumber n) || !n.fitsLong()) {
            throw typeError(full(name), "integer");
        }
        return n.longValue();
    }

    public long optionalInt(String name, long absent) {
        return has(name) ? requiredInt(name) : markAbsent(name, absent);
    }

    /** 'uint64' and 'size': negative int64 values are accepted and wrap, for backward compatibility as in QEMU. */
    public long requiredUint64(String name) {
        JsonValue v = required(name);
        if (v instanceof JsonNumber n && (n.fitsUnsigned() || n.fitsLong())) {
            return n.fitsUnsigned() ? n.unsignedValue() : n.longValue();
        }
        throw QmpError.generic("Parameter '" + full(name) + "' expects uint64");
    }

    public long optionalUint64(String name, long absent) {
        return has(name) ? requiredUint64(name) : markAbsent(name, absent);
    }

    /**
     * A sized signed integer: {@code ctype} is QEMU's name for the message ("int8_t", "int16_t",
     * "int32_t"). The range message uses the bare member name, as QEMU's does.
     */
    public long requiredIntRange(String name, long min, long max, String ctype) {
        long v = requiredInt(name);
        if (v < min || v > max) {
            throw QmpError.generic("Parameter '" + name + "' expects " + ctype);
        }
        return v;
    }

    /** A sized unsigned integer: {@code ctype} "uint8_t", "uint16_t", "uint32_t". */
    public long requiredUintRange(String name, long max, String ctype) {
        long v = requiredUint64(name);
        if (Long.compareUnsigned(v, max) > 0) {
            throw QmpError.generic("Parameter '" + name + "' expects " + ctype);
        }
        return v;
    }

    public double requiredNumber(String name) {
        JsonValue v = required(name);
        if (!(v instanceof JsonNumber n)) {
            throw typeError(full(name), "number");
        }
        return n.doubleValue();
    }

    public double optionalNumber(String name, double absent) {
        return has(name) ? requiredNumber(name) : markAbsent(name, absent);
    }

    /** An enum member: a string from {@code values}. */
    public String requiredEnum(String name, Collection<String> values) {
        String s = requiredString(name);
        if (!values.contains(s)) {
            throw QmpError.generic("Parameter '" + name + "' does not accept value '" + s + "'");
        }
        return s;
    }

    public String optionalEnum(String name, Collection<String> values) {
        return has(name) ? requiredEnum(name, values) : markAbsent(name, null);
    }

    /** A nested struct member; read its members and call {@link #end()} on it too. */
    public QmpArgs requiredObject(String name) {
        JsonValue v = required(name);
        if (!(v instanceof JsonObject o)) {
            throw typeError(full(name), "object");
        }
        return new QmpArgs(o, full(name) + ".");
    }

    public QmpArgs optionalObject(String name) {
        return has(name) ? requiredObject(name) : markAbsent(name, null);
    }

    public JsonArray requiredList(String name) {
        JsonValue v = required(name);
        if (!(v instanceof JsonArray a)) {
            throw typeError(full(name), "array");
        }
        return a;
    }

    public JsonArray optionalList(String name) {
        return has(name) ? requiredList(name) : markAbsent(name, null);
    }

    /** A ['str'] member; null when absent. */
    public List<String> optionalStringList(String name) {
        JsonArray a = optionalList(name);
        if (a == null) {
            return null;
        }
        List<String> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(string(a.get(i), full(name) + "[" + i + "]"));
        }
        return out;
    }

    /**
     * A list of enum values; null when absent. QEMU 7.2 names a bad value in a list "null": it is reported
     * as "Parameter 'null' does not accept value 'V'", while a non-string element
     * gets the indexed name.
     */
    public List<String> optionalEnumList(String name, Collection<String> values) {
        JsonArray a = optionalList(name);
        if (a == null) {
            return null;
        }
        List<String> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String s = string(a.get(i), full(name) + "[" + i + "]");
            if (!values.contains(s)) {
                throw QmpError.generic("Parameter 'null' does not accept value '" + s + "'");
            }
            out.add(s);
        }
        return out;
    }

    /** Every member must have been read: the first one left over is "unexpected". */
    public void end() {
        for (JsonObject.Member m : obj.members()) {
            if (!visited.contains(m.key())) {
                throw QmpError.generic("Parameter '" + full(m.key()) + "' is unexpected");
            }
        }
    }

    private String string(JsonValue v, String fullName) {
        if (!(v instanceof JsonString s)) {
            throw typeError(fullName, "string");
        }
        return s.value();
    }

    private <T> T markAbsent(String name, T value) {
        visited.add(name);
        return value;
    }
}
