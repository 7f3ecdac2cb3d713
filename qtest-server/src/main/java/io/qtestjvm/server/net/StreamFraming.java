package io.qtestjvm.server.net;

import java.io.IOException;

/**
 * QEMU's framing of frames on a stream socket ({@code -netdev socket} with {@code connect=}, {@code listen=} or a
 * stream {@code fd=}): each frame is preceded by its length as a 32-bit big-endian number. A length above
 * NET_BUFSIZE is a broken stream: the link is closed.
 */
final class StreamFraming implements HostLink {
    /** The byte pipe under the framing. */
    interface Pipe {
        /** Reads up to {@code len} bytes; -1 at the end. */
        int read(byte[] b, int off, int len) throws IOException;

        void write(byte[] b, int off, int len) throws IOException;

        void close();

        default void release() {
        }
    }

    private final Pipe pipe;
    private final byte[] lenIn = new byte[4];
    private final byte[] out;

    StreamFraming(Pipe pipe, int maxFrame) {
        this.pipe = pipe;
        this.out = new byte[4 + maxFrame];
    }

    private boolean readFully(byte[] b, int len) throws IOException {
        int got = 0;
        while (got < len) {
            int n = pipe.read(b, got, len - got);
            if (n < 0) {
                return false;
            }
            got += n;
        }
        return true;
    }

    @Override
    public int readFrame(byte[] buf) throws IOException {
        if (!readFully(lenIn, 4)) {
            return -1;
        }
        long len = (lenIn[0] & 0xffL) << 24 | (lenIn[1] & 0xff) << 16 | (lenIn[2] & 0xff) << 8 | (lenIn[3] & 0xff);
        if (len > buf.length) {
            return -1;
        }
        return readFully(buf, (int) len) ? (int) len : -1;
    }

    @Override
    public void writeFrame(byte[] frame, int len) throws IOException {
        out[0] = (byte) (len >>> 24);
        out[1] = (byte) (len >>> 16);
        out[2] = (byte) (len >>> 8);
        out[3] = (byte) len;
        System.arraycopy(frame, 0, out, 4, len);
        pipe.write(out, 0, 4 + len);
    }

    @Override
    public void close() {
        pipe.close();
    }

    @Override
    public void release() {
        pipe.release();
    }
}
