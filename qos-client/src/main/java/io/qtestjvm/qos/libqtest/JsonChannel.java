package io.qtestjvm.qos.libqtest;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The QMP socket as libqmp reads it: a stream of JSON objects (QEMU separates them with CRLF, but nothing relies
 * on it); events (objects with an {@code event} member) met while waiting for a reply are queued.
 */
final class JsonChannel {
    private final LineChannel in;
    private final List<String> events = new ArrayList<>();

    JsonChannel(SocketChannel ch, long timeoutMs, String peer) throws IOException {
        this.in = new LineChannel(ch, timeoutMs, peer + " (QMP)");
    }

    void write(String text, String what) {
        in.write(text, what);
    }

    /** The next complete top-level JSON value, as text. */
    String next(String what) {
        while (true) {
            byte[] b = in.pending();
            int depth = 0;
            boolean inString = false;
            boolean escape = false;
            int start = -1;
            for (int i = in.pendingPos(); i < in.pendingLen(); i++) {
                byte c = b[i];
                if (start < 0) {
                    if (c == '{' || c == '[') {
                        start = i;
                        depth = 1;
                    }
                    continue;
                }
                if (inString) {
                    if (escape) {
                        escape = false;
                    } else if (c == '\\') {
                        escape = true;
                    } else if (c == '"') {
                        inString = false;
                    }
                    continue;
                }
                if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                    if (depth == 0) {
                        String text = new String(b, start, i + 1 - start, StandardCharsets.UTF_8);
                        in.consume(i + 1);
                        return text;
                    }
                }
            }
            in.fill(what);
        }
    }

    String nextNonEvent(String what) {
        while (true) {
            String m = next(what);
            if (isEvent(m)) {
                events.add(m);
            } else {
                return m;
            }
        }
    }

    static boolean isEvent(String message) {
        return message.startsWith("{\"timestamp\"") || message.contains("\"event\":");
    }

    List<String> events() {
        List<String> copy = new ArrayList<>(events);
        events.clear();
        return copy;
    }
}
