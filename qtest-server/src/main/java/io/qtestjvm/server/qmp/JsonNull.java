package io.qtestjvm.server.qmp;

/** QNull. */
public enum JsonNull implements JsonValue {
    INSTANCE;

    @Override
    public String typeName() {
        return "null";
    }
}
