package io.qtestjvm.pci;

/**
 * The IDE function of the PIIX3 (Intel 82371SB data sheet, function 1, {@code piix3-ide} at 01.1): 8086:7010, class
 * IDE with programming interface 0x80 (bus master capable, both channels in compatibility mode), no interrupt pin
 * (compatibility channels use ISA IRQ 14/15). Reset (data sheet defaults as QEMU 7.2 shows them,
 * {@code ResetAndPlugTest.ideResetValues}): PCICMD 0, PCISTS medium DEVSEL and fast back-to-back, BMIBA (0x20)
 * with its I/O space indicator.
 *
 * <p>Config space only: BAR4 (bus-master DMA, 16 bytes of I/O) sizes and reads back as QEMU's but maps nothing;
 * the legacy ATA ports and the bus-master registers are not modelled.
 */
public final class Piix3Ide extends PciDevice {
    public static final String TYPE = "piix3-ide";

    public Piix3Ide() {
        super(TYPE, 0x8086, 0x7010, 0x00, 0x0101);
        setHotpluggable(false); // part of the south bridge
        setConfigByte(PciRegs.CLASS_PROG, 0x80);
        registerConfigOnlyBar(4, PciRegs.BAR_SPACE_IO, 16);
    }

    @Override
    protected void deviceReset() {
        setConfigWord(PciRegs.COMMAND, 0x0000);
        setConfigWord(PciRegs.STATUS, PciRegs.STATUS_DEVSEL_MEDIUM | PciRegs.STATUS_FAST_BACK);
        setConfigByte(0x20, 0x01); // BMIBA: I/O type bit
    }
}
