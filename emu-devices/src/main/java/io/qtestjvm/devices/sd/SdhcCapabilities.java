package io.qtestjvm.devices.sd;

/**
 * The Capabilities register (SD Host Controller Simplified Specification 3.00 §2.2.25) and the Host Controller
 * Version register (§2.2.34): the fields the controller reads, and the checks QEMU 7.2 makes of the
 * {@code capareg} and {@code sd-spec-version} properties when the device is realized (its error texts are
 * observable through {@code -device}, so they are QEMU's).
 *
 * <p>QEMU 7.2 facts: spec versions 2 and 3 only; the Host Controller Version reads vendor 0x24 with the
 * specification number below it (0x2401 for version 2, 0x2402 for version 3); a Max Block Length of 3 is refused;
 * for version 2 a non-zero timeout or base clock frequency below 10 is refused (version 3 does not check them).
 * Pinned by {@code SdhciRegistersTest.sdhciTestRegisterChecksPass} and {@code realizeRefusesUnsupportedProperties}.
 */
final class SdhcCapabilities {
    static final int TIMEOUT_CLOCK_FREQUENCY_MASK = 0x3f;
    static final int BASE_CLOCK_SHIFT = 8;
    static final int BASE_CLOCK_MASK = 0xff;
    static final int MAX_BLOCK_LENGTH_SHIFT = 16;
    static final int MAX_BLOCK_LENGTH_MASK = 0x3;
    static final long ADMA2_SUPPORT = 1L << 19;
    /** ADMA1 Support in the 2.00 specification (reserved in 3.00). */
    static final long ADMA1_SUPPORT = 1L << 20;
    static final long SDMA_SUPPORT = 1L << 22;
    /** Voltage Support 3.3 V is bit 24, 3.0 V bit 25, 1.8 V bit 26. */
    static final int VOLTAGE_3V3_BIT = 24;
    static final long SYSTEM_BUS_64_BIT = 1L << 28;
    static final int SLOT_TYPE_SHIFT = 30;
    static final int VENDOR_VERSION = 0x24;

    private SdhcCapabilities() {
    }

    /** @throws IllegalArgumentException with QEMU's text when QEMU's realize refuses the pair */
    static void check(int specVersion, long capabilities) {
        if (specVersion != 2 && specVersion != 3) {
            throw new IllegalArgumentException("Only Spec v2/v3 are supported");
        }
        if (specVersion == 3 && ((capabilities >>> SLOT_TYPE_SHIFT) & 0x3) != 0) {
            throw new IllegalArgumentException("slot-type not supported");
        }
        if (specVersion == 2) {
            checkFrequency("Timeout", (int) capabilities & TIMEOUT_CLOCK_FREQUENCY_MASK);
            checkFrequency("Base", (int) (capabilities >>> BASE_CLOCK_SHIFT) & BASE_CLOCK_MASK);
        }
        if (((capabilities >>> MAX_BLOCK_LENGTH_SHIFT) & MAX_BLOCK_LENGTH_MASK) == 3) {
            throw new IllegalArgumentException("block size can be 512, 1024 or 2048 only");
        }
    }

    private static void checkFrequency(String which, int mhz) {
        if (mhz != 0 && (mhz < 10 || mhz > 63)) {
            throw new IllegalArgumentException("SD " + which + " clock frequency can have value"
                    + "in range 0-63 only");
        }
    }

    /** Host Controller Version (§2.2.34): vendor version over the specification version number. */
    static int hostControllerVersion(int specVersion) {
        return VENDOR_VERSION << 8 | (specVersion - 1);
    }

    /** The data buffer holds one block of the Max Block Length: 512, 1024 or 2048 bytes. */
    static int maxBlockLength(long capabilities) {
        return 512 << (int) ((capabilities >>> MAX_BLOCK_LENGTH_SHIFT) & MAX_BLOCK_LENGTH_MASK);
    }

    /** Whether the SD Bus Voltage Select value (§2.2.11, 101b-111b) is one the slot supports. */
    static boolean supportsVoltage(long capabilities, int voltageSelect) {
        return voltageSelect >= SdhcRegisterMap.PC_VOLTAGE_1V8
                && (capabilities & (1L << (VOLTAGE_3V3_BIT + 7 - voltageSelect))) != 0;
    }

    /** Whether DMA Select value {@code dmaSelect} (§2.2.10) names an engine these capabilities offer. */
    static boolean supportsAdma(long capabilities, int dmaSelect) {
        return switch (dmaSelect) {
            case SdhcRegisterMap.DMA_ADMA1_32 -> (capabilities & ADMA1_SUPPORT) != 0;
            case SdhcRegisterMap.DMA_ADMA2_32 -> (capabilities & ADMA2_SUPPORT) != 0;
            case SdhcRegisterMap.DMA_ADMA2_64 -> (capabilities & ADMA2_SUPPORT) != 0
                    && (capabilities & SYSTEM_BUS_64_BIT) != 0;
            default -> false;
        };
    }
}
