package io.qtestjvm.qos.libqos.virtio;

/**
 * Register layout of the virtio PCI transport (virtio 1.2 4.1): the vendor capability (4.1.4), the common
 * configuration structure (4.1.4.3), and the legacy I/O BAR 0 (4.1.4.8).
 */
public final class VirtioPciLayout {
    private VirtioPciLayout() {
    }

    // 4.1.2 PCI Device Discovery
    public static final int VENDOR = 0x1af4;
    public static final int DEVICE_FIRST = 0x1000;
    public static final int DEVICE_TRANSITIONAL_LAST = 0x103f;
    public static final int DEVICE_MODERN_BASE = 0x1040;
    public static final int DEVICE_LAST = 0x107f;
    /** Configuration-space offset of the subsystem device ID (PCI 3.0 6.2.4), the type of a transitional device. */
    public static final int SUBSYSTEM_ID = 0x2e;

    // 4.1.4 struct virtio_pci_cap
    public static final int CAP_ID_VENDOR = 0x09;
    public static final int CAP_CFG_TYPE = 3;
    public static final int CAP_BAR = 4;
    public static final int CAP_OFFSET = 8;
    public static final int CAP_LENGTH = 12;
    public static final int CAP_NOTIFY_MULTIPLIER = 16;
    public static final int CFG_COMMON = 1;
    public static final int CFG_NOTIFY = 2;
    public static final int CFG_ISR = 3;
    public static final int CFG_DEVICE = 4;

    // 4.1.4.3 struct virtio_pci_common_cfg
    public static final int DEVICE_FEATURE_SELECT = 0x00;
    public static final int DEVICE_FEATURE = 0x04;
    public static final int DRIVER_FEATURE_SELECT = 0x08;
    public static final int DRIVER_FEATURE = 0x0c;
    public static final int CONFIG_MSIX_VECTOR = 0x10;
    public static final int NUM_QUEUES = 0x12;
    public static final int DEVICE_STATUS = 0x14;
    public static final int CONFIG_GENERATION = 0x15;
    public static final int QUEUE_SELECT = 0x16;
    public static final int QUEUE_SIZE = 0x18;
    public static final int QUEUE_MSIX_VECTOR = 0x1a;
    public static final int QUEUE_ENABLE = 0x1c;
    public static final int QUEUE_NOTIFY_OFF = 0x1e;
    public static final int QUEUE_DESC = 0x20;
    public static final int QUEUE_DRIVER = 0x28;
    public static final int QUEUE_DEVICE = 0x30;

    // 4.1.4.8 Legacy Interfaces: A Note on PCI Device Layout
    public static final int LEGACY_DEVICE_FEATURES = 0x00;
    public static final int LEGACY_DRIVER_FEATURES = 0x04;
    public static final int LEGACY_QUEUE_ADDRESS = 0x08;
    public static final int LEGACY_QUEUE_SIZE = 0x0c;
    public static final int LEGACY_QUEUE_SELECT = 0x0e;
    public static final int LEGACY_QUEUE_NOTIFY = 0x10;
    public static final int LEGACY_DEVICE_STATUS = 0x12;
    public static final int LEGACY_ISR_STATUS = 0x13;
    public static final int LEGACY_CONFIG_MSIX_VECTOR = 0x14;
    public static final int LEGACY_QUEUE_MSIX_VECTOR = 0x16;
    /** Device configuration without / with MSI-X enabled. */
    public static final int LEGACY_CONFIG = 0x14;
    public static final int LEGACY_CONFIG_MSIX = 0x18;
    /** 4.1.5.1.4.1 (legacy): the queue address register holds the address shifted by this. */
    public static final int LEGACY_PFN_SHIFT = 12;
}
