package io.qtestjvm.server.board;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * The bytes a host file occupies on disk (POSIX {@code stat}'s {@code st_blocks} in 512-byte units), which QEMU
 * reports as an image's {@code actual-size}; Java's file attributes do not carry it. Read through FFM from libc's
 * {@code stat}; {@code st_blocks} is at byte 64 of {@code struct stat} on Linux x86_64 and on the generic layout of
 * aarch64. -1 when it cannot be read (QEMU then leaves {@code actual-size} out).
 */
public final class HostFileStat {
    private static final long ST_BLOCKS = 64;
    private static final long STAT_SIZE = 256;

    private HostFileStat() {
    }

    private static MethodHandle stat() {
        String arch = System.getProperty("os.arch");
        if (!System.getProperty("os.name").equals("Linux") || !(arch.equals("amd64") || arch.equals("aarch64"))) {
            return null;
        }
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup().find("stat").map(a -> linker.downcallHandle(a, FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS))).orElse(null);
    }

    /** Allocated bytes of {@code file}, or -1. */
    public static long allocatedBytes(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle h = stat();
            if (h == null) {
                return -1;
            }
            MemorySegment buf = arena.allocate(STAT_SIZE, 8);
            int rc = (int) h.invokeExact(arena.allocateFrom(file.toString()), buf);
            return rc != 0 ? -1 : buf.get(ValueLayout.JAVA_LONG, ST_BLOCKS) * 512;
        } catch (Throwable e) {
            return -1;
        }
    }
}
