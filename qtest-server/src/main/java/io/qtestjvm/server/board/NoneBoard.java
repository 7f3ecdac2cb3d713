package io.qtestjvm.server.board;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.server.cli.StartupException;

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
        String where = deviceErrorPrefix(opts);
        throw noBus(where, knownDriver(opts, where), opts.get("driver"));
    }

    @Override
    public boolean bigEndian() {
        return memory.targetBigEndian();
    }
}
