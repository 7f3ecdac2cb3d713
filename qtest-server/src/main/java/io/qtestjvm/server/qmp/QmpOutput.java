package io.qtestjvm.server.qmp;

/**
 * Where a session's bytes go (the transport's write side). Messages end in {@code \r\n}; a small message comes
 * in one call, a large one in several, in order, of at most 64 KiB each. Called on the machine thread; an
 * implementation may buffer.
 */
@FunctionalInterface
public interface QmpOutput {
    void write(byte[] data, int off, int len);
}
