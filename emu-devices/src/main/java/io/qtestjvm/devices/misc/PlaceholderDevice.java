package io.qtestjvm.devices.misc;

import io.qtestjvm.core.Device;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * Stands in for a QEMU device model this project has not written yet: it carries QEMU's QOM type (so the QOM tree
 * matches) and claims QEMU's MMIO window so accesses do not fall through to whatever lies below (RAM on the
 * Raspberry Pi), but its registers read 0 and ignore writes, which is NOT what QEMU's model does. A board lists
 * each placeholder in its class comment as a known deviation.
 */
public final class PlaceholderDevice extends Device {
    private static final AccessRules RULES = new AccessRules(1, 8, true, 1, 8, Endianness.NATIVE);

    private static final MmioOps ZERO = new MmioOps() {
        @Override
        public long read(long offset, int sz) {
            return 0;
        }

        @Override
        public void write(long offset, long value, int sz) {
        }
    };

    private final MemoryRegion mmio;

    /**
     * @param type       QEMU's QOM type ({@code bcm2835-mbox})
     * @param regionName QEMU's name of its MMIO region
     * @param size       the window size
     */
    public PlaceholderDevice(String type, String regionName, long size) {
        super(type);
        this.mmio = MemoryRegion.io(regionName, size, ZERO, RULES);
    }

    /** A further window of the same device (the device's MMIO window n > 0 as QOM numbers them), reading 0 as well. */
    public MemoryRegion extraRegion(String regionName, long size) {
        return MemoryRegion.io(regionName, size, ZERO, RULES);
    }

    public MemoryRegion mmio() {
        return mmio;
    }

    @Override
    public void reset() {
    }
}
