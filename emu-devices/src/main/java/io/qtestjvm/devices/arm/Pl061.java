package io.qtestjvm.devices.arm;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.core.Irq;
import io.qtestjvm.memory.MemoryRegion;

/**
 * The PrimeCell GPIO PL061 ({@code pl061}, 4 KiB, {@code pl061}) after the PL061 Technical Reference Manual
 * (DDI 0190), 3.3: GPIODATA with its address mask (bits 9:2 of the offset select the bits an access touches,
 * 3.3.1), GPIODIR, GPIOIS/IBE/IEV (sense, both edges, event), GPIOIE, GPIORIS, GPIOMIS, GPIOIC, GPIOAFSEL and the
 * PrimeCell IDs 0x61 0x10 0x04 0x00.
 *
 * <p>Eight unnamed GPIO inputs and outputs; a pin configured as output drives its output line; an input pin reads
 * its input line, or the pull-down QEMU's virt gives every line when nothing drives it (reads 0). Interrupt output
 * {@code sysbus-irq} 0 is GPIOINTR.
 */
public final class Pl061 extends Device {
    public static final String TYPE = "pl061";
    public static final long SIZE = 0x1000;
    private static final int[] PERIPH_ID = {0x61, 0x10, 0x04, 0x00};

    private final MemoryRegion mmio;
    private final GpioOut[] outs;
    private final GpioOut intr;
    private int inputs;
    private int data;
    private int dir;
    private int is;
    private int ibe;
    private int iev;
    private int ie;
    private int ris;
    private int afsel;

    public Pl061() {
        super(TYPE);
        initGpioIn(UNNAMED, (n, level) -> input(n, level != 0), 8);
        this.outs = initGpioOut(UNNAMED, 8);
        this.intr = initGpioOut("sysbus-irq", 1)[0];
        this.mmio = PrimeCellWindow.of("pl061", SIZE, new PrimeCellWindow.Registers() {
            @Override
            public int read(int offset) {
                return register(offset);
            }

            @Override
            public void write(int offset, int value) {
                store(offset, value);
            }
        });
    }

    public MemoryRegion mmio() {
        return mmio;
    }

    public GpioOut irqOut() {
        return intr;
    }

    /** Output line {@code n} (driven while pin n is an output). */
    public GpioOut output(int n) {
        return outs[n];
    }

    /** Input line {@code n}. */
    public Irq input(int n) {
        return gpioIn(UNNAMED, n);
    }

    @Override
    public void reset() {
        data = 0;
        dir = 0;
        is = 0;
        ibe = 0;
        iev = 0;
        ie = 0;
        ris = 0;
        afsel = 0;
        update();
    }

    private int pins() {
        return (data & dir) | (inputs & ~dir);
    }

    private void input(int n, boolean high) {
        int before = pins();
        inputs = high ? inputs | (1 << n) : inputs & ~(1 << n);
        detect(before);
        update();
    }

    /** 3.3.3-3.3.5: edges on edge-sensitive pins latch GPIORIS; level-sensitive pins follow their level. */
    private void detect(int before) {
        int now = pins();
        int changed = before ^ now;
        int edges = changed & ~is & (ibe | ~(iev ^ now));
        ris |= edges;
        int levelPins = is & ~(iev ^ now);
        ris = (ris & ~is) | levelPins;
    }

    private int register(int off) {
        if (off < 0x400) {
            return pins() & ((off >> 2) & 0xff);
        }
        return switch (off) {
            case 0x400 -> dir;
            case 0x404 -> is;
            case 0x408 -> ibe;
            case 0x40c -> iev;
            case 0x410 -> ie;
            case 0x414 -> ris;
            case 0x418 -> ris & ie;
            case 0x420 -> afsel;
            default -> PrimeCellId.read(PERIPH_ID, off);
        };
    }

    private void store(int off, int v) {
        int before = pins();
        if (off < 0x400) {
            // 3.3.1: a write changes only pins configured as outputs; bits of input pins are dropped, as on QEMU
            // (switching such a pin to output later shows 0, pinned by the primecell recording)
            int mask = (off >> 2) & dir & 0xff;
            data = (data & ~mask) | (v & mask);
        } else {
            switch (off) {
                case 0x400 -> dir = v & 0xff;
                case 0x404 -> is = v & 0xff;
                case 0x408 -> ibe = v & 0xff;
                case 0x40c -> iev = v & 0xff;
                case 0x410 -> ie = v & 0xff;
                case 0x41c -> ris &= ~v | is;
                case 0x420 -> afsel = v & 0xff;
                default -> {
                }
            }
        }
        detect(before);
        update();
    }

    private void update() {
        int driven = data & dir;
        for (int n = 0; n < outs.length; n++) {
            if ((dir & (1 << n)) != 0) {
                outs[n].set((driven >> n) & 1);
            }
        }
        intr.set((ris & ie) != 0 ? 1 : 0);
    }
}
