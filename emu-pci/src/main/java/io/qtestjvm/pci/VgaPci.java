package io.qtestjvm.pci;

/**
 * The standard VGA at 02.0 ({@code VGA}, QEMU's standard VGA as QEMU 7.2 identifies it): 1234:1111, class VGA, revision 2 (QEMU's
 * extended registers are on by default).
 *
 * <p>Config space only: BAR0 (16 MiB prefetchable VRAM) and BAR2 (4 KiB MMIO) size and read back as QEMU's but
 * map nothing; the legacy VGA ranges and the option ROM BAR are not modelled.
 */
public final class VgaPci extends PciDevice {
    public static final String TYPE = "VGA";

    public VgaPci() {
        super(TYPE, 0x1234, 0x1111, 0x02, 0x0300);
        setHotpluggable(false); // a built-in function on pc (QEMU 7.2: slot 2 is not removable)
        registerConfigOnlyBar(0, PciRegs.BAR_MEM_PREFETCH, 16L << 20);
        registerConfigOnlyBar(2, PciRegs.BAR_MEM_TYPE_32, 4096);
    }
}
