package io.qtestjvm.qos.runner;

import io.qtestjvm.qos.libqtest.QtestTransport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Keeps the last few exchanges of a transport, to show what the machine was asked and answered just before a test
 * failed (what {@code QTEST_LOG} would have printed last). Owned by one thread.
 */
final class TailTransport implements QtestTransport {
    static final int KEPT = 8;

    private final QtestTransport inner;
    private final Deque<String> tail = new ArrayDeque<>(KEPT + 1);

    TailTransport(QtestTransport inner) {
        this.inner = inner;
    }

    List<String> tail() {
        return new ArrayList<>(tail);
    }

    private void keep(String line) {
        if (tail.size() == KEPT) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    @Override
    public List<String> qtest(String command) {
        keep("> " + command);
        List<String> r = inner.qtest(command);
        tail.removeLast();
        keep("> " + command + "  =>  " + String.join(" | ", r));
        return r;
    }

    @Override
    public String qmp(String json) {
        keep("qmp> " + json.strip());
        String r = inner.qmp(json);
        tail.removeLast();
        keep("qmp> " + json.strip() + "  =>  " + r);
        return r;
    }

    @Override
    public void qmpSend(String text) {
        keep("qmp> " + text.strip());
        inner.qmpSend(text);
    }

    @Override
    public String qmpReceive() {
        String r = inner.qmpReceive();
        keep("qmp< " + r);
        return r;
    }

    @Override
    public List<String> qmpEvents() {
        return inner.qmpEvents();
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
