package io.qtestjvm.pci;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** pci_do_device_reset, device resets, plugging rules (hw/pci/pci.c). */
class ResetAndPlugTest {
    private final PcTopology pc = new PcTopology();

    @Test
    void resetClearsCommandBarsMsiAndIntxAndUnmaps() {
        TestDevice dev = new TestDevice();
        int devfn = pc.bus().plug(dev, PciRegs.devfn(4, 0));
        pc.cfgWrite(0x08, 0x63, 1, 11);
        pc.cfgWrite(devfn, 0x10, 4, 0xe0001000L);
        pc.cfgWrite(devfn, 0x3c, 1, 11);
        pc.cfgWrite(devfn, 0x0c, 1, 0x10);
        pc.cfgWrite(devfn, 0x44, 4, 0x2000);
        pc.cfgWrite(devfn, 4, 2, PciRegs.COMMAND_MEMORY | PciRegs.COMMAND_MASTER);
        pc.cfgWrite(devfn, 0x42, 2, PciRegs.MSI_FLAGS_ENABLE);
        pc.cfgWrite(devfn, 0x60, 4, 0xcafe);
        pc.cfgWrite(devfn, 0x42, 2, 0); // MSI off again so INTx can be raised
        dev.setIrqLevel(1);
        int resetsBefore = dev.resets;

        pc.host.reset();

        assertEquals(resetsBefore + 1, dev.resets);
        assertEquals(0L, pc.cfgRead(devfn, 4, 2));
        assertEquals(0L, pc.cfgRead(devfn, 0x10, 4));
        assertEquals(0L, pc.cfgRead(devfn, 0x3c, 1));
        assertEquals(0L, pc.cfgRead(devfn, 0x0c, 1));
        assertEquals(0L, pc.cfgRead(devfn, 0x44, 4));
        assertEquals(0x0184L, pc.cfgRead(devfn, 0x42, 2));
        assertEquals(PciRegs.STATUS_CAP_LIST, pc.cfgRead(devfn, 6, 2));
        assertEquals(0xcafeL, pc.cfgRead(devfn, 0x60, 4)); // device-specific registers are the device's business
        assertEquals(-1L, dev.barAddress(0));
        // PIIX3 resets before the function withdraws its pin, so, as in QEMU, it does not drive ISA IRQ 11 low:
        // the interrupt controllers clear their inputs on their own reset
        assertEquals(0, pc.bus().irqLevel(3));
        assertEquals(false, dev.intxAsserted(0));
        assertEquals(0x80808080L, pc.cfgRead(0x08, 0x60, 4));
    }

    @Test
    void piix3CommandEndsClearedAsTheBusResetFollowsTheDeviceReset() {
        pc.cfgWrite(0x08, 4, 2, 0x0007);
        pc.host.reset();
        assertEquals(0x0000L, pc.cfgRead(0x08, 4, 2));
        assertEquals(0x0200L, pc.cfgRead(0x08, 6, 2));
        assertEquals(0x4dL, pc.cfgRead(0x08, 0x4c, 1));
    }

    @Test
    void ideResetValues() {
        assertEquals(0x0280L, pc.cfgRead(0x09, 6, 2));
        assertEquals(0x01L, pc.cfgRead(0x09, 0x20, 4));
    }

    @Test
    void pmResetValues() {
        assertEquals(0x0280L, pc.cfgRead(0x0b, 6, 2));
        assertEquals(0x01L, pc.cfgRead(0x0b, 0x40, 1));
        assertEquals(0xb101L, pc.cfgRead(0x0b, 0x90, 2));
    }

    @Test
    void automaticPlacementTakesFunctionZeroOfTheFirstFreeSlot() {
        assertEquals(PciRegs.devfn(4, 0), pc.bus().plug(new TestDevice()));
        assertEquals(PciRegs.devfn(5, 0), pc.bus().plug(new TestDevice()));
    }

    @Test
    void occupiedDevfnIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pc.bus().plug(new TestDevice(), PciRegs.devfn(3, 0)));
        assertEquals("PCI: slot 3 function 0 not available for test-pci, in use by e1000,id=(null)", e.getMessage());
    }

    @Test
    void functionBesideSingleFunctionDeviceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> pc.bus().plug(new TestDevice(), PciRegs.devfn(3, 1)));
        assertNull(pc.bus().device(PciRegs.devfn(3, 1)));
    }

    @Test
    void unplugFreesTheDevfn() {
        TestDevice dev = new TestDevice();
        int devfn = pc.bus().plug(dev);
        assertSame(dev, pc.bus().unplug(devfn));
        assertEquals(devfn, pc.bus().plug(new TestDevice()));
    }

    @Test
    void busIsNamedPci0UnderTheHost() {
        assertSame(pc.bus(), pc.host.child("pci.0"));
        assertEquals("i440FX-pcihost", pc.host.typeName());
        assertEquals("PCI", pc.bus().typeName());
    }
}
