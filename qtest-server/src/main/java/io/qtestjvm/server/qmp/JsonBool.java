package io.qtestjvm.server.qmp;

/** QBool. */
public enum JsonBool implements JsonValue {
    FALSE, TRUE;

    public static JsonBool of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public boolean value() {
        return this == TRUE;
    }

    @Override
    public String typeName() {
        return "boolean";
    }
}
