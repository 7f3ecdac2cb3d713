package io.qtestjvm.qos.libqos.pci;

/** Type 0 configuration-space layout used by libqos (PCI Local Bus 3.0 section 6.1, 6.7, 6.8.2). */
public final class PciConfig {
    public static final int VENDOR_ID = 0x00;
    public static final int DEVICE_ID = 0x02;
    public static final int COMMAND = 0x04;
    public static final int STATUS = 0x06;
    public static final int REVISION_ID = 0x08;
    public static final int CLASS_DEVICE = 0x0a;
    public static final int BAR0 = 0x10;
    public static final int CAPABILITY_LIST = 0x34;
    public static final int INTERRUPT_PIN = 0x3d;

    public static final int COMMAND_IO = 0x1;
    public static final int COMMAND_MEMORY = 0x2;
    public static final int COMMAND_MASTER = 0x4;
    public static final int COMMAND_INTX_DISABLE = 0x400;
    public static final int STATUS_INTERRUPT = 0x08;
    public static final int STATUS_CAP_LIST = 0x10;

    public static final int CAP_ID_MSI = 0x05;
    public static final int CAP_ID_MSIX = 0x11;

    /** MSI-X capability (PCI 3.0 6.8.2): flags, table offset/BIR, PBA offset/BIR. */
    public static final int MSIX_FLAGS = 2;
    public static final int MSIX_TABLE = 4;
    public static final int MSIX_PBA = 8;
    public static final int MSIX_FLAGS_ENABLE = 0x8000;
    public static final int MSIX_FLAGS_MASKALL = 0x4000;
    public static final int MSIX_FLAGS_QSIZE = 0x07ff;
    public static final int MSIX_BIR_MASK = 0x7;
    public static final int MSIX_ENTRY_SIZE = 16;
    public static final int MSIX_ENTRY_VECTOR_CTRL = 12;
    public static final int MSIX_ENTRY_CTRL_MASKBIT = 1;

    private PciConfig() {
    }
}
