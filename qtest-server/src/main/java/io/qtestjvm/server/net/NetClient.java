package io.qtestjvm.server.net;

/**
 * One end of a network link: a NIC's front end or a {@code -netdev} back end, joined to its peer. A frame one end
 * sends is offered to the other with {@link #deliver}. Machine thread only.
 */
abstract class NetClient {
    /** {@link #deliver} results, the same values as the virtio-net model's receive results. */
    static final int TAKEN = 1;
    static final int DROPPED = 0;
    static final int RETRY = -1;

    private final String name;
    private NetClient peer;
    private boolean linkDown;

    NetClient(String name) {
        this.name = name;
    }

    final String name() {
        return name;
    }

    final NetClient peer() {
        return peer;
    }

    static void join(NetClient a, NetClient b) {
        a.peer = b;
        b.peer = a;
    }

    /** Separates {@code a} from its peer (a NIC that goes away). */
    static void separate(NetClient a) {
        if (a.peer != null) {
            a.peer.peer = null;
            a.peer = null;
        }
    }

    final boolean linkDown() {
        return linkDown;
    }

    void setLinkDown(boolean down) {
        linkDown = down;
    }

    /**
     * Sends a frame to the peer: dropped while this end's link is down or it has no peer.
     * @return what the peer did with it
     */
    final int send(byte[] f, int off, int len) {
        if (linkDown || peer == null) {
            return DROPPED;
        }
        return peer.deliver(f, off, len);
    }

    /**
     * Offers a frame sent by the peer. @return {@link #TAKEN}, {@link #DROPPED}, or {@link #RETRY} when this end
     * cannot take it now and the sender should keep it
     */
    abstract int deliver(byte[] f, int off, int len);

    /** Called on the machine thread from the network layer's poll (back ends hand over what their threads read). */
    void poll() {
    }

    /** The line {@code info network} would print for it. */
    abstract String describe();

    void close() {
    }
}
