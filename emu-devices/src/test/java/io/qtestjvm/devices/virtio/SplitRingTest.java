package io.qtestjvm.devices.virtio;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The split virtqueue engine (virtio 1.2 §2.7) seen from a driver writing the rings by hand. */
class SplitRingTest {
    static final long DESC = 0x1000;
    static final long AVAIL = 0x2000;
    static final long USED = 0x3000;
    static final int SIZE = 8;

    final ArrayMemory mem = new ArrayMemory(0x20000);
    final EchoDevice dev = new EchoDevice(mem, SIZE, SIZE);

    void start(long features) {
        dev.setStatus(VirtioDevice.ACKNOWLEDGE | VirtioDevice.DRIVER);
        dev.setDriverFeatures(features);
        dev.setStatus(VirtioDevice.ACKNOWLEDGE | VirtioDevice.DRIVER | VirtioDevice.FEATURES_OK);
        Virtqueue q = dev.queue(0);
        q.setDesc(DESC);
        q.setDriverArea(AVAIL);
        q.setDeviceArea(USED);
        dev.enableQueue(0);
        dev.setStatus(0xf);
    }

    void offer(int slot, int head, int newIdx) {
        mem.put16(AVAIL + 4 + 2 * slot, head);
        mem.put16(AVAIL + 2, newIdx);
    }

    void bytes(long addr, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(b, 0, mem.ram, (int) addr, b.length);
    }

    String at(long addr, int n) {
        return new String(mem.ram, (int) addr, n, StandardCharsets.ISO_8859_1);
    }

    static final long V1 = VirtioFeatures.bit(VirtioFeatures.VERSION_1);

    @Test
    void requestIsTheSameHoweverTheDriverCutsIt() {
        start(V1);
        bytes(0x8000, "he");
        bytes(0x8100, "llo w");
        bytes(0x8200, "orld");
        mem.desc(DESC, 0, 0x8000, 2, 1, 1);
        mem.desc(DESC, 1, 0x8100, 5, 1, 2);
        mem.desc(DESC, 2, 0x8200, 4, 1, 3);
        mem.desc(DESC, 3, 0x9000, 3, 3, 4);
        mem.desc(DESC, 4, 0x9100, 20, 2, 0);
        offer(0, 0, 1);
        dev.notifyQueue(0);
        assertEquals(List.of("hello world"), dev.seen);
        assertEquals("hel", at(0x9000, 3));
        assertEquals("lo world", at(0x9100, 8));
        assertEquals(1, mem.u16(USED + 2), "used idx");
        assertEquals(0, mem.u32(USED + 4), "used id = head");
        assertEquals(11, mem.u32(USED + 8), "used len = bytes written");
        assertEquals(1, dev.usedSignals);
        assertEquals(VirtioDevice.ISR_QUEUE, dev.readAndClearIsr());
        assertEquals(0, dev.readAndClearIsr(), "ISR is read-to-clear");
    }

    @Test
    void indirectTableCarriesTheWholeChain() {
        start(V1 | VirtioFeatures.bit(VirtioFeatures.INDIRECT_DESC));
        bytes(0x8000, "abc");
        mem.desc(0x5000, 0, 0x8000, 3, 1, 1);
        mem.desc(0x5000, 1, 0x9000, 3, 2, 0);
        mem.desc(DESC, 5, 0x5000, 32, 4, 0);
        offer(0, 5, 1);
        dev.notifyQueue(0);
        assertEquals("abc", at(0x9000, 3));
        assertEquals(5, mem.u32(USED + 4));
        assertFalse(dev.broken());
    }

    @Test
    void noInterruptFlagSuppressesTheInterruptWithoutEventIndex() {
        start(V1);
        mem.put16(AVAIL, 1);
        mem.desc(DESC, 0, 0x8000, 4, 0, 0);
        offer(0, 0, 1);
        dev.notifyQueue(0);
        assertEquals(1, mem.u16(USED + 2));
        assertEquals(0, dev.usedSignals);
    }

    @Test
    void eventIndexInterruptsOnlyWhenUsedIndexPassesUsedEvent() {
        start(V1 | VirtioFeatures.bit(VirtioFeatures.EVENT_IDX));
        mem.desc(DESC, 0, 0x8000, 4, 0, 0);
        mem.desc(DESC, 1, 0x8000, 4, 0, 0);
        mem.desc(DESC, 2, 0x8000, 4, 0, 0);
        offer(0, 0, 1);
        dev.notifyQueue(0);
        assertEquals(1, dev.usedSignals, "first completion interrupts");
        assertEquals(1, mem.u16(USED + 4 + 8 * SIZE), "avail_event follows the device");
        mem.put16(AVAIL + 4 + 2 * SIZE, 2);
        offer(1, 1, 2);
        dev.notifyQueue(0);
        assertEquals(1, dev.usedSignals, "used idx 2 does not pass used_event 2");
        offer(2, 2, 3);
        dev.notifyQueue(0);
        assertEquals(2, dev.usedSignals, "used idx 3 passes used_event 2");
    }

    @Test
    void loopedChainMarksTheDeviceBrokenAndRaisesConfigChange() {
        start(V1);
        mem.desc(DESC, 0, 0x8000, 4, 1, 1);
        mem.desc(DESC, 1, 0x8000, 4, 1, 0);
        offer(0, 0, 1);
        dev.notifyQueue(0);
        assertTrue(dev.broken());
        assertEquals(RingFault.LOOP, dev.lastFault());
        assertEquals(VirtioDevice.DEVICE_NEEDS_RESET, dev.status() & VirtioDevice.DEVICE_NEEDS_RESET);
        assertEquals(1, dev.configSignals);
        assertEquals(3, dev.readAndClearIsr(), "QEMU sets ISR |= 3 on a config change");
        assertEquals(0, mem.u16(USED + 2), "nothing used");
        dev.setStatus(0);
        assertFalse(dev.broken(), "reset clears broken");
        assertEquals(0, dev.status());
    }

    @Test
    void legacyDriverSeesNoNeedsResetBit() {
        start(0);
        mem.desc(DESC, 0, 0x8000, 0, 0, 0);
        offer(0, 0, 1);
        dev.notifyQueue(0);
        assertTrue(dev.broken());
        assertEquals(RingFault.ZERO_LENGTH, dev.lastFault());
        assertEquals(0, dev.status() & VirtioDevice.DEVICE_NEEDS_RESET);
        assertEquals(0, dev.configSignals);
    }

    @Test
    void hostileRingsEachEndInTheirFault() {
        record Case(RingFault fault, Runnable setup) {
        }
        List<Case> cases = List.of(
                new Case(RingFault.AVAIL_INDEX_JUMP, () -> offer(0, 0, SIZE + 1)),
                new Case(RingFault.HEAD_OUT_OF_RANGE, () -> offer(0, SIZE, 1)),
                new Case(RingFault.NEXT_OUT_OF_RANGE, () -> {
                    mem.desc(DESC, 0, 0x8000, 4, 1, 99);
                    offer(0, 0, 1);
                }),
                new Case(RingFault.BAD_ADDRESS, () -> {
                    mem.desc(DESC, 0, 0x1f000, 0x2000, 0, 0);
                    offer(0, 0, 1);
                }),
                new Case(RingFault.BAD_ADDRESS, () -> {
                    mem.desc(DESC, 0, -16, 0xffffffffL, 0, 0);
                    offer(0, 0, 1);
                }),
                new Case(RingFault.ORDER, () -> {
                    mem.desc(DESC, 0, 0x8000, 4, 3, 1);
                    mem.desc(DESC, 1, 0x8000, 4, 0, 0);
                    offer(0, 0, 1);
                }),
                new Case(RingFault.INDIRECT_SIZE, () -> {
                    mem.desc(DESC, 0, 0x5000, 24, 4, 0);
                    offer(0, 0, 1);
                }),
                new Case(RingFault.NESTED_INDIRECT, () -> {
                    mem.desc(0x5000, 0, 0x6000, 16, 4, 0);
                    mem.desc(DESC, 0, 0x5000, 16, 4, 0);
                    offer(0, 0, 1);
                }),
                new Case(RingFault.LOOP, () -> {
                    mem.desc(0x5000, 0, 0x8000, 4, 1, 1);
                    mem.desc(0x5000, 1, 0x8000, 4, 1, 0);
                    mem.desc(DESC, 0, 0x5000, 32, 4, 0);
                    offer(0, 0, 1);
                }));
        for (Case c : cases) {
            java.util.Arrays.fill(mem.ram, (byte) 0);
            dev.setStatus(0);
            start(V1 | VirtioFeatures.bit(VirtioFeatures.INDIRECT_DESC));
            c.setup().run();
            dev.notifyQueue(0);
            assertTrue(dev.broken(), c.fault().name());
            assertEquals(c.fault(), dev.lastFault());
        }
    }

    @Test
    void notifyOfAbsentOrUnsetQueueIsIgnored() {
        start(V1);
        dev.notifyQueue(7);
        dev.notifyQueue(-1);
        dev.notifyQueue(1);
        assertFalse(dev.broken());
    }

    @Test
    void driverFeaturesKeepOnlyOfferedBits() {
        dev.setStatus(3);
        dev.setDriverFeatures(-1L);
        assertEquals(dev.hostFeatures(), dev.driverFeatures());
    }

    @Test
    void configChangeBeforeDriverOkBumpsGenerationWithoutSignal() {
        int g = dev.configGeneration();
        dev.configChanged();
        assertEquals(g + 1, dev.configGeneration());
        assertEquals(0, dev.configSignals);
        assertEquals(0, dev.isr());
    }

    @Test
    void queueResetLeavesOtherQueuesWorking() {
        start(V1);
        Virtqueue q1 = dev.queue(1);
        q1.setDesc(0x10000);
        q1.setDriverArea(0x11000);
        q1.setDeviceArea(0x12000);
        dev.enableQueue(1);
        dev.resetQueue(0);
        assertFalse(dev.queue(0).enabled());
        mem.desc(0x10000, 0, 0x8000, 4, 0, 0);
        mem.put16(0x11000 + 4, 0);
        mem.put16(0x11000 + 2, 1);
        dev.notifyQueue(1);
        assertEquals(1, mem.u16(0x12000 + 2));
    }
}
