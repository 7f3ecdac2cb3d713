package io.qtestjvm.server.qmp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The ASCII text {@link JsonWriter} produces: either collected whole (small messages, {@link #toBytes()}), or
 * handed to a {@link QmpOutput} in chunks of at most {@link #CHUNK} bytes as it is written, so that a reply that
 * quotes a huge client string never exists in one piece on the heap.
 */
final class WireText {
    static final int CHUNK = 64 << 10;

    private final QmpOutput out;
    private byte[] buf;
    private int len;

    /** Collects the whole text. */
    WireText() {
        this.out = null;
        this.buf = new byte[128];
    }

    /** Streams the text to {@code out}; call {@link #flush()} at the end. */
    WireText(QmpOutput out) {
        this.out = out;
        this.buf = new byte[1024];
    }

    WireText put(char c) {
        if (len == buf.length) {
            makeRoom();
        }
        buf[len++] = (byte) c;
        return this;
    }

    WireText put(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            put(ascii.charAt(i));
        }
        return this;
    }

    private void makeRoom() {
        if (out != null && buf.length >= CHUNK) {
            flush();
        } else {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
    }

    /** Hands what is buffered to the output (streaming mode). */
    void flush() {
        if (len > 0) {
            out.write(buf, 0, len);
            len = 0;
        }
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.US_ASCII);
    }
}
