package io.qtestjvm.devices.arm;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.memory.MemoryRegion;

/**
 * The PrimeCell real time clock PL031 ({@code pl031}, 4 KiB, {@code pl031}) as a register file after the PL031
 * Technical Reference Manual (DDI 0224), 3.2: RTCDR (seconds), RTCMR (match), RTCLR (load), RTCCR (start, reads 1
 * once started, which it is from reset as on QEMU), RTCIMSC, RTCRIS, RTCMIS, RTCICR and the PrimeCell IDs 0x31 0x10
 * 0x14 0x00.
 *
 * <p>The counter is the load value plus the whole seconds the given clock advanced since the load; at reset it is
 * the {@code startSeconds} the board passes (QEMU: the host's time of day at start-up); RTCLR itself reads 0 until
 * software writes it. A match interrupt is
 * raised when RTCMR is written with the current count (the counter moving onto the match value by itself is not
 * modelled: it needs the virtual clock to run, which Debian's QEMU under {@code -S} never does).
 */
public final class Pl031 extends Device {
    public static final String TYPE = "pl031";
    public static final long SIZE = 0x1000;
    private static final int[] PERIPH_ID = {0x31, 0x10, 0x14, 0x00};
    private static final long NS_PER_SECOND = 1_000_000_000L;

    private final Clock clock;
    private final long startSeconds;
    private final MemoryRegion mmio;
    private final GpioOut irq;
    private long loaded;
    /** RTCLR as last written (0 after reset: the start time is not a load). */
    private int lr;
    private long loadedAtNs;
    private int match;
    private int imsc;
    private int ris;

    /**
     * @param clock        the clock the counter follows
     * @param startSeconds the count at reset (seconds since 1970)
     */
    public Pl031(Clock clock, long startSeconds) {
        super(TYPE);
        this.clock = clock;
        this.startSeconds = startSeconds;
        this.irq = initGpioOut("sysbus-irq", 1)[0];
        this.mmio = PrimeCellWindow.of("pl031", SIZE, new PrimeCellWindow.Registers() {
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
        return irq;
    }

    @Override
    public void reset() {
        load(startSeconds);
        lr = 0;
        match = 0;
        imsc = 0;
        ris = 0;
        update();
    }

    private void load(long seconds) {
        loaded = seconds;
        loadedAtNs = clock.now();
    }

    private int count() {
        return (int) (loaded + (clock.now() - loadedAtNs) / NS_PER_SECOND);
    }

    private int register(int off) {
        return switch (off) {
            case 0x00 -> count();
            case 0x04 -> match;
            case 0x08 -> lr;
            case 0x0c -> 1;
            case 0x10 -> imsc;
            case 0x14 -> ris;
            case 0x18 -> ris & imsc;
            default -> PrimeCellId.read(PERIPH_ID, off);
        };
    }

    private void store(int off, int v) {
        switch (off) {
            case 0x04 -> {
                match = v;
                if (match == count()) {
                    ris |= 1;
                }
            }
            case 0x08 -> {
                lr = v;
                load(v & 0xffff_ffffL);
            }
            case 0x10 -> imsc = v & 1;
            case 0x1c -> ris &= ~v;
            default -> {
            }
        }
        update();
    }

    private void update() {
        irq.set((ris & imsc) != 0 ? 1 : 0);
    }
}
