package io.qtestjvm.server.net;

import java.util.ArrayList;
import java.util.List;

/**
 * A hub ({@code -netdev hubport,hubid=N}): every port's frame goes to every other port of the same hub, as a
 * repeater does. A hub with one port drops what it is sent.
 */
final class Hub {
    private final int id;
    private final List<Port> ports = new ArrayList<>();

    Hub(int id) {
        this.id = id;
    }

    int id() {
        return id;
    }

    /** The ports in the order they were made. */
    List<Port> ports() {
        return ports;
    }

    Port addPort(String name) {
        Port p = new Port(name);
        ports.add(p);
        return p;
    }

    /** One port of the hub: what its peer sends is repeated to the peers of the other ports. */
    final class Port extends NetClient {
        Port(String name) {
            super(name);
        }

        @Override
        int deliver(byte[] f, int off, int len) {
            for (int i = 0; i < ports.size(); i++) {
                Port other = ports.get(i);
                if (other != this) {
                    other.send(f, off, len);
                }
            }
            return TAKEN;
        }

        @Override
        String describe() {
            return name() + ": index=0,type=hubport,hubid=" + id;
        }
    }
}
