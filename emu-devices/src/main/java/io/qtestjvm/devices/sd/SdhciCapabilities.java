package io.qtestjvm.devices.sd;

/**
 * Checks of the {@code sd-spec-version} and {@code capareg} properties done when the controller is realized
 * (QEMU 7.2 hw/sd/sdhci.c {@code sdhci_init_readonly_registers} and {@code sdhci_check_capareg}); a bad value is
 * a configuration error, reported as QEMU's realize error would be.
 */
final class SdhciCapabilities {
    private SdhciCapabilities() {
    }

    /** Host Controller Version register value: vendor 0x24, specification version number = version - 1. */
    static int hostVersion(int specVersion) {
        if (specVersion < 2 || specVersion > 3) {
            throw new IllegalArgumentException("sd-spec-version " + specVersion
                    + " is not supported: only Spec v2/v3 are supported");
        }
        return (SdhciRegs.HCVER_VENDOR << 8) | (specVersion - 1);
    }

    /** FIFO size: 512 << Max Block Length (capabilities bits 17:16). */
    static int fifoLength(long capareg) {
        return 1 << (9 + (int) ((capareg >>> 16) & 3));
    }

    static void check(int specVersion, long capareg) {
        hostVersion(specVersion);
        if (specVersion == 3 && ((capareg >>> 62) & 3) != 0) {
            throw new IllegalArgumentException("capareg 0x" + Long.toHexString(capareg)
                    + ": slot-type " + ((capareg >>> 62) & 3) + " not supported (only 0, removable)");
        }
        if (specVersion < 3) {
            checkFrequency("timeout", (int) (capareg & 0x3f));
            checkFrequency("base", (int) ((capareg >>> 8) & 0xff));
        }
        int maxBlockLength = (int) ((capareg >>> 16) & 3);
        if (maxBlockLength >= 3) {
            throw new IllegalArgumentException("capareg 0x" + Long.toHexString(capareg) + ": max block length field "
                    + maxBlockLength + " is not 0..2 (block size can be 512, 1024 or 2048 only)");
        }
    }

    private static void checkFrequency(String what, int freq) {
        if (freq != 0 && (freq < 10 || freq > 63)) {
            throw new IllegalArgumentException("SD " + what + " clock frequency " + freq
                    + " is outside 0 and 10..63 (spec version 2)");
        }
    }
}
