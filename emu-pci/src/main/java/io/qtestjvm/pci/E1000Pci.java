package io.qtestjvm.pci;

/**
 * The default NIC at 03.0 ({@code e1000}, Intel 82540EM identity as QEMU 7.2 reports it): 8086:100e (82540EM) revision 3, class Ethernet,
 * interrupt pin A.
 *
 * <p>Config space only: BAR0 (128 KiB MMIO) and BAR1 (64 bytes of I/O) size and read back as QEMU's but map
 * nothing; no registers, no network, no option ROM BAR.
 */
public final class E1000Pci extends PciDevice {
    public static final String TYPE = "e1000";

    public E1000Pci() {
        super(TYPE, 0x8086, 0x100e, 0x03, 0x0200);
        setConfigByte(PciRegs.CACHE_LINE_SIZE, 0x10);
        setInterruptPin(1);
        registerConfigOnlyBar(0, PciRegs.BAR_MEM_TYPE_32, 0x20000);
        registerConfigOnlyBar(1, PciRegs.BAR_SPACE_IO, 0x40);
    }
}
