package io.qtestjvm.devices.usb;

import io.qtestjvm.core.Device;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The BCM2835's USB controller (QOM type {@value #TYPE}): a Synopsys DWC2 OTG core in host mode, here its register
 * file only ({@link Dwc2Registers}: reset values, which bits a write stores, write-1-to-clear status). No USB
 * traffic: there are no ports to attach to, channels never start, no interrupt is raised.
 *
 * <p>Access as QEMU 7.2 shows it ({@code Dwc2OtgTest}): every register is a 32-bit word; a narrower read returns
 * the low bytes of the word that holds the address (a 2-byte read at 0x42 returns GSNPSID's bits 15:0), a narrower
 * write stores the zero-extended value in that word, an 8-byte access is two word accesses. Words the layout does
 * not define read 0 and ignore writes, as do the device-mode registers (0x800-0xdff) and the data FIFO window
 * ({@link #fifo()}, 64 KiB at 0x1000). Read-only registers by the databook (GSNPSID, GHWCFGn) take writes on QEMU,
 * and so here.
 */
public final class Dwc2Otg extends Device {
    public static final String TYPE = "dwc2-usb";
    public static final long REGISTER_WINDOW = 0x1000;
    public static final long FIFO_WINDOW = 0x1_0000;
    private static final AccessRules RULES = new AccessRules(1, 4, true, 1, 4, Endianness.LITTLE);

    private final Dwc2Registers layout = new Dwc2Registers();
    private final int[] words = new int[Dwc2Registers.WORDS];
    private final MemoryRegion mmio;
    private final MemoryRegion fifo;

    public Dwc2Otg() {
        super(TYPE);
        this.mmio = MemoryRegion.io("dwc2-io", REGISTER_WINDOW, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return readRegister((int) offset, size);
            }

            @Override
            public void write(long offset, long value, int size) {
                writeRegister((int) offset, value, size);
            }
        }, RULES);
        this.fifo = MemoryRegion.io("dwc2-fifo", FIFO_WINDOW, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return 0;
            }

            @Override
            public void write(long offset, long value, int size) {
            }
        }, RULES);
        reset();
    }

    /** The register window (QEMU maps it at 0x3f980000 on raspi2b). */
    public MemoryRegion mmio() {
        return mmio;
    }

    /** The data FIFO window right after the registers. */
    public MemoryRegion fifo() {
        return fifo;
    }

    /** The 32-bit register at byte offset {@code offset} (any byte of it). */
    public int register(int offset) {
        return words[(offset >>> 2) & (Dwc2Registers.WORDS - 1)];
    }

    private long readRegister(int offset, int size) {
        long v = register(offset) & 0xffff_ffffL;
        return size >= 4 ? v : v & ((1L << (size * 8)) - 1);
    }

    private void writeRegister(int offset, long value, int size) {
        int w = (offset >>> 2) & (Dwc2Registers.WORDS - 1);
        long v = size >= 4 ? value : value & ((1L << (size * 8)) - 1);
        words[w] = layout.written(w, words[w], (int) v);
    }

    @Override
    public void reset() {
        for (int w = 0; w < words.length; w++) {
            words[w] = layout.resetValue(w);
        }
    }
}
