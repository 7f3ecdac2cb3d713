package io.qtestjvm.server.qmp;

/**
 * Where a session's bytes go (the transport's write side). Each call carries whole messages, each ending in
 * {@code \r\n}. Called on the machine thread; an implementation may buffer.
 */
@FunctionalInterface
public interface QmpOutput {
    void write(byte[] data, int off, int len);
}
