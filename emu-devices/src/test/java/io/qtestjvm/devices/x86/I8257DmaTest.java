package io.qtestjvm.devices.x86;

import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class I8257DmaTest {
    private final MemoryRegion io = MemoryRegion.container("io", 0x10000);
    private final AddressSpace ports = AddressSpace.io("io", io, false);
    private final I8257Dma dma1 = new I8257Dma(0);
    private final I8257Dma dma2 = new I8257Dma(1);

    I8257DmaTest() {
        dma1.realize();
        dma2.realize();
        io.addSubregion(0x00, dma1.channelRegion());
        io.addSubregion(0x08, dma1.controlRegion());
        io.addSubregion(0x80, dma1.pageRegion());
        io.addSubregion(0xc0, dma2.channelRegion());
        io.addSubregion(0xd0, dma2.controlRegion());
    }

    @Test
    void portZeroReadsZeroAfterReset() {
        // libqtest's qtest_get_irq flushes IRQ lines with "inb 0x0"; QEMU answers 0 there
        assertEquals(0, ports.load(0x00, 1, false));
        assertEquals(0, ports.load(0x00, 1, false));
    }

    @Test
    void addressIsWrittenAndReadLowByteThenHighThroughTheFlipFlop() {
        ports.store(0x0c, 1, 0, false); // clear flip-flop
        ports.store(0x02, 1, 0x34, false);
        ports.store(0x02, 1, 0x12, false);
        assertEquals(0x34, ports.load(0x02, 1, false));
        assertEquals(0x12, ports.load(0x02, 1, false));
    }

    @Test
    void sixteenBitControllerUsesEvenPortsAndWordAddresses() {
        ports.store(0xd8, 1, 0, false); // clear flip-flop (0x0c << 1 relative to 0xc0)
        ports.store(0xc4, 1, 0x10, false);
        ports.store(0xc4, 1, 0x00, false);
        assertEquals(0x10, ports.load(0xc4, 1, false), "word address shifted back");
    }

    @Test
    void pageRegistersMapPortsToChannels() {
        ports.store(0x87, 1, 0x5a, false); // channel 0
        assertEquals(0x5a, ports.load(0x87, 1, false));
        assertEquals(0, ports.load(0x84, 1, false), "a port without channel reads 0");
    }

    @Test
    void maskRegisterReadsBackThroughTheRequestPort() {
        ports.store(0x0d, 1, 0, false); // master clear: every channel masked
        assertEquals(0x0f, ports.load(0x09, 1, false));
        ports.store(0x0a, 1, 0x01, false); // single mask: clear channel 1
        assertEquals(0x0d, ports.load(0x09, 1, false));
        ports.store(0x0e, 1, 0, false); // clear mask
        assertEquals(0x00, ports.load(0x09, 1, false));
        ports.store(0x0f, 1, 0x05, false); // write all mask bits
        assertEquals(0x05, ports.load(0x09, 1, false));
        assertEquals(0, ports.load(0x0d, 1, false), "temporary register");
    }

    @Test
    void softwareRequestShowsInTheStatusUntilReset() {
        ports.store(0x09, 1, 0x06, false); // request channel 2
        assertEquals(0x40, ports.load(0x08, 1, false));
        assertEquals(0x40, ports.load(0x08, 1, false), "request bits survive a status read");
        ports.store(0x09, 1, 0x02, false);
        assertEquals(0x00, ports.load(0x08, 1, false));
    }

    @Test
    void wordCountIsReadBackFromTheCurrentRegisterLoadedByTheHighByte() {
        ports.store(0x0c, 1, 0, false);
        ports.store(0x07, 1, 0xff, false); // channel 3 count, low byte only
        ports.store(0x0c, 1, 0, false);
        assertEquals(0x00, ports.load(0x07, 1, false), "current count not loaded without the high byte");
        ports.store(0x0c, 1, 0, false);
        ports.store(0x07, 1, 0xff, false);
        ports.store(0x07, 1, 0x01, false);
        assertEquals(0xff, ports.load(0x07, 1, false));
        assertEquals(0x01, ports.load(0x07, 1, false));
    }
}
