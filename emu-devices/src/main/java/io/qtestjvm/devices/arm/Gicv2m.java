package io.qtestjvm.devices.arm;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The GICv2m MSI frame ({@code arm-gicv2m}, 4 KiB, {@code gicv2m}): Arm Server Base System Architecture
 * (DEN0029) appendix "GICv2m": MSI_TYPER at 0x008 reports the first SPI INTID the frame drives (bits 25:16) and how
 * many (bits 9:0); a write to MSI_SETSPI_NS at 0x040 signals the SPI whose INTID is the value written. Each of its
 * {@code num-spi} outputs ({@code sysbus-irq}) is wired to the GIC input of SPI {@code base-spi + n}.
 *
 * <p>As observed on Debian's QEMU 7.2 (pinned by {@code VirtBoardTest} and the {@code edu-msi-v2m} recording): the SPIs
 * are edge-like, a doorbell write pulses the output (the GIC input goes high, then low: qtest sees {@code IRQ raise}
 * then {@code IRQ lower}); a value outside the frame's range is ignored; MSI_IIDR at 0xfcc reads 0x05100000; every
 * other register reads 0 and ignores writes; a register is read only at its own offset (readb of 0x009 reads 0), cut to
 * the access size.
 */
public final class Gicv2m extends Device {
    public static final String TYPE = "arm-gicv2m";
    public static final long SIZE = 0x1000;
    static final int MSI_TYPER = 0x008;
    static final int MSI_SETSPI_NS = 0x040;
    static final int MSI_IIDR = 0xfcc;
    static final int IIDR_VALUE = 0x0510_0000;

    private final int baseSpi;
    private final GpioOut[] outputs;
    private final MemoryRegion mmio;

    /**
     * @param baseSpi the first SPI number (INTID - 32) the frame drives ({@code base-spi})
     * @param numSpi  how many ({@code num-spi})
     */
    public Gicv2m(int baseSpi, int numSpi) {
        super(TYPE);
        this.baseSpi = baseSpi;
        this.outputs = initGpioOut("sysbus-irq", numSpi);
        this.mmio = MemoryRegion.io("gicv2m", SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                long v = switch ((int) offset) { // exact offsets: other bytes of a register read 0
                    case MSI_TYPER -> (long) (baseSpi + 32) << 16 | outputs.length;
                    case MSI_IIDR -> IIDR_VALUE;
                    default -> 0;
                };
                return v & (size == 4 ? 0xffff_ffffL : (1L << (8 * size)) - 1);
            }

            @Override
            public void write(long offset, long value, int size) {
                if (offset == MSI_SETSPI_NS) {
                    doorbell((int) value & 0x3ff);
                }
            }
        }, new AccessRules(1, 4, false, 1, 4, Endianness.LITTLE));
    }

    private void doorbell(int intid) {
        int n = intid - 32 - baseSpi;
        if (n >= 0 && n < outputs.length) {
            outputs[n].set(1);
            outputs[n].set(0);
        }
    }

    public MemoryRegion mmio() {
        return mmio;
    }

    public int numSpi() {
        return outputs.length;
    }

    public int baseSpi() {
        return baseSpi;
    }

    /** Output {@code n}, to be wired to the GIC input of SPI {@code baseSpi + n}. */
    public GpioOut output(int n) {
        return outputs[n];
    }

    @Override
    public void reset() {
    }
}
