package io.qtestjvm.server.qmp;

/** A JSON text that RFC 8259 (as QEMU reads it) refuses; the message is the error reply's desc. */
final class JsonSyntaxException extends Exception {
    JsonSyntaxException(String message) {
        super(message, null, false, false);
    }
}
