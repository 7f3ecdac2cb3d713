package io.qtestjvm.qos.libqos.virtio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqtest.QTestState;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The driver's rings byte for byte against virtio 1.2 2.7 (split) and 2.8 (packed), with the device's side played
 * by the test writing used entries, and the notification rules (2.7.10, 2.8.10). No machine: guest memory is a byte
 * array behind a qtest transport.
 */
class VirtQueueLayoutTest {
    private final RamTransport ram = new RamTransport(1 << 20);
    private final QTestState qts = new QTestState(ram);
    private final GuestAllocator alloc = new GuestAllocator(0x1000, 1 << 20, 16);

    private QVirtioDevice device(long features, RecordingBus[] out) {
        RecordingBus bus = new RecordingBus(qts, features, 8);
        out[0] = bus;
        QVirtioDevice dev = new QVirtioDevice(bus);
        dev.start();
        dev.setFeatures(features);
        return dev;
    }

    @Test
    void splitRingLayoutFollowsSection27() {
        assertEquals(16 * 8, VirtqLayout.descTableSize(8));
        assertEquals(6 + 2 * 8, VirtqLayout.availSize(8));
        assertEquals(6 + 8 * 8, VirtqLayout.usedSize(8));
        assertEquals(4096, VirtqLayout.usedOffset(8, 4096));
        assertEquals(4096 + 70, VirtqLayout.splitSize(8, 4096));
    }

    @Test
    void splitChainIsLinkedPublishedAndFreedWhenUsed() {
        RecordingBus[] bus = new RecordingBus[1];
        QVirtioDevice dev = device(VirtioSpec.F_VERSION_1, bus);
        SplitVirtQueue vq = dev.setupQueue(alloc, 0);
        int head = vq.add(DescChain.builder().readable(0x8000, 16).readable(0x8010, 512).writable(0x8210, 1));
        assertEquals(0, head);
        assertEquals(5, vq.numFree());
        long d = vq.descArea();
        assertEquals(0x8000, ram.get(d, 8));
        assertEquals(16, ram.get(d + 8, 4));
        assertEquals(VirtioSpec.DESC_F_NEXT, ram.get(d + 12, 2));
        assertEquals(1, ram.get(d + 14, 2));
        assertEquals(VirtioSpec.DESC_F_NEXT, ram.get(d + 16 + 12, 2));
        assertEquals(VirtioSpec.DESC_F_WRITE, ram.get(d + 32 + 12, 2));
        assertEquals(0, ram.get(vq.driverArea() + 2, 2), "idx unpublished before the kick");
        vq.kick();
        assertEquals(1, ram.get(vq.driverArea() + 2, 2));
        assertEquals(0, ram.get(vq.driverArea() + 4, 2), "ring[0] holds the head");
        assertEquals(List.of(0), bus[0].kicks);
        // the device's part: used ring entry {id 0, len 1}, idx 1
        ram.put(vq.deviceArea() + 4, 4, 0);
        ram.put(vq.deviceArea() + 8, 4, 1);
        ram.put(vq.deviceArea() + 2, 2, 1);
        UsedElem e = vq.getBuf();
        assertEquals(new UsedElem(0, 1), e);
        assertEquals(8, vq.numFree());
        assertNull(vq.getBuf());
    }

    @Test
    void splitKickHonoursNoNotifyAndAvailEvent() {
        RecordingBus[] bus = new RecordingBus[1];
        QVirtioDevice dev = device(VirtioSpec.F_VERSION_1, bus);
        SplitVirtQueue vq = dev.setupQueue(alloc, 0);
        ram.put(vq.deviceArea(), 2, VirtioSpec.USED_F_NO_NOTIFY);
        vq.add(DescChain.builder().readable(0x8000, 4));
        vq.kick();
        assertTrue(bus[0].kicks.isEmpty(), "NO_NOTIFY suppresses the kick");

        QVirtioDevice evdev = device(VirtioSpec.F_VERSION_1 | VirtioSpec.F_EVENT_IDX, bus);
        SplitVirtQueue ev = evdev.setupQueue(alloc, 0);
        long availEvent = ev.deviceArea() + VirtqLayout.availEventOffset(8);
        ram.put(availEvent, 2, 1); // notify when idx passes 1
        ev.add(DescChain.builder().readable(0x8000, 4));
        ev.kick(); // 0 -> 1: event 1 not passed
        assertTrue(bus[0].kicks.isEmpty());
        ev.add(DescChain.builder().readable(0x8000, 4));
        ev.kick(); // 1 -> 2: passes 1
        assertEquals(List.of(0), bus[0].kicks);
    }

    @Test
    void needEventIsSixteenBitArithmetic() {
        assertTrue(VirtioSpec.needEvent(0, 1, 0));
        assertFalse(VirtioSpec.needEvent(1, 1, 0));
        assertTrue(VirtioSpec.needEvent(0xffff, 0, 0xffff));
        assertFalse(VirtioSpec.needEvent(5, 3, 2));
    }

    @Test
    void packedDescriptorsCarryWrapCountersAndWrap() {
        RecordingBus[] bus = new RecordingBus[1];
        QVirtioDevice dev = device(VirtioSpec.F_VERSION_1 | VirtioSpec.F_RING_PACKED, bus);
        PackedVirtQueue vq = dev.setupPackedQueue(alloc, 0);
        long ring = vq.descArea();
        for (int i = 0; i < 8; i++) {
            int id = vq.add(DescChain.builder().writable(0x9000, 8));
            long d = ring + 16L * i;
            assertEquals(id, ram.get(d + 12, 2));
            assertEquals(VirtioSpec.DESC_F_AVAIL | VirtioSpec.DESC_F_WRITE, ram.get(d + 14, 2), "first lap, slot " + i);
            // the device marks it used in place: AVAIL and USED equal to its wrap counter (1)
            ram.put(d + 8, 4, 8);
            ram.put(d + 14, 2, VirtioSpec.DESC_F_AVAIL | VirtioSpec.DESC_F_USED);
            assertTrue(vq.hasUsed());
            assertEquals(new UsedElem(id, 8), vq.getBuf());
        }
        vq.kick();
        assertEquals(List.of(0), bus[0].kicks, "device event flags ENABLE (0): notify");
        int id = vq.add(DescChain.builder().readable(0x9000, 8).writable(0x9100, 8));
        assertEquals(VirtioSpec.DESC_F_USED | VirtioSpec.DESC_F_NEXT, ram.get(ring + 14, 2), "second lap head");
        assertEquals(VirtioSpec.DESC_F_USED | VirtioSpec.DESC_F_WRITE, ram.get(ring + 16 + 14, 2));
        assertFalse(vq.hasUsed());
        ram.put(ring + 12, 2, id);
        ram.put(ring + 14, 2, 0); // used in the second lap: AVAIL = USED = 0
        assertEquals(id, vq.getBuf().id());
        ram.put(vq.deviceArea() + 2, 2, VirtioSpec.EVENT_FLAGS_DISABLE);
        vq.add(DescChain.builder().readable(0x9000, 8));
        vq.kick();
        assertEquals(List.of(0), bus[0].kicks, "DISABLE suppresses the kick");
    }

    @Test
    void indirectTableIsOneDescriptorPointingAtTheChain() {
        RecordingBus[] bus = new RecordingBus[1];
        QVirtioDevice dev = device(VirtioSpec.F_VERSION_1 | VirtioSpec.F_INDIRECT_DESC, bus);
        SplitVirtQueue vq = dev.setupQueue(alloc, 0);
        int head = vq.addIndirect(DescChain.builder().readable(0xa000, 16).writable(0xa010, 513), alloc);
        long d = vq.descArea() + 16L * head;
        assertEquals(VirtioSpec.DESC_F_INDIRECT, ram.get(d + 12, 2));
        assertEquals(32, ram.get(d + 8, 4));
        long table = ram.get(d, 8);
        assertEquals(0xa000, ram.get(table, 8));
        assertEquals(VirtioSpec.DESC_F_NEXT, ram.get(table + 12, 2));
        assertEquals(1, ram.get(table + 14, 2));
        assertEquals(513, ram.get(table + 16 + 8, 4));
        assertEquals(VirtioSpec.DESC_F_WRITE, ram.get(table + 16 + 12, 2));
    }
}
