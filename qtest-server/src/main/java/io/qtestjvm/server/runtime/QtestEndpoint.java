package io.qtestjvm.server.runtime;

import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.qtest.Compat;
import io.qtestjvm.server.qtest.QtestEngine;
import io.qtestjvm.server.qtest.QtestLog;

/** Binds the qtest engine to a transport: one engine per {@code -qtest} chardev, reused across reconnections. */
public final class QtestEndpoint implements Endpoint {
    private final QtestEngine engine;
    private Link link;
    /** Run once, after the first input has been served (then null). */
    private Runnable afterFirstInput;

    public QtestEndpoint(Board board, Compat compat, boolean qtestAccel, QtestLog log) {
        this.engine = new QtestEngine(board, compat, qtestAccel, this::out, log);
    }

    /**
     * Work to start once the first command has been answered: the process's own preparations that the first reply
     * should not wait for (the start-up time libqtest sees ends with that reply).
     */
    public void afterFirstInput(Runnable work) {
        this.afterFirstInput = work;
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
        Runnable after = afterFirstInput;
        if (after != null) {
            afterFirstInput = null;
            after.run();
        }
    }

    @Override
    public void disconnected() {
        engine.closed();
        link = null;
    }
}
