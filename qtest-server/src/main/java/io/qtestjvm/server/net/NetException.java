package io.qtestjvm.server.net;

/** A {@code -netdev} or NIC set-up the network layer refuses, with QEMU's text. */
public final class NetException extends Exception {
    public NetException(String message) {
        super(message);
    }
}
