package io.qtestjvm.pci;

/**
 * The 82441FX PMC's PCI function at 00.0 ({@code i440FX}; Intel 82441FX data sheet, "PCI configuration
 * registers"): 8086:1237 revision 2, class host bridge. SMRAM (0x72) resets to 0x02 (C_BASE_SEG = 010, the
 * data-sheet default); as QEMU 7.2 fills it, 0x57 (DRAMC) shows the RAM size in 8 MiB units for old coreboot.
 * Once a board has given it its {@link I440fxMemoryMap}, writes of the PAM registers (0x59-0x5f) and of SMRAM
 * remap the memory below 1 MiB as that class describes. Every device-specific register stays writable as in
 * QEMU 7.2 (D_LCK locks nothing).
 */
public final class I440fxPciDevice extends PciDevice {
    public static final String TYPE = "i440FX";
    static final int COREBOOT_RAM_SIZE = 0x57;

    private I440fxMemoryMap memoryMap;

    public I440fxPciDevice(long ramSize) {
        super(TYPE, 0x8086, 0x1237, 0x02, 0x0600);
        setHotpluggable(false); // part of the north bridge
        setConfigByte(I440fxMemoryMap.SMRAM, I440fxMemoryMap.SMRAM_C_BASE_SEG);
        setConfigByte(COREBOOT_RAM_SIZE, (int) Math.min(ramSize / 8 / 1024 / 1024, 255));
    }

    /** Connects the PAM and SMRAM windows, which then follow this function's registers. */
    public void attachMemoryMap(I440fxMemoryMap map) {
        this.memoryMap = map;
        map.update(this);
    }

    @Override
    public void configWrite(int offset, long value, int len) {
        super.configWrite(offset, value, len);
        if (memoryMap != null && (overlaps(offset, len, I440fxMemoryMap.PAM0, I440fxMemoryMap.PAM_REGISTERS)
                || overlaps(offset, len, I440fxMemoryMap.SMRAM, 1))) {
            memoryMap.update(this);
        }
    }
}
