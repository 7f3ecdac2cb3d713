package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqtest.QtestTransport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a binary the way QEMU's virtio-net-test does: the test makes a {@code socketpair(AF_UNIX, SOCK_STREAM)},
 * the child inherits one end and is told its number with {@code -netdev socket,fd=N}, the test keeps the other.
 * A JVM's ProcessBuilder closes every descriptor above 2 in the child, so the child is spawned with posix_spawn
 * through FFM (the test's own end is closed in the child by a spawn file action). The qtest and QMP sockets are
 * libqtest's (the child connects to two unix sockets the test listens on); {@link #transport()} speaks both.
 */
final class InheritedFdLaunch implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SIGTERM = 15;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final MethodHandle SOCKETPAIR = handle("socketpair", FunctionDescriptor.of(INT, INT, INT, INT,
            ValueLayout.ADDRESS));
    private static final MethodHandle FA_INIT = handle("posix_spawn_file_actions_init", FunctionDescriptor.of(INT,
            ValueLayout.ADDRESS));
    private static final MethodHandle FA_CLOSE = handle("posix_spawn_file_actions_addclose",
            FunctionDescriptor.of(INT, ValueLayout.ADDRESS, INT));
    private static final MethodHandle SPAWN = handle("posix_spawn", FunctionDescriptor.of(INT, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle WAITPID = handle("waitpid", FunctionDescriptor.of(INT, INT,
            ValueLayout.ADDRESS, INT));
    private static final MethodHandle KILL = handle("kill", FunctionDescriptor.of(INT, INT, INT));
    private static final MethodHandle READ = handle("read", FunctionDescriptor.of(ValueLayout.JAVA_LONG, INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle WRITE = handle("write", FunctionDescriptor.of(ValueLayout.JAVA_LONG, INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(INT, INT));

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), fd);
    }

    private final int pid;
    private final int ourEnd;
    private final Transport transport;
    private final Arena arena = Arena.ofShared();

    private InheritedFdLaunch(int pid, int ourEnd, Transport transport) {
        this.pid = pid;
        this.ourEnd = ourEnd;
        this.transport = transport;
    }

    /**
     * Spawns {@code /bin/sh -c "exec BINARY -qtest ... ARGS"}, where {@code {FD}} in {@code args} is replaced by the
     * child's end of the socketpair.
     */
    static InheritedFdLaunch start(String binary, String args) throws Throwable {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "qtjfd");
        Path qtestPath = dir.resolve("q.sock");
        Path qmpPath = dir.resolve("m.sock");
        try (Arena a = Arena.ofConfined();
             ServerSocketChannel qs = listen(qtestPath);
             ServerSocketChannel ms = listen(qmpPath)) {
            MemorySegment sv = a.allocate(INT, 2);
            if ((int) SOCKETPAIR.invokeExact(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
                throw new IOException("socketpair failed");
            }
            int ours = sv.getAtIndex(INT, 0);
            int theirs = sv.getAtIndex(INT, 1);
            String cmd = "exec " + binary + " -qtest unix:" + qtestPath + " -qtest-log /dev/null -chardev socket,path="
                    + qmpPath + ",id=char0 -mon chardev=char0,mode=control -display none "
                    + args.replace("{FD}", Integer.toString(theirs)) + " -accel qtest";
            MemorySegment actions = a.allocate(256);
            int rc = (int) FA_INIT.invokeExact(actions);
            rc |= (int) FA_CLOSE.invokeExact(actions, ours);
            String[] argv = {"/bin/sh", "-c", cmd};
            MemorySegment argvSeg = a.allocate(ValueLayout.ADDRESS, argv.length + 1);
            for (int i = 0; i < argv.length; i++) {
                argvSeg.setAtIndex(ValueLayout.ADDRESS, i, a.allocateFrom(argv[i]));
            }
            argvSeg.setAtIndex(ValueLayout.ADDRESS, argv.length, MemorySegment.NULL);
            List<String> env = new ArrayList<>();
            System.getenv().forEach((k, v) -> env.add(k + "=" + v));
            MemorySegment envSeg = a.allocate(ValueLayout.ADDRESS, env.size() + 1);
            for (int i = 0; i < env.size(); i++) {
                envSeg.setAtIndex(ValueLayout.ADDRESS, i, a.allocateFrom(env.get(i)));
            }
            envSeg.setAtIndex(ValueLayout.ADDRESS, env.size(), MemorySegment.NULL);
            MemorySegment pidSeg = a.allocate(INT);
            rc |= (int) SPAWN.invokeExact(pidSeg, a.allocateFrom("/bin/sh"), actions, MemorySegment.NULL, argvSeg,
                    envSeg);
            int closed = (int) CLOSE.invokeExact(theirs);
            if (rc != 0) {
                throw new IOException("posix_spawn failed: " + rc);
            }
            int pid = pidSeg.get(INT, 0);
            qs.configureBlocking(true);
            SocketChannel qt = qs.accept();
            SocketChannel qm = ms.accept();
            Transport t = new Transport(qt, qm);
            t.qmp("{\"execute\": \"qmp_capabilities\"}");
            return new InheritedFdLaunch(pid, ours, t);
        } finally {
            Files.deleteIfExists(qtestPath);
            Files.deleteIfExists(qmpPath);
            Files.deleteIfExists(dir);
        }
    }

    private static ServerSocketChannel listen(Path p) throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(p));
        return s;
    }

    QtestTransport transport() {
        return transport;
    }

    /** Writes {@code len} bytes to the test's end of the socketpair. */
    void write(byte[] b) throws Throwable {
        MemorySegment seg = arena.allocate(b.length);
        MemorySegment.copy(b, 0, seg, ValueLayout.JAVA_BYTE, 0, b.length);
        long n = (long) WRITE.invokeExact(ourEnd, seg, (long) b.length);
        if (n != b.length) {
            throw new IOException("short write to the socketpair: " + n);
        }
    }

    /** Reads exactly {@code len} bytes from the test's end (blocking). */
    byte[] read(int len) throws Throwable {
        MemorySegment seg = arena.allocate(Math.max(1, len));
        long got = 0;
        while (got < len) {
            long n = (long) READ.invokeExact(ourEnd, seg.asSlice(got), (long) len - got);
            if (n <= 0) {
                throw new IOException("socketpair closed after " + got + " bytes");
            }
            got += n;
        }
        return seg.asSlice(0, len).toArray(ValueLayout.JAVA_BYTE);
    }

    @Override
    public void close() {
        transport.closeSockets();
        try (Arena a = Arena.ofConfined()) {
            int k = (int) KILL.invokeExact(pid, SIGTERM);
            int w = (int) WAITPID.invokeExact(pid, a.allocate(INT), 0);
            int c = (int) CLOSE.invokeExact(ourEnd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        arena.close();
    }

    /** libqtest's two line protocols over the accepted sockets. */
    private static final class Transport implements QtestTransport {
        private final SocketChannel qtest;
        private final SocketChannel qmp;
        private final BufferedReader qtestIn;
        private final OutputStream qtestOut;
        private final BufferedReader qmpIn;
        private final OutputStream qmpOut;
        private final String greeting;

        Transport(SocketChannel qtest, SocketChannel qmp) throws IOException {
            this.qtest = qtest;
            this.qmp = qmp;
            this.qtestIn = new BufferedReader(new InputStreamReader(Channels.newInputStream(qtest),
                    StandardCharsets.ISO_8859_1));
            this.qtestOut = Channels.newOutputStream(qtest);
            this.qmpIn = new BufferedReader(new InputStreamReader(Channels.newInputStream(qmp),
                    StandardCharsets.UTF_8));
            this.qmpOut = Channels.newOutputStream(qmp);
            this.greeting = qmpIn.readLine();
        }

        private static void send(OutputStream out, String line) {
            try {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static String line(BufferedReader in) {
            try {
                String l = in.readLine();
                if (l == null) {
                    throw new IllegalStateException("the machine closed the socket");
                }
                return l;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public List<String> qtest(String command) {
            send(qtestOut, command);
            List<String> lines = new ArrayList<>(1);
            while (true) {
                String l = line(qtestIn);
                lines.add(l);
                if (!l.startsWith("IRQ")) {
                    return lines;
                }
            }
        }

        @Override
        public String qmp(String json) {
            send(qmpOut, json);
            while (true) {
                String l = line(qmpIn);
                if (l.contains("\"return\"") || l.contains("\"error\"")) {
                    return l;
                }
            }
        }

        @Override
        public void qmpSend(String text) {
            send(qmpOut, text);
        }

        @Override
        public String qmpReceive() {
            return line(qmpIn);
        }

        @Override
        public String qmpGreeting() {
            return greeting;
        }

        void closeSockets() {
            try {
                qtest.close();
                qmp.close();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public int terminate() {
            closeSockets();
            return 0;
        }

        @Override
        public String backendName() {
            return "jvm-process";
        }
    }
}
