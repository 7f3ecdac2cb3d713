package io.qtestjvm.pci;

/**
 * The 82441FX PMC's PCI function at 00.0 ({@code i440FX}; Intel 82441FX data sheet, "PCI configuration
 * registers"): 8086:1237 revision 2, class host bridge. Config space only: SMRAM (0x72) resets to 0x02 (C_BASE_SEG
 * = 010, the data-sheet default); as QEMU 7.2 fills it, 0x57 (DRAMC) shows the RAM size in 8 MiB units for old
 * coreboot. The PAM registers (0x59-0x5f) and SMRAM do not remap memory here.
 */
public final class I440fxPciDevice extends PciDevice {
    public static final String TYPE = "i440FX";
    static final int SMRAM = 0x72;
    static final int COREBOOT_RAM_SIZE = 0x57;

    public I440fxPciDevice(long ramSize) {
        super(TYPE, 0x8086, 0x1237, 0x02, 0x0600);
        setHotpluggable(false); // part of the north bridge
        setConfigByte(SMRAM, 0x02);
        setConfigByte(COREBOOT_RAM_SIZE, (int) Math.min(ramSize / 8 / 1024 / 1024, 255));
    }
}
