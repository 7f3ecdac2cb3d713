package io.qtestjvm.server.board;

import io.qtestjvm.core.TypeRegistry;
import io.qtestjvm.core.TypeRegistry.TypeInfo;
import io.qtestjvm.server.qtest.Compat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The QOM types one emulated binary knows, with QEMU's parents, abstract flags and interfaces (values taken from
 * Debian's QEMU 7.2 {@code qom-list-types}; the 10.2 differences are noted where they are made). It answers
 * {@code qom-list-types} (qom/qom-qmp-cmds.c {@code qmp_qom_list_types}) and the type tests of {@code info qtree}.
 *
 * <p>A type is <em>listed</em> when qos-test may see it: qos-test marks a driver node available when its type is
 * listed and then starts it with {@code -device}, so a device that QEMU lets a user create but our boards cannot
 * plug stays unlisted (it is still known, for {@link #isA}). Board-internal types that QEMU does not let a user
 * create ({@code i440FX-pcihost}, {@code PIIX3}, ...) are listed, as QEMU lists them. A board adds its types in
 * {@link #forArch}.
 */
public final class TypeCatalogue {
    private final TypeRegistry known = new TypeRegistry();
    private final Set<String> listed = new HashSet<>();

    private TypeCatalogue() {
    }

    /** The catalogue of {@code qemu-system-<arch>} under {@code compat}. */
    public static TypeCatalogue forArch(String arch, Compat compat) {
        TypeCatalogue c = new TypeCatalogue();
        c.common();
        if (arch.equals("x86_64") || arch.equals("i386")) {
            c.pc(compat);
        }
        if (arch.equals("arm")) {
            c.raspi2b();
        }
        return c;
    }

    /** What every qemu-system binary has: the roots, the machine base, {@code none}, devices and buses. */
    private void common() {
        add("object", null, true);
        add("interface", null, true);
        add("vmstate-if", "interface", true);
        add("resettable", "interface", true);
        add("container", "object", false);
        add("machine", "object", true);
        add("none-machine", "machine", false);
        add("device", "object", true, "vmstate-if", "resettable");
        add("sys-bus-device", "device", true);
        add("bus", "object", true, "resettable");
    }

    /** hw/i386/pc_piix.c and what it builds; edu (hw/misc/edu.c) is the one device {@code -device} plugs. */
    private void pc(Compat compat) {
        add("nmi", "interface", true);
        add("hotplug-handler", "interface", true);
        add("acpi-device-interface", "interface", true);
        add("conventional-pci-device", "interface", true);
        add("x86-machine", "machine", true, "nmi");
        add("generic-pc-machine", "x86-machine", true, "hotplug-handler");
        add(PcBoard.machineTypeName(compat), "generic-pc-machine", false);
        add("PCI", "bus", false);
        add("pci-device", "device", true);
        add("pci-host-bridge", "sys-bus-device", true);
        add("i440FX-pcihost", "pci-host-bridge", false);
        add("i440FX", "pci-device", false, "conventional-pci-device");
        // QEMU 8.2 merged the PIIX3/PIIX4 south bridges under one abstract "pci-piix" (hw/isa/piix.c)
        String piix = compat.atLeast(Compat.V10_2) ? "pci-piix" : "pci-piix3";
        add(piix, "pci-device", true, "conventional-pci-device");
        add("PIIX3", piix, false);
        add("PIIX4_PM", "pci-device", false, "hotplug-handler", "acpi-device-interface", "conventional-pci-device");
        add("ioapic-common", "sys-bus-device", true);
        add("ioapic", "ioapic-common", false);
        add("fw_cfg", "sys-bus-device", true);
        add("fw_cfg_io", "fw_cfg", false);
        add("isa-device", "device", true);
        add("edu", "pci-device", false, "conventional-pci-device");
        add("sdhci-pci", "pci-device", false, "conventional-pci-device");
        add("sd-card", "device", false);
        // built by the board but user-creatable in QEMU, which our -device does not offer: known, not listed
        unlisted("pit-common", "isa-device", true);
        unlisted("isa-pit", "pit-common", false);
        unlisted("mc146818rtc", "isa-device", false);
        unlisted("pci-ide", "pci-device", true, "conventional-pci-device");
        unlisted("piix3-ide", "pci-ide", false);
        unlisted("pci-vga", "pci-device", true, "conventional-pci-device");
        unlisted("VGA", "pci-vga", false);
        unlisted("e1000-base", "pci-device", true, "conventional-pci-device");
        unlisted("e1000", "e1000-base", false);
    }

    /**
     * hw/arm/raspi.c and what it builds (parents from Debian's 7.2 {@code qom-list-types}). Listed are the
     * types a test may see and that no {@code -device} of ours claims to plug; the placeholder peripherals and
     * {@code unimplemented-device} (user-creatable in QEMU, not pluggable here) stay known but unlisted.
     */
    private void raspi2b() {
        add("raspi-common-machine", "machine", true);
        add("raspi2b-machine", "raspi-common-machine", false);
        add("bcm283x", "device", true);
        add("bcm2836", "bcm283x", false);
        add("bcm2835-peripherals", "sys-bus-device", false);
        add("cpu", "device", true);
        add("arm-cpu", "cpu", true);
        add("cortex-a7-arm-cpu", "arm-cpu", false);
        add("bcm2836-control", "sys-bus-device", false);
        add("bcm2835-ic", "sys-bus-device", false);
        add("bcm2835-sys-timer", "sys-bus-device", false);
        add("generic-sdhci", "sys-bus-device", false);
        add("sd-bus", "bus", false);
        add("sdhci-bus", "sd-bus", false);
        add("sd-card", "device", false);
        unlisted("unimplemented-device", "sys-bus-device", false);
        for (String t : List.of("bcm2835-mphi", "bcm2835-dma", "bcm2835-mbox", "bcm2835-powermgt",
                "bcm2835-cprman", "bcm2835-rng", "bcm2835_gpio", "pl011", "bcm2835-sdhost", "bcm2835-thermal",
                "bcm2835-aux", "dwc2-usb", "bcm2835-fb", "bcm2835-property")) {
            unlisted(t, "sys-bus-device", false);
        }
    }

    private void add(String name, String parent, boolean isAbstract, String... interfaces) {
        unlisted(name, parent, isAbstract, interfaces);
        listed.add(name);
    }

    private void unlisted(String name, String parent, boolean isAbstract, String... interfaces) {
        if (parent != null && !known.contains(parent)) {
            throw new IllegalStateException("type " + name + " names parent " + parent + " before it is known");
        }
        known.register(name, parent, isAbstract, interfaces);
    }

    public TypeInfo get(String name) {
        return known.get(name);
    }

    public boolean isListed(String name) {
        return listed.contains(name);
    }

    /**
     * {@code object_class_dynamic_cast(type, target) != NULL}: true when {@code target} is the type or one of its
     * ancestors; otherwise when exactly one of the interfaces the type and its ancestors implement is (or derives
     * from) {@code target}. Two matching interfaces make QEMU's cast ambiguous, and it fails: this is why
     * {@code device} (vmstate-if and resettable) is not listed for {@code implements=interface} while {@code bus}
     * is.
     */
    public boolean isA(String name, String target) {
        for (String cur = name; cur != null; ) {
            if (cur.equals(target)) {
                return true;
            }
            TypeInfo t = known.get(cur);
            cur = t == null ? null : t.parent();
        }
        int matches = 0;
        Set<String> seen = new HashSet<>();
        for (String cur = name; cur != null; ) {
            TypeInfo t = known.get(cur);
            if (t == null) {
                break;
            }
            for (String i : t.interfaces()) {
                if (seen.add(i) && known.isA(i, target)) {
                    matches++;
                }
            }
            cur = t.parent();
        }
        return matches == 1;
    }

    /** {@code qom-list-types}: the listed types implementing {@code implementsType} (null: all). */
    public List<TypeInfo> list(String implementsType, boolean includeAbstract) {
        List<TypeInfo> out = new ArrayList<>();
        for (TypeInfo t : known.list(null, true)) {
            if (!listed.contains(t.name()) || (!includeAbstract && t.isAbstract())) {
                continue;
            }
            if (implementsType != null && !isA(t.name(), implementsType)) {
                continue;
            }
            out.add(t);
        }
        return Collections.unmodifiableList(out);
    }
}
