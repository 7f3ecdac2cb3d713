package io.qtestjvm.devices.virtio;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * Buffers outside RAM (virtio 1.2 §2.7.4) as QEMU 7.2 maps them: RAM directly, the rest through one bounce buffer
 * of one page per request. Here RAM ends at {@link #RAM_END}; the bytes above it are addressable but not RAM.
 */
class BounceBufferTest {
    static final long DESC = 0x1000;
    static final long AVAIL = 0x2000;
    static final long USED = 0x3000;
    static final long RAM_END = 0x10000;

    final ArrayMemory ram = new ArrayMemory(0x20000);
    final GuestMemory mem = new GuestMemory() {
        @Override
        public void read(long address, byte[] dst, int offset, int length) {
            ram.read(address, dst, offset, length);
        }

        @Override
        public void write(long address, byte[] src, int offset, int length) {
            ram.write(address, src, offset, length);
        }

        @Override
        public long ramBytes(long address, long length) {
            return Math.max(0, Math.min(length, RAM_END - address));
        }
    };
    final EchoDevice dev = new EchoDevice(mem, 8, 8);

    void start() {
        dev.setStatus(VirtioDevice.ACKNOWLEDGE | VirtioDevice.DRIVER);
        dev.setDriverFeatures(VirtioFeatures.bit(VirtioFeatures.VERSION_1));
        dev.setStatus(VirtioDevice.ACKNOWLEDGE | VirtioDevice.DRIVER | VirtioDevice.FEATURES_OK);
        Virtqueue q = dev.queue(0);
        q.setDesc(DESC);
        q.setDriverArea(AVAIL);
        q.setDeviceArea(USED);
        dev.enableQueue(0);
        dev.setStatus(0xf);
    }

    void offerOne() {
        ram.put16(AVAIL + 4, 0);
        ram.put16(AVAIL + 2, 1);
        dev.notifyQueue(0);
    }

    @Test
    void aPageOutsideRamIsServedThroughTheBounceBuffer() {
        start();
        ram.desc(DESC, 0, 0x8000, 4, 1, 1);
        ram.desc(DESC, 1, 0x18000, 4096, 2, 0);
        offerOne();
        assertFalse(dev.broken());
        assertEquals(1, ram.u16(USED + 2), "used");
    }

    @Test
    void moreThanAPageOutsideRamMarksTheDeviceBroken() {
        start();
        ram.desc(DESC, 0, 0x8000, 4, 1, 1);
        ram.desc(DESC, 1, 0x18000, 4097, 2, 0);
        offerOne();
        assertTrue(dev.broken());
        assertEquals(RingFault.BAD_ADDRESS, dev.lastFault());
        assertEquals(VirtioDevice.DEVICE_NEEDS_RESET, dev.status() & VirtioDevice.DEVICE_NEEDS_RESET);
    }

    @Test
    void twoSmallBuffersOutsideRamInOneRequestMarkTheDeviceBroken() {
        start();
        ram.desc(DESC, 0, 0x18000, 16, 1, 1);
        ram.desc(DESC, 1, 0x19000, 16, 2, 0);
        offerOne();
        assertTrue(dev.broken());
        assertEquals(RingFault.BAD_ADDRESS, dev.lastFault());
    }

    @Test
    void aBufferThatRunsFromRamIntoNonRamUsesTheBounceBufferForTheRest() {
        start();
        ram.desc(DESC, 0, RAM_END - 16, 16 + 4096, 2, 0);
        offerOne();
        assertFalse(dev.broken());
        assertEquals(1, ram.u16(USED + 2), "used");
    }
}
