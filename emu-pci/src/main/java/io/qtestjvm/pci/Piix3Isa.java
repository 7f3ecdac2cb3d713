package io.qtestjvm.pci;

import io.qtestjvm.core.Irq;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The PIIX3 PCI-to-ISA bridge at 01.0 ({@code PIIX3}, hw/isa/piix3.c, routing map from hw/pci-host/piix.c):
 * 8086:7000, class ISA bridge, multifunction. It owns the bus's INTx routing: a function's pin goes to PIRQ
 * {@code (slot - 1 + pin) & 3} ({@code pci_slot_get_pirq}), and PIRQ n goes to the ISA IRQ in its route register
 * 0x60+n when bit 7 of that register is clear (a value of 16 or more disables the route; reset value 0x80). An
 * ISA line is high while any PIRQ routed to it is high. Also the reset control register at port 0xcf9.
 *
 * <p>Not modelled: the ISA bus devices QEMU hangs below it (DMA controller, RTC) belong to the board.
 */
public final class Piix3Isa extends PciDevice {
    public static final String TYPE = "PIIX3";
    public static final int PIRQ_ROUTE_BASE = 0x60;
    public static final int NUM_PIRQS = 4;
    public static final int ISA_NUM_IRQS = 16;
    public static final int RCR_PORT = 0xcf9;

    private final Irq[] isaIrqs;
    private final Runnable resetRequest;
    private final MemoryRegion rcrRegion;
    /** Bit (isaIrq * 4 + pirq) set while that PIRQ is high and routed to that ISA IRQ ({@code pic_levels}). */
    private long picLevels;
    private int rcr;

    /**
     * @param isaIrqs      the 16 ISA interrupt lines (i8259 / I/O APIC inputs)
     * @param resetRequest called when the guest writes a reset to port 0xcf9 ({@code qemu_system_reset_request})
     */
    public Piix3Isa(Irq[] isaIrqs, Runnable resetRequest) {
        super(TYPE, 0x8086, 0x7000, 0x00, 0x0601);
        setHotpluggable(false); // dc->hotpluggable = false: built into the board, never ejected
        if (isaIrqs.length != ISA_NUM_IRQS) {
            throw new IllegalArgumentException("PIIX3 needs " + ISA_NUM_IRQS + " ISA IRQ lines, got "
                    + isaIrqs.length);
        }
        this.isaIrqs = isaIrqs.clone();
        this.resetRequest = resetRequest;
        setMultifunction(true);
        this.rcrRegion = MemoryRegion.io("piix3-reset-control", 1, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return rcr;
            }

            @Override
            public void write(long offset, long value, int size) {
                if ((value & 4) != 0) {
                    resetRequest.run();
                    return;
                }
                rcr = (int) (value & 2); // keeps the system reset type only
            }
        }, AccessRules.of(Endianness.LITTLE).withImpl(1, 1));
    }

    /** {@code pci_slot_get_pirq} of PIIX. */
    public static int slotToPirq(int devfn, int pin) {
        return (pin + PciRegs.slot(devfn) - 1) & 3;
    }

    @Override
    protected void doRealize() {
        bus().io().addSubregionOverlap(RCR_PORT, rcrRegion, 1);
        bus().setIrqRouting(NUM_PIRQS, Piix3Isa::slotToPirq, (pirq, level) -> setPirqLevel(pirq, level));
    }

    @Override
    public void unrealize() {
        if (rcrRegion.parent() != null) {
            rcrRegion.parent().removeSubregion(rcrRegion);
        }
    }

    /** The ISA IRQ PIRQ {@code pirq} is routed to, or -1 when the route is disabled. */
    public int pirqRoute(int pirq) {
        int isaIrq = configByte(PIRQ_ROUTE_BASE + pirq);
        return isaIrq < ISA_NUM_IRQS ? isaIrq : -1;
    }

    private void setPirqLevel(int pirq, int level) {
        int isaIrq = pirqRoute(pirq);
        if (isaIrq < 0) {
            return;
        }
        setPirqLevelInternal(pirq, isaIrq, level);
        updateIsaIrq(isaIrq);
    }

    private void setPirqLevelInternal(int pirq, int isaIrq, int level) {
        long mask = 1L << (isaIrq * NUM_PIRQS + pirq);
        picLevels = level != 0 ? picLevels | mask : picLevels & ~mask;
    }

    private void updateIsaIrq(int isaIrq) {
        isaIrqs[isaIrq].set((picLevels & (0xfL << (isaIrq * NUM_PIRQS))) != 0 ? 1 : 0);
    }

    @Override
    public void configWrite(int offset, long value, int len) {
        super.configWrite(offset, value, len);
        if (overlaps(offset, len, PIRQ_ROUTE_BASE, NUM_PIRQS)) {
            // the routing changed: rebuild the levels from the bus and drive every ISA line again
            picLevels = 0;
            for (int pirq = 0; pirq < NUM_PIRQS; pirq++) {
                setPirqLevel(pirq, bus().irqLevel(pirq));
            }
            for (int isaIrq = 0; isaIrq < ISA_NUM_IRQS; isaIrq++) {
                updateIsaIrq(isaIrq);
            }
        }
    }

    @Override
    protected void deviceReset() {
        setConfigByte(0x04, 0x07);
        setConfigByte(0x05, 0x00);
        setConfigByte(0x06, 0x00);
        setConfigByte(0x07, 0x02);
        setConfigByte(0x4c, 0x4d);
        setConfigByte(0x4e, 0x03);
        setConfigByte(0x4f, 0x00);
        for (int i = 0; i < NUM_PIRQS; i++) {
            setConfigByte(PIRQ_ROUTE_BASE + i, 0x80);
        }
        setConfigByte(0x69, 0x02);
        setConfigByte(0x70, 0x80);
        setConfigByte(0x76, 0x0c);
        setConfigByte(0x77, 0x0c);
        setConfigByte(0x78, 0x02);
        setConfigByte(0x79, 0x00);
        setConfigByte(0x80, 0x00);
        setConfigByte(0x82, 0x00);
        setConfigByte(0xa0, 0x08);
        for (int r = 0xa2; r <= 0xa7; r++) {
            setConfigByte(r, 0x00);
        }
        setConfigByte(0xa8, 0x0f);
        setConfigByte(0xaa, 0x00);
        setConfigByte(0xab, 0x00);
        setConfigByte(0xac, 0x00);
        setConfigByte(0xae, 0x00);
        picLevels = 0;
        rcr = 0;
    }
}
