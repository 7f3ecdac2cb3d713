package io.qtestjvm.pci;

import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * A PCI function for the tests (1b36:beef): BAR0 4 KiB memory and BAR1 32 bytes of I/O whose registers read
 * back their offset plus a marker, BAR2 a 64-bit 1 MiB memory BAR, MSI with 4 vectors, 64-bit and per-vector
 * mask, interrupt pin A.
 */
final class TestDevice extends PciDevice {
    static final long MEM_MARKER = 0xa5000000L;
    static final long IO_MARKER = 0x5a00L;
    final int msiCap;
    int resets;

    TestDevice() {
        super("test-pci", 0x1b36, 0xbeef, 0x01, 0x00ff);
        setInterruptPin(1);
        registerBar(0, PciRegs.BAR_MEM_TYPE_32, MemoryRegion.io("test-mmio", 4096, new Marker(MEM_MARKER),
                AccessRules.of(Endianness.LITTLE)));
        registerBar(1, PciRegs.BAR_SPACE_IO, MemoryRegion.io("test-io", 32, new Marker(IO_MARKER),
                AccessRules.of(Endianness.LITTLE)));
        registerBar(2, PciRegs.BAR_MEM_TYPE_64 | PciRegs.BAR_MEM_PREFETCH,
                MemoryRegion.io("test-mmio64", 1 << 20, new Marker(MEM_MARKER), AccessRules.of(Endianness.LITTLE)));
        msiCap = msiInit(0, 4, true, true);
    }

    /** Sets error bits in STATUS as the device would on a bus error. */
    void signalErrors(int bits) {
        setConfigWord(PciRegs.STATUS, configWord(PciRegs.STATUS) | bits);
    }

    @Override
    protected void deviceReset() {
        resets++;
    }

    private record Marker(long marker) implements MmioOps {
        @Override
        public long read(long offset, int size) {
            return marker | offset;
        }

        @Override
        public void write(long offset, long value, int size) {
        }
    }
}
