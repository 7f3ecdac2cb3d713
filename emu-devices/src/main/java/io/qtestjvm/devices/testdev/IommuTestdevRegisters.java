package io.qtestjvm.devices.testdev;

/**
 * The register interface of {@code iommu-testdev} (QEMU's docs/specs/iommu-testdev.rst, the interface its qtests
 * program): BAR0 offsets, the values of DMA_RESULT and the DMA_ATTRS fields. Layout only; {@link IommuTestdev}
 * gives them behaviour.
 */
public final class IommuTestdevRegisters {
    private IommuTestdevRegisters() {
    }

    public static final int VENDOR_ID = 0x1b36;
    /** The Red Hat test device id, shared with pci-testdev. */
    public static final int DEVICE_ID = 0x0005;
    /** PCI class "other" (base class 0xff). */
    public static final int CLASS_OTHER = 0xff00;
    public static final long BAR0_SIZE = 0x1000;

    /** Read: runs the armed DMA and disarms; reads 0. */
    public static final int TRIGGERING = 0x00;
    public static final int IOVA_LO = 0x04;
    public static final int IOVA_HI = 0x08;
    public static final int LEN = 0x0c;
    public static final int RESULT = 0x10;
    /** Write bit 0 = 1 arms (RESULT = BUSY), 0 disarms (RESULT = IDLE); reads 0. */
    public static final int DOORBELL = 0x14;
    public static final int ATTRS = 0x18;
    /** Where the readback check reads, in system memory. */
    public static final int GPA_LO = 0x1c;
    public static final int GPA_HI = 0x20;

    public static final int DOORBELL_ARM = 0x1;

    /** ATTRS: bit 0 secure, bits 2:1 security space (0 Secure, 1 Non-secure), bit 3 space valid. */
    public static final int ATTRS_SECURE = 0x1;
    public static final int ATTRS_SPACE_SHIFT = 1;
    public static final int ATTRS_SPACE_MASK = 0x3;
    public static final int ATTRS_SPACE_VALID = 0x8;
    public static final int SPACE_SECURE = 0;
    public static final int SPACE_NON_SECURE = 1;
    /** ATTRS after reset: space Non-secure, not marked valid. */
    public static final int ATTRS_RESET = SPACE_NON_SECURE << ATTRS_SPACE_SHIFT;

    public static final int RESULT_OK = 0;
    public static final int RESULT_IDLE = 0xffff_ffff;
    public static final int RESULT_BUSY = 0xffff_fffe;
    public static final int ERR_BAD_LEN = 0xdead_0001;
    /** The DMA write through the IOMMU failed (a refused translation or an address nothing decodes). */
    public static final int ERR_TX_FAIL = 0xdead_0002;
    /** The readback from system memory failed (nothing decodes there). */
    public static final int ERR_RD_FAIL = 0xdead_0003;
    public static final int ERR_MISMATCH = 0xdead_0004;
    public static final int ERR_NOT_ARMED = 0xdead_0005;
    /** Space marked valid, Secure or Non-secure, and disagreeing with the secure bit. */
    public static final int ERR_BAD_ATTRS = 0xdead_0006;

    /** The word written, little-endian, over the whole length: bytes 78 56 34 12 repeating. */
    public static final int PATTERN = 0x1234_5678;
}
