package io.qtestjvm.pci;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * MSI where PCI 3.0 6.8.1 leaves the behaviour open and QEMU 7.2 decides it (docs/provenance.md, PCI): an enabled
 * vector count above the capable one, a vector beyond the enabled ones, pending bits beyond the enabled vectors.
 */
class MsiDeparturesTest {
    private static final int MASK_64 = 0x10;
    private static final int PENDING_64 = 0x14;
    private final PcTopology pc = new PcTopology();

    private int enable(TestDevice dev, int devfn, int log2Vectors) {
        int cap = dev.msiCap;
        pc.cfgWrite(devfn, cap + 4, 4, 0x2000);
        pc.cfgWrite(devfn, cap + 8, 4, 0);
        pc.cfgWrite(devfn, cap + 12, 2, 0x4320);
        pc.cfgWrite(devfn, PciRegs.COMMAND, 2, PciRegs.COMMAND_MASTER);
        pc.cfgWrite(devfn, cap + 2, 2, (log2Vectors << 4) | PciRegs.MSI_FLAGS_ENABLE);
        return cap;
    }

    @Test
    void enabledVectorCountAboveTheCapableOneIsLoweredToIt() {
        TestDevice dev = new TestDevice(); // capable of 4 vectors
        int devfn = pc.bus().plug(dev);
        int cap = enable(dev, devfn, 5);
        assertEquals(2 << 4, dev.configWord(cap + 2) & PciRegs.MSI_FLAGS_QSIZE);
    }

    @Test
    void vectorBeyondTheEnabledOnesIsNotSent() {
        TestDevice dev = new TestDevice();
        int devfn = pc.bus().plug(dev);
        enable(dev, devfn, 0);
        dev.msiNotify(1);
        assertEquals(0L, pc.memory.load(0x2000, 4, false));
        dev.msiNotify(0);
        assertEquals(0x4320L, pc.memory.load(0x2000, 4, false));
    }

    @Test
    void pendingBitsBeyondTheEnabledVectorsAreDroppedOnAWrite() {
        TestDevice dev = new TestDevice();
        int devfn = pc.bus().plug(dev);
        int cap = enable(dev, devfn, 2);
        pc.cfgWrite(devfn, cap + MASK_64, 4, 0xf);
        dev.msiNotify(3);
        assertEquals(0x8L, dev.configLong(cap + PENDING_64));
        pc.cfgWrite(devfn, cap + 2, 2, PciRegs.MSI_FLAGS_ENABLE); // one vector
        assertEquals(0L, dev.configLong(cap + PENDING_64));
        pc.cfgWrite(devfn, cap + MASK_64, 4, 0);
        assertEquals(0L, pc.memory.load(0x2000, 4, false), "the dropped vector is never sent");
    }
}
