package io.qtestjvm.devices.arm;

import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The register window of an Arm PrimeCell peripheral (PL011, PL031, PL061): 32-bit registers chosen by offset bits
 * 11:2, little-endian. A narrower read returns the low bytes of the whole register, whatever byte of it is
 * addressed (QEMU's answer: {@code readb} of 0xfe1 gives PeriphID0); a write stores the whole word.
 */
final class PrimeCellWindow {
    /** The peripheral's side: a word register by its word-aligned offset. */
    interface Registers {
        int read(int offset);

        void write(int offset, int value);
    }

    private PrimeCellWindow() {
    }

    static MemoryRegion of(String name, long size, Registers registers) {
        return MemoryRegion.io(name, size, new MmioOps() {
            @Override
            public long read(long offset, int accessSize) {
                long v = registers.read((int) offset & ~3) & 0xffff_ffffL;
                return v & (accessSize >= 4 ? 0xffff_ffffL : (1L << (8 * accessSize)) - 1);
            }

            @Override
            public void write(long offset, long value, int accessSize) {
                registers.write((int) offset & ~3, (int) value);
            }
        }, AccessRules.of(Endianness.LITTLE));
    }
}
