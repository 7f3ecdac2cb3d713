package io.qtestjvm.qos.libqtest;

/** A qtest command got a reply other than {@code OK ...} (libqtest aborts there; we throw, naming both sides). */
public final class QtestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QtestException(String message) {
        super(message);
    }
}
