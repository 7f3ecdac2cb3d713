package io.qtestjvm.server.board;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.Compat;

/**
 * QEMU's x86 {@code pc} machine (hw/i386/pc_piix.c, pc.c): RAM below the 3.5 GiB PCI hole (the rest above
 * 4 GiB), the i440FX host with PIIX3, fw_cfg on ports 0x510/0x511, the I/O APIC, the PIT, the RTC.
 */
public final class PcBoard extends Board {
    /** QEMU's default {@code pc} RAM size. */
    public static final long DEFAULT_RAM = 128L << 20;
    /** RAM below 4 GiB ends here when there is less than this much RAM (pc_piix.c). */
    static final long BELOW_4G_LIMIT = 0xe000_0000L;
    /** ... and here otherwise: QEMU then aligns the split to a gigabyte (gigabyte_align). */
    static final long BELOW_4G_ALIGNED = 0xc000_0000L;

    private final long ramSize;

    public PcBoard(MachineConfig config) {
        super(machineTypeName(config.compat()), config, false);
        this.ramSize = config.ramSize(DEFAULT_RAM);
        MemoryRegion ram = MemoryRegion.ram("pc.ram", ramSize);
        long below = ramSize >= BELOW_4G_LIMIT ? BELOW_4G_ALIGNED : ramSize;
        systemMemory.addSubregion(0, MemoryRegion.ramView("ram-below-4g", ram.ram(), 0, below));
        if (ramSize > below) {
            systemMemory.addSubregion(1L << 32, MemoryRegion.ramView("ram-above-4g", ram.ram(), below,
                    ramSize - below));
        }
    }

    static String machineTypeName(Compat compat) {
        return "pc-i440fx-" + compat.major() + "." + compat.minor() + "-machine";
    }

    /** {@code pc}, or the versioned name it aliases. */
    static boolean accepts(String type, Compat compat) {
        return type.equals("pc") || type.equals("pc-i440fx-" + compat.major() + "." + compat.minor());
    }

    public long ramSize() {
        return ramSize;
    }

    @Override
    public boolean bigEndian() {
        return false;
    }

    @Override
    public Device plug(QemuOpts opts) throws StartupException {
        String driver = opts.get("driver");
        throw new StartupException("-device " + driver + ": '" + driver + "' is not a valid device model name");
    }
}
