package io.qtestjvm.qos.tracediff;

import io.qtestjvm.qos.libqtest.QtestTransport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Wraps a transport and records every qtest and QMP exchange, in order, for {@link TraceDiff}. */
public final class RecordingTransport implements QtestTransport {
    private final QtestTransport inner;
    private final List<Exchange> trace = new ArrayList<>();

    public RecordingTransport(QtestTransport inner) {
        this.inner = inner;
        if (inner.qmpGreeting() != null) {
            trace.add(new Exchange(Exchange.Channel.QMP, "(greeting)", List.of(inner.qmpGreeting())));
        }
    }

    public List<Exchange> trace() {
        return Collections.unmodifiableList(trace);
    }

    @Override
    public List<String> qtest(String command) {
        List<String> r = inner.qtest(command);
        trace.add(new Exchange(Exchange.Channel.QTEST, command, List.copyOf(r)));
        return r;
    }

    @Override
    public String qmp(String json) {
        String r = inner.qmp(json);
        trace.add(new Exchange(Exchange.Channel.QMP, json, List.of(r)));
        return r;
    }

    @Override
    public void qmpSend(String text) {
        trace.add(new Exchange(Exchange.Channel.QMP, text, List.of()));
        inner.qmpSend(text);
    }

    @Override
    public String qmpReceive() {
        String r = inner.qmpReceive();
        trace.add(new Exchange(Exchange.Channel.QMP, "(receive)", List.of(r)));
        return r;
    }

    @Override
    public List<String> qmpEvents() {
        List<String> r = inner.qmpEvents();
        if (!r.isEmpty()) {
            trace.add(new Exchange(Exchange.Channel.QMP, "(queued events)", List.copyOf(r)));
        }
        return r;
    }

    @Override
    public void pollBegin() {
        trace.add(new Exchange(Exchange.Channel.QTEST, TraceDiff.POLL_BEGIN, List.of()));
        inner.pollBegin();
    }

    @Override
    public void pollRetry() {
        trace.add(new Exchange(Exchange.Channel.QTEST, TraceDiff.POLL_RETRY, List.of()));
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
