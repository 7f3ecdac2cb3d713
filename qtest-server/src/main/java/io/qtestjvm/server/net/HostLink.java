package io.qtestjvm.server.net;

import java.io.IOException;

/** A connected host socket that carries whole frames (a stream with QEMU's length framing, or datagrams). */
interface HostLink {
    /** Blocks for the next frame; returns its length, or -1 when the link is gone. */
    int readFrame(byte[] buf) throws IOException;

    /** Writes one frame. */
    void writeFrame(byte[] frame, int len) throws IOException;

    void close();
}
