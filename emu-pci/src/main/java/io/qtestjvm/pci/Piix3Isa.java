package io.qtestjvm.pci;

import io.qtestjvm.core.Irq;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The PCI-to-ISA bridge function of the PIIX3 (Intel 82371SB data sheet, function 0: 8086:7000, class 0x0601,
 * multi-function device) with the parts a qtest guest sees: the PIRQ route control registers and the reset control
 * register; the other function 0 registers hold their data-sheet reset values and do nothing.
 *
 * <p>PCI interrupts (data sheet "PIRQx Route Control"): the four PCI interrupt lines PIRQA#..PIRQD# each go to the
 * ISA IRQ named by bits 3:0 of PIRQRC[A:D] (0x60-0x63) while bit 7 (IRQ routing disable) is clear; a value of 16 or
 * more routes nowhere. A line shared by several PIRQs is high while any of them is. Which PIRQ a function's INTx pin
 * drives is the board wiring QEMU's pc uses: {@code (slot - 1 + pin) & 3} ({@link #slotToPirq}).
 *
 * <p>Reset control register (port 0xcf9): writing bit 2 (reset CPU) resets the machine; otherwise bit 1 (system
 * reset type) is kept and read back, the other bits read 0 (QEMU 7.2, {@code PcSystemResetTest}).
 *
 * <p>As QEMU 7.2 ({@code InterruptTest}): rewriting a route moves an asserted level to the new line at once.
 */
public final class Piix3Isa extends PciDevice {
    public static final String TYPE = "PIIX3";
    public static final int PIRQ_ROUTE_BASE = 0x60;
    public static final int NUM_PIRQS = 4;
    public static final int ISA_NUM_IRQS = 16;
    public static final int RCR_PORT = 0xcf9;
    private static final int RCR_SYSTEM_RESET = 0x02;
    private static final int RCR_RESET_CPU = 0x04;
    private static final int ROUTE_DISABLED = 0x80;

    /** Data sheet register reset values: {offset, value} a byte each (PCICMD, PCISTS, IORT, XBCS, ...). */
    private static final int[][] RESET_VALUES = {
        {0x04, 0x07}, {0x05, 0x00},               // PCICMD: I/O, memory and bus master enabled
        {0x06, 0x00}, {0x07, 0x02},               // PCISTS: medium DEVSEL timing
        {0x4c, 0x4d},                             // IORT: ISA I/O recovery timer
        {0x4e, 0x03}, {0x4f, 0x00},               // XBCS: X-bus chip select
        {0x60, ROUTE_DISABLED}, {0x61, ROUTE_DISABLED}, {0x62, ROUTE_DISABLED}, {0x63, ROUTE_DISABLED}, // PIRQRC
        {0x69, 0x02},                             // TOM: top of memory
        {0x70, 0x80},                             // MBIRQ0: motherboard IRQ route, disabled
        {0x76, 0x0c}, {0x77, 0x0c},               // MBDMA0/1: motherboard DMA, disabled
        {0x78, 0x02}, {0x79, 0x00},               // PCSC: programmable chip select control
        {0x80, 0x00},                             // APICBASE
        {0x82, 0x00},                             // DLC: deterministic latency control
        {0xa0, 0x08},                             // SMICNTL
        {0xa2, 0x00}, {0xa3, 0x00},               // SMIEN
        {0xa4, 0x00}, {0xa5, 0x00}, {0xa6, 0x00}, {0xa7, 0x00}, // SEE: system event enable
        {0xa8, 0x0f},                             // FTMR: fast off timer
        {0xaa, 0x00}, {0xab, 0x00},               // SMIREQ
        {0xac, 0x00},                             // CTLTMR
        {0xae, 0x00},                             // CTHTMR
    };

    private final Irq[] isaIrqs;
    private final MemoryRegion resetControl;
    /** Per ISA IRQ, the PIRQs routed to it that are high (bit n = PIRQ n). */
    private final int[] highPirqsOn = new int[ISA_NUM_IRQS];
    private int resetControlValue;

    /**
     * @param isaIrqs      the 16 ISA interrupt lines (i8259 / I/O APIC inputs)
     * @param resetRequest run when the guest asks for a reset through port 0xcf9
     */
    public Piix3Isa(Irq[] isaIrqs, Runnable resetRequest) {
        super(TYPE, 0x8086, 0x7000, 0x00, 0x0601);
        setHotpluggable(false); // part of the south bridge
        if (isaIrqs.length != ISA_NUM_IRQS) {
            throw new IllegalArgumentException("PIIX3 needs " + ISA_NUM_IRQS + " ISA IRQ lines, got "
                    + isaIrqs.length);
        }
        this.isaIrqs = isaIrqs.clone();
        setMultifunction(true);
        this.resetControl = MemoryRegion.io("piix3-reset-control", 1, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return resetControlValue;
            }

            @Override
            public void write(long offset, long value, int size) {
                if ((value & RCR_RESET_CPU) != 0) {
                    resetRequest.run();
                } else {
                    resetControlValue = (int) value & RCR_SYSTEM_RESET;
                }
            }
        }, AccessRules.of(Endianness.LITTLE).withImpl(1, 1));
    }

    /** The PIRQ (0 = PIRQA#) that INTx pin {@code pin} (0 = INTA#) of the function at {@code devfn} drives on pc. */
    public static int slotToPirq(int devfn, int pin) {
        return (PciRegs.slot(devfn) - 1 + pin) & 3;
    }

    @Override
    protected void doRealize() {
        bus().io().addSubregionOverlap(RCR_PORT, resetControl, 1);
        bus().setIrqRouting(NUM_PIRQS, Piix3Isa::slotToPirq, (pirq, level) -> pirqChanged(pirq, level != 0));
    }

    @Override
    public void unrealize() {
        if (resetControl.parent() != null) {
            resetControl.parent().removeSubregion(resetControl);
        }
    }

    /** The ISA IRQ PIRQ {@code pirq} is routed to, or -1 when its route is disabled. */
    public int pirqRoute(int pirq) {
        int route = configByte(PIRQ_ROUTE_BASE + pirq);
        return route < ISA_NUM_IRQS ? route : -1;
    }

    private void pirqChanged(int pirq, boolean high) {
        int isaIrq = pirqRoute(pirq);
        if (isaIrq < 0) {
            return;
        }
        if (high) {
            highPirqsOn[isaIrq] |= 1 << pirq;
        } else {
            highPirqsOn[isaIrq] &= ~(1 << pirq);
        }
        isaIrqs[isaIrq].set(highPirqsOn[isaIrq] != 0 ? 1 : 0);
    }

    @Override
    public void configWrite(int offset, long value, int len) {
        super.configWrite(offset, value, len);
        if (overlaps(offset, len, PIRQ_ROUTE_BASE, NUM_PIRQS)) {
            // new routes: recompute every ISA line from the PIRQ levels on the bus
            java.util.Arrays.fill(highPirqsOn, 0);
            for (int pirq = 0; pirq < NUM_PIRQS; pirq++) {
                int isaIrq = pirqRoute(pirq);
                if (isaIrq >= 0 && bus().irqLevel(pirq) != 0) {
                    highPirqsOn[isaIrq] |= 1 << pirq;
                }
            }
            for (int isaIrq = 0; isaIrq < ISA_NUM_IRQS; isaIrq++) {
                isaIrqs[isaIrq].set(highPirqsOn[isaIrq] != 0 ? 1 : 0);
            }
        }
    }

    @Override
    protected void deviceReset() {
        for (int[] r : RESET_VALUES) {
            setConfigByte(r[0], r[1]);
        }
        java.util.Arrays.fill(highPirqsOn, 0);
        resetControlValue = 0;
    }
}
