package io.qtestjvm.devices.virtio;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** virtio-net (virtio 1.2 §5.1): transmit, receive, control queue, MAC and link status. */
class VirtioNetTest {
    static final long V1 = VirtioFeatures.bit(VirtioFeatures.VERSION_1);
    static final byte[] MAC = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

    final ArrayMemory mem = new ArrayMemory(0x40000);
    final VirtioNet net = new VirtioNet(mem, MAC, 256, 256, true, true, false);

    /** Sets up queue {@code index} at 0x10000 + index × 0x4000. */
    void queue(int index) {
        Virtqueue q = net.queue(index);
        long base = 0x10000 + 0x4000L * index;
        q.setDesc(base);
        q.setDriverArea(base + 0x1000);
        q.setDeviceArea(base + 0x2000);
        net.enableQueue(index);
    }

    void post(int index, int slot, long addr, long len, boolean writable) {
        long base = 0x10000 + 0x4000L * index;
        mem.desc(base, slot, addr, len, writable ? 2 : 0, 0);
        mem.put16(base + 0x1000 + 4 + 2 * slot, slot);
        mem.put16(base + 0x1000 + 2, slot + 1);
    }

    void start() {
        net.setStatus(3);
        net.setDriverFeatures(V1 | VirtioFeatures.bit(VirtioNet.F_CTRL_VQ) | VirtioFeatures.bit(VirtioNet.F_STATUS)
                | VirtioFeatures.bit(VirtioNet.F_CTRL_MAC_ADDR));
        net.setStatus(0xb);
        queue(0);
        queue(1);
        queue(2);
        net.setStatus(0xf);
    }

    @Test
    void configIsTheMacAndLinkStatusAsQemu72() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", net.readConfig(i, 1)));
        }
        assertEquals("52 54 00 12 34 56 01 00 ff ff", sb.toString());
        assertEquals(0x79bf8064L, net.hostFeatures() & 0xffffffffL);
        assertEquals(3, net.queueCount());
        assertEquals(64, net.queue(2).maxSize());
    }

    @Test
    void transmittedFrameReachesTheBackendWithoutItsHeader() {
        List<String> frames = new ArrayList<>();
        net.setBackend((f, o, l) -> frames.add(new String(f, o, l, StandardCharsets.ISO_8859_1)));
        start();
        byte[] pkt = "............frame".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(pkt, 0, mem.ram, 0x30000, pkt.length);
        post(1, 0, 0x30000, pkt.length, false);
        net.notifyQueue(1);
        assertEquals(List.of("frame"), frames);
        assertEquals(1, mem.u16(0x14000 + 0x2000 + 2), "tx buffer used");
    }

    @Test
    void receivedFrameFillsTheNextReceiveBufferWithAHeader() {
        start();
        post(0, 0, 0x31000, 1526, true);
        net.notifyQueue(0);
        assertEquals(0, mem.u16(0x10000 + 0x2000 + 2), "a receive buffer waits for a frame");
        assertEquals(VirtioNet.RX_DELIVERED, net.receive("hello".getBytes(StandardCharsets.ISO_8859_1), 0, 5));
        assertEquals(1, mem.u16(0x12000 + 2));
        assertEquals(17, mem.u32(0x12000 + 4 + 4), "12-byte header + 5");
        assertEquals(1, mem.ram[0x31000 + 10], "num_buffers");
        assertEquals("hello", new String(mem.ram, 0x31000 + 12, 5, StandardCharsets.ISO_8859_1));
        assertEquals(VirtioNet.RX_NO_BUFFER, net.receive(new byte[4], 0, 4), "no buffer left");
    }

    @Test
    void controlQueueSetsTheMacAndAcks() {
        start();
        mem.ram[0x32000] = 1;
        mem.ram[0x32001] = 1;
        byte[] newMac = {2, 0, 0, 0, 0, 9};
        System.arraycopy(newMac, 0, mem.ram, 0x32002, 6);
        long base = 0x18000;
        mem.desc(base, 0, 0x32000, 8, 1, 1);
        mem.desc(base, 1, 0x32100, 1, 2, 0);
        mem.ram[0x32100] = (byte) 0xff;
        mem.put16(base + 0x1000 + 4, 0);
        mem.put16(base + 0x1000 + 2, 1);
        net.notifyQueue(2);
        assertEquals(0, mem.ram[0x32100], "VIRTIO_NET_OK");
        assertArrayEquals(newMac, net.mac());
    }

    @Test
    void linkDownIsAConfigChange() {
        start();
        net.setLink(false);
        assertEquals(0, net.readConfig(6, 2));
        assertEquals(3, net.readAndClearIsr());
        assertEquals(VirtioNet.RX_DROPPED, net.receive(new byte[1], 0, 1));
    }
}
