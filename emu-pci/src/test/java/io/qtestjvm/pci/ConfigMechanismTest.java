package io.qtestjvm.pci;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Configuration mechanism #1 of the i440FX (hw/pci/pci_host.c) and the pc functions' identity. */
class ConfigMechanismTest {
    private final PcTopology pc = new PcTopology();

    @Test
    void pcFunctionsAnswerWithQemuIds() {
        // values from qemu-7.2-transcripts/x86_64-pc-base.txt
        assertEquals(0x12378086L, pc.cfgRead(0x00, 0, 4));
        assertEquals(0x70008086L, pc.cfgRead(0x08, 0, 4));
        assertEquals(0x11111234L, pc.cfgRead(0x10, 0, 4));
        assertEquals(0x100e8086L, pc.cfgRead(0x18, 0, 4));
        assertEquals(0x70108086L, pc.cfgRead(0x09, 0, 4));
        assertEquals(0x71138086L, pc.cfgRead(0x0b, 0, 4));
    }

    @Test
    void readOfAbsentFunctionReturnsAllOnes() {
        assertEquals(0xffffffffL, pc.cfgRead(0xf8, 0, 4));
        assertEquals(0xffffL, pc.cfgRead(0xf8, 0, 2));
        assertEquals(0xffL, pc.cfgRead(0x0a, 0, 1)); // 01.2 is not populated on pc without -usb
    }

    @Test
    void lowTwoAddressBitsSelectTheByteOffset() {
        assertEquals(0x1237L, pc.cfgRead(0x00, 2, 2));
        assertEquals(0x12L, pc.cfgRead(0x00, 3, 1));
        assertEquals(0x86L, pc.cfgRead(0x00, 0, 1));
        // the data port ORs its own low bits into the latched address
        pc.outl(0xcf8, 0x8000_0000L);
        assertEquals(0x1237L, pc.inw(0xcfe));
        assertEquals(0x80L, pc.inb(0xcfd));
    }

    @Test
    void onlyFourByteWritesAtCf8LatchTheAddress() {
        pc.outl(0xcf8, 0x8000_0800L);
        pc.outw(0xcf8, 0x1234);
        pc.outb(0xcf8, 0x56);
        assertEquals(0x8000_0800L, pc.inl(0xcf8));
        assertEquals(0x70008086L, pc.inl(0xcfc));
    }

    @Test
    void dataPortReadsAllOnesAndDropsWritesWithoutEnableBit() {
        pc.outl(0xcf8, 0x0000_1804L); // e1000 COMMAND, bit 31 clear
        assertEquals(0xffffffffL, pc.inl(0xcfc));
        pc.outw(0xcfc, 0x0007);
        assertEquals(0x0000L, pc.cfgRead(0x18, 4, 2));
    }

    @Test
    void busNumbersOtherThanZeroHaveNoFunctions() {
        pc.outl(0xcf8, 0x8001_0000L);
        assertEquals(0xffffffffL, pc.inl(0xcfc));
    }

    @Test
    void classRevisionAndHeaderTypeAreQemus() {
        assertEquals(0x06000002L, pc.cfgRead(0x00, 8, 4));
        assertEquals(0x06010000L, pc.cfgRead(0x08, 8, 4));
        assertEquals(0x80L, pc.cfgRead(0x08, 0x0e, 1));
        assertEquals(0x01018000L, pc.cfgRead(0x09, 8, 4));
        assertEquals(0x06800003L, pc.cfgRead(0x0b, 8, 4));
        assertEquals(0x03000002L, pc.cfgRead(0x10, 8, 4));
        assertEquals(0x02000003L, pc.cfgRead(0x18, 8, 4));
        assertEquals(0x11001af4L, pc.cfgRead(0x18, 0x2c, 4));
        assertEquals(1L, pc.cfgRead(0x18, 0x3d, 1));
        assertEquals(1L, pc.cfgRead(0x0b, 0x3d, 1));
        assertEquals(0L, pc.cfgRead(0x10, 0x3d, 1));
        assertEquals(0x02L, pc.cfgRead(0x00, 0x72, 1)); // i440FX SMRAM
        assertEquals(16L, pc.cfgRead(0x00, 0x57, 1)); // 128 MiB in 8 MiB units
    }

    @Test
    void commandKeepsOnlyItsWritableBits() {
        pc.cfgWrite(0x18, 4, 2, 0xffff);
        assertEquals(0x0507L, pc.cfgRead(0x18, 4, 2));
    }

    @Test
    void identityRegistersAreReadOnly() {
        pc.cfgWrite(0x18, 0, 4, 0);
        pc.cfgWrite(0x18, 8, 4, 0);
        assertEquals(0x100e8086L, pc.cfgRead(0x18, 0, 4));
        assertEquals(0x02000003L, pc.cfgRead(0x18, 8, 4));
    }

    @Test
    void statusErrorBitsAreWriteOneToClear() {
        TestDevice dev = new TestDevice();
        int devfn = pc.bus().plug(dev);
        dev.signalErrors(PciRegs.STATUS_REC_MASTER_ABORT | PciRegs.STATUS_SIG_TARGET_ABORT);
        pc.cfgWrite(devfn, 6, 2, PciRegs.STATUS_REC_MASTER_ABORT);
        assertEquals(PciRegs.STATUS_SIG_TARGET_ABORT | PciRegs.STATUS_CAP_LIST, pc.cfgRead(devfn, 6, 2));
    }

    @Test
    void deviceSpecificRegistersAreWritableByDefault() {
        pc.cfgWrite(0x18, 0x40, 4, 0x12345678L);
        assertEquals(0x12345678L, pc.cfgRead(0x18, 0x40, 4));
    }

    @Test
    void accessRunningPastTheEndIsShortened() {
        pc.cfgWrite(0x18, 0xfc, 4, 0xaabbccddL);
        assertEquals(0xaabbL, pc.cfgRead(0x18, 0xfe, 4));
    }

    @Test
    void resetControlRegisterSharesPortsWithConfigAddress() {
        pc.outb(0xcf9, 0x02);
        assertEquals(0x02L, pc.inb(0xcf9));
        pc.outl(0xcf8, 0x8000_0800L); // a 4-byte write at 0xcf8 still goes to the address latch whole
        assertEquals(0x8000_0800L, pc.inl(0xcf8));
        assertEquals(0, pc.resetRequests);
        pc.outb(0xcf9, 0x06);
        assertEquals(1, pc.resetRequests);
    }
}
