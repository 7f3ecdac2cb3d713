package io.qtestjvm.pci;

import io.qtestjvm.core.Irq;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The PIIX4 PM's general-purpose event block GPE0 ({@code acpi-gpe0} at 0xafe0, 4 bytes; hw/acpi/core.c
 * {@code acpi_gpe_ioport_readb/writeb}, hw/acpi/piix4.c): the first half holds the status bytes (write 1 to clear),
 * the second half the enable bytes. The SCI is high while a status bit of the first byte is set and enabled
 * ({@code acpi_update_sci}; the PM1 event block is not modelled, so it never contributes).
 */
public final class AcpiGpe {
    public static final int IO_BASE = 0xafe0;
    public static final int LENGTH = 4;
    /** GPE status bit 1: a PCI hotplug event ({@code ACPI_PCI_HOTPLUG_STATUS}). */
    public static final int PCI_HOTPLUG_STATUS = 0x02;

    private final byte[] sts = new byte[LENGTH / 2];
    private final byte[] en = new byte[LENGTH / 2];
    private final MemoryRegion region;
    private Irq sci = Irq.unconnected();

    public AcpiGpe() {
        this.region = MemoryRegion.io("acpi-gpe0", LENGTH, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return readByte((int) offset);
            }

            @Override
            public void write(long offset, long value, int size) {
                writeByte((int) offset, (int) value & 0xff);
            }
        }, AccessRules.of(Endianness.LITTLE).withImpl(1, 1));
    }

    public MemoryRegion region() {
        return region;
    }

    /** The line the SCI drives (ISA IRQ 9 on pc). */
    public void setSci(Irq sci) {
        this.sci = sci;
    }

    /** {@code acpi_send_event}: sets status bits and updates the SCI. */
    public void raiseStatus(int bits) {
        sts[0] |= (byte) bits;
        updateSci();
    }

    public int status() {
        return sts[0] & 0xff;
    }

    /** {@code acpi_gpe_reset}: status and enable cleared, SCI re-evaluated (low). */
    public void reset() {
        java.util.Arrays.fill(sts, (byte) 0);
        java.util.Arrays.fill(en, (byte) 0);
        updateSci();
    }

    private int readByte(int addr) {
        return addr < LENGTH / 2 ? sts[addr] & 0xff : en[addr - LENGTH / 2] & 0xff;
    }

    private void writeByte(int addr, int value) {
        if (addr < LENGTH / 2) {
            sts[addr] &= (byte) ~value;
        } else {
            en[addr - LENGTH / 2] = (byte) value;
        }
        updateSci();
    }

    private void updateSci() {
        sci.set((sts[0] & en[0]) != 0 ? 1 : 0);
    }
}
