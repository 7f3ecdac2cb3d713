package io.qtestjvm.server.monitor;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.core.Irq;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.devices.x86.Ioapic;
import io.qtestjvm.pci.PciBus;
import io.qtestjvm.pci.PciDevice;
import io.qtestjvm.pci.PciRegs;
import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.board.QomTypes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code info qtree} (softmmu/qdev-monitor.c {@code qbus_print} / {@code qdev_print}, hw/pci/pci.c
 * {@code pcibus_dev_print}, hw/core/sysbus.c {@code sysbus_dev_print}): the bus/device tree from
 * {@code main-system-bus} down. As in QEMU a bus lists its devices newest first (QTAILQ_INSERT_HEAD), and so are a
 * device's GPIO lists and child buses.
 *
 * <p>Our boards do not model buses other than PCI, so the placement follows the type catalogue: sysbus devices
 * sit on {@code main-system-bus}, PCI functions on the PCI bus that is a child of their host, and ISA devices on
 * {@code isa.0} below the PIIX ISA bridge. Devices QEMU has and we do not (hpet, i8042, the i8259s, the SMBus
 * EEPROMs, the IDE buses...) are absent, and only the generic PCI properties are printed.
 */
final class QtreePrinter {
    private static final String ISA_BRIDGE = "PIIX3";

    private final Board board;
    private final QomTypes types;

    QtreePrinter(Board board, QomTypes types) {
        this.board = board;
        this.types = types;
    }

    String print() {
        StringBuilder sb = new StringBuilder();
        bus(sb, 0, "main-system-bus", "System", devicesOf("sys-bus-device"));
        return sb.toString();
    }

    /** The board's devices of a kind, newest first. */
    private List<Device> devicesOf(String kind) {
        List<Device> out = new ArrayList<>();
        for (Device d : board.devices()) {
            if (!(d instanceof PciDevice) && types.registry().dynamicCast(d.typeName(), kind)) {
                out.addFirst(d);
            }
        }
        return out;
    }

    private void bus(StringBuilder sb, int indent, String name, String type, List<? extends Device> devices) {
        line(sb, indent, "bus: " + name);
        line(sb, indent + 2, "type " + type);
        for (Device d : devices) {
            device(sb, indent + 2, d);
        }
    }

    private void device(StringBuilder sb, int indent, Device dev) {
        line(sb, indent, "dev: " + dev.typeName() + ", id \"" + (dev.id() == null ? "" : dev.id()) + "\"");
        int in = indent + 2;
        gpios(sb, in, dev);
        for (String[] p : dev.qtreeProperties()) {
            line(sb, in, p[0] + " = " + p[1]);
        }
        if (dev instanceof PciDevice pci) {
            pciDevice(sb, in, pci);
        } else if (dev instanceof Ioapic ioapic) {
            line(sb, in, String.format("mmio %016x/%016x", Ioapic.MMIO_BASE, ioapic.mmio().size()));
        }
        List<QomObject> children = new ArrayList<>(dev.childObjects());
        for (QomObject c : children.reversed()) {
            if (c instanceof PciBus pciBus) {
                List<PciDevice> fns = new ArrayList<>(pciBus.devices());
                bus(sb, in, c.name(), PciBus.TYPE, fns.reversed());
            }
        }
        if (dev.typeName().equals(ISA_BRIDGE)) {
            bus(sb, in, "isa.0", "ISA", devicesOf("isa-device"));
        }
    }

    /** One line per named list, input count before output count; lists newest first. */
    private static void gpios(StringBuilder sb, int indent, Device dev) {
        Map<String, Irq[]> ins = dev.gpioInLists();
        Map<String, GpioOut[]> outs = dev.gpioOutLists();
        Set<String> names = new LinkedHashSet<>(ins.keySet());
        names.addAll(outs.keySet());
        for (String name : new ArrayList<>(names).reversed()) {
            if (ins.containsKey(name)) {
                line(sb, indent, "gpio-in \"" + name + "\" " + ins.get(name).length);
            }
            if (outs.containsKey(name)) {
                line(sb, indent, "gpio-out \"" + name + "\" " + outs.get(name).length);
            }
        }
    }

    /** The PCIDevice properties (hw/pci/pci.c pci_props) with our values, then pcibus_dev_print. */
    private static void pciDevice(StringBuilder sb, int indent, PciDevice pci) {
        int devfn = pci.devfn();
        line(sb, indent, String.format("addr = %02x.%x", PciRegs.slot(devfn), PciRegs.function(devfn)));
        line(sb, indent, "romfile = \"\"");
        line(sb, indent, "romsize = 4294967295 (0xffffffff)");
        line(sb, indent, "rombar = 1 (0x1)");
        line(sb, indent, "multifunction = " + pci.multifunction());
        line(sb, indent, "x-pcie-lnksta-dllla = true");
        line(sb, indent, "x-pcie-extcap-init = true");
        line(sb, indent, "failover_pair_id = \"\"");
        line(sb, indent, "acpi-index = 0 (0x0)");
        int classId = pci.configWord(PciRegs.CLASS_DEVICE);
        line(sb, indent, String.format("class %s, addr %02x:%02x.%x, pci id %04x:%04x (sub %04x:%04x)",
                classDescription(classId), 0, PciRegs.slot(devfn), PciRegs.function(devfn), pci.vendorId(),
                pci.deviceId(), pci.configWord(PciRegs.SUBSYSTEM_VENDOR_ID), pci.configWord(PciRegs.SUBSYSTEM_ID)));
        for (int i = 0; i < PciDevice.NUM_BARS; i++) {
            long size = pci.barSize(i);
            if (size == 0) {
                continue;
            }
            boolean io = (pci.configLong(PciRegs.BASE_ADDRESS_0 + 4 * i) & PciRegs.BAR_SPACE_IO) != 0;
            long addr = pci.barAddress(i);
            line(sb, indent, String.format("bar %d: %s at 0x%x [0x%x]", i, io ? "i/o" : "mem", addr,
                    addr + size - 1));
        }
    }

    /** pci_class_descriptions (hw/pci/pci.c) for the classes our functions have; others print as numbers. */
    static String classDescription(int classId) {
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

    private static void line(StringBuilder sb, int indent, String text) {
        sb.repeat(' ', indent).append(text).append('\n');
    }
}
