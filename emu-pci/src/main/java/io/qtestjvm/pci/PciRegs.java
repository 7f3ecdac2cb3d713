package io.qtestjvm.pci;

/**
 * Layout of the type 0 PCI configuration header (PCI Local Bus Specification 3.0, 6.1, figure 6-1; 6.2) and the MSI
 * capability (6.8.1, figure 6-9). Constants only.
 */
public final class PciRegs {
    public static final int VENDOR_ID = 0x00;
    public static final int DEVICE_ID = 0x02;
    public static final int COMMAND = 0x04;
    public static final int STATUS = 0x06;
    public static final int REVISION_ID = 0x08;
    public static final int CLASS_PROG = 0x09;
    public static final int CLASS_DEVICE = 0x0a;
    public static final int CACHE_LINE_SIZE = 0x0c;
    public static final int LATENCY_TIMER = 0x0d;
    public static final int HEADER_TYPE = 0x0e;
    public static final int BASE_ADDRESS_0 = 0x10;
    public static final int SUBSYSTEM_VENDOR_ID = 0x2c;
    public static final int SUBSYSTEM_ID = 0x2e;
    public static final int ROM_ADDRESS = 0x30;
    public static final int CAPABILITY_LIST = 0x34;
    public static final int INTERRUPT_LINE = 0x3c;
    public static final int INTERRUPT_PIN = 0x3d;
    /** First byte after the standard header: device-specific registers and capabilities. */
    public static final int CONFIG_HEADER_SIZE = 0x40;
    public static final int CONFIG_SPACE_SIZE = 0x100;

    public static final int COMMAND_IO = 0x0001;
    public static final int COMMAND_MEMORY = 0x0002;
    public static final int COMMAND_MASTER = 0x0004;
    public static final int COMMAND_SERR = 0x0100;
    public static final int COMMAND_INTX_DISABLE = 0x0400;

    public static final int STATUS_INTERRUPT = 0x0008;
    public static final int STATUS_CAP_LIST = 0x0010;
    public static final int STATUS_FAST_BACK = 0x0080;
    public static final int STATUS_PARITY = 0x0100;
    public static final int STATUS_DEVSEL_MEDIUM = 0x0200;
    public static final int STATUS_SIG_TARGET_ABORT = 0x0800;
    public static final int STATUS_REC_TARGET_ABORT = 0x1000;
    public static final int STATUS_REC_MASTER_ABORT = 0x2000;
    public static final int STATUS_SIG_SYSTEM_ERROR = 0x4000;
    public static final int STATUS_DETECTED_PARITY = 0x8000;

    public static final int HEADER_TYPE_NORMAL = 0x00;
    public static final int HEADER_TYPE_MULTI_FUNCTION = 0x80;

    /** BAR type bits (low bits of a BAR register). */
    public static final int BAR_SPACE_IO = 0x01;
    public static final int BAR_MEM_TYPE_32 = 0x00;
    public static final int BAR_MEM_TYPE_64 = 0x04;
    public static final int BAR_MEM_PREFETCH = 0x08;

    public static final int CAP_LIST_ID = 0;
    public static final int CAP_LIST_NEXT = 1;
    public static final int CAP_ID_MSI = 0x05;

    // MSI capability (PCI 3.0 6.8.1), offsets from the capability start
    public static final int MSI_FLAGS = 0x02;
    public static final int MSI_ADDRESS_LO = 0x04;
    public static final int MSI_ADDRESS_HI = 0x08;
    public static final int MSI_DATA_32 = 0x08;
    public static final int MSI_DATA_64 = 0x0c;
    public static final int MSI_MASK_32 = 0x0c;
    public static final int MSI_MASK_64 = 0x10;
    public static final int MSI_PENDING_32 = 0x10;
    public static final int MSI_PENDING_64 = 0x14;
    public static final int MSI_FLAGS_ENABLE = 0x0001;
    /** Multiple Message Capable: log2 of the vectors the function can use. */
    public static final int MSI_FLAGS_QMASK = 0x000e;
    /** Multiple Message Enable: log2 of the vectors software allocated. */
    public static final int MSI_FLAGS_QSIZE = 0x0070;
    public static final int MSI_FLAGS_64BIT = 0x0080;
    public static final int MSI_FLAGS_MASKBIT = 0x0100;
    public static final int MSI_VECTORS_MAX = 32;

    /** The subsystem ids QEMU 7.2 gives a function that names none (Red Hat's vendor id 1af4, device 1100). */
    public static final int DEFAULT_SUBSYSTEM_VENDOR_ID = 0x1af4;
    public static final int DEFAULT_SUBSYSTEM_ID = 0x1100;

    private PciRegs() {
    }

    public static int slot(int devfn) {
        return (devfn >> 3) & 0x1f;
    }

    public static int function(int devfn) {
        return devfn & 7;
    }

    public static int devfn(int slot, int function) {
        return ((slot & 0x1f) << 3) | (function & 7);
    }
}
