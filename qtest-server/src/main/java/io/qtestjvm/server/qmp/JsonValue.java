package io.qtestjvm.server.qmp;

/**
 * A JSON value (RFC 8259 section 3) with the distinctions QEMU's QMP makes visible: objects keep QEMU's member
 * order, numbers remember whether they were int64, uint64 or double. Values are built by {@link JsonTextParser}
 * from client input and by command handlers for replies, and written by {@link JsonWriter} byte for byte as QEMU
 * writes them.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBool, JsonNull {

    /** The type name QEMU's "Invalid parameter type for 'X', expected: ..." errors use. */
    String typeName();

    static JsonString of(String s) {
        return new JsonString(s);
    }

    static JsonNumber of(long v) {
        return JsonNumber.ofLong(v);
    }

    static JsonBool of(boolean b) {
        return JsonBool.of(b);
    }
}
