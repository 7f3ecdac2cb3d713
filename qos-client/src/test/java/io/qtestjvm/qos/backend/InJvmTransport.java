package io.qtestjvm.qos.backend;

import io.qtestjvm.qos.libqtest.QtestTransport;
import io.qtestjvm.server.InJvmServer;

import java.util.ArrayList;
import java.util.List;

/** The {@code [jvm]} backend: the stand-in's engine in this JVM, adapted to qos-client's transport (test scope). */
public final class InJvmTransport implements QtestTransport {
    private final InJvmServer server;

    public InJvmTransport(InJvmServer server) {
        this.server = server;
    }

    public InJvmServer server() {
        return server;
    }

    @Override
    public List<String> qtest(String command) {
        String text = server.qtest(command);
        List<String> lines = new ArrayList<>(1);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    @Override
    public String qmp(String json) {
        throw new UnsupportedOperationException("QMP is not wired to the in-JVM backend yet");
    }

    @Override
    public void qmpSend(String text) {
        throw new UnsupportedOperationException("QMP is not wired to the in-JVM backend yet");
    }

    @Override
    public String qmpReceive() {
        throw new UnsupportedOperationException("QMP is not wired to the in-JVM backend yet");
    }

    @Override
    public String qmpGreeting() {
        return null;
    }

    @Override
    public int terminate() {
        server.close();
        return 0;
    }

    @Override
    public String backendName() {
        return "jvm";
    }
}
