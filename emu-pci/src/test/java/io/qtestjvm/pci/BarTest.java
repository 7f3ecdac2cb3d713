package io.qtestjvm.pci;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** BAR sizing and pci_update_mappings. */
class BarTest {
    private final PcTopology pc = new PcTopology();
    private TestDevice dev;
    private int devfn;

    @BeforeEach
    void plug() {
        dev = new TestDevice();
        devfn = pc.bus().plug(dev, PciRegs.devfn(4, 0));
    }

    @Test
    void writingAllOnesReadsBackSizeMaskWithTypeBits() {
        pc.cfgWrite(0x18, 0x10, 4, 0xffffffffL);
        assertEquals(0xfffe0000L, pc.cfgRead(0x18, 0x10, 4));
        pc.cfgWrite(0x18, 0x14, 4, 0xffffffffL);
        assertEquals(0xffffffc1L, pc.cfgRead(0x18, 0x14, 4));
        pc.cfgWrite(0x10, 0x10, 4, 0xffffffffL);
        assertEquals(0xff000008L, pc.cfgRead(0x10, 0x10, 4));
        pc.cfgWrite(devfn, 0x18, 4, 0xffffffffL);
        pc.cfgWrite(devfn, 0x1c, 4, 0xffffffffL);
        assertEquals(0xfff0000cL, pc.cfgRead(devfn, 0x18, 4));
        assertEquals(0xffffffffL, pc.cfgRead(devfn, 0x1c, 4));
    }

    @Test
    void barsAreZeroAfterReset() {
        assertEquals(0x00000000L, pc.cfgRead(devfn, 0x10, 4));
        assertEquals(0x00000001L, pc.cfgRead(devfn, 0x14, 4));
        assertEquals(0x0000000cL, pc.cfgRead(devfn, 0x18, 4));
        assertEquals(0x00000001L, pc.cfgRead(0x09, 0x20, 4)); // IDE BMIBA
    }

    @Test
    void memoryBarIsMappedOnlyWhileCommandMemoryIsSet() {
        pc.cfgWrite(devfn, 0x10, 4, 0xe0001000L);
        assertEquals(0L, pc.memory.load(0xe0001010L, 4, false));
        assertEquals(-1L, dev.barAddress(0));
        pc.cfgWrite(devfn, 4, 2, PciRegs.COMMAND_MEMORY);
        assertEquals(0xe0001000L, dev.barAddress(0));
        assertEquals(TestDevice.MEM_MARKER | 0x10, pc.memory.load(0xe0001010L, 4, false));
        pc.cfgWrite(devfn, 4, 2, 0);
        assertEquals(0L, pc.memory.load(0xe0001010L, 4, false));
        assertEquals(-1L, dev.barAddress(0));
    }

    @Test
    void reprogrammingMovesTheBar() {
        pc.cfgWrite(devfn, 0x10, 4, 0xe0001000L);
        pc.cfgWrite(devfn, 4, 2, PciRegs.COMMAND_MEMORY);
        pc.cfgWrite(devfn, 0x10, 4, 0xe0002000L);
        assertEquals(0L, pc.memory.load(0xe0001000L, 4, false));
        assertEquals(TestDevice.MEM_MARKER, pc.memory.load(0xe0002000L, 4, false));
    }

    @Test
    void sizingWhileEnabledUnmapsUntilReprogrammed() {
        pc.cfgWrite(devfn, 0x10, 4, 0xe0001000L);
        pc.cfgWrite(devfn, 4, 2, PciRegs.COMMAND_MEMORY);
        pc.cfgWrite(devfn, 0x10, 4, 0xffffffffL); // 0xfffff000 + 4 KiB reaches 2^32: not decoded
        assertEquals(-1L, dev.barAddress(0));
        assertEquals(0L, pc.memory.load(0xfffff000L, 4, false));
    }

    @Test
    void addressZeroIsNotDecoded() {
        pc.cfgWrite(devfn, 4, 2, PciRegs.COMMAND_MEMORY | PciRegs.COMMAND_IO);
        assertEquals(-1L, dev.barAddress(0));
        assertEquals(-1L, dev.barAddress(1));
    }

    @Test
    void ioBarIsMappedIntoThePortSpaceWithCommandIo() {
        pc.cfgWrite(devfn, 0x14, 4, 0xc001L);
        assertEquals(0xffffffffL, pc.inl(0xc004));
        pc.cfgWrite(devfn, 4, 2, PciRegs.COMMAND_IO);
        assertEquals(0xc000L, dev.barAddress(1));
        assertEquals(TestDevice.IO_MARKER | 4, pc.inl(0xc004));
        pc.cfgWrite(devfn, 4, 2, PciRegs.COMMAND_MEMORY);
        assertEquals(0xffffffffL, pc.inl(0xc004));
    }

    @Test
    void sixtyFourBitBarUsesBothRegisters() {
        pc.cfgWrite(devfn, 0x18, 4, 0x00100000L);
        pc.cfgWrite(devfn, 0x1c, 4, 0x1L);
        pc.cfgWrite(devfn, 4, 2, PciRegs.COMMAND_MEMORY);
        assertEquals(0x1_0010_0000L, dev.barAddress(2));
        assertEquals(TestDevice.MEM_MARKER | 8, pc.memory.load(0x1_0010_0008L, 4, false));
        // only the low half written, as libqos does: the upper half stays 0 after reset
        pc.cfgWrite(devfn, 0x1c, 4, 0);
        pc.cfgWrite(devfn, 0x18, 4, 0xe0100000L);
        assertEquals(0xe0100000L, dev.barAddress(2));
    }

    @Test
    void thirtyTwoBitBarReachingFourGigabytesIsNotDecoded() {
        pc.cfgWrite(devfn, 0x10, 4, 0xfffff000L);
        pc.cfgWrite(devfn, 4, 2, PciRegs.COMMAND_MEMORY);
        assertEquals(-1L, dev.barAddress(0));
    }

    @Test
    void configOnlyBarMapsNothing() {
        pc.cfgWrite(0x18, 0x10, 4, 0xe0000000L);
        pc.cfgWrite(0x18, 4, 2, PciRegs.COMMAND_MEMORY);
        assertEquals(0xe0000000L, pc.bus().device(0x18).barAddress(0));
        assertEquals(0L, pc.memory.load(0xe0000000L, 4, false));
    }

    @Test
    void unplugUnmapsTheBars() {
        pc.cfgWrite(devfn, 0x10, 4, 0xe0001000L);
        pc.cfgWrite(devfn, 4, 2, PciRegs.COMMAND_MEMORY);
        pc.bus().unplug(devfn);
        assertEquals(0L, pc.memory.load(0xe0001000L, 4, false));
        assertEquals(0xffffffffL, pc.cfgRead(devfn, 0, 4));
    }
}
