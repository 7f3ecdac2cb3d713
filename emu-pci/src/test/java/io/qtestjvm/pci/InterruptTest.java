package io.qtestjvm.pci;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** INTx through the bus and PIIX3 (hw/isa/piix3.c, hw/pci/pci.c), and MSI (hw/pci/msi.c). */
class InterruptTest {
    private final PcTopology pc = new PcTopology();

    @Test
    void piixMapsSlotAndPinToPirq() {
        assertEquals(3, Piix3Isa.slotToPirq(PciRegs.devfn(4, 0), 0));
        assertEquals(0, Piix3Isa.slotToPirq(PciRegs.devfn(4, 0), 1));
        assertEquals(0, Piix3Isa.slotToPirq(PciRegs.devfn(1, 0), 0));
        assertEquals(2, Piix3Isa.slotToPirq(PciRegs.devfn(3, 0), 0));
    }

    @Test
    void pirqRoutesAreDisabledAfterReset() {
        assertEquals(0x80808080L, pc.cfgRead(0x08, 0x60, 4));
        TestDevice dev = new TestDevice();
        pc.bus().plug(dev, PciRegs.devfn(4, 0));
        dev.setIrqLevel(1);
        assertArrayEquals(new int[16], pc.isaLevels);
        assertEquals(1, pc.bus().irqLevel(3));
    }

    @Test
    void routedPirqDrivesItsIsaIrq() {
        TestDevice dev = new TestDevice();
        pc.bus().plug(dev, PciRegs.devfn(4, 0));
        pc.cfgWrite(0x08, 0x63, 1, 11);
        dev.setIrqLevel(1);
        assertEquals(1, pc.isaLevels[11]);
        dev.setIrqLevel(0);
        assertEquals(0, pc.isaLevels[11]);
    }

    @Test
    void changingTheRouteMovesAnAssertedLevel() {
        TestDevice dev = new TestDevice();
        pc.bus().plug(dev, PciRegs.devfn(4, 0));
        pc.cfgWrite(0x08, 0x63, 1, 10);
        dev.setIrqLevel(1);
        pc.cfgWrite(0x08, 0x63, 1, 11);
        assertEquals(0, pc.isaLevels[10]);
        assertEquals(1, pc.isaLevels[11]);
        pc.cfgWrite(0x08, 0x63, 1, 0x8b); // bit 7: disabled
        assertEquals(0, pc.isaLevels[11]);
    }

    @Test
    void sharedLineStaysHighUntilTheLastFunctionLowers() {
        TestDevice a = new TestDevice();
        TestDevice b = new TestDevice();
        pc.bus().plug(a, PciRegs.devfn(4, 0));
        pc.bus().plug(b, PciRegs.devfn(8, 0)); // (8 - 1 + 0) & 3 = 3, as slot 4
        pc.cfgWrite(0x08, 0x60, 4, 0x0b0a0905L);
        a.setIrqLevel(1);
        b.setIrqLevel(1);
        a.setIrqLevel(0);
        assertEquals(1, pc.isaLevels[11]);
        assertEquals(1, pc.bus().irqLevel(3));
        b.setIrqLevel(0);
        assertEquals(0, pc.isaLevels[11]);
        a.setIrqLevel(0); // no change: does not count below zero
        b.setIrqLevel(1);
        assertEquals(1, pc.isaLevels[11]);
    }

    @Test
    void twoPirqsOnOneIsaIrqAreOred() {
        TestDevice a = new TestDevice();
        TestDevice b = new TestDevice();
        pc.bus().plug(a, PciRegs.devfn(4, 0)); // pirq 3
        pc.bus().plug(b, PciRegs.devfn(5, 0)); // pirq 0
        pc.cfgWrite(0x08, 0x60, 1, 9);
        pc.cfgWrite(0x08, 0x63, 1, 9);
        a.setIrqLevel(1);
        b.setIrqLevel(1);
        a.setIrqLevel(0);
        assertEquals(1, pc.isaLevels[9]);
        b.setIrqLevel(0);
        assertEquals(0, pc.isaLevels[9]);
    }

    @Test
    void interruptStatusBitFollowsThePinEvenWhenDisabled() {
        TestDevice dev = new TestDevice();
        int devfn = pc.bus().plug(dev, PciRegs.devfn(4, 0));
        pc.cfgWrite(0x08, 0x63, 1, 11);
        dev.setIrqLevel(1);
        assertEquals(PciRegs.STATUS_INTERRUPT, pc.cfgRead(devfn, 6, 2) & PciRegs.STATUS_INTERRUPT);
        pc.cfgWrite(devfn, 4, 2, PciRegs.COMMAND_INTX_DISABLE);
        assertEquals(0, pc.isaLevels[11]);
        assertEquals(PciRegs.STATUS_INTERRUPT, pc.cfgRead(devfn, 6, 2) & PciRegs.STATUS_INTERRUPT);
        pc.cfgWrite(devfn, 4, 2, 0);
        assertEquals(1, pc.isaLevels[11]);
        dev.setIrqLevel(0);
        assertEquals(0L, pc.cfgRead(devfn, 6, 2) & PciRegs.STATUS_INTERRUPT);
    }

    @Test
    void msiCapabilityIsListedAt0x40() {
        TestDevice dev = new TestDevice();
        int devfn = pc.bus().plug(dev);
        assertEquals(PciRegs.STATUS_CAP_LIST, pc.cfgRead(devfn, 6, 2));
        assertEquals(0x40L, pc.cfgRead(devfn, 0x34, 1));
        assertEquals(0x05L, pc.cfgRead(devfn, 0x40, 1));
        assertEquals(0x00L, pc.cfgRead(devfn, 0x41, 1));
        assertEquals(0x0184L, pc.cfgRead(devfn, 0x42, 2)); // 4 vectors capable, 64-bit, per-vector mask
    }

    private int enableMsi(TestDevice dev, int devfn, int qsize) {
        int cap = dev.msiCap;
        pc.cfgWrite(devfn, cap + 4, 4, 0x2000);
        pc.cfgWrite(devfn, cap + 8, 4, 0);
        pc.cfgWrite(devfn, cap + 12, 2, 0x4320);
        pc.cfgWrite(devfn, 4, 2, PciRegs.COMMAND_MASTER);
        pc.cfgWrite(devfn, cap + 2, 2, (qsize << 4) | PciRegs.MSI_FLAGS_ENABLE);
        return cap;
    }

    @Test
    void msiWritesDataToAddressInRam() {
        TestDevice dev = new TestDevice();
        int devfn = pc.bus().plug(dev);
        enableMsi(dev, devfn, 0);
        dev.msiNotify(0);
        assertEquals(0x4320L, pc.memory.load(0x2000, 4, false));
    }

    @Test
    void msiWithMultipleMessagesPutsVectorInLowDataBits() {
        TestDevice dev = new TestDevice();
        int devfn = pc.bus().plug(dev);
        enableMsi(dev, devfn, 2);
        dev.msiNotify(3);
        assertEquals(0x4323L, pc.memory.load(0x2000, 4, false));
    }

    @Test
    void msiNeedsEnableAndBusMaster() {
        TestDevice dev = new TestDevice();
        int devfn = pc.bus().plug(dev);
        dev.msiNotify(0);
        assertEquals(0L, pc.memory.load(0x2000, 4, false));
        enableMsi(dev, devfn, 0);
        pc.cfgWrite(devfn, 4, 2, 0);
        dev.msiNotify(0);
        assertEquals(0L, pc.memory.load(0x2000, 4, false));
    }

    @Test
    void maskedVectorIsPendingAndDeliveredWhenUnmasked() {
        TestDevice dev = new TestDevice();
        int devfn = pc.bus().plug(dev);
        int cap = enableMsi(dev, devfn, 0);
        pc.cfgWrite(devfn, cap + 0x10, 4, 1);
        dev.msiNotify(0);
        assertEquals(0L, pc.memory.load(0x2000, 4, false));
        assertEquals(1L, pc.cfgRead(devfn, cap + 0x14, 4));
        pc.cfgWrite(devfn, cap + 0x10, 4, 0);
        assertEquals(0x4320L, pc.memory.load(0x2000, 4, false));
        assertEquals(0L, pc.cfgRead(devfn, cap + 0x14, 4));
    }

    @Test
    void enablingMsiDeassertsIntx() {
        TestDevice dev = new TestDevice();
        int devfn = pc.bus().plug(dev, PciRegs.devfn(4, 0));
        pc.cfgWrite(0x08, 0x63, 1, 11);
        dev.setIrqLevel(1);
        enableMsi(dev, devfn, 0);
        assertEquals(0, pc.isaLevels[11]);
        assertEquals(0L, pc.cfgRead(devfn, 6, 2) & PciRegs.STATUS_INTERRUPT);
    }

    @Test
    void dmaGoesToMemoryOnlyWithBusMaster() {
        TestDevice dev = new TestDevice();
        int devfn = pc.bus().plug(dev);
        pc.memory.store(0x3000, 4, 0x11223344L, false);
        byte[] buf = new byte[4];
        dev.dmaRead(0x3000, buf, 0, 4);
        assertArrayEquals(new byte[4], buf);
        dev.dmaWrite(0x3000, new byte[] {1, 2, 3, 4}, 0, 4);
        assertEquals(0x11223344L, pc.memory.load(0x3000, 4, false));
        pc.cfgWrite(devfn, 4, 2, PciRegs.COMMAND_MASTER);
        dev.dmaRead(0x3000, buf, 0, 4);
        assertArrayEquals(new byte[] {0x44, 0x33, 0x22, 0x11}, buf);
        dev.dmaWrite(0x3000, new byte[] {1, 2, 3, 4}, 0, 4);
        assertEquals(0x04030201L, pc.memory.load(0x3000, 4, false));
    }
}
