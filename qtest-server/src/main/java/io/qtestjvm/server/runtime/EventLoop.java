package io.qtestjvm.server.runtime;

import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.runtime.Endpoint.Link;
import org.jctools.queues.MpscUnboundedArrayQueue;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.LongSupplier;

/**
 * The machine thread's main loop (QEMU's main loop under the big lock): one selector over the socket
 * transports, a queue through which other threads (the stdio reader, signal handlers) hand work to the machine
 * thread, and the host-clock timers. Device state is touched only from the thread that calls {@link #run()}.
 */
public final class EventLoop {
    private final Selector selector;
    private final MpscUnboundedArrayQueue<Runnable> tasks = new MpscUnboundedArrayQueue<>(64);
    private final ByteBuffer readBuf = ByteBuffer.allocate(1 << 16);
    private Runnable timerWork = () -> { };
    private LongSupplier nextTimerDelayNs = () -> -1;
    private volatile boolean running = true;
    /** Connections written to since the last flush; output raised outside a read handler (events from the main
     *  loop's deferred work, timers) is flushed at the end of the iteration. */
    private final java.util.ArrayList<SocketConn> dirty = new java.util.ArrayList<>();

    public EventLoop() throws IOException {
        selector = Selector.open();
    }

    /** What to run after each wake-up (host-clock timers) and how long until it is next due (-1: never). */
    public void setTimerWork(Runnable work, LongSupplier nextDelayNs) {
        this.timerWork = work;
        this.nextTimerDelayNs = nextDelayNs;
    }

    /** Hands work to the machine thread; safe from any thread. */
    public void execute(Runnable task) {
        tasks.offer(task);
        selector.wakeup();
    }

    public void stop() {
        running = false;
        selector.wakeup();
    }

    /** Opens the transport described by {@code spec} and binds it to {@code endpoint}. */
    public void attach(String what, ChardevSpec spec, Endpoint endpoint) throws StartupException {
        try {
            switch (spec.kind()) {
                case UNIX, TCP -> {
                    SocketAddress addr = spec.kind() == ChardevSpec.Kind.UNIX
                            ? UnixDomainSocketAddress.of(spec.path())
                            : new InetSocketAddress(spec.host(), spec.port());
                    if (spec.server()) {
                        listen(spec, addr, endpoint);
                    } else {
                        SocketChannel ch = SocketChannel.open(addr);
                        register(ch, endpoint);
                    }
                }
                case STDIO -> attachStdio(endpoint);
                case NULL -> endpoint.connected(new Link() {
                    @Override
                    public void write(byte[] buf, int off, int len) {
                    }

                    @Override
                    public void flush() {
                    }
                });
                default -> throw new StartupException(what + ": unsupported transport " + spec.kind());
            }
        } catch (IOException e) {
            String target = spec.kind() == ChardevSpec.Kind.UNIX ? spec.path() : spec.host() + ":" + spec.port();
            throw new StartupException(what + ": Failed to connect to '" + target + "': " + reason(e));
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        if (m.contains("No such file")) {
            return "No such file or directory";
        }
        if (m.contains("Connection refused")) {
            return "Connection refused";
        }
        return m;
    }

    private void listen(ChardevSpec spec, SocketAddress addr, Endpoint endpoint) throws IOException {
        ServerSocketChannel server;
        if (addr instanceof UnixDomainSocketAddress u) {
            Files.deleteIfExists(u.getPath());
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } else {
            server = ServerSocketChannel.open();
        }
        server.bind(addr, 1);
        if (spec.waitForClient()) {
            // server=on,wait=on: QEMU blocks at start-up until the first client connects
            register(server.accept(), endpoint);
        }
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT, new Acceptor(server, endpoint, addr));
    }

    private void register(SocketChannel ch, Endpoint endpoint) throws IOException {
        ch.configureBlocking(false);
        SocketConn conn = new SocketConn(ch, endpoint);
        ch.register(selector, SelectionKey.OP_READ, conn);
        endpoint.connected(conn);
        conn.flush();
    }

    private void attachStdio(Endpoint endpoint) {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        Link link = new Link() {
            private byte[] buf = new byte[4096];
            private int len;

            @Override
            public void write(byte[] b, int off, int n) {
                if (len + n > buf.length) {
                    buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
                }
                System.arraycopy(b, off, buf, len, n);
                len += n;
            }

            @Override
            public void flush() {
                if (len > 0) {
                    try {
                        stdout.write(buf, 0, len);
                        stdout.flush();
                    } catch (IOException e) {
                        // stdout closed: nothing to report to
                    }
                    len = 0;
                }
            }
        };
        endpoint.connected(link);
        link.flush();
        Thread reader = new Thread(() -> {
            InputStream in = new FileInputStream(FileDescriptor.in);
            byte[] b = new byte[1 << 14];
            try {
                int n;
                while ((n = in.read(b)) > 0) {
                    byte[] chunk = Arrays.copyOf(b, n);
                    execute(() -> {
                        endpoint.received(chunk, 0, chunk.length);
                        link.flush();
                    });
                }
            } catch (IOException e) {
                // treated as end of input
            }
            execute(endpoint::disconnected);
        }, "stdio-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs until {@link #stop()}. */
    public void run() {
        while (running) {
            try {
                long delay = nextTimerDelayNs.getAsLong();
                if (!tasks.isEmpty()) {
                    selector.selectNow();
                } else if (delay < 0) {
                    selector.select();
                } else if (delay < 1_000_000) {
                    selector.selectNow();
                } else {
                    selector.select(delay / 1_000_000);
                }
            } catch (IOException e) {
                return;
            }
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                if (!key.isValid()) {
                    continue;
                }
                if (key.attachment() instanceof Acceptor a) {
                    a.accept();
                } else if (key.attachment() instanceof SocketConn c) {
                    c.readable(key);
                }
            }
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
            timerWork.run();
            for (int i = 0; i < dirty.size(); i++) {
                SocketConn c = dirty.get(i);
                c.dirty = false;
                c.flush();
            }
            dirty.clear();
        }
    }

    private final class Acceptor {
        private final ServerSocketChannel server;
        private final Endpoint endpoint;
        private final SocketAddress addr;

        Acceptor(ServerSocketChannel server, Endpoint endpoint, SocketAddress addr) {
            this.server = server;
            this.endpoint = endpoint;
            this.addr = addr;
        }

        void accept() {
            try {
                SocketChannel ch = server.accept();
                if (ch != null) {
                    register(ch, endpoint);
                }
            } catch (IOException e) {
                // a failed accept leaves the listener as it was
            }
        }

        @Override
        public String toString() {
            return "listener " + addr;
        }
    }

    private final class SocketConn implements Endpoint.Link {
        private final SocketChannel ch;
        private final Endpoint endpoint;
        private ByteBuffer out = ByteBuffer.allocate(1 << 14);
        /** Past this much pending output a write sends what is pending first, so a huge reply is never held whole. */
        private static final int PENDING_MAX = 1 << 20;
        private boolean closed;
        boolean dirty;

        SocketConn(SocketChannel ch, Endpoint endpoint) {
            this.ch = ch;
            this.endpoint = endpoint;
        }

        void readable(SelectionKey key) {
            readBuf.clear();
            int n;
            try {
                n = ch.read(readBuf);
            } catch (IOException e) {
                n = -1;
            }
            if (n < 0) {
                close(key);
                return;
            }
            if (n > 0) {
                endpoint.received(readBuf.array(), 0, n);
                flush();
            }
        }

        private void close(SelectionKey key) {
            if (closed) {
                return;
            }
            closed = true;
            key.cancel();
            try {
                ch.close();
            } catch (IOException e) {
                // already gone
            }
            endpoint.disconnected();
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            if (closed) {
                return;
            }
            if (out.position() > 0 && out.position() + len > PENDING_MAX) {
                flush();
            }
            if (out.remaining() < len) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + len));
                out.flip();
                bigger.put(out);
                out = bigger;
            }
            out.put(buf, off, len);
            if (!dirty) {
                dirty = true;
                EventLoop.this.dirty.add(this);
            }
        }

        @Override
        public void flush() {
            if (closed || out.position() == 0) {
                return;
            }
            out.flip();
            try {
                int spins = 0;
                while (out.hasRemaining()) {
                    if (ch.write(out) == 0) {
                        // the peer is slow to read; wait for room without busy-burning a core
                        if (++spins > 100) {
                            Thread.sleep(1);
                        } else {
                            Thread.onSpinWait();
                        }
                    }
                }
            } catch (IOException e) {
                closed = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.clear();
        }
    }

    /** Deletes a unix socket path we created as a server. */
    static void unlinkQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // nothing to do
        }
    }
}
