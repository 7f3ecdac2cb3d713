package io.qtestjvm.pci;

/**
 * The default NIC of the arm {@code virt} machine ({@code virtio-net-pci} on the GPEX root bus), as a
 * config-space-only function like {@link E1000Pci} on pc: the transitional virtio network device 1af4:1000,
 * subsystem 1af4:0001 (virtio 1.2 4.1.2.1: device ID 0x1000 + legacy subsystem ID 1 = network card), class
 * Ethernet, interrupt pin A.
 *
 * <p>What it shows (observed on Debian's QEMU 7.2, {@code info qtree} and an ECAM dump): BAR0 32 bytes of I/O
 * (legacy registers), BAR1 4 KiB of memory (MSI-X table at 0, PBA at 0x800), BAR4 16 KiB of 64-bit prefetchable
 * memory (the virtio 1.2 4.1.4 structures, 4 KiB each); the capability list 0x98 (MSI-X, 4 vectors), then the
 * vendor-specific virtio capabilities at 0x84 (PCI configuration access), 0x70 (notifications, multiplier 4),
 * 0x60 (device configuration), 0x50 (ISR), 0x40 (common configuration), each naming BAR4 and its offset.
 *
 * <p>Not modelled: the BARs map nothing (no virtio registers, no MSI-X table), nor does the expansion ROM BAR, which
 * only sizes as QEMU's 256 KiB {@code efi-virtio.rom} (all-ones reads back 0xfffc0001); there is no network back
 * end. On a root bus QEMU gives it no PCI Express
 * capability, so its config space is 256 bytes.
 */
public final class VirtioNetPci extends PciDevice {
    public static final String TYPE = "virtio-net-pci";
    static final int VENDOR_VIRTIO = 0x1af4;
    static final int DEVICE_NET_TRANSITIONAL = 0x1000;
    static final int SUBSYSTEM_NET = 0x0001;
    /** virtio 1.2 4.1.4 cfg_type values. */
    static final int COMMON_CFG = 1;
    static final int NOTIFY_CFG = 2;
    static final int ISR_CFG = 3;
    static final int DEVICE_CFG = 4;
    static final int PCI_CFG = 5;
    static final int CAP_ID_VENDOR = 0x09;
    static final int CAP_ID_MSIX = 0x11;
    static final int MODERN_BAR = 4;
    static final int STRUCTURE_SIZE = 0x1000;
    static final long ROM_SIZE = 0x4_0000;

    public VirtioNetPci() {
        super(TYPE, VENDOR_VIRTIO, DEVICE_NET_TRANSITIONAL, 0x00, 0x0200);
        setSubsystem(VENDOR_VIRTIO, SUBSYSTEM_NET);
        setInterruptPin(1);
        registerConfigOnlyBar(0, PciRegs.BAR_SPACE_IO, 0x20);
        registerConfigOnlyBar(1, PciRegs.BAR_MEM_TYPE_32, 0x1000);
        registerConfigOnlyBar(MODERN_BAR, PciRegs.BAR_MEM_TYPE_64 | PciRegs.BAR_MEM_PREFETCH, 4 * STRUCTURE_SIZE);
        // virtio 1.2 4.1.4: struct virtio_pci_cap {cap_vndr, cap_next, cap_len, cfg_type, bar, id, pad[2],
        // offset, length}; the list is built head-first, so the first added ends last
        virtioCap(0x40, 16, COMMON_CFG, 0 * STRUCTURE_SIZE);
        virtioCap(0x50, 16, ISR_CFG, 1 * STRUCTURE_SIZE);
        virtioCap(0x60, 16, DEVICE_CFG, 2 * STRUCTURE_SIZE);
        virtioCap(0x70, 20, NOTIFY_CFG, 3 * STRUCTURE_SIZE);
        setConfigLong(0x70 + 16, 4); // notify_off_multiplier
        // the PCI configuration access capability names no BAR window; its data bytes are left 0
        int pciCfg = addCapability(CAP_ID_VENDOR, 0x84, 20);
        setConfigByte(pciCfg + 2, 20);
        setConfigByte(pciCfg + 3, PCI_CFG);
        // PCI Local Bus 3.0 6.8.2: MSI-X, table size N-1, table and PBA offsets with their BAR in bits 2:0
        int msix = addCapability(CAP_ID_MSIX, 0x98, 12);
        setConfigWord(msix + 2, 3);
        setConfigLong(msix + 4, 1);
        setConfigLong(msix + 8, 0x800 | 1);
        setWmask(msix + 3, 1, 0xc0); // MSI-X Enable and Function Mask
        // expansion ROM BAR (PCI Local Bus 3.0 6.2.5.2): sizes as QEMU's 256 KiB ROM, address and enable bit
        setWmask(PciRegs.ROM_ADDRESS, 4, ~(ROM_SIZE - 1) | 1);
    }

    private void virtioCap(int offset, int len, int cfgType, int barOffset) {
        addCapability(CAP_ID_VENDOR, offset, len);
        setConfigByte(offset + 2, len);
        setConfigByte(offset + 3, cfgType);
        setConfigByte(offset + 4, MODERN_BAR);
        setConfigLong(offset + 8, barOffset);
        setConfigLong(offset + 12, STRUCTURE_SIZE);
    }
}
