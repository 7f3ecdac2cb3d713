package io.qtestjvm.devices.misc;

import io.qtestjvm.core.Device;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * QEMU's {@value #TYPE} device: a named window that reads 0 and ignores writes (QEMU logs both under
 * {@code -d unimp}). Accesses of 1 to 8 bytes, unaligned ones included, are accepted. Boards map it below the real
 * devices (priority -1000 on the Raspberry Pi) to claim a known hardware block that is not modelled.
 */
public final class UnimplementedDevice extends Device {
    public static final String TYPE = "unimplemented-device";
    private static final AccessRules RULES = new AccessRules(1, 8, true, 1, 8, Endianness.NATIVE);

    private final MemoryRegion mmio;

    /**
     * @param name the region name ({@code name} property, e.g. {@code bcm2835-sp804})
     * @param size the window size ({@code size} property)
     */
    public UnimplementedDevice(String name, long size) {
        super(TYPE);
        this.mmio = MemoryRegion.io(name, size, new MmioOps() {
            @Override
            public long read(long offset, int sz) {
                return 0;
            }

            @Override
            public void write(long offset, long value, int sz) {
            }
        }, RULES);
    }

    public MemoryRegion mmio() {
        return mmio;
    }

    @Override
    public void reset() {
    }
}
