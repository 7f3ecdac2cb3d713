package io.qtestjvm.server.net;

import io.qtestjvm.devices.virtio.VirtioNet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The host sockets of {@code -netdev socket}: {@code connect=host:port} (connected at start-up), {@code
 * listen=[host]:port} (one peer at a time, accepted while the machine runs), {@code udp=host:port} with {@code
 * localaddr=host:port} (one datagram per frame), {@code mcast=group:port} (a multicast group, looped back so that
 * other members on the host see our frames) and {@code fd=N} (an inherited socket: stream or datagram by its
 * SO_TYPE). Error texts are QEMU 7.2's where it has one (observed).
 */
final class SocketLinks {
    private SocketLinks() {
    }

    /** A single link handed out once. */
    static SocketBackend.Connector once() {
        return new SocketBackend.Connector() {
            @Override
            public HostLink next() {
                return null;
            }

            @Override
            public void close() {
            }
        };
    }

    static InetSocketAddress hostPort(String text, boolean anyHost) throws NetException {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new NetException("host address '" + text + "' doesn't contain ':' separating host from port");
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new NetException("error parsing port in address '" + text + "'");
        }
        if (port < 0 || port > 65535) {
            throw new NetException("error parsing port in address '" + text + "'");
        }
        try {
            InetAddress a = host.isEmpty() && anyHost ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(
                    host.isEmpty() ? "127.0.0.1" : host);
            return new InetSocketAddress(a, port);
        } catch (IOException e) {
            throw new NetException("unknown host '" + host + "'");
        }
    }

    static HostLink channelStream(SocketChannel ch) {
        return new StreamFraming(new StreamFraming.Pipe() {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ch.read(ByteBuffer.wrap(b, off, len));
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer bb = ByteBuffer.wrap(b, off, len);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
            }

            @Override
            public void close() {
                try {
                    ch.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }, VirtioNet.NET_BUFSIZE);
    }

    /**
     * Connects to {@code addr}; null when the peer refused. QEMU 7.2 connects without waiting and keeps a netdev
     * whose connection was refused, unconnected, without a word (Debian's QEMU with {@code connect=} to a closed
     * local port starts and shows the netdev; BoardErrorAfterConnectTest): what it sends goes nowhere.
     */
    static HostLink connect(InetSocketAddress addr) throws NetException {
        try {
            return channelStream(SocketChannel.open(addr));
        } catch (java.net.ConnectException e) {
            return null;
        } catch (IOException e) {
            throw new NetException("can't connect socket: " + reason(e));
        }
    }

    static SocketBackend.Connector listen(InetSocketAddress addr) throws NetException {
        ServerSocketChannel server;
        try {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(addr, 1);
        } catch (IOException e) {
            throw new NetException("can't bind ip=" + addr.getAddress().getHostAddress() + " to socket: "
                    + reason(e));
        }
        return new SocketBackend.Connector() {
            @Override
            public HostLink next() throws IOException {
                return channelStream(server.accept());
            }

            @Override
            public void close() {
                try {
                    server.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        };
    }

    static HostLink datagram(DatagramChannel ch, InetSocketAddress target) {
        return new HostLink() {
            private final ByteBuffer in = ByteBuffer.allocate(VirtioNet.NET_BUFSIZE);

            @Override
            public int readFrame(byte[] buf) throws IOException {
                in.clear();
                ch.receive(in);
                in.flip();
                int n = Math.min(in.remaining(), buf.length);
                in.get(buf, 0, n);
                return n;
            }

            @Override
            public void writeFrame(byte[] frame, int len) throws IOException {
                ch.send(ByteBuffer.wrap(frame, 0, len), target);
            }

            @Override
            public void close() {
                try {
                    ch.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        };
    }

    static HostLink udp(InetSocketAddress remote, InetSocketAddress local) throws NetException {
        try {
            DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(local);
            return datagram(ch, remote);
        } catch (IOException e) {
            throw new NetException("can't bind ip=" + local.getAddress().getHostAddress() + " to socket: "
                    + reason(e));
        }
    }

    static HostLink mcast(InetSocketAddress group, InetAddress localAddr) throws NetException {
        if (!group.getAddress().isMulticastAddress()) {
            byte[] a = group.getAddress().getAddress();
            long v = (a[0] & 0xffL) << 24 | (a[1] & 0xff) << 16 | (a[2] & 0xff) << 8 | (a[3] & 0xff);
            throw new NetException("specified mcastaddr " + group.getAddress().getHostAddress() + " (0x"
                    + String.format("%08x", v) + ") does not contain a multicast address");
        }
        try {
            DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(group.getPort()));
            NetworkInterface nif = NetworkInterface.getByInetAddress(localAddr != null ? localAddr
                    : InetAddress.getLoopbackAddress());
            if (nif != null) {
                ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
                ch.join(group.getAddress(), nif);
            }
            ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            return datagram(ch, group);
        } catch (IOException e) {
            throw new NetException("can't add socket to multicast group " + group.getAddress().getHostAddress()
                    + ": " + reason(e));
        }
    }

    /** An inherited descriptor: stream (framed) or datagram by its socket type. */
    static HostLink inherited(int fd) throws NetException {
        NativeFd n = NativeFd.adopt(fd, 4 + VirtioNet.NET_BUFSIZE);
        int type = n.socketType();
        if (type < 0) {
            throw new NetException("qemu: error: getsockopt(SO_TYPE) for fd=" + fd + " failed");
        }
        if (type == NativeFd.SOCK_DGRAM) {
            return new HostLink() {
                @Override
                public int readFrame(byte[] buf) {
                    return n.read(buf, 0, buf.length);
                }

                @Override
                public void writeFrame(byte[] frame, int len) throws IOException {
                    n.write(frame, 0, len);
                }

                @Override
                public void close() {
                    n.close();
                }

                @Override
                public void release() {
                    n.release();
                }
            };
        }
        if (type != NativeFd.SOCK_STREAM) {
            throw new NetException("socket type=" + type + " for fd=" + fd
                    + " must be either SOCK_DGRAM or SOCK_STREAM");
        }
        return new StreamFraming(new StreamFraming.Pipe() {
            @Override
            public int read(byte[] b, int off, int len) {
                return n.read(b, off, len);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                n.write(b, off, len);
            }

            @Override
            public void close() {
                n.close();
            }

            @Override
            public void release() {
                n.release();
            }
        }, VirtioNet.NET_BUFSIZE);
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
