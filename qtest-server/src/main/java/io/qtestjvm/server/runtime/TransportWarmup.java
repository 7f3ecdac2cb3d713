package io.qtestjvm.server.runtime;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Readies the JDK's socket machinery on a second thread while the machine thread parses the command line and builds
 * the board. The first {@code Selector} looks up a selector provider (a service scan of the class path), and the
 * first unix-domain channel initialises the JDK's unix socket support, which seeds a {@code SecureRandom} and so
 * loads the security providers: together some 10-20 ms of cold code that does not depend on the machine. Done here,
 * it overlaps board construction on a second core; the machine thread's own {@code Selector.open} and
 * {@code connect} then find it done (or wait for it, never longer than doing it themselves).
 */
final class TransportWarmup {
    private TransportWarmup() {
    }

    static void start() {
        Thread t = new Thread(TransportWarmup::run, "transport-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try (Selector s = Selector.open(); SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            // the machine thread opens its own and reports what fails
        }
    }
}
