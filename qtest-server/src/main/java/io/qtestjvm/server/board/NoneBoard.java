package io.qtestjvm.server.board;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.server.cli.DeviceCatalog;
import io.qtestjvm.server.cli.StartupException;

import java.util.ArrayList;
import java.util.List;

/**
 * QEMU's {@code none} machine (hw/core/null-machine.c): no devices, and RAM at address 0 only when {@code -m} is
 * given. qos-test and {@code qtest_has_machine} start it to ask QMP what the binary offers. It has no bus, so a
 * known {@code -device} fails for want of one (qdev-monitor.c checks the bus before the properties).
 */
public final class NoneBoard extends Board {
    public NoneBoard(MachineConfig config, boolean bigEndian) {
        super("none-machine", config, bigEndian);
        if (config.ramSizeGiven()) {
            systemMemory.addSubregion(0, MemoryRegion.ram("ram", config.ramSize(0)));
        }
    }

    @Override
    public Device plug(QemuOpts opts) throws StartupException {
        String driver = opts.get("driver");
        String where = "-device " + describe(opts) + ": ";
        if (driver == null) {
            throw new StartupException(where + "Parameter 'driver' is missing");
        }
        DeviceCatalog.Entry e = DeviceCatalog.find(driver);
        if (e == null) {
            throw new StartupException(where + "'" + driver + "' is not a valid device model name");
        }
        throw new StartupException(where + "No '" + e.bus() + "' bus found for device '" + driver + "'");
    }

    private static String describe(QemuOpts opts) {
        List<String> parts = new ArrayList<>();
        for (String k : opts.keys()) {
            parts.add(k.equals("driver") ? opts.get(k).replace(",", ",,") : k + "=" + opts.get(k));
        }
        return String.join(",", parts);
    }

    @Override
    public boolean bigEndian() {
        return memory.targetBigEndian();
    }
}
