package io.qtestjvm.server.net;

import java.io.IOException;

/** A connected host socket that carries whole frames (a stream with QEMU's length framing, or datagrams). */
interface HostLink {
    /** Blocks for the next frame; returns its length, or -1 when the link is gone. */
    int readFrame(byte[] buf) throws IOException;

    /** Writes one frame. */
    void writeFrame(byte[] frame, int len) throws IOException;

    /** Ends the link; a thread blocked reading it returns. */
    void close();

    /**
     * Gives back what the link holds once no thread can use it any more (an adopted descriptor is closed only here,
     * so its number cannot be reused under a writer that has not seen the end yet).
     */
    default void release() {
    }
}
