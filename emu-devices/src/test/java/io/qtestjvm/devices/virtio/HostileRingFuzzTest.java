package io.qtestjvm.devices.virtio;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded, bounded fuzzing of ring contents: whatever the driver writes into the descriptor table and rings (split
 * and packed, with indirect tables and event index), a notification returns, never throws, and either completes
 * requests or leaves the device broken; a second device beside it keeps working.
 */
class HostileRingFuzzTest {
    static final int ROUNDS = 3000;

    @Test
    void randomRingsNeverThrowNorHangAndBrokenDevicesDoNotDisturbOthers() {
        SplittableRandom rnd = new SplittableRandom(0x5eed_13L);
        ArrayMemory mem = new ArrayMemory(0x10000);
        ArrayMemory otherMem = new ArrayMemory(0x10000);
        EchoDevice dev = new EchoDevice(mem, 16, 16);
        EchoDevice other = new EchoDevice(otherMem, 16);
        int broken = 0;
        int completed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            // garbage in the table, rings and buffers; addresses biased to land inside memory sometimes
            for (int i = 0; i < 256; i++) {
                int a = rnd.nextInt(0x3000);
                mem.ram[a] = (byte) rnd.nextInt(256);
            }
            for (int i = 0; i < 16; i++) {
                long d = 16L * i;
                if (rnd.nextInt(3) == 0) {
                    mem.put64(d, rnd.nextInt(4) == 0 ? rnd.nextLong() : 0x4000 + rnd.nextInt(0x8000));
                    mem.put32(d + 8, rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(64));
                }
            }
            dev.setStatus(0);
            dev.setStatus(3);
            long f = VirtioFeatures.bit(VirtioFeatures.VERSION_1) | VirtioFeatures.bit(VirtioFeatures.INDIRECT_DESC);
            if (rnd.nextBoolean()) {
                f |= VirtioFeatures.bit(VirtioFeatures.EVENT_IDX);
            }
            if (rnd.nextInt(3) == 0) {
                f |= VirtioFeatures.bit(VirtioFeatures.RING_PACKED);
            }
            dev.setDriverFeatures(f);
            dev.setStatus(0xb);
            Virtqueue q = dev.queue(rnd.nextInt(2));
            q.setSize(1 + rnd.nextInt(16));
            q.setDesc(0);
            q.setDriverArea(0x1000);
            q.setDeviceArea(0x2000);
            dev.enableQueue(q.index());
            dev.setStatus(0xf);
            for (int k = 0; k < 4; k++) {
                dev.notifyQueue(rnd.nextInt(4) - 1);
            }
            if (dev.broken()) {
                broken++;
                assertNotEquals(RingFault.NONE, dev.lastFault());
                assertTrue((dev.status() & VirtioDevice.DEVICE_NEEDS_RESET) != 0);
            }
            completed += dev.seen.size();
            dev.seen.clear();
            // the neighbour still completes a well-formed request
            other.setStatus(0);
            other.setStatus(3);
            other.setDriverFeatures(VirtioFeatures.bit(VirtioFeatures.VERSION_1));
            other.setStatus(0xf);
            Virtqueue o = other.queue(0);
            o.setDesc(0x1000);
            o.setDriverArea(0x2000);
            o.setDeviceArea(0x3000);
            other.enableQueue(0);
            otherMem.desc(0x1000, 0, 0x8000, 4, 0, 0);
            otherMem.put16(0x2004, 0);
            otherMem.put16(0x2002, 1);
            other.notifyQueue(0);
            assertEquals(1, otherMem.u16(0x3002), "neighbour completed in round " + round);
            assertFalse(other.broken());
        }
        assertTrue(broken > ROUNDS / 10, "the fuzzer reaches the fault paths: " + broken);
        assertTrue(completed > 0, "and sometimes forms valid requests: " + completed);
    }
}
