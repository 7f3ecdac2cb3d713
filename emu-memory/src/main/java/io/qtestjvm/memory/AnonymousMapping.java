package io.qtestjvm.memory;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;

/**
 * Reserved, zero-filled address space outside the Java heap: a private anonymous {@code mmap} with
 * {@code MAP_NORESERVE} (POSIX.1-2017 mmap; Linux mmap(2)), called through FFM. Nothing is committed until a page
 * is first written, and pages never written cost nothing, which is how QEMU backs guest RAM. The mapping is
 * released by {@link #release()} or, for one that nobody released, when its owner becomes unreachable.
 */
final class AnonymousMapping {
    // Linux values, identical on x86-64 and AArch64 (asm-generic/mman-common.h)
    private static final int PROT_READ = 0x1;
    private static final int PROT_WRITE = 0x2;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MAP_NORESERVE = 0x4000;
    private static final long MAP_FAILED = -1L;

    private final long address;
    private final long size;
    private final Cleaner.Cleanable cleanable;

    /**
     * The linked {@code mmap}, made on first use (class initialisation is thread-safe and happens once). Each call
     * linked costs milliseconds of CPU, so {@code munmap}, which a process that ends with its machine never calls,
     * is linked apart, when first needed.
     */
    private static final class Mapper {
        static final MethodHandle MMAP;
        static final Cleaner CLEANER = Cleaner.create();

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

    private AnonymousMapping(Object owner, long address, long size) {
        this.address = address;
        this.size = size;
        this.cleanable = Mapper.CLEANER.register(owner, new Unmap(address, size));
    }

    /** Links {@code mmap} now (a few tens of milliseconds the first time), e.g. on a background thread. */
    static void link() {
        MethodHandle unused = Mapper.MMAP;
    }

    /**
     * Reserves {@code size} bytes for {@code owner}.
     *
     * @throws IllegalStateException when the host refuses the reservation (address space or map count exhausted)
     */
    static AnonymousMapping reserve(Object owner, long size) {
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
        return new AnonymousMapping(owner, addr, size);
    }

    long address() {
        return address;
    }

    long size() {
        return size;
    }

    /** Gives the address space back; idempotent. No access through {@link #address()} may follow. */
    void release() {
        cleanable.clean();
    }
}
