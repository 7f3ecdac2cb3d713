package io.qtestjvm.pci;

import io.qtestjvm.memory.MemoryRegion;

/**
 * One base address register of a type 0 header (PCI Local Bus Specification 3.0, 6.2.5.1): bit 0 tells I/O space
 * from memory space; for memory, bits 2:1 the locatable type (00: anywhere in 32 bits, 10: anywhere in 64 bits,
 * taking the next register as the upper half) and bit 3 prefetchable. The size is a power of two; the bits below
 * it read 0, which is how software sizes the register (writing all ones reads back the size mask with the type
 * bits).
 *
 * <p>A register with no region behind it sizes and reads back as the real one but decodes nothing.
 */
final class BaseAddressRegister {
    static final long NOT_DECODED = -1L;
    private static final long FOUR_GIB = 1L << 32;

    final int index;
    final int typeBits;
    final long size;
    final MemoryRegion region;
    /** Where the window decodes now, or {@link #NOT_DECODED}. */
    long decodedAt = NOT_DECODED;
    /** The container {@link #region} sits in while decoded. */
    MemoryRegion placedIn;

    BaseAddressRegister(int index, int typeBits, long size, MemoryRegion region) {
        this.index = index;
        this.typeBits = typeBits;
        this.size = size;
        this.region = region;
    }

    int registerOffset() {
        return PciRegs.BASE_ADDRESS_0 + 4 * index;
    }

    boolean ioSpace() {
        return (typeBits & PciRegs.BAR_SPACE_IO) != 0;
    }

    boolean sixtyFourBit() {
        return !ioSpace() && (typeBits & PciRegs.BAR_MEM_TYPE_64) != 0;
    }

    /** Bytes of configuration space the register takes (8 for a 64-bit memory BAR). */
    int width() {
        return sixtyFourBit() ? 8 : 4;
    }

    /** The bits software may write: the address bits at and above the size. */
    long addressMask() {
        return ~(size - 1) & (sixtyFourBit() ? -1L : 0xffff_ffffL);
    }

    /**
     * The base the window decodes at under {@code command} (6.2.2: I/O space and memory space enables), or
     * {@link #NOT_DECODED}. As QEMU 7.2 decodes (the spec leaves these to the system): base 0 is not decoded unless
     * the bus allows it ({@code zeroAllowed}, {@link PciBus#allowBarsAtZero}), a
     * window that wraps or reaches the top of its address width (the last byte at 0xffffffff, or past 2^64 for a
     * 64-bit one) is not decoded, and neither is a 32-bit window that ends at or above 4 GiB.
     */
    long decodeAddress(ConfigSpace config, int command, boolean zeroAllowed) {
        int enable = ioSpace() ? PciRegs.COMMAND_IO : PciRegs.COMMAND_MEMORY;
        if ((command & enable) == 0) {
            return NOT_DECODED;
        }
        long base = config.get(registerOffset(), width()) & ~(size - 1);
        long last = base + size - 1;
        if ((base == 0 && !zeroAllowed) || Long.compareUnsigned(last, base) <= 0) {
            return NOT_DECODED;
        }
        if (ioSpace() || !sixtyFourBit()) {
            return Long.compareUnsigned(last, FOUR_GIB - 1) >= 0 ? NOT_DECODED : base;
        }
        return last == -1L ? NOT_DECODED : base;
    }
}
