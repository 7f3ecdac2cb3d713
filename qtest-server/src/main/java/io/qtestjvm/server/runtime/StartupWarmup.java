package io.qtestjvm.server.runtime;

import io.qtestjvm.server.board.cpu.CpuCatalog;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Does, on a second thread, the start-up work that does not depend on the command line, while the machine thread
 * parses it and builds the board: reading the arch's CPU models (an immutable catalog, read once per process), and
 * readying the JDK's socket machinery. The first {@code Selector} looks up a selector provider, the first unix-domain
 * channel initialises the JDK's unix socket support (which seeds a {@code SecureRandom} and so loads the security
 * providers), and the first registration and hand-over queue set up their field handles: together 10-20 ms of cold
 * code. The machine thread then finds each done, or waits for it (class initialisation is once per process), never
 * longer than doing it itself.
 */
final class StartupWarmup {
    private StartupWarmup() {
    }

    static void start(String arch) {
        Thread t = new Thread(() -> run(arch), "startup-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run(String arch) {
        CpuCatalog.forArch(arch);
        ConcurrentLinkedQueue<Runnable> q = new ConcurrentLinkedQueue<>();
        q.offer(StartupWarmup::nothing);
        q.poll();
        try (Selector s = Selector.open(); SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.configureBlocking(false);
            SelectionKey k = c.register(s, SelectionKey.OP_READ, q);
            k.attach(null);
        } catch (IOException | RuntimeException e) {
            // the machine thread opens its own and reports what fails
        }
    }

    private static void nothing() {
    }
}
