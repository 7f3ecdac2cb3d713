package io.qtestjvm.server.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * A socket descriptor this process inherited ({@code -netdev socket,fd=N}), adopted through the C library (FFM):
 * the JDK cannot wrap a raw descriptor in a channel. Blocking reads run on the back end's reader thread, writes on
 * its writer thread; {@link #close} shuts the socket down first so a blocked read returns.
 */
final class NativeFd {
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_TYPE = 3;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 0x800;
    private static final int SHUT_RDWR = 2;

    private static final MethodHandle READ;
    private static final MethodHandle WRITE;
    private static final MethodHandle GETSOCKOPT;
    private static final MethodHandle FCNTL;
    private static final MethodHandle SHUTDOWN;
    private static final MethodHandle CLOSE;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        ValueLayout.OfInt i = ValueLayout.JAVA_INT;
        ValueLayout.OfLong l = ValueLayout.JAVA_LONG;
        READ = linker.downcallHandle(libc.find("read").orElseThrow(),
                FunctionDescriptor.of(l, i, ValueLayout.ADDRESS, l));
        WRITE = linker.downcallHandle(libc.find("write").orElseThrow(),
                FunctionDescriptor.of(l, i, ValueLayout.ADDRESS, l));
        GETSOCKOPT = linker.downcallHandle(libc.find("getsockopt").orElseThrow(),
                FunctionDescriptor.of(i, i, i, i, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        FCNTL = linker.downcallHandle(libc.find("fcntl").orElseThrow(),
                FunctionDescriptor.of(i, i, i, i), Linker.Option.firstVariadicArg(2));
        SHUTDOWN = linker.downcallHandle(libc.find("shutdown").orElseThrow(), FunctionDescriptor.of(i, i, i));
        CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(i, i));
    }

    private final int fd;
    private final MemorySegment readBuf;
    private final MemorySegment writeBuf;
    private volatile boolean closed;

    private NativeFd(int fd, int bufSize) {
        this.fd = fd;
        Arena arena = Arena.ofAuto();
        this.readBuf = arena.allocate(bufSize);
        this.writeBuf = arena.allocate(bufSize);
    }

    /**
     * Adopts {@code fd}: its socket type, and blocking mode for the reader thread.
     * @return the descriptor, or null when it is not a socket (getsockopt fails)
     */
    static NativeFd adopt(int fd, int bufSize) {
        NativeFd n = new NativeFd(fd, bufSize);
        try {
            int flags = (int) FCNTL.invokeExact(fd, F_GETFL, 0);
            if (flags >= 0 && (flags & O_NONBLOCK) != 0) {
                int rc = (int) FCNTL.invokeExact(fd, F_SETFL, flags & ~O_NONBLOCK);
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return n;
    }

    /** SO_TYPE of the socket, or -1 when it is not a socket. */
    int socketType() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(ValueLayout.JAVA_INT);
            MemorySegment len = a.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, 4);
            int rc = (int) GETSOCKOPT.invokeExact(fd, SOL_SOCKET, SO_TYPE, v, len);
            return rc < 0 ? -1 : v.get(ValueLayout.JAVA_INT, 0);
        } catch (Throwable t) {
            return -1;
        }
    }

    int fd() {
        return fd;
    }

    /** Reads up to {@code len} bytes (one datagram on a datagram socket); -1 at end of stream or on an error. */
    int read(byte[] dst, int off, int len) {
        if (closed) {
            return -1;
        }
        long n;
        try {
            n = (long) READ.invokeExact(fd, readBuf, (long) Math.min(len, readBuf.byteSize()));
        } catch (Throwable t) {
            return -1;
        }
        if (n <= 0) {
            return -1;
        }
        MemorySegment.copy(readBuf, ValueLayout.JAVA_BYTE, 0, dst, off, (int) n);
        return (int) n;
    }

    /** Writes all of {@code len} bytes (a stream) or one datagram. */
    void write(byte[] src, int off, int len) throws IOException {
        MemorySegment.copy(src, off, writeBuf, ValueLayout.JAVA_BYTE, 0, len);
        long done = 0;
        while (done < len) {
            long n;
            try {
                n = (long) WRITE.invokeExact(fd, writeBuf.asSlice(done), (long) len - done);
            } catch (Throwable t) {
                throw new IOException(t);
            }
            if (n <= 0 || closed) {
                throw new IOException("write to fd " + fd + " failed");
            }
            done += n;
        }
    }

    /** Shuts the socket down: blocked reads and writes return; the descriptor stays ours until {@link #release}. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int rc = (int) SHUTDOWN.invokeExact(fd, SHUT_RDWR);
        } catch (Throwable t) {
            // already gone
        }
    }

    /** Closes the descriptor; call once no thread uses it. */
    void release() {
        close();
        try {
            int rc = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            // already gone
        }
    }
}
