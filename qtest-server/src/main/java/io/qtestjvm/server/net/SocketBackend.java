package io.qtestjvm.server.net;

import io.qtestjvm.devices.virtio.VirtioNet;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * {@code -netdev socket}: frames to and from a host socket. The socket is served by two threads of its own, which
 * only hand work over (QEMU's fd handlers, here as blocking I/O): a reader that waits for the next frame (or, with
 * {@code listen=}, the next connection) and queues it for the machine thread, then wakes the machine thread's
 * loop; and a writer that puts the NIC's frames on the wire. At most {@link #INCOMING_MAX} frames wait to be taken;
 * beyond that the reader stops reading and the kernel's buffers push back on the sender, as QEMU stops polling a
 * socket whose peer cannot receive. A frame the NIC cannot take yet (no receive buffer, VM stopped) stays first in
 * the queue until it can.
 */
final class SocketBackend extends NetClient {
    static final int INCOMING_MAX = 64;
    static final int OUTGOING_MAX = 256;
    private static final byte[] STOP = new byte[0];

    /** Where connections come from: once ({@code connect=}, {@code fd=}, datagrams) or many ({@code listen=}). */
    interface Connector {
        /** Blocks for the next link; null when there will be none. */
        HostLink next() throws IOException;

        void close();
    }

    private final String description;
    private final Connector connector;
    private final Runnable wakeup;
    private final ArrayBlockingQueue<byte[]> incoming = new ArrayBlockingQueue<>(INCOMING_MAX);
    private final ArrayBlockingQueue<byte[]> outgoing = new ArrayBlockingQueue<>(OUTGOING_MAX);
    private final Thread reader;
    private final Thread writer;
    private volatile HostLink link;
    private volatile boolean closed;

    SocketBackend(String id, String description, HostLink initial, Connector connector, Runnable wakeup) {
        super(id);
        this.link = initial;
        this.description = description;
        this.connector = connector;
        this.wakeup = wakeup;
        this.reader = new Thread(this::readLoop, NetStack.IO_THREAD_PREFIX + id + "-rx");
        this.writer = new Thread(this::writeLoop, NetStack.IO_THREAD_PREFIX + id + "-tx");
        reader.setDaemon(true);
        writer.setDaemon(true);
    }

    void start() {
        reader.start();
        writer.start();
    }

    private void readLoop() {
        byte[] buf = new byte[VirtioNet.NET_BUFSIZE];
        HostLink first = link;
        try {
            HostLink l = first;
            if (l == null) {
                l = connector.next();
            }
            for (; !closed && l != null; l = connector.next()) {
                link = l;
                int n;
                while (!closed && (n = l.readFrame(buf)) >= 0) {
                    incoming.put(java.util.Arrays.copyOf(buf, n));
                    wakeup.run();
                }
                link = null;
                l.close();
            }
        } catch (IOException | InterruptedException e) {
            // closed: the back end is going away
        }
        if (first != null) {
            // an adopted descriptor: closed once the writer, too, has stopped with it
            try {
                writer.join();
            } catch (InterruptedException e) {
                // closing anyway
            }
            first.release();
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                byte[] f = outgoing.take();
                if (f == STOP) {
                    return;
                }
                HostLink l = link;
                if (l != null) {
                    try {
                        l.writeFrame(f, f.length);
                    } catch (IOException e) {
                        // the peer went: the reader sees the end and drops the link
                    }
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** The NIC's frame: queued for the writer; dropped when nobody is connected or the writer is far behind. */
    @Override
    int deliver(byte[] f, int off, int len) {
        if (link != null) {
            outgoing.offer(java.util.Arrays.copyOfRange(f, off, off + len));
        }
        return TAKEN;
    }

    @Override
    void poll() {
        byte[] f;
        while ((f = incoming.peek()) != null) {
            if (send(f, 0, f.length) == RETRY) {
                return;
            }
            incoming.poll();
        }
    }

    @Override
    String describe() {
        return name() + ": index=0,type=socket," + description;
    }

    @Override
    void close() {
        closed = true;
        HostLink l = link;
        if (l != null) {
            l.close();
        }
        connector.close();
        outgoing.clear();
        outgoing.offer(STOP);
        writer.interrupt();
        reader.interrupt();
    }
}
