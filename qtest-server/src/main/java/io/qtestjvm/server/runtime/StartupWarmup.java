package io.qtestjvm.server.runtime;

import io.qtestjvm.server.board.cpu.CpuCatalog;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentLinkedQueue;

import sun.security.jca.ProviderList;
import sun.security.jca.Providers;

/**
 * Does, on a second thread, the start-up work that does not depend on the command line, while the machine thread
 * parses it and builds the board: readying the JDK's socket machinery, then the work the machine thread hands over
 * for that moment (a libqtest launch's connections, {@link StartupConnections}), then reading the arch's CPU models
 * (an immutable catalog, read once per process). The first unix-domain channel initialises the JDK's unix socket support
 * (which asks for a {@code SecureRandom}, below), and the first registration and hand-over queue set up their field
 * handles: ~5 ms of cold code, and the sockets are what the machine thread waits for when the board is built, so they
 * come first (the catalog first was slower: docs/performance.md, fourth round). The machine thread then finds each
 * done, or waits for it (class initialisation is once per process), never longer than doing it itself.
 *
 * <p>The JDK's unix socket support asks the security providers for a {@code NativePRNGNonBlocking} generator when it
 * is first used. With the JDK's provider list that loaded the security configuration, the {@code SUN} provider's
 * service table and the OID table: ~12 ms, then the longest part of the start-up's critical path. The sockets are
 * readied with a provider list of this thread only ({@code sun.security.jca.Providers}, the JDK's own mechanism for a
 * thread-local list, exported by the launchers and the jar's manifest) whose one provider, {@link UrandomProvider},
 * reads {@code /dev/urandom} as the JDK's generator does; the process's list is untouched. Without the export the
 * JDK's list serves, as before.
 *
 * <p>The JDK looks for a selector provider as a service on the class path unless a system property names one: with
 * the classes coming from the AOT cache, that look-up was the first to open and index the jar, 14 ms of a cold start
 * (measured with {@code -Xlog:class+init} and timestamps around {@code Selector.open}). {@link #start} names the
 * platform's own provider, the one the look-up finds anyway, before anything opens a selector.
 */
final class StartupWarmup {
    private final Object lock = new Object();
    /** Set (under {@link #lock}) once the JDK's sockets are ready. */
    private boolean socketsReady;
    /** Work handed over to run once they are ({@link #afterSockets}). */
    private Runnable handed;

    private StartupWarmup() {
    }

    /** The system property {@code SelectorProvider.provider()} reads before it looks on the class path. */
    static final String SELECTOR_PROVIDER_PROPERTY = "java.nio.channels.spi.SelectorProvider";
    /** The JDK's provider on Linux, the only platform the stand-in runs on (it links libc's {@code _exit}). */
    static final String LINUX_SELECTOR_PROVIDER = "sun.nio.ch.EPollSelectorProvider";

    static StartupWarmup start(String arch) {
        nameSelectorProvider();
        StartupWarmup w = new StartupWarmup();
        Thread t = new Thread(() -> w.run(arch), "startup-warmup");
        t.setDaemon(true);
        t.start();
        return w;
    }

    /**
     * Runs {@code work} on the warm-up thread as soon as the JDK's sockets are ready (before the CPU catalog), or
     * now, on the calling thread, if they already are: the chardevs connect there while the machine thread builds
     * the board ({@link StartupConnections}).
     */
    void afterSockets(Runnable work) {
        synchronized (lock) {
            if (!socketsReady) {
                handed = work;
                return;
            }
        }
        work.run();
    }

    /** Names the platform's selector provider unless the user named one (or this is not Linux). */
    static void nameSelectorProvider() {
        if (System.getProperty(SELECTOR_PROVIDER_PROPERTY) == null
                && System.getProperty("os.name", "").equals("Linux")) {
            System.setProperty(SELECTOR_PROVIDER_PROPERTY, LINUX_SELECTOR_PROVIDER);
        }
    }

    private void run(String arch) {
        try {
            readySockets();
        } finally {
            // whatever happened above, handed work runs: the machine thread waits for it
            Runnable work;
            synchronized (lock) {
                socketsReady = true;
                work = handed;
                handed = null;
            }
            if (work != null) {
                work.run();
            }
        }
        CpuCatalog.forArch(arch);
        readyFirstRead();
    }

    /**
     * Readies what the machine thread's first wake-up and read run, while it is still building the board: a select
     * translates the keys' interest and ready operations through {@code sun.nio.ch.Net}'s constants, whose class
     * initialisation looks at the host's IPv6 support and the JDK's extended socket options (~1.4 ms, measured with
     * {@code -Xlog:class+init}), and a channel's first read loads the JDK's socket-read event class from the runtime
     * image (event classes stay out of the AOT cache). Both sat between the finished board and the first reply.
     */
    private static void readyFirstRead() {
        try (Selector s = Selector.open(); SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.configureBlocking(false);
            c.register(s, SelectionKey.OP_READ);
            s.selectNow(StartupWarmup::ignore);
            c.read(ByteBuffer.allocate(1)); // not connected: throws, after the event class is loaded
        } catch (IOException | RuntimeException e) {
            // expected (NotYetConnectedException); the machine thread does whatever is left
        }
    }

    private static void ignore(SelectionKey k) {
    }

    private static void readySockets() {
        ConcurrentLinkedQueue<Runnable> q = new ConcurrentLinkedQueue<>();
        q.offer(StartupWarmup::nothing);
        q.poll();
        ProviderList previous = null;
        boolean own = false;
        try {
            previous = Providers.beginThreadProviderList(ProviderList.newList(new UrandomProvider()));
            own = true;
        } catch (LinkageError e) {
            // sun.security.jca not exported (a JVM started without the launcher's flags): the JDK's providers serve
        }
        try (Selector s = Selector.open(); SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.configureBlocking(false);
            SelectionKey k = c.register(s, SelectionKey.OP_READ, q);
            k.attach(null);
        } catch (IOException | RuntimeException e) {
            // the machine thread opens its own and reports what fails
        } finally {
            if (own) {
                Providers.endThreadProviderList(previous);
            }
        }
    }

    private static void nothing() {
    }
}
