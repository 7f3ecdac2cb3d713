package io.qtestjvm.qos.backend;

import io.qtestjvm.qos.libqtest.QtestTransport;
import io.qtestjvm.server.InJvmServer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The {@code [jvm]} backend: the stand-in's engine in this JVM, adapted to qos-client's transport (test scope).
 * Negotiates QMP capabilities at start, as libqtest does with a process.
 */
public final class InJvmTransport implements QtestTransport {
    private final InJvmServer server;
    private final Deque<String> qmpMessages = new ArrayDeque<>();
    private final List<String> events = new ArrayList<>();
    private final String greeting;
    private boolean closed;

    public InJvmTransport(InJvmServer server) {
        this.server = server;
        this.greeting = server.qmpGreeting().strip();
        qmp("{\"execute\": \"qmp_capabilities\"}");
    }

    public InJvmServer server() {
        return server;
    }

    @Override
    public List<String> qtest(String command) {
        String text = server.qtest(command);
        List<String> lines = new ArrayList<>(1);
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            lines.add(text.substring(start, nl));
            start = nl + 1;
        }
        return lines;
    }

    private void split(String text) {
        for (String m : text.split("\r\n")) {
            if (!m.isBlank()) {
                qmpMessages.add(m);
            }
        }
    }

    @Override
    public String qmp(String json) {
        qmpSend(json);
        while (!qmpMessages.isEmpty()) {
            String m = qmpMessages.poll();
            if (m.contains("\"event\": ")) {
                events.add(m);
            } else {
                return m;
            }
        }
        throw new IllegalStateException("[jvm] no QMP reply to " + json);
    }

    @Override
    public void qmpSend(String text) {
        split(server.qmpPending());
        split(server.qmp(text.endsWith("\n") ? text : text + "\n"));
    }

    @Override
    public String qmpReceive() {
        if (!events.isEmpty()) {
            return events.remove(0);
        }
        split(server.qmpPending());
        String m = qmpMessages.poll();
        if (m == null) {
            throw new IllegalStateException("[jvm] no QMP message pending (the in-JVM machine cannot wait)");
        }
        return m;
    }

    @Override
    public String qmpGreeting() {
        return greeting;
    }

    @Override
    public int terminate() {
        if (!closed) {
            closed = true;
            server.close();
            InternalErrorCheck.assertNone(this);
        }
        int status = server.exitStatus();
        return status < 0 ? 0 : status;
    }

    @Override
    public String backendName() {
        return "jvm";
    }
}
