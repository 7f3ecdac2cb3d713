package io.qtestjvm.server.board;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.devices.sd.SdhciPci;
import io.qtestjvm.server.cli.StartupException;

import java.util.Set;

/**
 * {@code -device sdhci-pci,...} / {@code device_add}: the properties QEMU 7.2's sdhci-pci takes (hw/sd/sdhci.c
 * {@code DEFINE_SDHCI_COMMON_PROPERTIES}, hw/sd/sdhci-pci.c) parsed with QEMU's messages, and the spec-version
 * check {@code sdhci_common_realize} makes. Of PCIDevice's properties {@code addr} and {@code multifunction} are
 * taken, as for edu.
 */
final class SdhciPciOptions {
    private static final Set<String> PROPS = Set.of("driver", "id", "addr", "multifunction", "sd-spec-version",
            "uhs", "capareg", "maxcurr", "vendor");

    private SdhciPciOptions() {
    }

    static SdhciPci create(QemuOpts opts, Clock virtualClock) throws StartupException {
        for (String k : opts.keys()) {
            if (!PROPS.contains(k)) {
                throw new StartupException("Property '" + SdhciPci.TYPE + "." + k + "' not found");
            }
        }
        SdhciPci dev = new SdhciPci(virtualClock);
        // property order as QEMU sets them: the command line's, each parsed by its type
        for (String k : opts.keys()) {
            String v = opts.get(k);
            switch (k) {
                case "sd-spec-version" -> dev.setSpecVersion((int) parseUnsigned(k, v, 0xff, "uint8_t"));
                case "uhs" -> dev.setUhs((int) parseUnsigned(k, v, 0xff, "uint8_t"));
                case "capareg" -> dev.setCapareg(parseUnsigned(k, v, -1, "uint64_t"));
                case "maxcurr" -> dev.setMaxcurr(parseUnsigned(k, v, -1, "uint64_t"));
                case "vendor" -> parseUnsigned(k, v, 0xff, "uint8_t"); // vendor quirks (i.MX) are not modelled
                default -> {
                    // driver, id, addr, multifunction: the board's
                }
            }
        }
        int version = specVersionOf(opts);
        if (version != 2 && version != 3) { // realize's first check (sdhci_common_realize)
            throw new StartupException("Only Spec v2/v3 are supported");
        }
        return dev;
    }

    private static int specVersionOf(QemuOpts opts) throws StartupException {
        String v = opts.get("sd-spec-version");
        return v == null ? 2 : (int) parseUnsigned("sd-spec-version", v, 0xff, "uint8_t");
    }

    /**
     * QEMU's integer property parsing ({@code qemu_strtou64}, base 0): decimal, 0x hex or 0 octal; not a number
     * gives "expects integer", a value past {@code max} (unsigned; -1 for the full 64 bits) names the C type.
     */
    static long parseUnsigned(String name, String text, long max, String cType) throws StartupException {
        long v;
        try {
            String t = text.trim();
            if (t.startsWith("0x") || t.startsWith("0X")) {
                v = Long.parseUnsignedLong(t.substring(2), 16);
            } else if (t.length() > 1 && t.startsWith("0")) {
                v = Long.parseUnsignedLong(t.substring(1), 8);
            } else {
                v = Long.parseUnsignedLong(t);
            }
        } catch (NumberFormatException e) {
            throw new StartupException("Parameter '" + name + "' expects integer");
        }
        if (max != -1 && Long.compareUnsigned(v, max) > 0) {
            throw new StartupException("Parameter '" + name + "' expects " + cType);
        }
        return v;
    }
}
