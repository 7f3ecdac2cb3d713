package io.qtestjvm.qos.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.pci.PciBusPc;
import io.qtestjvm.qos.libqos.virtio.DescChain;
import io.qtestjvm.qos.libqos.virtio.QVirtQueue;
import io.qtestjvm.qos.libqos.virtio.QVirtioDevice;
import io.qtestjvm.qos.libqos.virtio.VirtioPciNode;
import io.qtestjvm.qos.libqos.virtio.VirtioSpec;
import io.qtestjvm.qos.libqtest.QTestState;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code -netdev} forms behind a virtio-net-pci on {@code pc}, driven by the libqos virtio driver: stream
 * sockets ({@code listen=}, {@code connect=} through a hub) with QEMU's 4-byte big-endian length framing, datagram
 * sockets ({@code udp=}/{@code localaddr=}, {@code mcast=} on loopback), {@code user} (drops), the run state
 * ({@code stop} holds transmit and receive, {@code cont} releases them), {@code set_link} (status bit and
 * configuration interrupt, frames dropped both ways) and {@code announce-self} (QEMU's RARP frame, its rounds, the
 * device's {@code mac=}). These move frames while the VM runs, which Debian's QEMU under {@code -S} does not (it
 * holds them until {@code cont}, and running its firmware would take the PCI set-up from libqos), so they run on
 * {@code [jvm]} and {@code [jvm-process]}.
 */
@Timeout(120)
class VirtioNetBackendsTest {
    static final byte[] TEST = "TEST\0".getBytes(StandardCharsets.US_ASCII);
    static final int HDR = 12;

    /** One machine with one virtio-net-pci at 04.0, started and with its receive and transmit queues. */
    static final class Rig implements AutoCloseable {
        final QTestState qts;
        final QVirtioDevice dev;
        final GuestAllocator alloc = new GuestAllocator(1 << 20, 100 << 20, 4096);
        final QVirtQueue rx;
        final QVirtQueue tx;

        Rig(Backend b, String netdevs, String nicOpts) {
            this(b.start("x86_64", args(netdevs, nicOpts), null));
        }

        static String args(String netdevs, String nicOpts) {
            return "-machine pc -nodefaults " + netdevs + " -device virtio-net-pci,addr=04.0" + nicOpts;
        }

        Rig(io.qtestjvm.qos.libqtest.QtestTransport t) {
            qts = new QTestState(t);
            VirtioPciNode node = new VirtioPciNode("virtio-net-pci", "virtio-net", VirtioSpec.ID_NET,
                    new PciBusPc(qts), VirtioPciNode.SLOT_4);
            node.startHw();
            dev = node.virtio();
            QVirtQueue[] q = VirtioNetTests.start(dev, alloc);
            rx = q[0];
            tx = q[1];
        }

        /** Posts a receive buffer of {@code len} bytes; returns its address and head as {addr, head}. */
        long[] postRx(int len) {
            long buf = alloc.alloc(len);
            int head = rx.add(DescChain.builder().writable(buf, len));
            rx.kick();
            return new long[] {buf, head};
        }

        /** Transmits "TEST" in a 64-byte buffer (the header zeroed) and waits for the device to return it. */
        void transmitTest() {
            long buf = alloc.alloc(64);
            qts.memset(buf, 0, 64);
            qts.memwrite(buf + HDR, "TEST".getBytes(StandardCharsets.US_ASCII));
            int head = tx.add(DescChain.builder().readable(buf, 64));
            tx.kick();
            dev.waitUsed(tx, head);
        }

        void expectReceived(long[] posted, byte[] frame) {
            dev.waitUsed(rx, (int) posted[1]);
            assertArrayEquals(frame, qts.memread(posted[0] + HDR, frame.length), "frame after the header");
        }

        Map<String, Object> qmp(String json) {
            return qts.qmp(json);
        }

        @Override
        public void close() {
            qts.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void writeFramed(Socket s, byte[] frame) throws IOException {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
    }

    /**
     * Reads one framed frame, stepping the machine while waiting: the in-JVM machine runs its host timers and
     * takes what its sockets received only when a command reaches it.
     */
    static byte[] readFramed(Rig rig, Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        s.setSoTimeout(5);
        long end = System.nanoTime() + 30_000_000_000L;
        int first;
        while (true) {
            try {
                first = in.read();
                break;
            } catch (SocketTimeoutException e) {
                assertTrue(System.nanoTime() < end, "no frame within 30 s");
                rig.dev.step();
            }
        }
        s.setSoTimeout(30_000);
        assertTrue(first >= 0, "the stand-in closed the socket");
        int len = first << 24 | in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
        assertTrue(len >= 0 && len <= 4096 + 65536, "frame length " + len);
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }

    /** Nothing arrives on {@code s} within {@code ms} (while the test keeps the machine's loop busy). */
    static void expectSilence(Rig rig, Socket s, int ms) throws IOException {
        s.setSoTimeout(20);
        long end = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < end) {
            try {
                int b = s.getInputStream().read();
                throw new AssertionError("unexpected data on the socket: first byte " + b);
            } catch (SocketTimeoutException e) {
                rig.dev.step();
            }
        }
        s.setSoTimeout(30_000);
    }

    static Socket accept(ServerSocket server) throws IOException {
        server.setSoTimeout(30_000);
        Socket s = server.accept();
        s.setSoTimeout(30_000);
        return s;
    }

    static Socket connectWhenListening(int port) throws IOException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                s.setSoTimeout(30_000);
                return s;
            } catch (IOException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"JVM", "JVM_PROCESS"})
    void listenTakesOnePeerAndCarriesFramedFramesBothWays(Backend b) throws IOException {
        int port = freePort();
        try (Rig rig = new Rig(b, "-netdev socket,id=hs0,listen=127.0.0.1:" + port, ",netdev=hs0");
             Socket peer = connectWhenListening(port)) {
            long[] posted = rig.postRx(64);
            writeFramed(peer, TEST);
            rig.expectReceived(posted, TEST);
            rig.transmitTest();
            byte[] f = readFramed(rig, peer);
            assertEquals(64 - HDR, f.length, "the buffer minus the 12-byte header");
            assertArrayEquals("TEST".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(f, 4));
        }
    }

    /**
     * QEMU's own set-up (tests/qtest/virtio-net-test.c): one end of a socketpair inherited by the process as
     * {@code -netdev socket,fd=N}; frames on it are length-framed as on any stream socket.
     */
    @org.junit.jupiter.api.Test
    void inheritedSocketpairFdCarriesFramesBothWays() throws Throwable {
        Backend.JVM_PROCESS.assumeAvailable("x86_64");
        String binary = Backend.standIn("x86_64");
        try (InheritedFdLaunch launch = InheritedFdLaunch.start(binary,
                Rig.args("-netdev socket,fd={FD},id=hs0", ",netdev=hs0"))) {
            Rig rig = new Rig(launch.transport());
            long[] posted = rig.postRx(64);
            byte[] framed = new byte[4 + TEST.length];
            framed[3] = (byte) TEST.length;
            System.arraycopy(TEST, 0, framed, 4, TEST.length);
            launch.write(framed);
            rig.expectReceived(posted, TEST);
            rig.transmitTest();
            byte[] len = launch.read(4);
            assertArrayEquals(new byte[] {0, 0, 0, 64 - HDR}, len, "big-endian length prefix");
            assertArrayEquals("TEST".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(launch.read(64 - HDR), 4));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"JVM", "JVM_PROCESS"})
    void hubportJoinsTheNicToAConnectedSocket(Backend b) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String netdevs = "-netdev socket,id=s0,connect=127.0.0.1:" + server.getLocalPort()
                    + " -netdev hubport,hubid=1,id=p0,netdev=s0 -netdev hubport,hubid=1,id=hs0";
            try (Rig rig = new Rig(b, netdevs, ",netdev=hs0"); Socket peer = accept(server)) {
                rig.transmitTest();
                assertArrayEquals("TEST".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(readFramed(rig, peer), 4));
                long[] posted = rig.postRx(64);
                writeFramed(peer, TEST);
                rig.expectReceived(posted, TEST);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"JVM", "JVM_PROCESS"})
    void udpSendsOneDatagramPerFrameAndReceivesOnLocaladdr(Backend b) throws IOException {
        int local = freePort();
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            peer.setSoTimeout(30_000);
            String netdev = "-netdev socket,id=hs0,udp=127.0.0.1:" + peer.getLocalPort() + ",localaddr=127.0.0.1:"
                    + local;
            try (Rig rig = new Rig(b, netdev, ",netdev=hs0")) {
                rig.transmitTest();
                DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                peer.receive(p);
                assertEquals(64 - HDR, p.getLength(), "one datagram, no length prefix");
                assertEquals(local, p.getPort(), "sent from localaddr");
                long[] posted = rig.postRx(64);
                peer.send(new DatagramPacket(TEST, TEST.length, InetAddress.getLoopbackAddress(), local));
                rig.expectReceived(posted, TEST);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"JVM", "JVM_PROCESS"})
    void mcastFramesReachOtherGroupMembersOnLoopback(Backend b) throws IOException {
        int port = freePort();
        InetAddress group = InetAddress.getByName("230.0.0.1");
        NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        try (MulticastSocket member = new MulticastSocket(port)) {
            member.setSoTimeout(30_000);
            member.joinGroup(new InetSocketAddress(group, port), lo);
            String netdev = "-netdev socket,id=hs0,mcast=230.0.0.1:" + port + ",localaddr=127.0.0.1";
            try (Rig rig = new Rig(b, netdev, ",netdev=hs0")) {
                rig.transmitTest();
                DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                member.receive(p);
                assertEquals(64 - HDR, p.getLength());
                assertArrayEquals("TEST".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(p.getData(), 4));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"JVM", "JVM_PROCESS"})
    void userBackendTakesAndDropsWhatTheGuestSends(Backend b) {
        try (Rig rig = new Rig(b, "-netdev user,id=hs0", ",netdev=hs0")) {
            rig.transmitTest();
            rig.transmitTest();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"JVM", "JVM_PROCESS"})
    void stopHoldsReceiveAndTransmitUntilCont(Backend b) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String netdev = "-netdev socket,id=hs0,connect=127.0.0.1:" + server.getLocalPort();
            try (Rig rig = new Rig(b, netdev, ",netdev=hs0"); Socket peer = accept(server)) {
                long[] posted = rig.postRx(64);
                rig.qmp("{\"execute\": \"stop\"}");
                writeFramed(peer, TEST);
                long buf = rig.alloc.alloc(64);
                rig.qts.memset(buf, 0, 64);
                int head = rig.tx.add(DescChain.builder().readable(buf, 64));
                rig.tx.kick();
                expectSilence(rig, peer, 300);
                assertTrue(!rig.rx.hasUsed() && !rig.tx.hasUsed(), "nothing used while the VM is stopped");
                rig.qmp("{\"execute\": \"cont\"}");
                rig.expectReceived(posted, TEST);
                // one ISR read reported both queues' interrupts (the transmit chain went first, at cont)
                assertEquals(head, rig.tx.getBuf().id(), "the held transmit chain is used after cont");
                assertEquals(64 - HDR, readFramed(rig, peer).length);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"JVM", "JVM_PROCESS"})
    void setLinkDownClearsLinkUpRaisesAConfigInterruptAndDropsFrames(Backend b) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String netdev = "-netdev socket,id=hs0,connect=127.0.0.1:" + server.getLocalPort();
            try (Rig rig = new Rig(b, netdev, ",netdev=hs0,id=nic0"); Socket peer = accept(server)) {
                assertEquals(1, rig.dev.bus().configReadb(6) & 1, "VIRTIO_NET_S_LINK_UP");
                Map<String, Object> r = rig.qmp("{\"execute\": \"set_link\", \"arguments\": {\"name\": \"nic0\", "
                        + "\"up\": false}}");
                assertTrue(r.containsKey("return"), r.toString());
                rig.dev.waitConfigInterrupt();
                assertEquals(0, rig.dev.bus().configReadb(6) & 1, "link down");
                rig.transmitTest();
                expectSilence(rig, peer, 200);
                long[] dropped = rig.postRx(64);
                writeFramed(peer, TEST);
                expectSilence(rig, peer, 200);
                assertTrue(!rig.rx.hasUsed(), "a frame for a NIC whose link is down is dropped");
                r = rig.qmp("{\"execute\": \"set_link\", \"arguments\": {\"name\": \"hs0\", \"up\": true}}");
                assertTrue(r.containsKey("return"), r.toString());
                rig.dev.waitConfigInterrupt();
                assertEquals(1, rig.dev.bus().configReadb(6) & 1, "the back end's link takes its NIC's with it");
                writeFramed(peer, TEST);
                rig.expectReceived(dropped, TEST);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"JVM", "JVM_PROCESS"})
    void announceSelfSendsQemusRarpFrameForEachRound(Backend b) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String netdev = "-netdev socket,id=hs0,connect=127.0.0.1:" + server.getLocalPort();
            try (Rig rig = new Rig(b, netdev, ",netdev=hs0,mac=52:54:00:aa:bb:cc"); Socket peer = accept(server)) {
                Map<String, Object> r = rig.qmp("{\"execute\": \"announce-self\", \"arguments\": {\"initial\": 5, "
                        + "\"max\": 20, \"rounds\": 3, \"step\": 5}}");
                assertTrue(r.containsKey("return"), r.toString());
                String expected = "ffffffffffff525400aabbcc80350001080006040003525400aabbcc00000000525400aabbcc"
                        + "0".repeat(44);
                for (int i = 0; i < 3; i++) {
                    byte[] f = readFramed(rig, peer);
                    assertEquals(expected, java.util.HexFormat.of().formatHex(f), "round " + i);
                }
                expectSilence(rig, peer, 200);
            }
        }
    }

    /** The QMP answers of the network commands, as Debian's QEMU 7.2 gives them (checked on all three). */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void networkCommandsAnswerAsQemu(Backend b) {
        try (QTestState qts = new QTestState(b.start("x86_64", "-machine pc -nodefaults -netdev user,id=u0 "
                + "-device virtio-net-pci,netdev=u0,id=nic0 -device virtio-net-pci", "7.2"))) {
            String[][] cases = {
                {"{\"execute\": \"set_link\", \"arguments\": {\"name\": \"nope\", \"up\": false}}",
                    "{error={class=DeviceNotFound, desc=Device 'nope' not found}}"},
                // a NIC with an id is named by it only: MODEL.N names the NICs without one
                {"{\"execute\": \"set_link\", \"arguments\": {\"name\": \"virtio-net-pci.0\", \"up\": false}}",
                    "{error={class=DeviceNotFound, desc=Device 'virtio-net-pci.0' not found}}"},
                {"{\"execute\": \"set_link\", \"arguments\": {\"name\": \"nic0\", \"up\": false}}", "{return={}}"},
                {"{\"execute\": \"set_link\", \"arguments\": {\"name\": \"u0\", \"up\": false}}", "{return={}}"},
                {"{\"execute\": \"set_link\", \"arguments\": {\"name\": \"virtio-net-pci.1\", \"up\": true}}",
                    "{return={}}"},
                {"{\"execute\": \"set_link\", \"arguments\": {\"name\": \"nic0\"}}",
                    "{error={class=GenericError, desc=Parameter 'up' is missing}}"},
                {"{\"execute\": \"set_link\", \"arguments\": {\"name\": \"nic0\", \"up\": \"x\"}}",
                    "{error={class=GenericError, desc=Invalid parameter type for 'up', expected: boolean}}"},
                {"{\"execute\": \"announce-self\", \"arguments\": {\"initial\": 20}}",
                    "{error={class=GenericError, desc=Parameter 'max' is missing}}"},
                {"{\"execute\": \"announce-self\", \"arguments\": {\"initial\": 20, \"max\": 100, \"rounds\": 0, "
                    + "\"step\": 10}}", "{return={}}"},
                {"{\"execute\": \"announce-self\", \"arguments\": {\"initial\": 20, \"max\": 100, \"rounds\": 2, "
                    + "\"step\": 10, \"interfaces\": [\"zzz\"], \"id\": \"x\"}}", "{return={}}"},
                {"{\"execute\": \"announce-self\", \"arguments\": {\"initial\": 20, \"max\": 100, \"rounds\": 3, "
                    + "\"step\": 10, \"id\": \"x\", \"foo\": 1}}",
                    "{error={class=GenericError, desc=Parameter 'foo' is unexpected}}"},
            };
            for (String[] c : cases) {
                Map<String, Object> r = qts.qmp(c[0]);
                r.remove("id");
                assertEquals(c[1], r.toString(), c[0]);
            }
        }
    }

    /** An unplugged NIC gives its back end back: the same {@code netdev=} plugs again (QEMU's device_add/del). */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"JVM", "JVM_PROCESS"})
    void unpluggedNicReleasesItsNetdev(Backend b) {
        try (Rig rig = new Rig(b, "-netdev user,id=hs0 -netdev user,id=hs1", ",netdev=hs0")) {
            io.qtestjvm.qos.libqos.pci.QPciDevice on = new PciBusPc(rig.qts).device(VirtioPciNode.SLOT_4);
            for (int round = 0; round < 2; round++) {
                VirtioHotplug.plugAndUnplug(on, "virtio-net-pci", "net1", ", \"netdev\": \"hs1\"", VirtioSpec.ID_NET);
            }
            Map<String, Object> r = rig.qmp("{\"execute\": \"device_add\", \"arguments\": {\"driver\": "
                    + "\"virtio-net-pci\", \"id\": \"net2\", \"netdev\": \"hs0\"}}");
            assertEquals("{class=GenericError, desc=Property 'virtio-net-device.netdev' can't take value 'hs0', "
                    + "it's in use}", String.valueOf(r.get("error")));
        }
    }

    /** Reads one framed frame, keeping the machine busy with harmless qtest reads (valid on every backend). */
    static byte[] readFramedPumping(QTestState qts, Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        s.setSoTimeout(5);
        long end = System.nanoTime() + 30_000_000_000L;
        int first;
        while (true) {
            try {
                first = in.read();
                break;
            } catch (SocketTimeoutException e) {
                assertTrue(System.nanoTime() < end, "no frame within 30 s");
                qts.readb(0);
            }
        }
        s.setSoTimeout(30_000);
        assertTrue(first >= 0, "the machine closed the socket");
        int len = first << 24 | in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }

    /**
     * announce-self under a stopped VM, checked on all three: the rounds are issued on the real-time clock but the
     * frames wait in the NIC; {@code cont} lets them out, each QEMU's 60-byte RARP with the {@code mac=} address.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void announcementsOfAStoppedVmGoOutAtCont(Backend b) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String args = "-machine pc -nodefaults" + (b == Backend.QEMU ? "" : " -S")
                    + " -netdev socket,id=hs0,connect=127.0.0.1:" + server.getLocalPort()
                    + " -device virtio-net-pci,netdev=hs0,mac=52:54:00:aa:bb:cc";
            try (QTestState qts = new QTestState(b.start("x86_64", args, "7.2")); Socket peer = accept(server)) {
                Map<String, Object> r = qts.qmp("{\"execute\": \"announce-self\", \"arguments\": {\"initial\": 5, "
                        + "\"max\": 10, \"rounds\": 3, \"step\": 5}}");
                assertTrue(r.containsKey("return"), r.toString());
                peer.setSoTimeout(20);
                long quiet = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < quiet) {
                    try {
                        int first = peer.getInputStream().read();
                        throw new AssertionError("a frame left a stopped VM: first byte " + first);
                    } catch (SocketTimeoutException e) {
                        qts.readb(0);
                    }
                }
                qts.qmp("{\"execute\": \"cont\"}");
                String expected = "ffffffffffff525400aabbcc80350001080006040003525400aabbcc00000000525400aabbcc"
                        + "0".repeat(44);
                for (int i = 0; i < 3; i++) {
                    assertEquals(expected, java.util.HexFormat.of().formatHex(readFramedPumping(qts, peer)),
                            "round " + i);
                }
            }
        }
    }

    /** A stream peer announcing a frame above NET_BUFSIZE is cut off; the machine and its device go on. */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"JVM", "JVM_PROCESS"})
    void oversizedStreamFrameClosesTheLinkNotTheMachine(Backend b) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String netdev = "-netdev socket,id=hs0,connect=127.0.0.1:" + server.getLocalPort();
            try (Rig rig = new Rig(b, netdev, ",netdev=hs0"); Socket peer = accept(server)) {
                new DataOutputStream(peer.getOutputStream()).writeInt(0x7fff_ffff);
                peer.setSoTimeout(5);
                long end = System.nanoTime() + 30_000_000_000L;
                int got;
                while (true) {
                    try {
                        got = peer.getInputStream().read();
                        break;
                    } catch (SocketTimeoutException e) {
                        assertTrue(System.nanoTime() < end, "the link was not closed within 30 s");
                        rig.dev.step();
                    }
                }
                assertEquals(-1, got, "end of stream");
                rig.transmitTest();
                assertEquals(VirtioSpec.STATUS_DRIVER_OK, rig.dev.status() & VirtioSpec.STATUS_DRIVER_OK);
            }
        }
    }
}
