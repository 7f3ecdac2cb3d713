package io.qtestjvm.server.qmp;

import java.util.Objects;

/**
 * A failed command: becomes {@code {"error": {"class": C, "desc": D}}}. Thrown by handlers and argument checks;
 * carries no stack trace because it is an answer, not a bug.
 */
public final class QmpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final QmpErrorClass errorClass;

    public QmpError(QmpErrorClass errorClass, String desc) {
        super(Objects.requireNonNull(desc, "desc"), null, false, false);
        this.errorClass = Objects.requireNonNull(errorClass, "errorClass");
    }

    /** error_setg: class GenericError. */
    public static QmpError generic(String desc) {
        return new QmpError(QmpErrorClass.GenericError, desc);
    }

    public QmpErrorClass errorClass() {
        return errorClass;
    }

    public String desc() {
        return getMessage();
    }

    /** The error object {@code {"class": .., "desc": ..}}. */
    public JsonObject toJson() {
        return new JsonObject().put("class", errorClass.name()).put("desc", desc());
    }
}
