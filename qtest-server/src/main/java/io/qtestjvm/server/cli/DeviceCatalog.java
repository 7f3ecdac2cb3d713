package io.qtestjvm.server.cli;

import java.util.List;

/**
 * The {@code -device} drivers the boards can plug, as {@code -device help} and {@code -device DRIVER,help} list
 * them. Whether a driver fits a machine is the board's call
 * ({@code Board.plug}); this catalog only says what exists. Add an entry when a device model arrives.
 */
public final class DeviceCatalog {
    /**
     * One device type.
     *
     * @param name     the driver name
     * @param bus      the bus it plugs into ({@code PCI}), or null
     * @param desc     the description, or null
     * @param category qdev's category heading ({@code Misc devices})
     * @param options  the {@code DRIVER,help} lines after the heading
     */
    public record Entry(String name, String bus, String desc, String category, List<String> options) {
    }

    /** PCIDevice's own properties as QEMU 7.2's {@code -device DRIVER,help} lists them, shared by every PCI device. */
    private static final List<String> PCI_PROPS = List.of(
            "  acpi-index=<uint32>    -  (default: 0)",
            "  addr=<int32>           - Slot and optional function number, example: 06.0 or 06 (default: -1)",
            "  failover_pair_id=<str>",
            "  multifunction=<bool>   - on/off (default: false)",
            "  rombar=<uint32>        -  (default: 1)",
            "  romfile=<str>",
            "  romsize=<uint32>       -  (default: 4294967295)",
            "  x-pcie-extcap-init=<bool> - on/off (default: true)",
            "  x-pcie-lnksta-dllla=<bool> - on/off (default: true)");

    private static final List<Entry> ENTRIES = List.of(
            new Entry("sdhci-pci", "PCI", null, "Storage devices", withPci(
                    "  capareg=<uint64>       -  (default: 91763892)",
                    "  maxcurr=<uint64>       -  (default: 0)",
                    "  sd-spec-version=<uint8> -  (default: 2)",
                    "  uhs=<uint8>            -  (default: 0)",
                    "  vendor=<uint8>         -  (default: 0)")),
            new Entry("edu", "PCI", null, "Misc devices", withPci("  dma_mask=<uint64>")),
            new Entry("sd-card", "sd-bus", null, "Storage devices", List.of(
                    "  drive=<str>            - Node name or ID of a block device to use as a backend",
                    "  spec_version=<uint8>   -  (default: 2)",
                    "  spi=<bool>             -  (default: false)")));

    private DeviceCatalog() {
    }

    private static List<String> withPci(String... own) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(PCI_PROPS);
        all.addAll(List.of(own));
        all.sort(java.util.Comparator.comparing(l -> l.trim()));
        return List.copyOf(all);
    }

    public static Entry find(String name) {
        for (Entry e : ENTRIES) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** {@code -device help}: per category, {@code name "X", bus B, desc "D"}. */
    public static String help() {
        StringBuilder sb = new StringBuilder();
        java.util.LinkedHashSet<String> cats = new java.util.LinkedHashSet<>();
        for (Entry e : ENTRIES) {
            cats.add(e.category());
        }
        for (String c : cats) {
            sb.append(c).append(":\n");
            for (Entry e : ENTRIES) {
                if (e.category().equals(c)) {
                    sb.append("name \"").append(e.name()).append('"');
                    if (e.bus() != null) {
                        sb.append(", bus ").append(e.bus());
                    }
                    if (e.desc() != null) {
                        sb.append(", desc \"").append(e.desc()).append('"');
                    }
                    sb.append('\n');
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** {@code -device DRIVER,help}, or null when the driver is unknown. */
    public static String help(String driver) {
        Entry e = find(driver);
        if (e == null) {
            return null;
        }
        return driver + " options:\n" + String.join("\n", e.options()) + "\n";
    }
}
