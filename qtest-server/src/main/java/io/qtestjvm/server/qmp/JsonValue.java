package io.qtestjvm.server.qmp;

/**
 * A JSON value as QEMU's QObject family models it (qobject/qdict.c, qlist.c, qstring.c, qnum.c, qbool.c,
 * qnull.c). Values are built by {@link JsonTextParser} from client input and by command handlers for replies,
 * and written by {@link JsonWriter} exactly as {@code qobject_to_json} does.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBool, JsonNull {

    /** The QAPI type name used in QEMU's "expected: ..." errors (qapi/qobject-input-visitor.c). */
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
