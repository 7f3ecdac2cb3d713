package io.qtestjvm.devices.arm;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * One virtio-over-MMIO transport slot ({@code virtio-mmio}, 0x200 bytes, {@code virtio-mmio}) with no device
 * behind it, after virtio 1.2 section 4.2.2 "MMIO Device Register Layout" and 4.2.4 "Legacy interface": MagicValue
 * 0x74726976 ("virt") at 0x000, Version at 0x004 (1 for the legacy interface, 2 for the modern one), DeviceID at
 * 0x008 (0: "a virtio device with ID 0 ... the driver MUST ignore", 4.2.3.1.1), VendorID at 0x00c. Its bus is
 * {@code virtio-mmio-bus.N}; its interrupt output ({@code sysbus-irq} 0) is wired by the board.
 *
 * <p>As Debian's QEMU 7.2 answers for an empty slot (pinned by {@code VirtBoardTest} and the {@code misc} recording):
 * VendorID reads 0x554d4551 ("QEMU"), every other register reads 0 and every write is dropped; a read returns the
 * register at its offset whatever the access size, cut to that size, so {@code readb} of offset 0 gives 0x76 and
 * {@code readw} 0x6976, while offsets that are not a register's (e.g. 1, 2) read 0. QEMU's virt uses the legacy
 * interface ({@code force-legacy=on}): version 1. The virtio issue fills a slot with a device.
 */
public final class VirtioMmio extends Device {
    public static final String TYPE = "virtio-mmio";
    public static final long SIZE = 0x200;
    public static final int MAGIC = 0x7472_6976;
    public static final int VENDOR_QEMU = 0x554d_4551;
    static final int MAGIC_VALUE = 0x000;
    static final int VERSION = 0x004;
    static final int DEVICE_ID = 0x008;
    static final int VENDOR_ID = 0x00c;

    private final boolean legacy;
    private final MemoryRegion mmio;
    private final GpioOut irq;
    private final String busName;

    /**
     * @param slot   the transport's index (its bus is {@code virtio-mmio-bus.<slot>})
     * @param legacy whether it offers the legacy interface (version 1) instead of version 2
     */
    public VirtioMmio(int slot, boolean legacy) {
        super(TYPE);
        this.legacy = legacy;
        this.busName = "virtio-mmio-bus." + slot;
        this.irq = initGpioOut("sysbus-irq", 1)[0];
        this.mmio = MemoryRegion.io("virtio-mmio", SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                long v = register((int) offset) & 0xffff_ffffL;
                return size >= 4 ? v : v & ((1L << (8 * size)) - 1);
            }

            @Override
            public void write(long offset, long value, int size) {
                // no device: QEMU drops every write to an empty transport
            }
        }, AccessRules.of(Endianness.LITTLE));
    }

    private int register(int offset) {
        return switch (offset) {
            case MAGIC_VALUE -> MAGIC;
            case VERSION -> legacy ? 1 : 2;
            case VENDOR_ID -> VENDOR_QEMU;
            default -> 0; // DeviceID 0 and everything else while empty
        };
    }

    public MemoryRegion mmio() {
        return mmio;
    }

    public GpioOut irqOut() {
        return irq;
    }

    /** The name of the transport's virtio bus ({@code virtio-mmio-bus.N}). */
    public String busName() {
        return busName;
    }

    public boolean legacy() {
        return legacy;
    }

    @Override
    public void reset() {
    }
}
