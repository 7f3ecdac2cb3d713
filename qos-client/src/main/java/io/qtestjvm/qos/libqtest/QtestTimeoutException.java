package io.qtestjvm.qos.libqtest;

/** A wait on the machine ran out of time; the message names the command and the socket or binary. */
public final class QtestTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QtestTimeoutException(String message) {
        super(message);
    }
}
