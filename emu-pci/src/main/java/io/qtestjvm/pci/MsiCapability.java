package io.qtestjvm.pci;

import static io.qtestjvm.pci.PciRegs.*;

/**
 * The MSI capability structure of a function (PCI Local Bus Specification 3.0, 6.8.1), a view of its bytes in the
 * function's configuration space: Message Control (6.8.1.3: MSI Enable, Multiple Message Capable and Enable,
 * 64-bit address capable, per-vector masking capable), Message Address (6.8.1.4, DWORD aligned), Message Upper
 * Address (6.8.1.5, 64-bit form only), Message Data (6.8.1.6), Mask Bits and Pending Bits (6.8.1.7, 6.8.1.8, with
 * per-vector masking only). Where each field sits depends on the two capability bits; {@link #size} and the field
 * offsets below follow figure 6-9's four layouts.
 *
 * <p>Sending (6.8.3.5 rules for the message): with Multiple Message Enable above one vector, the vector number
 * replaces the low bits of the data; a masked vector sets its pending bit instead and is sent when unmasked.
 * QEMU 7.2's choices where the spec leaves it open, pinned by emu-pci's {@code InterruptTest}: a Multiple Message
 * Enable written above Multiple Message Capable is lowered to it when MSI is enabled; a vector beyond those enabled
 * is not sent; pending bits above the enabled vectors are dropped on a write; reset clears enable, the vector
 * count, address, data, mask and pending bits.
 */
final class MsiCapability {
    private final ConfigSpace config;
    private final int base;

    MsiCapability(ConfigSpace config, int base) {
        this.config = config;
        this.base = base;
    }

    /** Bytes of the structure for the given Message Control capability bits (figure 6-9). */
    static int size(boolean addr64, boolean perVectorMask) {
        if (perVectorMask) {
            return addr64 ? 0x18 : 0x14;
        }
        return addr64 ? 0x0e : 0x0a;
    }

    int base() {
        return base;
    }

    /**
     * Writes the structure's initial state for {@code vectors} (a power of two, 1..32) and makes its software
     * fields read-write.
     */
    void initialize(int vectors, boolean addr64, boolean perVectorMask) {
        int control = Integer.numberOfTrailingZeros(vectors) << 1;
        if (addr64) {
            control |= MSI_FLAGS_64BIT;
        }
        if (perVectorMask) {
            control |= MSI_FLAGS_MASKBIT;
        }
        config.set(base + MSI_FLAGS, 2, control);
        config.makeReadWrite(base + MSI_FLAGS, 2, MSI_FLAGS_QSIZE | MSI_FLAGS_ENABLE);
        config.makeReadWrite(base + MSI_ADDRESS_LO, 4, 0xffff_fffcL);
        if (addr64) {
            config.makeReadWrite(base + MSI_ADDRESS_HI, 4, 0xffff_ffffL);
        }
        config.makeReadWrite(dataOffset(), 2, 0xffff);
        if (perVectorMask) {
            config.makeReadWrite(maskOffset(), 4, vectorBits(vectors));
        }
    }

    private int control() {
        return (int) config.get(base + MSI_FLAGS, 2);
    }

    boolean enabled() {
        return (control() & MSI_FLAGS_ENABLE) != 0;
    }

    private boolean addr64() {
        return (control() & MSI_FLAGS_64BIT) != 0;
    }

    private boolean perVectorMask() {
        return (control() & MSI_FLAGS_MASKBIT) != 0;
    }

    /** Vectors software allocated (Multiple Message Enable). */
    int enabledVectors() {
        return 1 << ((control() & MSI_FLAGS_QSIZE) >> 4);
    }

    private int capableLog2() {
        return (control() & MSI_FLAGS_QMASK) >> 1;
    }

    private int dataOffset() {
        return base + (addr64() ? MSI_DATA_64 : MSI_DATA_32);
    }

    private int maskOffset() {
        return base + (addr64() ? MSI_MASK_64 : MSI_MASK_32);
    }

    private int pendingOffset() {
        return base + (addr64() ? MSI_PENDING_64 : MSI_PENDING_32);
    }

    private static long vectorBits(int vectors) {
        return 0xffff_ffffL >>> (MSI_VECTORS_MAX - vectors);
    }

    private boolean masked(int vector) {
        return perVectorMask() && (config.get(maskOffset(), 4) & (1L << vector)) != 0;
    }

    int size() {
        return size(addr64(), perVectorMask());
    }

    /** Signals {@code vector} from {@code fn}: a memory write of the message, or a pending bit while masked. */
    void signal(PciDevice fn, int vector) {
        if (!enabled()) {
            return;
        }
        int vectors = enabledVectors();
        if (vector < 0 || vector >= vectors) {
            return;
        }
        if (masked(vector)) {
            config.setBits(pendingOffset(), 4, 1L << vector);
            return;
        }
        long address = config.get(base + MSI_ADDRESS_LO, addr64() ? 8 : 4);
        int data = (int) config.get(dataOffset(), 2);
        if (vectors > 1) {
            data = (data & ~(vectors - 1)) | vector;
        }
        fn.dmaStoreLong(address, data & 0xffff_ffffL);
    }

    /**
     * After software wrote {@code [offset, offset + len)}: once MSI is enabled the function stops using INTx (6.8),
     * the enabled vector count is kept within the capable one, and unmasked pending vectors are sent.
     */
    void afterWrite(PciDevice fn, int offset, int len) {
        if (!ConfigSpace.overlap(offset, len, base, size()) || !enabled()) {
            return;
        }
        fn.deassertIntx();
        int log2 = (control() & MSI_FLAGS_QSIZE) >> 4;
        if (log2 > capableLog2()) {
            config.set(base + MSI_FLAGS, 2, (control() & ~MSI_FLAGS_QSIZE) | (capableLog2() << 4));
        }
        if (!perVectorMask()) {
            return;
        }
        int vectors = enabledVectors();
        int pendingAt = pendingOffset();
        long pending = config.get(pendingAt, 4) & vectorBits(vectors);
        config.set(pendingAt, 4, pending);
        for (int vector = 0; vector < vectors; vector++) {
            if ((pending & (1L << vector)) != 0 && !masked(vector)) {
                config.clearBits(pendingAt, 4, 1L << vector);
                signal(fn, vector);
            }
        }
    }

    /** Reset: disabled, one vector, no address or data, nothing masked or pending. */
    void reset() {
        boolean wide = addr64();
        boolean maskable = perVectorMask();
        config.clearBits(base + MSI_FLAGS, 2, MSI_FLAGS_QSIZE | MSI_FLAGS_ENABLE);
        config.set(base + MSI_ADDRESS_LO, wide ? 8 : 4, 0);
        config.set(dataOffset(), 2, 0);
        if (maskable) {
            config.set(maskOffset(), 4, 0);
            config.set(pendingOffset(), 4, 0);
        }
    }
}
