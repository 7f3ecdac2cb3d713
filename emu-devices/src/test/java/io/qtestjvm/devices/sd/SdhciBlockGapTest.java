package io.qtestjvm.devices.sd;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Stop At Block Gap Request and Continue Request (SD Host Controller Simplified Specification 3.00 §2.2.12)
 * on a multi-block PIO read, as QEMU 7.2 handles them: the stop shows as Block Gap Event once the next
 * block is in the buffer, reading that block ends the transfer, and Continue fetches the following block.
 */
class SdhciBlockGapTest {
    private SdhciBench b;
    private FakeCard card;

    @BeforeEach
    void setUp() {
        b = SdhciBench.genericDefaults();
        card = new FakeCard(64);
        b.slot.attach(card);
        b.powerUp();
        b.clearStatus();
    }

    private byte[] readBlock() {
        byte[] got = new byte[512];
        for (int i = 0; i < 512; i += 4) {
            long v = b.readl(0x20);
            for (int k = 0; k < 4; k++) {
                got[i + k] = (byte) (v >>> (8 * k));
            }
        }
        return got;
    }

    private byte[] image(int block) {
        byte[] d = new byte[512];
        System.arraycopy(card.image, block * 512, d, 0, 512);
        return d;
    }

    @Test
    void stopAtBlockGapPausesAMultiBlockReadUntilContinue() {
        b.writew(0x04, 512);
        b.writew(0x06, 3);
        b.writew(0x0c, 0x10 | 0x20 | 0x02);
        b.command(18, 4, 0x1a | 0x20);
        b.writeb(0x2a, 0x01); // stop at the next gap
        assertArrayEquals(image(4), readBlock());
        assertEquals(0x0004, b.readw(0x30) & 0x0004); // block gap event with block 5 in the buffer
        assertEquals(0, b.readl(0x24) & 0x0004);      // DAT line released
        b.clearStatus();
        assertArrayEquals(image(5), readBlock());
        assertEquals(0x0002, b.readw(0x30) & 0x0002); // the transfer ends at the gap
        assertEquals(1, b.readw(0x06));
        b.clearStatus();
        b.writeb(0x2a, 0x02); // continue
        assertEquals(0x0020, b.readw(0x30) & 0x0020);
        assertArrayEquals(image(6), readBlock());
        assertEquals(0, b.readw(0x06));
        assertEquals(0x0002, b.readw(0x30) & 0x0002);
    }

    @Test
    void aRepeatedStopRequestIsIgnored() {
        b.writew(0x04, 512);
        b.writew(0x06, 3);
        b.writew(0x0c, 0x10 | 0x20 | 0x02);
        b.command(18, 0, 0x1a | 0x20);
        b.writeb(0x2a, 0x01);
        b.writeb(0x2a, 0x03); // stop still requested: the continue bit is not looked at
        assertEquals(0x01, b.read(0x2a, 1));
    }
}
