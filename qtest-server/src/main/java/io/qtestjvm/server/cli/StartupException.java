package io.qtestjvm.server.cli;

/**
 * A start-up error QEMU reports as {@code <binary>: <message>} on stderr before exiting with status 1. The
 * message carries QEMU's own prefix where QEMU has one ({@code -device foo: ...}).
 */
public final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }
}
