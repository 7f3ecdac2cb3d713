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
}
