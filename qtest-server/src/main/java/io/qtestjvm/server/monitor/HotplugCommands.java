package io.qtestjvm.server.monitor;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.core.QomPath;
import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qmp.JsonBool;
import io.qtestjvm.server.qmp.JsonNumber;
import io.qtestjvm.server.qmp.JsonObject;
import io.qtestjvm.server.qmp.JsonString;
import io.qtestjvm.server.qmp.QmpCommandRegistry;
import io.qtestjvm.server.qmp.QmpError;
import io.qtestjvm.server.qmp.QmpErrorClass;

/**
 * {@code device_add} and {@code device_del}, as Debian's QEMU 7.2 answers them. device_add goes through the board's
 * {@code -device} path ({@link Board#hotplug}), so the command line and QMP accept and refuse alike; its arguments
 * are turned into QemuOpts as QEMU turns them (numbers and booleans become their text). device_del only asks: on pc
 * the device goes once the guest ejects its slot, and the board then sends {@code DEVICE_DELETED}.
 */
final class HotplugCommands {
    private HotplugCommands() {
    }

    static void register(QmpCommandRegistry registry, Board board) {
        registry.register("device_add", (args, session) -> {
            QemuOpts opts = toOpts(args.raw());
            try {
                board.hotplug(opts);
            } catch (StartupException e) {
                if (e.isDeviceNotFound()) {
                    throw new QmpError(QmpErrorClass.DeviceNotFound, e.getMessage());
                }
                throw QmpError.generic(e.getMessage());
            }
            return null;
        });
        registry.register("device_del", (args, session) -> {
            String id = args.requiredString("id");
            args.end();
            Device dev = find(board, id);
            if (board.unplugPending(dev)) {
                throw QmpError.generic("Device " + id + " is already in the process of unplug");
            }
            try {
                board.unplugRequest(dev);
            } catch (StartupException e) {
                throw QmpError.generic(e.getMessage());
            }
            return null;
        });
    }

    /** {@code find_device_state}: an id under /machine/peripheral, or an absolute QOM path. */
    static Device find(Board board, String id) {
        QomObject peripheral = QomPath.resolve(board.qomRoot(), "/machine/peripheral");
        // an empty id names the peripheral container itself, which is no device (QEMU 7.2)
        QomObject obj = id.startsWith("/") ? QomPath.resolve(board.qomRoot(), id)
                : peripheral == null ? null : id.isEmpty() ? peripheral : peripheral.child(id);
        if (obj == null) {
            throw new QmpError(QmpErrorClass.DeviceNotFound, "Device '" + id + "' not found");
        }
        if (!(obj instanceof Device dev)) {
            throw QmpError.generic(id + " is not a hotpluggable device");
        }
        return dev;
    }

    /** {@code qemu_opts_from_qdict_entry}: strings as they are, numbers and booleans as text, ',' escaped. */
    private static QemuOpts toOpts(JsonObject args) {
        StringBuilder text = new StringBuilder();
        for (JsonObject.Member m : args.members()) {
            String value = switch (m.value()) {
                case JsonString s -> s.value();
                case JsonNumber n -> n.toString();
                case JsonBool b -> b.value() ? "on" : "off";
                default -> throw QmpError.generic("Invalid parameter type for '" + m.key()
                        + "', expected: string");
            };
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(m.key()).append('=').append(value.replace(",", ",,"));
        }
        return QemuOpts.parse(text.toString(), null);
    }

}
