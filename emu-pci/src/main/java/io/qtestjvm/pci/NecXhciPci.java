package io.qtestjvm.pci;

/**
 * The NEC uPD720200 USB 3.0 host controller function ({@code nec-usb-xhci}) the pseries machine builds by default:
 * 1033:0194, class serial bus / USB / xHCI (0c0330), revision 3.
 *
 * <p>Config space only: BAR0 (16 KiB, 64-bit memory) sizes and reads back as QEMU's but maps nothing; the xHCI
 * registers, its MSI and MSI-X capabilities and the USB bus are not modelled (QEMU lists MSI/MSI-X capabilities
 * there: a test walking this function's capability list sees none here).
 */
public final class NecXhciPci extends PciDevice {
    public static final String TYPE = "nec-usb-xhci";
    private static final int PROG_IF_XHCI = 0x30;

    public NecXhciPci() {
        super(TYPE, 0x1033, 0x0194, 0x03, 0x0c03);
        setConfigByte(0x09, PROG_IF_XHCI);
        setInterruptPin(1);
        registerConfigOnlyBar(0, PciRegs.BAR_MEM_TYPE_64, 0x4000);
    }
}
