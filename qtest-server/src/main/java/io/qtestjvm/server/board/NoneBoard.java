package io.qtestjvm.server.board;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.server.cli.StartupException;

/**
 * QEMU's {@code none} machine: no devices, and RAM at address 0 only when {@code -m} is
 * given. qos-test and {@code qtest_has_machine} start it to ask QMP what the binary offers. It has no bus, so a
 * known {@code -device} fails for want of one (QEMU checks the bus before the properties).
 */
public final class NoneBoard extends Board {
    public NoneBoard(MachineConfig config, boolean bigEndian) {
        super("none-machine", config, bigEndian);
        if (config.ramSizeGiven()) {
            systemMemory.addSubregion(0, MemoryRegion.ram("ram", config.ramSize(0)));
        }
    }

    /** {@code -device}: every driver with a bus fails for want of it ({@link Board#plugUserDevice}). */
    @Override
    public Device plug(QemuOpts opts) throws StartupException {
        return plugUserDevice(opts);
    }

    @Override
    public boolean bigEndian() {
        return memory.targetBigEndian();
    }
}
