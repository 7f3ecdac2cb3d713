package io.qtestjvm.devices.arm;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.devices.virtio.GuestMemory;
import io.qtestjvm.devices.virtio.VirtioBusDevice;
import io.qtestjvm.devices.virtio.VirtioDevice;
import io.qtestjvm.devices.virtio.VirtioFeatures;
import io.qtestjvm.devices.virtio.VirtioSignals;
import io.qtestjvm.devices.virtio.Virtqueue;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * One virtio-over-MMIO transport slot ({@code virtio-mmio}, 0x200 bytes) after virtio 1.2 section 4.2 "Virtio Over
 * MMIO": the register layout of 4.2.2 (version 2) and the legacy interface of 4.2.4 (version 1: GuestPageSize,
 * QueueAlign, QueuePFN). Its bus is {@code virtio-mmio-bus.N} and takes one {@link VirtioBusDevice}; its interrupt
 * output ({@code sysbus-irq} 0) is wired by the board and is high while InterruptStatus (4.2.2) is non-zero.
 *
 * <p>As Debian's QEMU 7.2 answers for an empty slot (pinned by {@code VirtBoardTest} and the {@code misc} recording):
 * VendorID reads 0x554d4551 ("QEMU"), every other register reads 0 and every write is dropped; a read returns the
 * register at its offset whatever the access size, cut to that size, so {@code readb} of offset 0 gives 0x76 and
 * {@code readw} 0x6976, while offsets that are not a register's (e.g. 1, 2) read 0. QEMU's virt uses the legacy
 * interface ({@code force-legacy=on}): version 1; {@code -global virtio-mmio.force-legacy=false} gives version 2.
 *
 * <p>With a device, facts of QEMU 7.2: registers below the configuration space (0x100) take only 32-bit accesses
 * (others read 0 and are dropped); the configuration space takes any width. The legacy interface offers only the
 * low 32 feature bits (DeviceFeaturesSel 1 reads 0); version 2 offers the device's bits without the legacy-only
 * ones, VERSION_1 included. Version 1 offers what a device offers a legacy-only transport (virtio-blk: SCSI, no
 * ANY_LAYOUT) and, unlike QEMU's legacy virtio-pci, not VIRTIO_F_BAD_FEATURE (bit 30): virtio-blk-device reads
 * 0x31006ed4 (the {@code /arm/virt/virtio-mmio} paths of {@code TraceDiffRunnerTest}). A configuration change sets
 * InterruptStatus bits 0 and 1.
 */
public final class VirtioMmio extends Device {
    public static final String TYPE = "virtio-mmio";
    public static final long SIZE = 0x200;
    public static final int MAGIC = 0x7472_6976;
    public static final int VENDOR_QEMU = 0x554d_4551;
    // 4.2.2 MMIO Device Register Layout
    static final int MAGIC_VALUE = 0x000;
    static final int VERSION = 0x004;
    static final int DEVICE_ID = 0x008;
    static final int VENDOR_ID = 0x00c;
    static final int DEVICE_FEATURES = 0x010;
    static final int DEVICE_FEATURES_SEL = 0x014;
    static final int DRIVER_FEATURES = 0x020;
    static final int DRIVER_FEATURES_SEL = 0x024;
    /** 4.2.4 legacy only. */
    static final int GUEST_PAGE_SIZE = 0x028;
    static final int QUEUE_SEL = 0x030;
    static final int QUEUE_NUM_MAX = 0x034;
    static final int QUEUE_NUM = 0x038;
    /**
     * QueueNumMax of every queue the device has, and the largest QueueNum taken: QEMU 7.2's transport answers 1024
     * (its virtqueue limit) whatever the device's own queue size (virtio-blk-device's 256), and takes any QueueNum up
     * to it (observed on Debian's QEMU, the {@code /arm/virt/virtio-mmio} blk paths of {@code TraceDiffRunnerTest}).
     */
    static final int QUEUE_NUM_LIMIT = 1024;
    /** 4.2.4 legacy only. */
    static final int QUEUE_ALIGN = 0x03c;
    /** 4.2.4 legacy only. */
    static final int QUEUE_PFN = 0x040;
    static final int QUEUE_READY = 0x044;
    static final int QUEUE_NOTIFY = 0x050;
    static final int INTERRUPT_STATUS = 0x060;
    static final int INTERRUPT_ACK = 0x064;
    static final int STATUS = 0x070;
    static final int QUEUE_DESC_LOW = 0x080;
    static final int QUEUE_DESC_HIGH = 0x084;
    static final int QUEUE_DRIVER_LOW = 0x090;
    static final int QUEUE_DRIVER_HIGH = 0x094;
    static final int QUEUE_DEVICE_LOW = 0x0a0;
    static final int QUEUE_DEVICE_HIGH = 0x0a4;
    static final int CONFIG_GENERATION = 0x0fc;
    static final int CONFIG = 0x100;

    private final boolean legacy;
    private final MemoryRegion mmio;
    private final GpioOut irq;
    private final String busName;
    private final int slot;
    private final GuestMemory memory;
    private VirtioBusDevice child;
    private VirtioDevice device;
    private int deviceFeaturesSel;
    private int driverFeaturesSel;
    private long driverFeatures;
    private int queueSel;
    private long guestPageSize;
    private int queueAlign;

    /**
     * @param slot   the transport's index (its bus is {@code virtio-mmio-bus.<slot>})
     * @param legacy whether it offers the legacy interface (version 1) instead of version 2
     * @param memory the device's path to guest memory (the system address space)
     */
    public VirtioMmio(int slot, boolean legacy, GuestMemory memory) {
        super(TYPE);
        this.legacy = legacy;
        this.memory = memory;
        this.busName = "virtio-mmio-bus." + slot;
        this.slot = slot;
        this.irq = initGpioOut("sysbus-irq", 1)[0];
        this.mmio = MemoryRegion.io("virtio-mmio", SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return readRegister((int) offset, size);
            }

            @Override
            public void write(long offset, long value, int size) {
                writeRegister((int) offset, value, size);
            }
        }, AccessRules.of(Endianness.LITTLE));
    }

    /** Plugs {@code dev} onto the transport's bus; false when the bus already holds a device. */
    public boolean plug(VirtioBusDevice dev) {
        if (child != null) {
            return false;
        }
        child = dev;
        device = dev.attach(memory);
        if (legacy) {
            device.offeredWithoutVersion1(); // version 1 has no VIRTIO_F_VERSION_1 (4.2.4)
        }
        device.setSignals(new VirtioSignals() {
            @Override
            public void usedBuffer(Virtqueue queue) {
                updateIrq();
            }

            @Override
            public void configChange() {
                updateIrq();
            }

            @Override
            public void isrChanged() {
                updateIrq();
            }
        });
        resetTransport();
        return true;
    }

    /** The device on the bus, or null while the slot is empty. */
    /** The transport's slot on the board (0 at the lowest address). */
    public int slot() {
        return slot;
    }

    /**
     * What {@code info qtree} lists for a transport, as Debian's QEMU 7.2 does: {@code format_transport_address},
     * {@code force-legacy} (version 1 or 2 of the interface) and {@code ioeventfd} (off on virt).
     */
    @Override
    public java.util.List<String[]> qtreeProperties() {
        return java.util.List.of(new String[] {"format_transport_address", "true"},
                new String[] {"force-legacy", Boolean.toString(legacy)}, new String[] {"ioeventfd", "false"});
    }

    public VirtioBusDevice child() {
        return child;
    }

    private void updateIrq() {
        irq.set(device != null && device.isr() != 0 ? 1 : 0);
    }

    private long readRegister(int offset, int size) {
        if (device == null) {
            long v = emptyRegister(offset) & 0xffff_ffffL;
            return size >= 4 ? v : v & ((1L << (8 * size)) - 1);
        }
        if (offset >= CONFIG) {
            return device.readConfig(offset - CONFIG, size);
        }
        if (size != 4) {
            return 0;
        }
        return register(offset) & 0xffff_ffffL;
    }

    private int emptyRegister(int offset) {
        return switch (offset) {
            case MAGIC_VALUE -> MAGIC;
            case VERSION -> legacy ? 1 : 2;
            case VENDOR_ID -> VENDOR_QEMU;
            default -> 0; // DeviceID 0 and everything else while empty (4.2.3.1.1)
        };
    }

    private long offeredFeatures() {
        return legacy ? device.hostFeatures() & 0xffff_ffffL & ~(1L << VirtioFeatures.BAD_FEATURE)
                : device.hostFeatures() & ~device.legacyOnlyFeatures();
    }

    private int register(int offset) {
        Virtqueue q = device.queue(queueSel);
        return switch (offset) {
            case MAGIC_VALUE -> MAGIC;
            case VERSION -> legacy ? 1 : 2;
            case DEVICE_ID -> device.deviceId();
            case VENDOR_ID -> VENDOR_QEMU;
            case DEVICE_FEATURES -> deviceFeaturesSel < 2 ? (int) (offeredFeatures() >>> (32 * deviceFeaturesSel)) : 0;
            case QUEUE_NUM_MAX -> q == null ? 0 : QUEUE_NUM_LIMIT;
            case QUEUE_PFN -> legacy && q != null && guestPageSize != 0 ? (int) (q.desc() / guestPageSize) : 0;
            case QUEUE_READY -> !legacy && q != null && q.enabled() ? 1 : 0;
            case INTERRUPT_STATUS -> device.isr();
            case STATUS -> device.status();
            case CONFIG_GENERATION -> legacy ? 0 : device.configGeneration();
            default -> 0; // write-only and reserved registers
        };
    }

    private void writeRegister(int offset, long value, int size) {
        if (device == null) {
            return; // no device: QEMU drops every write to an empty transport
        }
        if (offset >= CONFIG) {
            device.writeConfig(offset - CONFIG, value, size);
            return;
        }
        if (size != 4) {
            return;
        }
        int v = (int) value;
        Virtqueue q = device.queue(queueSel);
        switch (offset) {
            case DEVICE_FEATURES_SEL -> deviceFeaturesSel = v;
            case DRIVER_FEATURES -> writeDriverFeatures(v);
            case DRIVER_FEATURES_SEL -> driverFeaturesSel = v;
            case GUEST_PAGE_SIZE -> {
                if (legacy) {
                    guestPageSize = v & 0xffff_ffffL;
                }
            }
            case QUEUE_SEL -> queueSel = v;
            case QUEUE_NUM -> {
                if (q != null) {
                    q.setSize(v, QUEUE_NUM_LIMIT);
                }
            }
            case QUEUE_ALIGN -> {
                if (legacy) {
                    queueAlign = v;
                }
            }
            case QUEUE_PFN -> {
                if (legacy && q != null) {
                    setLegacyQueue(q, v & 0xffff_ffffL);
                }
            }
            case QUEUE_READY -> {
                if (!legacy && q != null) {
                    if ((v & 1) != 0) {
                        device.enableQueue(queueSel);
                    } else {
                        device.resetQueue(queueSel);
                    }
                }
            }
            case QUEUE_NOTIFY -> device.notifyQueue(v);
            case INTERRUPT_ACK -> device.acknowledgeIsr(v);
            case STATUS -> {
                device.setStatus(v);
                if ((v & 0xff) == 0) {
                    resetTransport();
                }
            }
            case QUEUE_DESC_LOW -> setLow(q, 0, v);
            case QUEUE_DESC_HIGH -> setHigh(q, 0, v);
            case QUEUE_DRIVER_LOW -> setLow(q, 1, v);
            case QUEUE_DRIVER_HIGH -> setHigh(q, 1, v);
            case QUEUE_DEVICE_LOW -> setLow(q, 2, v);
            case QUEUE_DEVICE_HIGH -> setHigh(q, 2, v);
            default -> {
                // read-only and reserved registers
            }
        }
    }

    /** DriverFeatures (4.2.2): one 32-bit half of the accepted bits as DriverFeaturesSel picks it. */
    private void writeDriverFeatures(int v) {
        if (driverFeaturesSel > 1 || (legacy && driverFeaturesSel != 0)) {
            return;
        }
        int shift = 32 * driverFeaturesSel;
        driverFeatures = (driverFeatures & ~(0xffff_ffffL << shift)) | ((v & 0xffff_ffffL) << shift);
        device.setDriverFeatures(driverFeatures);
    }

    /**
     * 4.2.4 legacy queue address: the descriptor table at QueuePFN x GuestPageSize, the available ring right after
     * it, the used ring at the next QueueAlign boundary (2.7.2 "Legacy Interfaces: A Note on Virtqueue Layout");
     * a PFN of 0 stops the queue.
     */
    private void setLegacyQueue(Virtqueue q, long pfn) {
        if (pfn == 0) {
            int size = q.size();
            device.resetQueue(queueSel);
            q.setSize(size);
            return;
        }
        int size = q.size();
        long desc = pfn * guestPageSize;
        long availEnd = desc + 16L * size + 6 + 2L * size;
        long align = queueAlign > 0 ? queueAlign & 0xffff_ffffL : Virtqueue.LEGACY_ALIGN;
        q.setDesc(desc);
        q.setDriverArea(desc + 16L * size);
        q.setDeviceArea((availEnd + align - 1) / align * align);
        device.enableQueue(queueSel);
    }

    private static long area(Virtqueue q, int which) {
        return which == 0 ? q.desc() : which == 1 ? q.driverArea() : q.deviceArea();
    }

    private static void setArea(Virtqueue q, int which, long a) {
        if (which == 0) {
            q.setDesc(a);
        } else if (which == 1) {
            q.setDriverArea(a);
        } else {
            q.setDeviceArea(a);
        }
    }

    private void setLow(Virtqueue q, int which, int v) {
        if (!legacy && q != null) {
            setArea(q, which, (area(q, which) & 0xffff_ffff_0000_0000L) | (v & 0xffff_ffffL));
        }
    }

    private void setHigh(Virtqueue q, int which, int v) {
        if (!legacy && q != null) {
            setArea(q, which, (area(q, which) & 0xffff_ffffL) | ((long) v << 32));
        }
    }

    private void resetTransport() {
        deviceFeaturesSel = 0;
        driverFeaturesSel = 0;
        driverFeatures = 0;
        queueSel = 0;
        updateIrq(); // GuestPageSize and QueueAlign survive a device reset: a legacy driver writes them once
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
        if (device != null) {
            device.setStatus(0);
            resetTransport();
        }
    }
}
