package io.qtestjvm.core;

/** A property value refused while a device is configured; the message is QEMU's text for it. */
public final class PropertyException extends Exception {
    private static final long serialVersionUID = 1L;

    public PropertyException(String message) {
        super(message, null, false, false);
    }
}
