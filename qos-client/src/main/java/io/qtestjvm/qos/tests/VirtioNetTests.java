package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.virtio.DescChain;
import io.qtestjvm.qos.libqos.virtio.QVirtQueue;
import io.qtestjvm.qos.libqos.virtio.QVirtioDevice;
import io.qtestjvm.qos.libqos.virtio.VirtioPciNode;
import io.qtestjvm.qos.libqos.virtio.VirtioSpec;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosAllocator;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosTestOptions;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * QEMU's virtio-net graph tests (tests/qtest/virtio-net-test.c) with QEMU's names: {@code basic},
 * {@code rx_stop_cont}, {@code announce-self}, {@code large_tx/uint_max}, {@code large_tx/net_bufsize} on
 * {@code virtio-net}, {@code hotplug} on {@code virtio-net-pci}. The network backend differs from QEMU's test,
 * which passes one end of a socketpair as an inherited descriptor (a JVM's ProcessBuilder closes descriptors in the
 * child; {@code VirtioNetBackendsTest} covers {@code fd=N} with posix_spawn): the {@code before} hook listens on a
 * loopback port and gives the machine {@code -netdev socket,connect=...}; the stream carries each frame behind a
 * 32-bit big-endian length, as QEMU's socket backend frames it. The large-tx
 * tests use {@code -netdev hubport}, as QEMU's do. Queues: receive 0, transmit 1 (5.1.2); every buffer starts with
 * the 12-byte {@code virtio_net_hdr} (5.1.6, VERSION_1 or MRG_RXBUF).
 * <p>
 * On Debian's QEMU under {@code -accel tcg -S} none of the data-moving tests can complete: QEMU's virtio-net
 * transmits and receives only while the VM runs, and holds announce-self's frames (issued on the real-time clock)
 * until {@code cont}; they are reported as needing virtual time with that reason.
 */
public final class VirtioNetTests {
    static final int HDR = 12;
    static final int NET_BUFSIZE = 4096 + 65536;
    static final String RUNNING = "QEMU's virtio-net moves frames only while the VM runs (a stopped VM under -S "
            + "holds transmit and receive)";

    private VirtioNetTests() {
    }

    /** The test's end of the stream, accepted lazily (the machine connects while it starts). */
    static final class Peer {
        private final ServerSocket server;
        private Socket socket;

        Peer(ServerSocket server) {
            this.server = server;
        }

        Socket socket() throws IOException {
            if (socket == null) {
                server.setSoTimeout(30_000);
                socket = server.accept();
                socket.setSoTimeout(30_000);
                server.close();
            }
            return socket;
        }
    }

    public static void register(QosGraph<QTestState> graph) {
        QosTestOptions socket = QosTestOptions.before(VirtioNetTests::setupSocket);
        QosTestOptions hub = QosTestOptions.before((cmd, arg) -> {
            cmd.append(" -netdev hubport,hubid=0,id=hs0");
            return arg;
        });
        graph.addTest("hotplug", "virtio-net-pci", (obj, arg, alloc) ->
                VirtioHotplug.plugAndUnplug(((VirtioPciNode) obj).pci(), "virtio-net-pci", "net1", "",
                        VirtioSpec.ID_NET), hub);
        net(graph, "basic", VirtioNetTests::sendReceive, socket.withNeedsVirtualTime(RUNNING));
        net(graph, "rx_stop_cont", VirtioNetTests::receiveAcrossStopCont, socket.withNeedsVirtualTime(RUNNING));
        net(graph, "announce-self", VirtioNetTests::announceSelf, socket.withNeedsVirtualTime(RUNNING
                + "; announce-self's frames wait in the NIC until cont"));
        net(graph, "large_tx/uint_max", (d, a, p) -> largeTx(d, a, 0xffff_ffffL), hub.withNeedsVirtualTime(RUNNING));
        net(graph, "large_tx/net_bufsize", (d, a, p) -> largeTx(d, a, NET_BUFSIZE), hub.withNeedsVirtualTime(RUNNING));
    }

    @FunctionalInterface
    interface NetTest {
        void run(QVirtioDevice dev, GuestAllocator alloc, Peer peer) throws IOException;
    }

    private static void net(QosGraph<QTestState> g, String name, NetTest t, QosTestOptions opts) {
        g.addTest(name, "virtio-net", (Object obj, Object arg, QosAllocator alloc) -> {
            try {
                t.run((QVirtioDevice) obj, (GuestAllocator) alloc, arg instanceof Peer p ? p : null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, opts);
    }

    static Object setupSocket(StringBuilder cmd, Object arg) {
        try {
            ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            cmd.append(" -netdev socket,id=hs0,connect=127.0.0.1:").append(server.getLocalPort());
            return new Peer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the libqos virtio-net driver does before a test: features, receive and transmit queues, DRIVER_OK. */
    static QVirtQueue[] start(QVirtioDevice dev, GuestAllocator alloc) {
        dev.setFeatures(dev.deviceFeatures() & ~(VirtioSpec.F_BAD_FEATURE | VirtioSpec.F_INDIRECT_DESC
                | VirtioSpec.F_EVENT_IDX | VirtioSpec.F_RING_PACKED));
        QVirtQueue rx = dev.setupQueue(alloc, 0);
        QVirtQueue tx = dev.setupQueue(alloc, 1);
        dev.driverOk();
        return new QVirtQueue[] {rx, tx};
    }

    /** The frame QEMU's test sends: "TEST" and its terminating zero. */
    private static byte[] test() {
        return "TEST\0".getBytes(StandardCharsets.US_ASCII);
    }

    static void sendFrame(Peer peer, byte[] frame) throws IOException {
        DataOutputStream out = new DataOutputStream(peer.socket().getOutputStream());
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
    }

    static byte[] receiveFrame(Peer peer) throws IOException {
        DataInputStream in = new DataInputStream(peer.socket().getInputStream());
        int len = in.readInt();
        Check.isTrue(len > 0 && len <= NET_BUFSIZE, "frame length " + len);
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }

    static void expectTest(QVirtioDevice dev, long buf) {
        Check.equalBytes(test(), dev.qts().memread(buf + HDR, test().length), "received frame after the header");
    }

    static void sendReceive(QVirtioDevice dev, GuestAllocator alloc, Peer peer) throws IOException {
        QVirtQueue[] q = start(dev, alloc);
        long rxBuf = alloc.alloc(64);
        int head = q[0].add(DescChain.builder().writable(rxBuf, 64));
        q[0].kick();
        sendFrame(peer, test());
        dev.waitUsed(q[0], head);
        expectTest(dev, rxBuf);

        long txBuf = alloc.alloc(64);
        dev.qts().memset(txBuf, 0, 64);
        dev.qts().memwrite(txBuf + HDR, "TEST".getBytes(StandardCharsets.US_ASCII));
        head = q[1].add(DescChain.builder().readable(txBuf, 64));
        q[1].kick();
        dev.waitUsed(q[1], head);
        byte[] frame = receiveFrame(peer);
        Check.equal(64 - HDR, frame.length, "transmitted frame length (buffer minus header)");
        Check.equalBytes("TEST".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(frame, 4),
                "transmitted frame");
    }

    static void receiveAcrossStopCont(QVirtioDevice dev, GuestAllocator alloc, Peer peer) throws IOException {
        QVirtQueue[] q = start(dev, alloc);
        long rxBuf = alloc.alloc(64);
        int head = q[0].add(DescChain.builder().writable(rxBuf, 64));
        q[0].kick();
        QTestState qts = dev.qts();
        qts.qmp("{\"execute\": \"stop\"}");
        sendFrame(peer, test());
        Map<String, Object> st = qts.qmp("{\"execute\": \"query-status\"}");
        Object ret = st.get("return");
        Check.isTrue(ret instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("running")),
                "query-status after stop: " + st);
        qts.qmp("{\"execute\": \"cont\"}");
        dev.waitUsed(q[0], head);
        expectTest(dev, rxBuf);
    }

    static void announceSelf(QVirtioDevice dev, GuestAllocator alloc, Peer peer) throws IOException {
        start(dev, alloc);
        QTestState qts = dev.qts();
        Map<String, Object> r = qts.qmp("{\"execute\": \"announce-self\", \"arguments\": {\"initial\": 20, "
                + "\"max\": 100, \"rounds\": 300, \"step\": 10, \"id\": \"bob\"}}");
        Check.isTrue(!r.containsKey("error"), "announce-self answered " + r);
        long end = System.nanoTime() + QVirtioDevice.TIMEOUT_NS;
        Socket s = peer.socket();
        s.setSoTimeout(1);
        byte[] frame = null;
        qts.pollBegin();
        while (frame == null) {
            try {
                frame = receiveFrame(peer);
            } catch (SocketTimeoutException e) {
                Check.isTrue(System.nanoTime() < end, "no announcement within 30 s");
                dev.retry();
            }
        }
        s.setSoTimeout(30_000);
        Check.equal(0x8035, (frame[12] & 0xff) << 8 | (frame[13] & 0xff), "ethertype RARP");
        r = qts.qmp("{\"execute\": \"announce-self\", \"arguments\": {\"initial\": 20, \"max\": 100, "
                + "\"rounds\": 0, \"step\": 10, \"id\": \"bob\"}}");
        Check.isTrue(!r.containsKey("error"), "announce-self (stop) answered " + r);
    }

    /** 65 descriptors over one area, {@code total} bytes in all: the device must return the chain. */
    static void largeTx(QVirtioDevice dev, GuestAllocator alloc, long total) {
        QVirtQueue[] q = start(dev, alloc);
        int each = (int) (total / 64);
        long area = alloc.alloc(each);
        DescChain chain = DescChain.builder();
        for (int i = 0; i < 65; i++) {
            chain.readable(area, each);
        }
        int head = q[1].add(chain);
        q[1].kick();
        dev.waitUsed(q[1], head);
    }
}
