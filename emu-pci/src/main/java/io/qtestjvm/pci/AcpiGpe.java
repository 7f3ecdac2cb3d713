package io.qtestjvm.pci;

import io.qtestjvm.core.Irq;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * A general-purpose event register block, GPE0_BLK (ACPI Specification 6.5, 4.8.4.1 and 5.6.4): two halves of
 * equal length, GPE0_STS then GPE0_EN. A status bit is set by its event source and cleared by software writing 1 to
 * it; an enable bit is read-write. Any status bit that is also enabled asserts the SCI (4.8.4.1.1).
 *
 * <p>On PIIX4 ({@code acpi-gpe0}, 4 bytes at 0xafe0 on pc) as QEMU 7.2 has it ({@code PcHotplugTest},
 * emu-pci's {@code ResetAndPlugTest}): accessed a byte at a time; only the first status/enable byte pair drives
 * the SCI (the fixed-event block PM1 is not modelled and never contributes); bit 1 of the first status byte is the
 * PCI hotplug event; reset clears both halves and lowers the SCI.
 */
public final class AcpiGpe {
    public static final int IO_BASE = 0xafe0;
    public static final int LENGTH = 4;
    /** GPE0_STS bit 1: PCI hotplug (the event QEMU's ACPI tables bind to the hotplug method). */
    public static final int PCI_HOTPLUG_STATUS = 0x02;
    private static final int HALF = LENGTH / 2;

    /** GPE0_STS bytes then GPE0_EN bytes, as the block lies in I/O space. */
    private final byte[] block = new byte[LENGTH];
    private final MemoryRegion region;
    private Irq sci = Irq.unconnected();

    public AcpiGpe() {
        this.region = MemoryRegion.io("acpi-gpe0", LENGTH, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return block[(int) offset] & 0xff;
            }

            @Override
            public void write(long offset, long value, int size) {
                softwareWrite((int) offset, (int) value & 0xff);
            }
        }, AccessRules.of(Endianness.LITTLE).withImpl(1, 1));
    }

    public MemoryRegion region() {
        return region;
    }

    /** The interrupt line the SCI drives (ISA IRQ 9 on pc). */
    public void setSci(Irq sci) {
        this.sci = sci;
    }

    /** An event source sets {@code bits} in the first status byte. */
    public void raiseStatus(int bits) {
        block[0] |= (byte) bits;
        driveSci();
    }

    /** The first GPE0_STS byte. */
    public int status() {
        return block[0] & 0xff;
    }

    public void reset() {
        java.util.Arrays.fill(block, (byte) 0);
        driveSci();
    }

    private void softwareWrite(int offset, int value) {
        if (offset < HALF) {
            block[offset] &= (byte) ~value; // status: write 1 to clear
        } else {
            block[offset] = (byte) value;   // enable
        }
        driveSci();
    }

    private void driveSci() {
        sci.set((block[0] & block[HALF]) != 0 ? 1 : 0);
    }
}
