package io.qtestjvm.devices.virtio;

import static io.qtestjvm.devices.virtio.VirtioFeatures.bit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The virtio-net receive and transmit paths: mergeable receive buffers (§5.1.6.3.1, §5.1.6.4: num_buffers and one
 * used element per chain), a frame too large for one chain without them (dropped, the chain stays available), frames
 * waiting for buffers, the run state, and QEMU's large-transmit rule (frames above NET_BUFSIZE dropped, the chain
 * returned).
 */
class VirtioNetDataPathTest {
    static final byte[] MAC = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

    static byte[] payload(int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    @Test
    void mergeableFrameSpreadsOverChainsWithNumBuffersInTheFirstHeader() {
        NetDriver d = new NetDriver(MAC).start(bit(VirtioNet.F_MRG_RXBUF));
        long[] bufs = {d.postRx(100), d.postRx(100), d.postRx(100), d.postRx(100)};
        byte[] f = payload(250);
        assertEquals(VirtioNet.RX_DELIVERED, d.net.receive(f, 0, f.length));
        assertEquals(3, d.usedIdx(VirtioNet.RX), "12 + 250 bytes in three 100-byte chains");
        assertEquals(3, d.bytes(bufs[0] + 10, 2)[0], "num_buffers");
        assertArrayEquals(new long[] {0, 100}, d.nextUsed(VirtioNet.RX));
        assertArrayEquals(new long[] {1, 100}, d.nextUsed(VirtioNet.RX));
        assertArrayEquals(new long[] {2, 62}, d.nextUsed(VirtioNet.RX));
        byte[] got = new byte[250];
        System.arraycopy(d.bytes(bufs[0] + 12, 88), 0, got, 0, 88);
        System.arraycopy(d.bytes(bufs[1], 100), 0, got, 88, 100);
        System.arraycopy(d.bytes(bufs[2], 62), 0, got, 188, 62);
        assertArrayEquals(f, got);
    }

    @Test
    void aLegacyBigEndianDriverReadsNumBuffersInItsByteOrder() {
        NetDriver d = new NetDriver(MAC).startLegacyBigEndian(bit(VirtioNet.F_MRG_RXBUF));
        long[] bufs = {d.postRx(100), d.postRx(100), d.postRx(100)};
        byte[] f = payload(250);
        assertEquals(VirtioNet.RX_DELIVERED, d.net.receive(f, 0, f.length));
        assertEquals(3, d.usedIdx(VirtioNet.RX), "the used index, big-endian as the rest of the legacy ring");
        assertArrayEquals(new byte[] {0, 3}, d.bytes(bufs[0] + 10, 2), "num_buffers 3, big-endian");
        assertArrayEquals(new long[] {0, 100}, d.nextUsed(VirtioNet.RX));
    }

    @Test
    void mergeableFrameWaitsUntilTheRingHoldsAllOfIt() {
        NetDriver d = new NetDriver(MAC).start(bit(VirtioNet.F_MRG_RXBUF));
        d.postRx(100);
        byte[] f = payload(150);
        assertEquals(VirtioNet.RX_NO_BUFFER, d.net.receive(f, 0, f.length));
        assertEquals(0, d.usedIdx(VirtioNet.RX), "nothing published");
        d.postRx(100);
        assertEquals(VirtioNet.RX_DELIVERED, d.net.receive(f, 0, f.length));
        assertEquals(2, d.usedIdx(VirtioNet.RX));
        assertArrayEquals(new long[] {0, 100}, d.nextUsed(VirtioNet.RX), "the first chain, taken again");
    }

    @Test
    void withoutMergeableAFrameLargerThanTheChainIsDroppedAndTheChainKept() {
        NetDriver d = new NetDriver(MAC).start(0);
        long buf = d.postRx(64);
        byte[] big = payload(100);
        assertEquals(VirtioNet.RX_DROPPED, d.net.receive(big, 0, big.length));
        assertEquals(0, d.usedIdx(VirtioNet.RX));
        byte[] small = payload(20);
        assertEquals(VirtioNet.RX_DELIVERED, d.net.receive(small, 0, small.length));
        assertArrayEquals(new long[] {0, 32}, d.nextUsed(VirtioNet.RX));
        assertArrayEquals(small, d.bytes(buf + 12, 20));
    }

    @Test
    void receiveChainWithoutWritableBufferBreaksTheDevice() {
        NetDriver d = new NetDriver(MAC).start(0);
        long a = d.buffer(64);
        d.add(VirtioNet.RX, new long[][] {{a, 64, 0}});
        assertEquals(VirtioNet.RX_DROPPED, d.net.receive(new byte[10], 0, 10));
        assertEquals(RingFault.NET_RX_NO_IN, d.net.lastFault());
    }

    @Test
    void stoppedDeviceHoldsTransmitAndReceiveUntilItRuns() {
        NetDriver d = new NetDriver(MAC).start(0);
        List<Integer> sent = new ArrayList<>();
        int[] space = new int[1];
        d.net.setBackend((f, o, l) -> sent.add(l));
        d.net.setReceiveSpaceListener(() -> space[0]++);
        d.postRx(64);
        d.net.setRunning(false);
        assertEquals(VirtioNet.RX_NO_BUFFER, d.net.receive(new byte[10], 0, 10), "no receive while stopped");
        long tx = d.buffer(40);
        d.add(VirtioNet.TX, new long[][] {{tx, 40, 0}});
        d.net.notifyQueue(VirtioNet.TX);
        assertEquals(List.of(), sent);
        assertEquals(0, d.usedIdx(VirtioNet.TX));
        int before = space[0];
        d.net.setRunning(true);
        assertEquals(List.of(28), sent, "the held chain goes at once");
        assertEquals(1, d.usedIdx(VirtioNet.TX));
        assertTrue(space[0] > before, "waiting frames are offered again");
        assertEquals(VirtioNet.RX_DELIVERED, d.net.receive(new byte[10], 0, 10));
    }

    @Test
    void transmitAboveNetBufsizeIsDroppedAndTheChainReturned() {
        NetDriver d = new NetDriver(MAC).start(0);
        List<Integer> sent = new ArrayList<>();
        d.net.setBackend((f, o, l) -> sent.add(l));
        long area = d.buffer(2048);
        long[][] chain = new long[65][];
        int each = (VirtioNet.NET_BUFSIZE + 12 + 64) / 64;
        for (int i = 0; i < chain.length; i++) {
            chain[i] = new long[] {area, i < 64 ? each : 0x800, 0};
        }
        long[][] exact = {{area, 12 + VirtioNet.NET_BUFSIZE - 0x10000, 0}, {area, 0x10000, 0}};
        d.add(VirtioNet.TX, chain);
        d.add(VirtioNet.TX, exact);
        d.net.notifyQueue(VirtioNet.TX);
        assertEquals(2, d.usedIdx(VirtioNet.TX), "both chains returned");
        assertArrayEquals(new long[] {0, 0}, d.nextUsed(VirtioNet.TX));
        assertEquals(List.of(VirtioNet.NET_BUFSIZE), sent, "only the frame of exactly NET_BUFSIZE bytes goes");
    }

    @Test
    void transmitShorterThanTheHeaderBreaksTheDevice() {
        NetDriver d = new NetDriver(MAC).start(0);
        long a = d.buffer(8);
        d.add(VirtioNet.TX, new long[][] {{a, 8, 0}});
        d.net.notifyQueue(VirtioNet.TX);
        assertEquals(RingFault.NET_TX_HEADER, d.net.lastFault());
    }

    /**
     * The packed ring (§2.8) under mergeable receive buffers: a frame that needs two chains while one is available
     * leaves the ring as it was (the device's position and wrap counter given back); once the second is there both
     * come back as used descriptors, in ring order, with their buffer ids and lengths.
     */
    @Test
    void packedRingGivesBackAPartialMergeableFrameAndUsesBothChainsLater() {
        ArrayMemory mem = new ArrayMemory(0x80000);
        VirtioNet net = new VirtioNet(mem, MAC, 4, 4, false, false, true);
        net.setStatus(3);
        net.setDriverFeatures(NetDriver.V1 | bit(VirtioFeatures.RING_PACKED) | bit(VirtioNet.F_MRG_RXBUF));
        net.setStatus(0xb);
        long ring = 0x10000;
        Virtqueue rx = net.queue(VirtioNet.RX);
        rx.setDesc(ring);
        rx.setDriverArea(ring + 0x1000);
        rx.setDeviceArea(ring + 0x2000);
        net.enableQueue(VirtioNet.RX);
        net.setStatus(0xf);
        int avail = PackedRingLayout.F_AVAIL | PackedRingLayout.F_WRITE;
        mem.put64(ring, 0x30000);
        mem.put32(ring + 8, 64);
        mem.put16(ring + 12, 7);
        mem.put16(ring + 14, avail);
        byte[] f = payload(100);
        assertEquals(VirtioNet.RX_NO_BUFFER, net.receive(f, 0, f.length), "12 + 100 bytes need two chains");
        assertEquals(avail, mem.u16(ring + 14), "nothing written back");
        mem.put64(ring + 16, 0x31000);
        mem.put32(ring + 24, 64);
        mem.put16(ring + 28, 9);
        mem.put16(ring + 30, avail);
        assertEquals(VirtioNet.RX_DELIVERED, net.receive(f, 0, f.length));
        int used = PackedRingLayout.F_AVAIL | PackedRingLayout.F_USED; // no WRITE, as QEMU (PackedRing.push)
        assertEquals(used, mem.u16(ring + 14));
        assertEquals(7, mem.u16(ring + 12));
        assertEquals(64, mem.u32(ring + 8));
        assertEquals(used, mem.u16(ring + 30));
        assertEquals(9, mem.u16(ring + 28));
        assertEquals(48, mem.u32(ring + 24));
        assertEquals(2, mem.ram[0x30000 + 10], "num_buffers");
    }
}
