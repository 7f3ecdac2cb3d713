package io.qtestjvm.qos.libqtest;

import java.util.List;

/**
 * How a {@link QTestState} reaches a machine: a spawned process over unix sockets (real QEMU or the stand-in), or
 * the stand-in in this JVM. Lines are exchanged without their newline.
 */
public interface QtestTransport extends AutoCloseable {
    /**
     * Sends one qtest command and returns the lines received up to and including the reply: any asynchronous
     * {@code IRQ ...} lines first, the reply last.
     */
    List<String> qtest(String command);

    /** Sends one QMP message (JSON text) and returns the next message that is not an event; events are queued. */
    String qmp(String json);

    /** Sends raw QMP text without waiting for anything. */
    void qmpSend(String text);

    /** The next QMP message of any kind (events included), waiting up to the transport's timeout. */
    String qmpReceive();

    /**
     * Events received while waiting for replies and not yet handed out by {@link #qmpReceive()}, oldest first; the
     * caller takes them. A transport that hands queued events out through {@code qmpReceive} answers none.
     */
    default List<String> qmpEvents() {
        return List.of();
    }

    /**
     * Not sent to the machine: the client starts waiting for the device (a poll). A transport that records its
     * exchanges notes it, so that a comparison of two runs can tell the poll's looks from the rest.
     */
    default void pollBegin() {
    }

    /**
     * Not sent to the machine: the exchanges since {@link #pollBegin()} or the previous retry were a look that found
     * the device not ready yet (and the wait after it); the poll looks again.
     */
    default void pollRetry() {
    }

    /** The greeting received when the monitor connected (null when there is no monitor). */
    String qmpGreeting();

    /** Ends the machine as libqtest does (SIGTERM for a process) and returns its exit status. */
    int terminate();

    /** A short name for reports: {@code jvm}, {@code jvm-process}, {@code qemu}. */
    String backendName();

    @Override
    default void close() {
        terminate();
    }
}
