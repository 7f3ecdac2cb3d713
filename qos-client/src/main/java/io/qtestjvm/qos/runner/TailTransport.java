package io.qtestjvm.qos.runner;

import io.qtestjvm.qos.libqtest.QtestTransport;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the last few exchanges of a transport, to show what the machine was asked and answered just before a test
 * failed (what {@code QTEST_LOG} would have printed last). Only references are kept per exchange; the text is made
 * when a failure asks for it. Owned by one thread.
 */
final class TailTransport implements QtestTransport {
    static final int KEPT = 8;

    private final QtestTransport inner;
    private final String[] prefixes = new String[KEPT];
    private final String[] requests = new String[KEPT];
    private final Object[] replies = new Object[KEPT];
    private int next;
    private int count;

    TailTransport(QtestTransport inner) {
        this.inner = inner;
    }

    /** The kept exchanges, oldest first; a request still waiting for its reply shows without one. */
    List<String> tail() {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int k = Math.floorMod(next - count + i, KEPT);
            Object r = replies[k];
            String reply = r == null ? "" : "  =>  " + (r instanceof List<?> l ? String.join(" | ",
                    l.stream().map(String::valueOf).toList()) : r);
            out.add(prefixes[k] + requests[k].strip() + reply);
        }
        return out;
    }

    private int keep(String prefix, String request) {
        int k = next;
        prefixes[k] = prefix;
        requests[k] = request;
        replies[k] = null;
        next = (next + 1) % KEPT;
        count = Math.min(count + 1, KEPT);
        return k;
    }

    @Override
    public List<String> qtest(String command) {
        int k = keep("> ", command);
        List<String> r = inner.qtest(command);
        replies[k] = r;
        return r;
    }

    @Override
    public String qmp(String json) {
        int k = keep("qmp> ", json);
        String r = inner.qmp(json);
        replies[k] = r;
        return r;
    }

    @Override
    public void qmpSend(String text) {
        keep("qmp> ", text);
        inner.qmpSend(text);
    }

    @Override
    public String qmpReceive() {
        String r = inner.qmpReceive();
        keep("qmp< ", r);
        return r;
    }

    @Override
    public List<String> qmpEvents() {
        return inner.qmpEvents();
    }

    @Override
    public void pollBegin() {
        inner.pollBegin();
    }

    @Override
    public void pollRetry() {
        inner.pollRetry();
    }

    @Override
    public String qmpGreeting() {
        return inner.qmpGreeting();
    }

    @Override
    public int terminate() {
        return inner.terminate();
    }

    @Override
    public String backendName() {
        return inner.backendName();
    }
}
