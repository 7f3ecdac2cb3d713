package io.qtestjvm.server.monitor;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.core.Irq;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.core.QtreeLines;
import io.qtestjvm.core.QtreeSink;
import io.qtestjvm.core.TypeDescriptor;
import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.board.QomTypes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code info qtree}: the bus/device tree from {@code main-system-bus} down, in the format Debian's QEMU prints. A bus
 * lists its devices newest first, and so are a device's GPIO lists and child buses, as QEMU shows them.
 *
 * <p>The printer knows only the frame (bus and device headers, GPIO lists, {@link Device#qtreeProperties()}); every
 * other line comes from the type model: the {@link QtreeLines} of the device's types, root first (a PCI function's
 * address and BARs from {@code pci-device}, the ISA bus from the south bridge), then those of each child bus (a PCI
 * bus lists its functions). System-bus devices sit on {@code main-system-bus}. Devices QEMU has and we do not (hpet,
 * i8042, the i8259s, the SMBus EEPROMs, the IDE buses...) are absent.
 */
final class QtreePrinter {
    private final Board board;
    private final QomTypes types;

    QtreePrinter(Board board, QomTypes types) {
        this.board = board;
        this.types = types;
    }

    String print() {
        StringBuilder sb = new StringBuilder();
        new Level(sb, 0).bus("main-system-bus", "System", devicesOf("sys-bus-device"));
        return sb.toString();
    }

    /** The board's devices of a kind that are not PCI functions (those are listed by their bus), newest first. */
    private List<Device> devicesOf(String kind) {
        List<Device> out = new ArrayList<>();
        for (Device d : board.devices()) {
            String t = d.typeName();
            if (!types.registry().isA(t, "pci-device") && types.registry().dynamicCast(t, kind)) {
                out.addFirst(d);
            }
        }
        return out;
    }

    /** Runs the {@link QtreeLines} of {@code obj}'s type and its ancestors, root first. */
    private void typeLines(QomObject obj, QtreeSink out) {
        for (TypeDescriptor<?> t : types.registry().lineage(obj.typeName())) {
            if (t.qtree() != null) {
                t.qtree().print(obj, out);
            }
        }
    }

    /** One indentation level: what the type hooks of the objects printed at it write to. */
    private final class Level implements QtreeSink {
        private final StringBuilder sb;
        private final int indent;

        Level(StringBuilder sb, int indent) {
            this.sb = sb;
            this.indent = indent;
        }

        @Override
        public void line(String text) {
            sb.repeat(' ', indent).append(text).append('\n');
        }

        @Override
        public void bus(String name, String type, List<? extends Device> devices) {
            line("bus: " + name);
            Level in = new Level(sb, indent + 2);
            in.line("type " + type);
            for (Device d : devices) {
                in.device(d);
            }
        }

        @Override
        public List<Device> devicesOf(String kind) {
            return QtreePrinter.this.devicesOf(kind);
        }

        private void device(Device dev) {
            line("dev: " + dev.typeName() + ", id \"" + (dev.id() == null ? "" : dev.id()) + "\"");
            Level in = new Level(sb, indent + 2);
            in.gpios(dev);
            for (String[] p : dev.qtreeProperties()) {
                in.line(p[0] + " = " + p[1]);
            }
            typeLines(dev, in);
            List<QomObject> children = new ArrayList<>(dev.childObjects());
            for (QomObject c : children.reversed()) {
                if (types.registry().isA(c.typeName(), "bus")) {
                    typeLines(c, in);
                }
            }
        }

        /** One line per named list, input count before output count; lists newest first. */
        private void gpios(Device dev) {
            Map<String, Irq[]> ins = dev.gpioInLists();
            Map<String, GpioOut[]> outs = dev.gpioOutLists();
            Set<String> names = new LinkedHashSet<>(ins.keySet());
            names.addAll(outs.keySet());
            for (String name : new ArrayList<>(names).reversed()) {
                if (ins.containsKey(name)) {
                    line("gpio-in \"" + name + "\" " + ins.get(name).length);
                }
                if (outs.containsKey(name)) {
                    line("gpio-out \"" + name + "\" " + outs.get(name).length);
                }
            }
        }
    }
}
