package io.qtestjvm.server.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 4: inputs near and past QEMU's limits get QEMU's answer, keep the session alive, and never make
 * the server hold more than a bounded multiple of the limit. Replies are checked as they stream out, without
 * keeping them.
 */
class QmpHugeInputTest {
    /** Keeps the start and the end of what is written, counts the rest and the largest single write. */
    private static final class Tail implements QmpOutput {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] last = new byte[0];
        long total;
        int largestWrite;

        @Override
        public void write(byte[] data, int off, int len) {
            total += len;
            largestWrite = Math.max(largestWrite, len);
            if (head.size() < 256) {
                head.write(data, off, Math.min(len, 256));
            }
            byte[] joined = Arrays.copyOf(last, last.length + Math.min(len, 256));
            System.arraycopy(data, off + len - Math.min(len, 256), joined, last.length, Math.min(len, 256));
            last = Arrays.copyOfRange(joined, Math.max(0, joined.length - 256), joined.length);
        }

        String start() {
            return head.toString(StandardCharsets.US_ASCII);
        }

        String end() {
            return new String(last, StandardCharsets.US_ASCII);
        }

        void clear() {
            head.reset();
            last = new byte[0];
            total = 0;
            largestWrite = 0;
        }
    }

    private final Tail wire = new Tail();
    private final QmpSession session;

    QmpHugeInputTest() {
        QmpHost host = new QmpHost() {
            @Override
            public VmRunState runState() {
                return VmRunState.running();
            }

            @Override
            public void requestExit(int status) {
            }
        };
        QmpMonitor monitor = new QmpMonitor(QemuVersions.DEBIAN_7_2, QmpMonitor.defaultRegistry(), host,
                () -> QmpHarness.CLOCK_MICROS, true);
        session = monitor.openSession(wire);
        send("{\"execute\": \"qmp_capabilities\"}");
        wire.clear();
    }

    private void send(String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
        session.feed(b, 0, b.length);
    }

    /** Sends {@code count} copies of {@code unit} in pieces, never holding them all. */
    private void sendRepeated(byte[] unit, long count) {
        int perPiece = (64 << 10) / unit.length;
        byte[] piece = new byte[perPiece * unit.length];
        for (int i = 0; i < perPiece; i++) {
            System.arraycopy(unit, 0, piece, i * unit.length, unit.length);
        }
        for (long left = count; left > 0; left -= perPiece) {
            session.feed(piece, 0, (int) Math.min(left, perPiece) * unit.length);
        }
    }

    @Test
    void fiftyMegabyteNonAsciiCommandNameIsAnsweredInBoundedChunks() {
        long chars = 25_000_000;
        send("{\"execute\": \"");
        sendRepeated("\u00e9".getBytes(StandardCharsets.UTF_8), chars);
        send("\"}");
        // QEMU answers with the name quoted back, every 'é' as \u00E9: 150 MB of reply.
        String prefix = "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command ";
        String suffix = " has not been found\"}}\r\n";
        assertTrue(wire.start().startsWith(prefix + "\\u00E9\\u00E9"), wire.start());
        assertTrue(wire.end().endsWith("\\u00E9\\u00E9" + suffix), wire.end());
        assertEquals(prefix.length() + chars * 6 + suffix.length(), wire.total);
        assertTrue(wire.largestWrite <= WireText.CHUNK, "largest write " + wire.largestWrite);
        wire.clear();
        send("{\"execute\": \"query-status\"}");
        assertEquals("{\"return\": {\"status\": \"running\", \"singlestep\": false, \"running\": true}}\r\n",
                wire.start());
    }

    @Test
    void overLongStringIsRefusedWithQemusErrorAndTheSessionGoesOn() {
        send("{\"execute\": \"");
        sendRepeated("\u00e9".getBytes(StandardCharsets.UTF_8), 40L << 20);
        send("\"}");
        assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON token size limit exceeded\"}}\r\n"
                + "{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error, expecting value\"}}\r\n",
                wire.start());
        wire.clear();
        send("{\"execute\": \"query-status\"}");
        assertEquals("{\"return\": {\"status\": \"running\", \"singlestep\": false, \"running\": true}}\r\n",
                wire.start());
    }
}
