package io.qtestjvm.qos.libqtest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A socket read line by line with a timeout on every wait; timeouts and EOF name the command being answered. */
final class LineChannel {
    private final SocketChannel ch;
    private final long timeoutMs;
    private final String peer;
    private final Selector selector;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private byte[] pending = new byte[1024];
    private int pendingLen;
    private int pendingPos;

    LineChannel(SocketChannel ch, long timeoutMs, String peer) throws IOException {
        this.ch = ch;
        this.timeoutMs = timeoutMs;
        this.peer = peer;
        ch.configureBlocking(false);
        selector = Selector.open();
        ch.register(selector, SelectionKey.OP_READ);
    }

    void write(String text, String what) {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        try {
            while (b.hasRemaining()) {
                if (ch.write(b) == 0) {
                    Thread.onSpinWait();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(peer + ": cannot send '" + what + "': " + e.getMessage(), e);
        }
    }

    /** The next line without its newline. */
    String readLine(String what) {
        while (true) {
            for (int i = pendingPos; i < pendingLen; i++) {
                if (pending[i] == '\n') {
                    String line = new String(pending, pendingPos, i - pendingPos, StandardCharsets.ISO_8859_1);
                    pendingPos = i + 1;
                    return line;
                }
            }
            fill(what);
        }
    }

    /** Reads more bytes into the pending buffer, waiting at most the timeout. */
    void fill(String what) {
        if (pendingPos > 0) {
            System.arraycopy(pending, pendingPos, pending, 0, pendingLen - pendingPos);
            pendingLen -= pendingPos;
            pendingPos = 0;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            while (true) {
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) {
                    throw new IllegalStateException(peer + " closed the connection while answering '" + what
                            + "'");
                }
                if (n > 0) {
                    if (pendingLen + n > pending.length) {
                        pending = java.util.Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLen + n));
                    }
                    System.arraycopy(buf.array(), 0, pending, pendingLen, n);
                    pendingLen += n;
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new QtestTimeoutException(peer + ": no answer to '" + what + "' within " + timeoutMs
                            + " ms");
                }
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException(peer + ": read failed while answering '" + what + "': "
                    + e.getMessage(), e);
        }
    }

    byte[] pending() {
        return pending;
    }

    int pendingPos() {
        return pendingPos;
    }

    int pendingLen() {
        return pendingLen;
    }

    void consume(int upTo) {
        pendingPos = upTo;
    }
}
