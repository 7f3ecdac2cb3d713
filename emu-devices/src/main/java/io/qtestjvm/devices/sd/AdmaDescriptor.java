package io.qtestjvm.devices.sd;

/**
 * One ADMA descriptor, decoded in place and reused (SD Host Controller Simplified Specification 3.00 1.13.3
 * ADMA1 / 1.13.4 ADMA2 descriptor formats; QEMU 7.2 hw/sd/sdhci.c {@code get_adma_description}). The table is
 * read little-endian. A descriptor outside memory reads as zeros, i.e. not valid.
 */
final class AdmaDescriptor {
    private final byte[] raw = new byte[12];
    long addr;
    /** The 16-bit length field as stored (0 means 65536 for ADMA2). */
    int length;
    int attr;
    /** Size of the descriptor: where the next one is. */
    int incr;

    /** Fetches the descriptor at {@code entry} for DMA select {@code dmaType} (Host Control 1 bits 4:3). */
    void fetch(SdhciDma dma, long entry, int dmaType) {
        switch (dmaType) {
            case SdhciRegs.CTRL_ADMA2_32 -> {
                dma.read(entry, raw, 0, 8);
                addr = le(4, 4) & ~0x3L;
                length = (int) le(2, 2);
                attr = raw[0] & 0x7f;
                incr = 8;
            }
            case SdhciRegs.CTRL_ADMA1_32 -> {
                dma.read(entry, raw, 0, 4);
                long d = le(0, 4);
                addr = d & 0xffff_f000L;
                attr = (int) (d & 0x7f);
                incr = 4;
                length = (attr & SdhciRegs.ADMA_ATTR_ACT_MASK) == SdhciRegs.ADMA_ATTR_SET_LEN
                        ? (int) ((d >>> 12) & 0xffff) : 4096;
            }
            case SdhciRegs.CTRL_ADMA2_64 -> {
                dma.read(entry, raw, 0, 12);
                attr = raw[0] & 0x3f;
                length = (int) le(2, 2);
                addr = le(4, 8);
                incr = 12;
            }
            default -> throw new IllegalStateException("DMA select " + dmaType + " is not an ADMA mode");
        }
    }

    private long le(int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v |= (raw[off + i] & 0xffL) << (8 * i);
        }
        return v;
    }
}
