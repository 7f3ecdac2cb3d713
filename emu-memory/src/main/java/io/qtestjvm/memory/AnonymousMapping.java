package io.qtestjvm.memory;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Reserved, zero-filled address space outside the Java heap, committed page by page on first write, which is how
 * QEMU backs guest RAM. Two ways to get it, in this order when the process has asked for file-backed RAM
 * ({@link SparseRam#BACKING_PROPERTY} {@code file}: the stand-in's process, one machine per JVM), else only the
 * second (a JVM that makes many machines links FFM once and then maps each cheaply; a file per machine cost the
 * in-JVM graph run ~25 % more time):
 * <ol>
 * <li>a private mapping ({@code MAP_PRIVATE}, POSIX.1-2017 mmap) of a sparse file made for it in the JDK's
 *     temporary directory (or {@code /var/tmp}) and unlinked at once, through the JDK's own {@code FileChannel.map}:
 *     every page reads as zero (a hole of the file), a page written becomes the process's own copy and never reaches
 *     the file or the disk, and no native call has to be linked. Only on a disk file system ({@link FileBacking}):
 *     on tmpfs a read of a hole takes a page of that file system, which a small one answers with SIGBUS. Only up to
 *     {@link FileBacking#MAX}: a private writable mapping is charged in full to the host's commit limit, and the
 *     JDK answers a refusal with a collection and a 100 ms pause before it gives up. A page first written costs a
 *     page of the file's cache (zeros, with the kernel's read-around) besides its own copy; the cache is clean,
 *     reclaimable, and dropped with the unlinked file when the mapping goes;</li>
 * <li>else an anonymous {@code mmap} with {@code MAP_NORESERVE} (Linux mmap(2)) called through FFM, whose linking
 *     costs tens of milliseconds of CPU, which every short-lived stand-in paid (docs/performance.md, fifth round).</li>
 * </ol>
 * The mapping is released by {@link #release()} or, for one that nobody released, when its owner becomes
 * unreachable.
 */
final class AnonymousMapping {
    // Linux values, identical on x86-64 and AArch64 (asm-generic/mman-common.h)
    private static final int PROT_READ = 0x1;
    private static final int PROT_WRITE = 0x2;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MAP_NORESERVE = 0x4000;
    private static final long MAP_FAILED = -1L;

    private final MemorySegment segment;
    private final Cleaner.Cleanable cleanable;

    /** Releases mappings nobody released (a holder of its own: it links nothing). */
    private static final class Cleanup {
        static final Cleaner CLEANER = Cleaner.create();

        private Cleanup() {
        }
    }

    /**
     * Where and how large file-backed mappings are, decided once per process. {@link #DIR}: the JDK's temporary
     * directory, else {@code /var/tmp}, when it is a writable directory on a local disk file system (one that keeps
     * a file's holes without memory); null when neither is. {@link #MAX}: what the kernel's overcommit policy
     * ({@code /proc/sys/vm/overcommit_memory}, Linux's overcommit-accounting document) grants a private writable
     * mapping without a refusal: any size under policy 1, none under policy 2 (strict accounting, where the
     * anonymous mapping is charged alike), and under the heuristic policy 0, which refuses one larger than RAM and
     * swap together, half of those; 2 GiB when the files cannot be read.
     */
    static final class FileBacking {
        private static final Set<String> DISK_FILE_SYSTEMS = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "f2fs",
                "overlay", "zfs");
        static final Path DIR = choose(); // after the set it reads
        static final long MAX = commitBound();

        private FileBacking() {
        }

        private static long commitBound() {
            try {
                String policy = Files.readString(Path.of("/proc/sys/vm/overcommit_memory")).strip();
                if (policy.equals("1")) {
                    return Long.MAX_VALUE;
                }
                if (!policy.equals("0")) {
                    return 0;
                }
                long kib = 0;
                for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (l.startsWith("MemTotal:") || l.startsWith("SwapTotal:")) {
                        String[] f = l.split("\\s+");
                        kib += Long.parseLong(f[1]);
                    }
                }
                return kib > 0 ? kib * 1024 / 2 : 2L << 30;
            } catch (IOException | RuntimeException e) {
                return 2L << 30;
            }
        }

        private static Path choose() {
            for (String d : new String[] {System.getProperty("java.io.tmpdir"), "/var/tmp"}) {
                if (d == null || d.isEmpty()) {
                    continue;
                }
                try {
                    Path p = Path.of(d);
                    if (Files.isDirectory(p) && Files.isWritable(p)
                            && DISK_FILE_SYSTEMS.contains(Files.getFileStore(p).type())) {
                        return p;
                    }
                } catch (IOException | RuntimeException e) {
                    // not this one
                }
            }
            return null;
        }
    }

    private static final Set<StandardOpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ, StandardOpenOption.WRITE);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /**
     * The linked {@code mmap}, made on first use (class initialisation is thread-safe and happens once). Each call
     * linked costs milliseconds of CPU, so {@code munmap}, which a process that ends with its machine never calls,
     * is linked apart, when first needed.
     */
    private static final class Mapper {
        static final MethodHandle MMAP;

        static {
            Linker linker = Linker.nativeLinker();
            MMAP = linker.downcallHandle(linker.defaultLookup().find("mmap").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        }

        private Mapper() {
        }
    }

    /** The linked {@code munmap}, made when the first mapping is released. */
    private static final class Unmapper {
        static final MethodHandle MUNMAP;

        static {
            Linker linker = Linker.nativeLinker();
            MUNMAP = linker.downcallHandle(linker.defaultLookup().find("munmap").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        }

        private Unmapper() {
        }
    }

    /** Unmaps once; holds no reference to the owner, so that the owner can become unreachable. */
    private record Unmap(long address, long size) implements Runnable {
        @Override
        public void run() {
            try {
                int unused = (int) Unmapper.MUNMAP.invokeExact(address, size);
            } catch (Throwable t) {
                // nothing more can be done for address space we cannot give back
            }
        }
    }

    /** Closes the arena of a file-backed mapping once (which unmaps it); holds no reference to the owner. */
    private record CloseArena(Arena arena) implements Runnable {
        @Override
        public void run() {
            arena.close();
        }
    }

    private AnonymousMapping(Object owner, MemorySegment segment, Runnable release) {
        this.segment = segment;
        this.cleanable = Cleanup.CLEANER.register(owner, release);
    }

    /**
     * Readies the mapping of guest RAM ahead of its first write, e.g. on a background thread: chooses the directory
     * for file-backed mappings and, when there is none, links {@code mmap} (a few tens of milliseconds of CPU).
     */
    static void link() {
        if (!filesWanted() || FileBacking.DIR == null) {
            MethodHandle unused = Mapper.MMAP;
        }
    }

    /** Whether the process asked for file-backed mappings (a property of the process, not of this class). */
    private static boolean filesWanted() {
        return "file".equals(System.getProperty(SparseRam.BACKING_PROPERTY));
    }

    /** A private mapping of a new, unlinked sparse file of {@code size} bytes, or null when none can be made. */
    static AnonymousMapping fileBacked(Object owner, long size) {
        Path dir = FileBacking.DIR;
        if (dir == null || size > FileBacking.MAX) {
            return null;
        }
        Path file = dir.resolve(".qtest-jvm-ram-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Arena arena = Arena.ofShared();
        boolean mapped = false;
        try (FileChannel ch = FileChannel.open(file, CREATE, OWNER_ONLY)) {
            MemorySegment m = ch.map(FileChannel.MapMode.PRIVATE, 0, size, arena); // extends the file: all hole
            mapped = true;
            return new AnonymousMapping(owner, m, new CloseArena(arena));
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            if (!mapped) {
                arena.close();
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // an empty sparse file left behind, named for this process
            }
        }
    }

    /**
     * Reserves {@code size} bytes for {@code owner}.
     *
     * @throws IllegalStateException when the host refuses the reservation (address space or map count exhausted)
     */
    static AnonymousMapping reserve(Object owner, long size) {
        AnonymousMapping fromFile = filesWanted() ? fileBacked(owner, size) : null;
        if (fromFile != null) {
            return fromFile;
        }
        long addr;
        try {
            addr = (long) Mapper.MMAP.invokeExact(0L, size, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot reserve " + size + " bytes of guest RAM: " + t, t);
        }
        if (addr == MAP_FAILED || addr == 0) {
            throw new IllegalStateException("cannot reserve " + size + " bytes of guest RAM: Cannot allocate memory");
        }
        return new AnonymousMapping(owner, MemorySegment.ofAddress(addr).reinterpret(size), new Unmap(addr, size));
    }

    /**
     * The mapped memory. A segment of the file-backed mapping is bound to its arena (closed by {@link #release()},
     * after which an access throws); one of the anonymous mapping is not: no access may follow the release.
     */
    MemorySegment segment() {
        return segment;
    }

    long size() {
        return segment.byteSize();
    }

    /** Whether this is a private mapping of a file (else anonymous, through FFM): the JDK maps only files. */
    boolean fromFile() {
        return segment.isMapped();
    }

    /** Gives the address space back; idempotent. No access through {@link #segment()} may follow. */
    void release() {
        cleanable.clean();
    }
}
