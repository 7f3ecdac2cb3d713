package io.qtestjvm.devices.virtio;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** virtio-rng (virtio 1.2 §5.4): writable buffers come back full of the source's bytes. */
class VirtioRngTest {
    static final long V1 = VirtioFeatures.bit(VirtioFeatures.VERSION_1);

    byte[] run(long seed) {
        ArrayMemory mem = new ArrayMemory(0x20000);
        VirtioRng rng = new VirtioRng(mem, VirtioRng.seeded(seed), true, true, false);
        RingDriver d = new RingDriver(mem, rng, V1);
        assertEquals(64, d.submit(0x8000, 24, 1, 0x9000, 40, 1));
        byte[] out = new byte[64];
        System.arraycopy(mem.ram, 0x8000, out, 0, 24);
        System.arraycopy(mem.ram, 0x9000, out, 24, 40);
        assertEquals(VirtioRng.QUEUE_SIZE, rng.queue(0).maxSize());
        return out;
    }

    @Test
    void seededSourceIsDeterministicAndFillsEveryWritableByte() {
        byte[] a = run(42);
        assertArrayEquals(a, run(42));
        assertFalse(Arrays.equals(a, run(43)));
        assertFalse(Arrays.equals(a, new byte[64]));
    }
}
