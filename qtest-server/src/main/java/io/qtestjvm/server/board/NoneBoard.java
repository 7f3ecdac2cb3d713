package io.qtestjvm.server.board;

import io.qtestjvm.core.StatelessCpu;
import io.qtestjvm.devices.arm.ArmCpu;
import io.qtestjvm.server.board.cpu.CpuSpec;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.server.cli.StartupException;

/**
 * QEMU's {@code none} machine: no devices, and RAM at address 0 only when {@code -m} is
 * given; {@code -cpu MODEL} adds one CPU (an x86 one needs {@code apic-id=} set, as nothing else assigns it).
 * qos-test and {@code qtest_has_machine} start it to ask QMP what the binary offers. It has no bus, so a
 * known {@code -device} fails for want of one (QEMU checks the bus before the properties).
 */
public final class NoneBoard extends Board {
    public NoneBoard(MachineConfig config, boolean bigEndian) {
        super("none-machine", config, bigEndian);
        if (config.ramSizeGiven()) {
            systemMemory.addSubregion(0, MemoryRegion.ram("ram", config.ramSize(0)));
        }
        CpuSpec spec = config.cpuSpec();
        if (spec != null) {
            // -cpu on none: one CPU, with no slot in a topology (QEMU reports no possible CPUs for it)
            String arch = config.arch();
            cpu(arch.equals("arm") || arch.equals("aarch64") ? new ArmCpu(spec.model(), 0)
                    : new StatelessCpu(spec.type(), 0), null, null, null, java.util.Map.of());
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
