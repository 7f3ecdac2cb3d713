package io.qtestjvm.qos.robustness;

import io.qtestjvm.qos.backend.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A QMP server socket ({@code -qmp unix:PATH,server=on,wait=off}) serves one client after another, as QEMU's socket
 * chardev does: a client that connects again at once, before the stand-in has seen the first one's end of file,
 * gets a greeting and its commands answered (once each reconnection lost its session to the old connection's close).
 */
class QmpReconnectTest {
    @Test
    @Timeout(60)
    void aClientReconnectingAtOnceIsServed() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "qtjq");
        Path sock = dir.resolve("m.sock");
        Process p = new ProcessBuilder(Backend.standIn("x86_64"),
                "-machine", "none", "-display", "none", "-qmp", "unix:" + sock + ",server=on,wait=off")
                .redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(sock) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            for (int round = 0; round < 20; round++) {
                try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    ch.connect(UnixDomainSocketAddress.of(sock));
                    String greeting = readLine(ch);
                    assertTrue(greeting.contains("\"QMP\""), "round " + round + ": " + greeting);
                    ch.write(ByteBuffer.wrap("{\"execute\":\"qmp_capabilities\"}\n".getBytes(StandardCharsets.US_ASCII)));
                    String reply = readLine(ch);
                    assertTrue(reply.contains("\"return\""), "round " + round + ": " + reply);
                }
            }
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(sock);
            Files.deleteIfExists(dir);
        }
    }

    private static String readLine(SocketChannel ch) throws IOException {
        StringBuilder sb = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (ch.read(one) < 0) {
                return sb.toString();
            }
            char c = (char) one.get(0);
            if (c == '\n') {
                return sb.toString();
            }
            sb.append(c);
        }
    }
}
