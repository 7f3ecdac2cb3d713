package io.qtestjvm.pci;

/**
 * The PIIX4 power-management function at 01.3 ({@code PIIX4_PM}, hw/acpi/piix4.c): 8086:7113 revision 3, class
 * "other bridge" (0x0680), interrupt pin A, SMBus base at 0x90 (0xb100 on pc), PM base register 0x40 with its
 * read-only I/O bit.
 *
 * <p>On realize it maps the GPE0 block ({@link AcpiGpe}, 0xafe0) and ACPI PCI hotplug ({@link AcpiPciHotplug},
 * 0xae00) into the bus's I/O space, as {@code piix4_acpi_system_hot_add_init} does; reset clears GPE0 and carries
 * out pending removals ({@code piix4_pm_reset}). Not modelled: the PM1/timer and SMBus I/O ranges, CPU and memory
 * hotplug; writes to 0x40/0x80 do not move or enable anything.
 */
public final class Piix4Pm extends PciDevice {
    public static final String TYPE = "PIIX4_PM";

    private final AcpiGpe gpe = new AcpiGpe();
    private AcpiPciHotplug pciHotplug;

    /** @param smbIoBase the SMBus I/O base the board chooses (0xb100 on pc) */
    public Piix4Pm(int smbIoBase) {
        super(TYPE, 0x8086, 0x7113, 0x03, 0x0680);
        setHotpluggable(false); // dc->hotpluggable = false: built into the board, never ejected
        setConfigByte(0x06, 0x80);
        setConfigByte(0x07, 0x02);
        setConfigByte(PciRegs.CLASS_PROG, 0x00);
        setInterruptPin(1);
        setConfigByte(0x90, (smbIoBase & 0xff) | 1);
        setConfigByte(0x91, (smbIoBase >> 8) & 0xff);
        setConfigByte(0xd2, 0x09);
    }

    @Override
    protected void doRealize() {
        pciHotplug = new AcpiPciHotplug(bus(), gpe);
        bus().io().addSubregion(AcpiGpe.IO_BASE, gpe.region());
        bus().io().addSubregion(AcpiPciHotplug.IO_BASE, pciHotplug.region());
    }

    /** GPE0; its SCI is wired by the board ({@link AcpiGpe#setSci}). */
    public AcpiGpe gpe() {
        return gpe;
    }

    /** The root bus's ACPI hotplug registers; null until realized. */
    public AcpiPciHotplug pciHotplug() {
        return pciHotplug;
    }

    @Override
    protected void deviceReset() {
        gpe.reset();
        if (pciHotplug != null) {
            pciHotplug.reset();
        }
        setConfigByte(0x58, 0);
        setConfigByte(0x59, 0);
        setConfigByte(0x5a, 0);
        setConfigByte(0x5b, 0); // SMM is available under TCG and qtest, so 0x5b is not forced to 0x02
        setConfigByte(0x40, 0x01); // PM I/O base: read-only I/O space bit
        setConfigByte(0x80, 0);
    }
}
