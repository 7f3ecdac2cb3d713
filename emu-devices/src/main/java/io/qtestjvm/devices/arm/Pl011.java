package io.qtestjvm.devices.arm;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.memory.MemoryRegion;

import java.util.function.IntConsumer;

/**
 * The PrimeCell UART PL011 ({@code pl011}, 4 KiB, {@code pl011}) as a register file after the PL011 Technical
 * Reference Manual (DDI 0183), 3.2 "Summary of registers": UARTDR, RSR/ECR, FR, ILPR, IBRD, FBRD, LCR_H, CR, IFLS,
 * IMSC, RIS, MIS, ICR, DMACR and the PrimeCell IDs 0x11 0x10 0x14 0x00.
 *
 * <p>Transmission is immediate: a write to UARTDR goes to the sink (no back end by default) and, the transmit holding
 * register being empty again, sets the transmit interrupt (3.4.3, TXRIS). Nothing is ever received: the receive FIFO
 * stays empty (UARTFR.RXFE). Interrupt outputs ({@code sysbus-irq}, 6): the combined UARTINTR (0) and RX, TX, RT, MS,
 * E; only the combined line is driven. Reset values as on Debian's QEMU 7.2 (pinned by {@code VirtBoardTest} and the
 * {@code primecell} recording): FR 0x90, CR 0x300, IFLS 0x12. Accesses of any size read the register's low bytes. QEMU
 * departs from the TRM's field widths: ILPR, IBRD, FBRD, LCR_H, CR, IFLS, IMSC and DMACR keep all 32 bits written
 * (0xffffffff reads back 0xffffffff), and so does this model.
 */
public final class Pl011 extends Device {
    public static final String TYPE = "pl011";
    public static final long SIZE = 0x1000;
    private static final int[] PERIPH_ID = {0x11, 0x10, 0x14, 0x00};
    static final int DR = 0x000;
    static final int RSR = 0x004;
    static final int FR = 0x018;
    static final int ILPR = 0x020;
    static final int IBRD = 0x024;
    static final int FBRD = 0x028;
    static final int LCR_H = 0x02c;
    static final int CR = 0x030;
    static final int IFLS = 0x034;
    static final int IMSC = 0x038;
    static final int RIS = 0x03c;
    static final int MIS = 0x040;
    static final int ICR = 0x044;
    static final int DMACR = 0x048;
    static final int FR_RXFE = 0x10;
    static final int FR_TXFE = 0x80;
    static final int INT_TX = 0x20;
    static final int INTERRUPT_MASK = 0x7ff;

    private final MemoryRegion mmio;
    private final GpioOut[] irqs;
    private IntConsumer sink = b -> { };
    private int rsr;
    private int ilpr;
    private int ibrd;
    private int fbrd;
    private int lcrh;
    private int cr;
    private int ifls;
    private int imsc;
    private int ris;
    private int dmacr;

    public Pl011() {
        super(TYPE);
        this.irqs = initGpioOut("sysbus-irq", 6);
        this.mmio = PrimeCellWindow.of("pl011", SIZE, new PrimeCellWindow.Registers() {
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

    /** The combined interrupt UARTINTR. */
    public GpioOut irqOut() {
        return irqs[0];
    }

    /** Where transmitted bytes go. */
    public void setSink(IntConsumer sink) {
        this.sink = sink;
    }

    @Override
    public void reset() {
        rsr = 0;
        ilpr = 0;
        ibrd = 0;
        fbrd = 0;
        lcrh = 0;
        cr = 0x300; // TXE | RXE (3.3.8)
        ifls = 0x12; // both FIFOs at half (3.3.9)
        imsc = 0;
        ris = 0;
        dmacr = 0;
        update();
    }

    private int register(int off) {
        return switch (off) {
            case DR -> 0; // receive FIFO empty
            case RSR -> rsr;
            case FR -> FR_TXFE | FR_RXFE;
            case ILPR -> ilpr;
            case IBRD -> ibrd;
            case FBRD -> fbrd;
            case LCR_H -> lcrh;
            case CR -> cr;
            case IFLS -> ifls;
            case IMSC -> imsc;
            case RIS -> ris;
            case MIS -> ris & imsc;
            case DMACR -> dmacr;
            default -> PrimeCellId.read(PERIPH_ID, off);
        };
    }

    private void store(int off, int v) {
        switch (off) {
            case DR -> {
                sink.accept(v & 0xff);
                ris |= INT_TX;
            }
            case RSR -> rsr = 0; // a write clears the error flags
            case ILPR -> ilpr = v;
            case IBRD -> ibrd = v;
            case FBRD -> fbrd = v;
            case LCR_H -> lcrh = v;
            case CR -> cr = v;
            case IFLS -> ifls = v;
            case IMSC -> imsc = v;
            case ICR -> ris &= ~v;
            case DMACR -> dmacr = v;
            default -> {
            }
        }
        update();
    }

    private void update() {
        irqs[0].set((ris & imsc) != 0 ? 1 : 0);
    }
}
