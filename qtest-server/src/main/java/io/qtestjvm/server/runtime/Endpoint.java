package io.qtestjvm.server.runtime;

/** A protocol engine fed by a transport: bytes in; it writes its output through the {@link Link} it was given. */
public interface Endpoint {
    /** Output side of a transport, owned by the event loop. */
    interface Link {
        void write(byte[] buf, int off, int len);

        /** Pushes buffered output to the peer (called by the loop after each batch of input). */
        void flush();
    }

    void connected(Link link);

    void received(byte[] buf, int off, int len);

    /**
     * Input that ends with a newline and holds no other: an endpoint that splits its input into lines may take it
     * as one without looking for the newline again.
     */
    default void receivedLine(byte[] buf, int off, int len) {
        received(buf, off, len);
    }

    void disconnected();
}
