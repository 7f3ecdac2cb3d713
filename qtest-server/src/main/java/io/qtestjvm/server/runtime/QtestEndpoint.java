package io.qtestjvm.server.runtime;

import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.qtest.Compat;
import io.qtestjvm.server.qtest.QtestEngine;
import io.qtestjvm.server.qtest.QtestLog;

/** Binds the qtest engine to a transport: one engine per {@code -qtest} chardev, reused across reconnections. */
public final class QtestEndpoint implements Endpoint {
    private final QtestEngine engine;
    private Link link;

    public QtestEndpoint(Board board, Compat compat, boolean qtestAccel, QtestLog log) {
        this.engine = new QtestEngine(board, compat, qtestAccel, this::out, log);
    }

    private void out(byte[] buf, int off, int len) {
        Link l = link;
        if (l != null) {
            l.write(buf, off, len);
        }
    }

    public QtestEngine engine() {
        return engine;
    }

    @Override
    public void connected(Link newLink) {
        this.link = newLink;
        engine.opened();
    }

    @Override
    public void received(byte[] buf, int off, int len) {
        engine.feed(buf, off, len);
    }

    @Override
    public void disconnected() {
        engine.closed();
        link = null;
    }
}
