package io.qtestjvm.devices.block;

import java.util.ArrayDeque;

/**
 * One machine's block requests in flight: a storage device that handed a request to its drive finishes it here,
 * after the guest access that started it has returned (QEMU's asynchronous block I/O: the request is submitted
 * inside the access, its completion runs from the main loop later).
 *
 * <p>The machine completes everything in flight when its main loop next runs (after the command being served),
 * and before anything that must see the requests finished: a {@code clock_step} or {@code clock_set}, the QMP
 * commands that drain the block layer ({@code query-block}, {@code block_resize}, {@code transaction}), a system
 * reset, and a device's own reset.
 *
 * <p>A device registers once per batch ({@link #schedule}); it keeps its own record of what it owes, so nothing is
 * allocated per request.
 */
public final class InflightIo {
    /** A device with requests to finish. */
    @FunctionalInterface
    public interface Owner {
        /** Finishes every request the device has in flight. */
        void completeInflight();
    }

    private final ArrayDeque<Owner> waiting = new ArrayDeque<>();

    /** {@code owner} has requests to finish; a device already waiting is not queued twice. */
    public void schedule(Owner owner) {
        if (!waiting.contains(owner)) {
            waiting.addLast(owner);
        }
    }

    /** Whether nothing is in flight. */
    public boolean idle() {
        return waiting.isEmpty();
    }

    /** Finishes every request in flight, in the order the devices submitted them, including ones added meanwhile. */
    public void drain() {
        Owner o;
        while ((o = waiting.pollFirst()) != null) {
            o.completeInflight();
        }
    }
}
