package io.qtestjvm.server.runtime;

import io.qtestjvm.memory.SparseRam;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * libc's {@code _exit} through FFM. The JVM's halt waits up to 300 ms for threads blocked in native calls (the
 * selector, the stdio reader), a cost qos-test would pay at every machine it stops; {@code _exit} ends the process
 * at once, after we have flushed what must be flushed. Linking the call takes tens of milliseconds, so
 * {@link #prepareInBackground()} does it off the start-up path.
 */
final class NativeExit {
    private NativeExit() {
    }

    /** The linked call, made on first use (class initialisation is thread-safe and happens once). */
    private static final class Holder {
        static final MethodHandle EXIT = link();

        private static MethodHandle link() {
            try {
                Linker linker = Linker.nativeLinker();
                return linker.downcallHandle(linker.defaultLookup().find("_exit").orElseThrow(),
                        FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
            } catch (RuntimeException | Error e) {
                return null; // no FFM: callers fall back to the JVM's halt
            }
        }
    }

    /**
     * Readies guest RAM's first write (its mapping made ahead, see {@link SparseRam#prepare()}; the native call
     * linked where one is needed) and links {@code _exit} when the process will need it, on a low-priority daemon
     * thread, so that neither the first RAM write nor a later exit pays for it. {@code _exit} is needed only when a
     * halt would wait ({@link ProcessLife#haltMayWait()}: a stdio reader, a socket netdev, an exit from another
     * thread); a process that needs it later (a netdev added by QMP) links it when it exits. Each call linked costs
     * milliseconds of CPU, which a qtest run of short machines pays on every machine.
     *
     * @param ram the machine's main memory, or null
     */
    static void prepareInBackground(SparseRam ram) {
        Thread t = new Thread(() -> {
            try {
                SparseRam.linkNativeCalls();
                if (ram != null) {
                    ram.prepare();
                }
            } catch (RuntimeException | Error e) {
                // the first write reports it
            }
            if (ProcessLife.haltMayWait()) {
                MethodHandle unused = Holder.EXIT;
            }
        }, "native-exit-link");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Ends the process with {@code status}; returns only when FFM is not available. */
    static void exit(int status) {
        MethodHandle h = Holder.EXIT;
        if (h != null) {
            try {
                h.invokeExact(status);
            } catch (Throwable t) {
                // fall through to the caller's halt
            }
        }
    }
}
