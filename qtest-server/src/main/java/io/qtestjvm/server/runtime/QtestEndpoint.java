package io.qtestjvm.server.runtime;

import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.qtest.Compat;
import io.qtestjvm.server.qtest.QtestEngine;
import io.qtestjvm.server.qtest.QtestLog;

/**
 * Binds the qtest engine to a transport: one engine per {@code -qtest} chardev, reused across reconnections.
 *
 * <p>The transport may connect without a machine (QEMU connects its qtest chardev, and writes the qtest log's
 * {@code OPENED} line, before it builds the board, so a board that failed still leaves that line): until
 * {@link #bind} gives the board there is no engine and a connection only opens the log. No input can arrive before
 * {@code bind}: the event loop reads nothing until it runs.
 */
public final class QtestEndpoint implements Endpoint {
    private final Compat compat;
    private final boolean qtestAccel;
    private final QtestLog log;
    private QtestEngine engine;
    private Link link;
    /** Run once, after the first input has been served (then null). */
    private Runnable afterFirstInput;

    /** An endpoint whose machine comes later ({@link #bind}). */
    public QtestEndpoint(Compat compat, boolean qtestAccel, QtestLog log) {
        this.compat = compat;
        this.qtestAccel = qtestAccel;
        this.log = log;
    }

    public QtestEndpoint(Board board, Compat compat, boolean qtestAccel, QtestLog log) {
        this(compat, qtestAccel, log);
        bind(board);
    }

    /** Gives the endpoint its machine; once, before the event loop runs. */
    public void bind(Board board) {
        if (engine != null) {
            throw new IllegalStateException("the qtest endpoint already has its machine");
        }
        engine = new QtestEngine(board, compat, qtestAccel, this::out, log);
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
        if (engine != null) {
            engine.opened();
        } else {
            log.opened(); // the engine, made later, starts in the state opened() gives
        }
    }

    @Override
    public void received(byte[] buf, int off, int len) {
        engine.feed(buf, off, len);
        afterInput();
    }

    @Override
    public void receivedLine(byte[] buf, int off, int len) {
        engine.feedLine(buf, off, len);
        afterInput();
    }

    private void afterInput() {
        Runnable after = afterFirstInput;
        if (after != null) {
            afterFirstInput = null;
            after.run();
        }
    }

    @Override
    public void disconnected() {
        if (engine != null) {
            engine.closed();
        } else {
            log.closed();
        }
        link = null;
    }
}
