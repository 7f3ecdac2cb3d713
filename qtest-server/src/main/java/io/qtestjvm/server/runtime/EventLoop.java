package io.qtestjvm.server.runtime;

import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.runtime.Endpoint.Link;

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
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * The machine thread's main loop (QEMU's main loop under the big lock): one selector over the socket
 * transports, a queue through which other threads (the stdio reader, signal handlers) hand work to the machine
 * thread, and the host-clock timers. Device state is touched only from the thread that calls {@link #run()}.
 */
public final class EventLoop {
    private final Selector selector;
    /**
     * Work handed over by other threads (signals, the stdio reader, the network's I/O threads): rare next to the
     * socket traffic, so the JDK's lock-free linked queue serves; it costs no class set-up at start-up.
     */
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /**
     * Output a connection may leave unread before it stops taking commands; reaching it costs at most one more
     * reply, the largest being a 16 MiB {@code read} (32 MiB of hex).
     */
    static final int OUTPUT_BOUND = 1 << 20;
    /** Input handed to an endpoint at most at once when no newline comes sooner. */
    private static final int SLICE = 4096;
    private static final int OUT_INITIAL = 1 << 14;
    private static final int OUT_KEEP = 1 << 20;
    /** Chunks of stdin read ahead of the machine thread at most (the reader blocks beyond). */
    private static final int STDIN_CHUNKS = 4;
    /** The name of the thread that reads stdin for a {@code stdio} chardev (it sits in a native read). */
    static final String STDIO_READER = "stdio-reader";
    /** {@code sizeof(sockaddr_un.sun_path)} on Linux, the terminating NUL included. */
    private static final int UNIX_PATH_MAX = 108;
    /**
     * Socket reads land in a direct buffer (a heap buffer would pass through the JDK's per-thread cache of
     * temporary direct buffers on every read, hundreds of bytecodes a command while the loop still runs
     * interpreted) and are copied to {@link #readBytes} for the endpoints.
     */
    private final ByteBuffer readBuf = ByteBuffer.allocateDirect(1 << 16);
    private final byte[] readBytes = new byte[1 << 16];
    /** The ready-key handler given to the selector (no selected-key set to fill, walk and empty per wake-up). */
    private final java.util.function.Consumer<SelectionKey> onReady = this::ready;
    private final java.util.List<SocketConn> conns = new java.util.ArrayList<>();
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

    /**
     * Writes what the connections still hold, waiting at most {@code timeoutMs} (before the process exits, so that
     * the reply to {@code quit} reaches its client). Machine thread only.
     */
    public void drainOutput(long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        for (int i = 0; i < conns.size(); i++) {
            conns.get(i).drain(deadline);
        }
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
                case NULL -> {
                    // QEMU's null chardev never opens: no qtest log OPENED/CLOSED lines, no QMP session
                    // (Debian's QEMU 7.2 leaves a -qtest-log file empty with -qtest null; QtestLogFormatTest)
                }
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
            bindUnix(server, u.getPath());
        } else {
            server = ServerSocketChannel.open();
            server.bind(addr, 1);
        }
        if (spec.waitForClient()) {
            // server=on,wait=on: QEMU blocks at start-up until the first client connects
            register(server.accept(), endpoint);
        }
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT, new Acceptor(server, endpoint, addr));
    }

    /**
     * Binds a listening unix socket so that its path appears only once it listens: bound and listening under a
     * temporary name beside it, then renamed into place. A client that waits for the path to exist (as scripts
     * do) then never meets a socket that refuses connections, which a bind at the final path leaves for a moment
     * between the bind and the listen. A path too long for a temporary name beside it is bound in place.
     */
    private static void bindUnix(ServerSocketChannel server, Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = dir == null ? null : dir.resolve(".qtj" + ProcessHandle.current().pid() + "-" + path.getFileName());
        if (tmp == null || tmp.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= UNIX_PATH_MAX) {
            server.bind(UnixDomainSocketAddress.of(path), 1);
            return;
        }
        Files.deleteIfExists(tmp);
        server.bind(UnixDomainSocketAddress.of(tmp), 1);
        try {
            Files.move(tmp, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * A chardev serves one client at a time, as QEMU's socket chardev does: a client that connects while another is
     * still served waits, unread, until that one goes (this also orders a reconnection whose accept is seen before
     * the old connection's end of file).
     */
    private void register(SocketChannel ch, Endpoint endpoint) throws IOException {
        ch.configureBlocking(false);
        SocketConn conn = new SocketConn(ch, endpoint);
        boolean busy = false;
        for (int i = 0; i < conns.size(); i++) {
            busy |= conns.get(i).endpoint == endpoint;
        }
        conn.key = ch.register(selector, busy ? 0 : SelectionKey.OP_READ, conn);
        conns.add(conn);
        if (busy) {
            conn.waiting = true;
            return;
        }
        endpoint.connected(conn);
        conn.flush();
    }

    /** The first client waiting for {@code endpoint}, now that its previous client has gone, is served. */
    private void serveNextWaiting(Endpoint endpoint) {
        for (int i = 0; i < conns.size(); i++) {
            SocketConn c = conns.get(i);
            if (c.endpoint == endpoint && c.waiting) {
                c.waiting = false;
                c.key.interestOps(SelectionKey.OP_READ);
                endpoint.connected(c);
                c.flush();
                return;
            }
        }
    }

    /**
     * {@code stdio}: replies go to stdout with blocking writes (as QEMU's stdio chardev), flushed whenever more
     * than {@link #OUTPUT_BOUND} bytes wait, so a client that does not read stdout stops the machine thread rather
     * than filling the heap; the reader thread stays at most {@link #STDIN_CHUNKS} chunks ahead of the machine
     * thread, so a client that writes faster than we answer is held back by the pipe.
     */
    private void attachStdio(Endpoint endpoint) {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        Link link = new Link() {
            private byte[] buf = new byte[4096];
            private int len;

            @Override
            public void write(byte[] b, int off, int n) {
                if (len + n > OUTPUT_BOUND) {
                    flush();
                    if (n > OUTPUT_BOUND) {
                        writeOut(b, off, n); // one large reply: straight from the engine's buffer
                        return;
                    }
                }
                if (len + n > buf.length) {
                    buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
                }
                System.arraycopy(b, off, buf, len, n);
                len += n;
            }

            private void writeOut(byte[] b, int off, int n) {
                try {
                    stdout.write(b, off, n);
                    stdout.flush();
                } catch (IOException e) {
                    // stdout closed: nothing to report to
                }
            }

            @Override
            public void flush() {
                if (len > 0) {
                    writeOut(buf, 0, len);
                    len = 0;
                }
            }
        };
        endpoint.connected(link);
        link.flush();
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(STDIN_CHUNKS);
        Thread reader = new Thread(() -> {
            InputStream in = new FileInputStream(FileDescriptor.in);
            byte[] b = new byte[1 << 14];
            try {
                int n;
                while ((n = in.read(b)) > 0) {
                    byte[] chunk = Arrays.copyOf(b, n);
                    inFlight.acquireUninterruptibly();
                    execute(() -> {
                        try {
                            endpoint.received(chunk, 0, chunk.length);
                            link.flush();
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            } catch (IOException e) {
                // treated as end of input
            }
            execute(endpoint::disconnected);
        }, STDIO_READER);
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs until {@link #stop()}. */
    public void run() {
        while (running) {
            try {
                long delay = nextTimerDelayNs.getAsLong();
                if (!tasks.isEmpty()) {
                    selector.selectNow(onReady);
                } else if (delay < 0) {
                    selector.select(onReady);
                } else if (delay < 1_000_000) {
                    selector.selectNow(onReady);
                } else {
                    selector.select(onReady, delay / 1_000_000);
                }
            } catch (IOException e) {
                return;
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

    /** One key the selector found ready. */
    private void ready(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.attachment() instanceof Acceptor a) {
            a.accept();
        } else if (key.attachment() instanceof SocketConn c) {
            if (key.isWritable()) {
                c.writable();
            }
            if (key.isValid() && key.isReadable()) {
                c.readable(key);
            }
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

    /**
     * One client connection. Output is written without blocking the machine thread: what the peer has not taken
     * yet waits in {@code out} and goes when the socket is writable. While more than {@link #OUTPUT_BOUND} bytes
     * wait, the connection stops taking commands (input already read is kept, unread input stays in the kernel,
     * which pushes back on the client) and resumes once the peer has read its replies; between commands the input
     * is handed to the endpoint up to the next newline at a time, so at most one command's reply passes the bound.
     * This is the backpressure a QEMU chardev socket applies, without stopping the other connections.
     */
    /** How long a write waits for a peer that reads nothing before the connection is dropped. */
    private static final long DRAIN_WAIT_NS = 30_000_000_000L;

    private final class SocketConn implements Endpoint.Link {
        private final SocketChannel ch;
        private final Endpoint endpoint;
        private SelectionKey key;
        /** Direct, as {@link #readBuf} is: the socket writes from it without a temporary copy. */
        private ByteBuffer out = ByteBuffer.allocateDirect(OUT_INITIAL);
        /** Input read but not yet handed over (only while paused). */
        private byte[] stash = new byte[0];
        private int stashOff;
        private int stashLen;
        private boolean paused;
        /**
         * Past this much pending output a write waits for the peer first, so one huge reply is never held whole.
         * Well above {@link #OUTPUT_BOUND}: between commands, reading stops at that bound instead (backpressure).
         */
        private static final int PENDING_MAX = 8 << 20;
        private boolean closed;
        /** Connected while another client of the same chardev is served: not read until that one goes. */
        boolean waiting;
        boolean dirty;

        SocketConn(SocketChannel ch, Endpoint endpoint) {
            this.ch = ch;
            this.endpoint = endpoint;
        }

        void readable(SelectionKey k) {
            if (paused) {
                return;
            }
            readBuf.clear();
            int n;
            try {
                n = ch.read(readBuf);
            } catch (IOException e) {
                n = -1;
            }
            if (n < 0) {
                close(k);
                return;
            }
            if (n > 0) {
                readBuf.get(0, readBytes, 0, n);
                int used = feed(readBytes, 0, n);
                if (used < n && !closed) {
                    if (stash.length < n - used) {
                        stash = new byte[readBytes.length];
                    }
                    System.arraycopy(readBytes, used, stash, 0, n - used);
                    stashOff = 0;
                    stashLen = n - used;
                }
                flush();
            }
        }

        void writable() {
            flush();
            if (paused && !closed && out.position() <= OUTPUT_BOUND) {
                paused = false;
                int used = feed(stash, stashOff, stashLen);
                stashOff += used;
                stashLen -= used;
                flush();
            }
        }

        /** Hands input over command by command until it is used up or too much output waits; returns bytes used. */
        private int feed(byte[] b, int off, int len) {
            int used = 0;
            while (used < len && !closed) {
                if (out.position() > OUTPUT_BOUND) {
                    flush();
                    if (out.position() > OUTPUT_BOUND) {
                        paused = true;
                        updateInterest();
                        break;
                    }
                }
                int start = off + used;
                int end = start;
                int limit = start + Math.min(len - used, SLICE);
                while (end < limit && b[end] != '\n') {
                    end++;
                }
                if (end < limit) {
                    end++; // the newline
                    endpoint.receivedLine(b, start, end - start);
                } else {
                    endpoint.received(b, start, end - start);
                }
                used += end - start;
            }
            return used;
        }

        private void close(SelectionKey k) {
            if (closed) {
                return;
            }
            closed = true;
            conns.remove(this);
            k.cancel();
            try {
                ch.close();
            } catch (IOException e) {
                // already gone
            }
            if (!waiting) {
                endpoint.disconnected();
                serveNextWaiting(endpoint);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            if (closed) {
                return;
            }
            if (out.position() > 0 && out.position() + len > PENDING_MAX) {
                // one reply (a 150 MB QMP error, written in pieces) must not be held whole: wait for the peer,
                // as a blocking chardev write does; a peer that reads nothing for 30 s is dropped
                drain(System.nanoTime() + DRAIN_WAIT_NS);
                if (out.position() > 0 && key != null) {
                    close(key);
                    return;
                }
            }
            if (out.remaining() < len) {
                ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(out.capacity() * 2, out.position() + len));
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

        /** Writes what the socket takes now, without waiting; the rest goes when it is writable. */
        @Override
        public void flush() {
            if (closed) {
                return;
            }
            if (out.position() > 0) {
                out.flip();
                try {
                    while (out.hasRemaining() && ch.write(out) > 0) {
                        // the kernel takes more
                    }
                } catch (IOException e) {
                    out.clear();
                    if (key != null) {
                        close(key);
                    }
                    return;
                }
                out.compact();
                if (out.position() == 0 && out.capacity() > OUT_KEEP) {
                    out = ByteBuffer.allocateDirect(OUT_INITIAL); // a large reply went: give its buffer back
                }
            }
            updateInterest();
        }

        /** Blocks until everything is written or {@code deadlineNs} (System.nanoTime) passes (used before exit). */
        void drain(long deadlineNs) {
            int spins = 0;
            while (!closed && out.position() > 0 && System.nanoTime() - deadlineNs < 0) {
                flush();
                if (out.position() > 0) {
                    if (++spins > 100) {
                        LockSupport.parkNanos(1_000_000); // a slow reader: wait without burning a core
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }
        }

        private void updateInterest() {
            if (key != null && key.isValid()) {
                int ops = (paused || waiting ? 0 : SelectionKey.OP_READ) | (out.position() > 0 ? SelectionKey.OP_WRITE : 0);
                if (key.interestOps() != ops) {
                    key.interestOps(ops);
                }
            }
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
