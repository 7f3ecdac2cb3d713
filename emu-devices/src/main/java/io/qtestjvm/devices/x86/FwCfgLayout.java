package io.qtestjvm.devices.x86;

/**
 * Where the fw_cfg device's registers and the DMA access structure live (QEMU's public specification
 * docs/specs/fw_cfg.rst: "Selector (Control) Register", "Data Register", "Register Locations", "DMA Address
 * Register", "Guest-side DMA Interface"). Layout constants only.
 */
final class FwCfgLayout {
    /** "Register Locations", x86 I/O ports: the selector (16-bit, little-endian), then the data register (8-bit). */
    static final int SELECTOR_PORT = 0;
    static final int PORTS = 2;
    /** "DMA Address Register": 64 bits, big-endian, at 0x514; a write of its low half (or all of it) starts DMA. */
    static final int DMA_REGISTER_SIZE = 8;
    static final int DMA_HIGH_HALF = 0;
    static final int DMA_LOW_HALF = 4;
    /** What the DMA address register reads as: "QEMU CFG". */
    static final long DMA_SIGNATURE = 0x51454d5520434647L;

    // "Guest-side DMA Interface": FWCfgDmaAccess, every field big-endian
    static final int ACCESS_CONTROL = 0;
    static final int ACCESS_LENGTH = 4;
    static final int ACCESS_ADDRESS = 8;
    static final int ACCESS_SIZE = 16;
    static final int CTL_ERROR = 0x01;
    static final int CTL_READ = 0x02;
    static final int CTL_SKIP = 0x04;
    static final int CTL_SELECT = 0x08;
    static final int CTL_WRITE = 0x10;
    /** With CTL_SELECT, the item to select is in the control field's upper 16 bits. */
    static final int CTL_SELECTOR_SHIFT = 16;

    /** "Firmware Configuration Items", revision / feature bitmap (key 0x01): traditional interface, DMA. */
    static final int FEATURE_TRADITIONAL = 0x01;
    static final int FEATURE_DMA = 0x02;

    private FwCfgLayout() {
    }
}
