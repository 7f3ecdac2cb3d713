package io.qtestjvm.devices.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BlockNullBackendTest {
    @Test
    void defaultSizeIsOneGibAndWritesAreDiscarded() {
        NullBackend b = new NullBackend();
        assertEquals(1L << 30, b.size());
        assertFalse(b.readOnly());
        byte[] data = new byte[512];
        Arrays.fill(data, (byte) 0x5a);
        assertEquals(BlockResult.OK, b.write(4096, data));
        assertEquals(BlockResult.OK, b.read(4096, data));
        assertArrayEquals(new byte[512], data);
    }

    @Test
    void readsGiveZerosWithOrWithoutReadZeroes() {
        for (boolean readZeroes : new boolean[] {true, false}) {
            NullBackend b = new NullBackend(8192, readZeroes);
            byte[] buf = new byte[64];
            Arrays.fill(buf, (byte) -1);
            assertEquals(BlockResult.OK, b.read(100, buf));
            assertArrayEquals(new byte[64], buf);
        }
    }

    @Test
    void requestsOutsideTheSizeFailWithEio() {
        NullBackend b = new NullBackend(1024, true);
        assertEquals(BlockResult.EIO, b.read(1000, new byte[100]));
        assertEquals(BlockResult.EIO, b.write(1024, new byte[1]));
        assertEquals(BlockResult.OK, b.write(1023, new byte[1]));
    }

    /** QEMU 7.2's null-co has no truncate: block_resize answers "Image format driver does not support resize". */
    @Test
    void resizeIsNotSupportedAndKeepsTheSize() {
        NullBackend b = new NullBackend(1024, true);
        assertEquals(BlockResult.ENOTSUP, b.resize(2048));
        assertEquals(1024, b.size());
        assertEquals(BlockResult.EIO, b.write(1024, new byte[1]));
    }
}
