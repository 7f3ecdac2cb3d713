package io.qtestjvm.server.qmp;

import java.util.Objects;

/** QString: a string value; QEMU stores modified UTF-8, we store the decoded characters. */
public record JsonString(String value) implements JsonValue {
    public JsonString {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
        return "string";
    }
}
