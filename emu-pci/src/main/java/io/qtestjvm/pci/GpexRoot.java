package io.qtestjvm.pci;

/**
 * The root complex function at 00.0 of a generic PCI Express host ({@code gpex-root}): a host bridge
 * (class 06/00) with Red Hat's QEMU PCIe host ID 1b36:0008, revision 0, no BARs, no capabilities, no interrupt pin.
 * Built into the host, never hot-unplugged. Its config space is the 256-byte conventional one: Debian's QEMU 7.2
 * answers all-ones from offset 0x100 on (pinned by {@code VirtBoardTest}).
 */
public final class GpexRoot extends PciDevice {
    public static final String TYPE = "gpex-root";
    public static final int VENDOR_REDHAT = 0x1b36;
    public static final int DEVICE_PCIE_HOST = 0x0008;

    public GpexRoot() {
        super(TYPE, VENDOR_REDHAT, DEVICE_PCIE_HOST, 0x00, 0x0600);
        setHotpluggable(false);
    }
}
