package io.qtestjvm.devices.virtio;

/**
 * Register layouts of the virtio PCI transport (virtio 1.2 §4.1): the legacy I/O BAR (§4.1.5.1.4.1 "Legacy
 * Interface: A Note on PCI Device Layout"), the common configuration structure (§4.1.4.3 struct
 * virtio_pci_common_cfg), the vendor capability (§4.1.4 struct virtio_pci_cap, virtio_pci_notify_cap,
 * virtio_pci_cfg_cap) and the MSI-X table and PBA (PCI Local Bus 3.0 §6.8.2).
 *
 * <p>Placement as QEMU 7.2 (observed through config space and BAR sizing on Debian's QEMU): legacy BAR0 I/O of
 * the next power of two above header + device config, MSI-X BAR1 of 4 KiB with the table at 0 and the PBA at
 * 0x800, modern BAR4 64-bit prefetchable of 16 KiB holding common 0x0000, ISR 0x1000, device 0x2000 and notify
 * 0x3000 (each 4 KiB) with notify_off_multiplier 4; capabilities at 0x40 common, 0x50 ISR, 0x60 device, 0x70
 * notify, 0x84 PCI-config access and 0x98 MSI-X, linked from 0x98 down.
 */
final class VirtioPciLayout {
    // legacy I/O BAR0
    static final int L_HOST_FEATURES = 0x00;
    static final int L_GUEST_FEATURES = 0x04;
    static final int L_QUEUE_PFN = 0x08;
    static final int L_QUEUE_NUM = 0x0c;
    static final int L_QUEUE_SEL = 0x0e;
    static final int L_QUEUE_NOTIFY = 0x10;
    static final int L_STATUS = 0x12;
    static final int L_ISR = 0x13;
    static final int L_CONFIG_VECTOR = 0x14;
    static final int L_QUEUE_VECTOR = 0x16;
    static final int L_CONFIG = 0x14;
    static final int L_CONFIG_MSIX = 0x18;

    // §4.1.4.3 common configuration
    static final int C_DFSELECT = 0x00;
    static final int C_DF = 0x04;
    static final int C_GFSELECT = 0x08;
    static final int C_GF = 0x0c;
    static final int C_MSIX = 0x10;
    static final int C_NUMQ = 0x12;
    static final int C_STATUS = 0x14;
    static final int C_CFGGENERATION = 0x15;
    static final int C_Q_SELECT = 0x16;
    static final int C_Q_SIZE = 0x18;
    static final int C_Q_MSIX = 0x1a;
    static final int C_Q_ENABLE = 0x1c;
    static final int C_Q_NOFF = 0x1e;
    static final int C_Q_DESCLO = 0x20;
    static final int C_Q_DESCHI = 0x24;
    static final int C_Q_AVAILLO = 0x28;
    static final int C_Q_AVAILHI = 0x2c;
    static final int C_Q_USEDLO = 0x30;
    static final int C_Q_USEDHI = 0x34;
    static final int C_Q_RESET = 0x3a;

    /** PCI capability ID of a vendor-specific capability (§4.1.4). */
    static final int CAP_ID_VENDOR = 0x09;
    // §4.1.4 cfg_type values
    static final int CAP_COMMON = 1;
    static final int CAP_NOTIFY = 2;
    static final int CAP_ISR = 3;
    static final int CAP_DEVICE = 4;
    static final int CAP_PCI_CFG = 5;
    // struct virtio_pci_cap fields
    static final int CAP_LEN = 2;
    static final int CAP_CFG_TYPE = 3;
    static final int CAP_BAR = 4;
    static final int CAP_OFFSET = 8;
    static final int CAP_LENGTH = 12;
    static final int CAP_NOTIFY_MULT = 16;
    static final int CAP_PCI_CFG_DATA = 16;
    static final int CAP_SIZE = 16;
    static final int CAP_NOTIFY_SIZE = 20;

    static final int MODERN_BAR = 4;
    static final int MODERN_BAR_SIZE = 0x4000;
    static final int REGION = 0x1000;
    static final int COMMON_OFF = 0x0000;
    static final int ISR_OFF = 0x1000;
    static final int DEVICE_OFF = 0x2000;
    static final int NOTIFY_OFF = 0x3000;
    static final int NOTIFY_MULTIPLIER = 4;

    // MSI-X (PCI Local Bus 3.0 §6.8.2)
    static final int MSIX_BAR = 1;
    static final int MSIX_BAR_SIZE = 0x1000;
    static final int MSIX_CAP_ID = 0x11;
    static final int MSIX_CAP_SIZE = 12;
    static final int MSIX_CONTROL = 2;
    static final int MSIX_TABLE = 4;
    static final int MSIX_PBA = 8;
    static final int MSIX_ENABLE = 0x8000;
    static final int MSIX_FUNCTION_MASK = 0x4000;
    static final int MSIX_TABLE_OFF = 0;
    static final int MSIX_PBA_OFF = 0x800;
    static final int MSIX_ENTRY_SIZE = 16;
    static final int MSIX_ENTRY_DATA = 8;
    static final int MSIX_ENTRY_CONTROL = 12;
    static final int MSIX_ENTRY_MASKED = 1;

    /** The largest queue index a notification or queue select may name (QEMU's VIRTIO_QUEUE_MAX). */
    static final int QUEUE_MAX = 1024;

    private VirtioPciLayout() {
    }
}
