package io.qtestjvm.pci;

import io.qtestjvm.core.QomObject;
import io.qtestjvm.core.QtreeLines;
import io.qtestjvm.core.QtreeSink;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code info qtree} shows for PCI, as Debian's QEMU prints it: for a function, the generic PCI device
 * properties with their values (only {@code addr} and {@code multifunction} vary here), then one line with its class,
 * bus address and vendor/device/subsystem ids and one per implemented BAR with the range it decodes (PCI Local Bus
 * 3.0 section 6.2.5); for a bus, its functions newest first. The class names are the ones QEMU prints for the classes
 * our functions have (PCI Code and ID Assignment 1.x, base class and sub-class); others print as numbers.
 */
public final class PciQtreeLines {
    /** For a {@code pci-device}. */
    public static final QtreeLines FUNCTION = (obj, out) -> function((PciDevice) obj, out);

    /** For a {@code PCI} bus: its functions, newest first. */
    public static final QtreeLines BUS = (obj, out) -> {
        List<PciDevice> fns = new ArrayList<>(((PciBus) obj).devices());
        out.bus(obj.name(), PciBus.TYPE, fns.reversed());
    };

    private PciQtreeLines() {
    }

    private static void function(PciDevice pci, QtreeSink out) {
        int devfn = pci.devfn();
        out.line(String.format("addr = %02x.%x", PciRegs.slot(devfn), PciRegs.function(devfn)));
        out.line("romfile = \"\"");
        out.line("romsize = 4294967295 (0xffffffff)");
        out.line("rombar = 1 (0x1)");
        out.line("multifunction = " + pci.multifunction());
        out.line("x-pcie-lnksta-dllla = true");
        out.line("x-pcie-extcap-init = true");
        out.line("failover_pair_id = \"\"");
        out.line("acpi-index = 0 (0x0)");
        int classId = pci.configWord(PciRegs.CLASS_DEVICE);
        out.line(String.format("class %s, addr %02x:%02x.%x, pci id %04x:%04x (sub %04x:%04x)",
                className(classId), 0, PciRegs.slot(devfn), PciRegs.function(devfn), pci.vendorId(),
                pci.deviceId(), pci.configWord(PciRegs.SUBSYSTEM_VENDOR_ID), pci.configWord(PciRegs.SUBSYSTEM_ID)));
        for (int i = 0; i < PciDevice.NUM_BARS; i++) {
            long size = pci.barSize(i);
            if (size == 0) {
                continue;
            }
            boolean io = (pci.configLong(PciRegs.BASE_ADDRESS_0 + 4 * i) & PciRegs.BAR_SPACE_IO) != 0;
            long addr = pci.barAddress(i);
            out.line(String.format("bar %d: %s at 0x%x [0x%x]", i, io ? "i/o" : "mem", addr, addr + size - 1));
        }
    }

    /** Base class and sub-class (configuration offset 0x0a) as QEMU names them. */
    static String className(int classId) {
        return switch (classId) {
            case 0x0101 -> "IDE controller";
            case 0x0200 -> "Ethernet controller";
            case 0x0300 -> "VGA controller";
            case 0x0600 -> "Host bridge";
            case 0x0601 -> "ISA bridge";
            case 0x0680 -> "Bridge";
            default -> String.format("Class %04x", classId);
        };
    }
}
