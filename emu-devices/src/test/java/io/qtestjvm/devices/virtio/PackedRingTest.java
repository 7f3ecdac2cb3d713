package io.qtestjvm.devices.virtio;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The packed virtqueue engine (virtio 1.2 §2.8, VIRTIO_F_RING_PACKED). */
class PackedRingTest {
    static final long RING = 0x1000;
    static final long DRIVER = 0x2000;
    static final long DEVICE = 0x3000;
    static final int SIZE = 4;
    static final int AVAIL = 1 << 7;
    static final int USED = 1 << 15;

    final ArrayMemory mem = new ArrayMemory(0x20000);
    final EchoDevice dev = new EchoDevice(mem, SIZE);

    void start(long extra) {
        dev.setStatus(3);
        dev.setDriverFeatures(VirtioFeatures.bit(VirtioFeatures.VERSION_1)
                | VirtioFeatures.bit(VirtioFeatures.RING_PACKED) | extra);
        dev.setStatus(0xb);
        Virtqueue q = dev.queue(0);
        q.setDesc(RING);
        q.setDriverArea(DRIVER);
        q.setDeviceArea(DEVICE);
        dev.enableQueue(0);
        dev.setStatus(0xf);
    }

    void desc(long table, int i, long addr, long len, int id, int flags) {
        long d = table + 16L * i;
        mem.put64(d, addr);
        mem.put32(d + 8, len);
        mem.put16(d + 12, id);
        mem.put16(d + 14, flags);
    }

    @Test
    void chainAcrossTheWrapIsUsedWithTheLastDescriptorsIdAndTogglesTheWrapCounter() {
        start(0);
        mem.ram[0x8000] = 'x';
        // first request: descriptors 0..2 with the driver's wrap counter 1
        desc(RING, 1, 0x8000, 1, 0, AVAIL | 1);
        desc(RING, 2, 0x9000, 1, 7, AVAIL | 2);
        desc(RING, 0, 0x8000, 1, 0, AVAIL | 1);
        dev.notifyQueue(0);
        assertEquals("xx", dev.seen.get(0));
        assertEquals(7, mem.u16(RING + 12), "buffer id of the chain's last descriptor");
        assertEquals(1, mem.u32(RING + 8), "written length");
        // AVAIL and USED only, no WRITE although the device wrote a byte: QEMU 7.2's used flags (PackedRing.push)
        assertEquals(AVAIL | USED, mem.u16(RING + 14), "used flags carry the used wrap counter");
        // second request at 3 and 0: slot 3 still in lap 1, slot 0 in lap 2 (driver wrap counter 0)
        desc(RING, 0, 0x9100, 1, 9, USED | 2);
        desc(RING, 3, 0x8000, 1, 0, AVAIL | 1);
        dev.notifyQueue(0);
        assertEquals(2, dev.seen.size());
        assertEquals(9, mem.u16(RING + 3 * 16 + 12), "used element written at the next used slot");
        assertEquals(AVAIL | USED, mem.u16(RING + 3 * 16 + 14));
        assertFalse(dev.broken());
    }

    @Test
    void indirectTableIsOneRingEntry() {
        start(VirtioFeatures.bit(VirtioFeatures.INDIRECT_DESC));
        mem.ram[0x8000] = 'q';
        desc(0x5000, 0, 0x8000, 1, 0, 0);
        desc(0x5000, 1, 0x9000, 1, 0, 2);
        desc(RING, 0, 0x5000, 32, 3, AVAIL | 4);
        dev.notifyQueue(0);
        assertEquals('q', mem.ram[0x9000]);
        assertEquals(3, mem.u16(RING + 12));
    }

    @Test
    void driverEventDisableSuppressesTheInterrupt() {
        start(0);
        mem.put16(DRIVER + 2, 1);
        desc(RING, 0, 0x8000, 1, 0, AVAIL);
        dev.notifyQueue(0);
        assertEquals(0, dev.usedSignals);
        mem.put16(DRIVER + 2, 0);
        desc(RING, 1, 0x8000, 1, 1, AVAIL);
        dev.notifyQueue(0);
        assertEquals(1, dev.usedSignals);
    }

    @Test
    void chainLongerThanTheRingIsALoop() {
        start(0);
        for (int i = 0; i < SIZE; i++) {
            desc(RING, i, 0x8000, 1, 0, AVAIL | 1);
        }
        dev.notifyQueue(0);
        assertTrue(dev.broken());
        assertEquals(RingFault.LOOP, dev.lastFault());
    }

    @Test
    void nestedIndirectIsRefused() {
        start(VirtioFeatures.bit(VirtioFeatures.INDIRECT_DESC));
        desc(0x5000, 0, 0x6000, 16, 0, 4);
        desc(RING, 0, 0x5000, 16, 3, AVAIL | 4);
        dev.notifyQueue(0);
        assertEquals(RingFault.NESTED_INDIRECT, dev.lastFault());
    }
}
