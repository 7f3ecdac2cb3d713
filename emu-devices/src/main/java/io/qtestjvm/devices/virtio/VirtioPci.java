package io.qtestjvm.devices.virtio;

import static io.qtestjvm.devices.virtio.VirtioPciLayout.*;

import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;
import io.qtestjvm.pci.PciDevice;
import io.qtestjvm.pci.PciRegs;
import java.util.List;
import java.util.function.Function;

/**
 * The virtio PCI transport (virtio 1.2 §4.1) for one virtio device: a transitional function with the legacy I/O
 * BAR0 (§4.1.5.1.4.1), MSI-X on BAR1 (§4.1.4.3, §4.1.5.1.2) and the modern BAR4 with common, ISR, device and
 * notification structures (§4.1.4.3..§4.1.4.7) found through vendor capabilities (§4.1.4), plus the PCI
 * configuration access capability (§4.1.4.9).
 *
 * <p>QEMU 7.2 facts (observed on Debian's QEMU, see {@link VirtioPciLayout} for placement):
 * <ul>
 * <li>IDs 1af4:(transitional id) revision 0, subsystem 1af4:(virtio device id); with {@code disable-legacy=on}
 * device id 0x1040 + virtio id, revision 1, subsystem 1af4:1100, no BAR0;</li>
 * <li>two MSI-X vectors for virtio-blk (one queue) and virtio-rng; BAR0 is 128 bytes for virtio-blk, 32 for
 * virtio-rng;</li>
 * <li>the modern interface hides the legacy-only feature bits (NOTIFY_ON_EMPTY, ANY_LAYOUT, bit 30);</li>
 * <li>register reads at an offset that is not a register's start read all-ones on the legacy BAR (zero in the
 * common structure), and a read narrower than the register returns its low bytes;</li>
 * <li>a legacy queue PFN of 0 resets the whole device; the legacy device configuration starts at 0x18 only while
 * MSI-X is enabled;</li>
 * <li>a vector the function does not have written to msix_config / queue_msix_vector reads back 0xffff;</li>
 * <li>queue_enable written with anything but 1 marks the device broken;</li>
 * <li>ISR bit 0 drives INTx A while MSI-X is disabled; reading the ISR clears it and lowers the pin.</li>
 * </ul>
 */
public final class VirtioPci extends PciDevice {
    public static final int VENDOR_ID = 0x1af4;
    public static final int MODERN_DEVICE_ID_BASE = 0x1040;
    /** Subsystem id of a non-transitional function on QEMU 7.2 (observed: 1af4:1100). */
    public static final int MODERN_SUBSYSTEM_ID = 0x1100;

    private final VirtioDevice device;
    private final MsixTable msix;
    private final boolean legacy;
    private final boolean modern;
    private final int msixCap;
    private int pciCfgCap;
    private int queueSelect;
    private int deviceFeatureSelect;
    private int driverFeatureSelect;
    private final long[] driverFeatureWords = new long[2];
    /** The property lines {@code info qtree} prints for the proxy itself (the board knows them: its properties). */
    private List<String[]> qtreeLines = List.of();

    /**
     * @param transitionalId the device id of the transitional function (§4.1.2.1: net 0x1000, block 0x1001,
     *                       entropy 0x1005)
     * @param classId        PCI class code (block 0x0100, network 0x0200, others 0x00ff)
     * @param vectors        MSI-X vectors (0: no MSI-X)
     * @param factory        builds the device over this function's bus-master path
     */
    public VirtioPci(String typeName, int virtioId, int transitionalId, int classId, int vectors,
            boolean disableLegacy, boolean disableModern, Function<GuestMemory, VirtioDevice> factory) {
        super(typeName, VENDOR_ID, disableLegacy ? MODERN_DEVICE_ID_BASE + virtioId : transitionalId,
                disableLegacy ? 1 : 0, classId);
        this.legacy = !disableLegacy;
        this.modern = !disableModern;
        setSubsystem(VENDOR_ID, disableLegacy ? MODERN_SUBSYSTEM_ID : virtioId);
        setInterruptPin(1);
        // virtio 1.2 6.1: without VIRTIO_F_ACCESS_PLATFORM the device reaches the driver's memory as the driver does,
        // past the platform's translation (an IOMMU, pseries' TCE tables); with it, through the bus-master path
        this.device = factory.apply(new GuestMemory() {
            @Override
            public void read(long address, byte[] dst, int offset, int length) {
                if (translated()) {
                    dmaRead(address, dst, offset, length);
                } else {
                    physicalRead(address, dst, offset, length);
                }
            }

            @Override
            public void write(long address, byte[] src, int offset, int length) {
                if (translated()) {
                    dmaWrite(address, src, offset, length);
                } else {
                    physicalWrite(address, src, offset, length);
                }
            }

            @Override
            public long ramBytes(long address, long length) {
                return translated() ? dmaRamBytes(address, length) : physicalRamBytes(address, length);
            }
        });
        if (!modern) {
            device.offeredWithoutVersion1();
        }
        this.msix = vectors > 0 ? new MsixTable(typeName, vectors, this::dmaStoreLong) : null;
        device.setSignals(new VirtioSignals() {
            @Override
            public void usedBuffer(Virtqueue queue) {
                signal(queue.vector());
            }

            @Override
            public void configChange() {
                signal(device.configVector());
            }

            @Override
            public void isrChanged() {
                updateIntx();
            }
        });
        if (legacy) {
            int header = msix != null ? L_CONFIG_MSIX : L_CONFIG;
            long size = Long.highestOneBit(Math.max(1, header + device.configSize() - 1)) << 1;
            registerBar(0, PciRegs.BAR_SPACE_IO, MemoryRegion.io(typeName + "-legacy", size,
                    ops(this::legacyRead, this::legacyWrite), AccessRules.of(Endianness.LITTLE)));
        }
        if (msix != null) {
            registerBar(MSIX_BAR, PciRegs.BAR_MEM_TYPE_32, msix.region());
        }
        if (modern) {
            MemoryRegion bar = MemoryRegion.container(typeName + "-modern", MODERN_BAR_SIZE);
            AccessRules rules = AccessRules.of(Endianness.LITTLE);
            bar.addSubregion(COMMON_OFF, MemoryRegion.io("virtio-pci-common", REGION,
                    ops(this::commonRead, this::commonWrite), rules));
            bar.addSubregion(ISR_OFF, MemoryRegion.io("virtio-pci-isr", REGION,
                    ops((o, s) -> device.readAndClearIsr(), (o, v, s) -> { }), rules));
            bar.addSubregion(DEVICE_OFF, MemoryRegion.io("virtio-pci-device", REGION,
                    ops((o, s) -> device.readConfig((int) o, s),
                            (o, v, s) -> device.writeConfig((int) o, v, s)), rules));
            bar.addSubregion(NOTIFY_OFF, MemoryRegion.io("virtio-pci-notify", REGION,
                    ops((o, s) -> 0, (o, v, s) -> notifyWrite(o)), rules));
            registerBar(MODERN_BAR, PciRegs.BAR_MEM_TYPE_64 | PciRegs.BAR_MEM_PREFETCH, bar);
            vendorCap(CAP_COMMON, COMMON_OFF, CAP_SIZE);
            vendorCap(CAP_ISR, ISR_OFF, CAP_SIZE);
            vendorCap(CAP_DEVICE, DEVICE_OFF, CAP_SIZE);
            int n = vendorCap(CAP_NOTIFY, NOTIFY_OFF, CAP_NOTIFY_SIZE);
            setConfigLong(n + CAP_NOTIFY_MULT, NOTIFY_MULTIPLIER);
            pciCfgCap = addCapability(CAP_ID_VENDOR, 0, CAP_NOTIFY_SIZE);
            setConfigByte(pciCfgCap + CAP_LEN, CAP_NOTIFY_SIZE);
            setConfigByte(pciCfgCap + CAP_CFG_TYPE, CAP_PCI_CFG);
            setWmask(pciCfgCap + CAP_BAR, 1, 0xff);
            setWmask(pciCfgCap + CAP_OFFSET, 4, 0xffffffffL);
            setWmask(pciCfgCap + CAP_LENGTH, 4, 0xffffffffL);
            setWmask(pciCfgCap + CAP_PCI_CFG_DATA, 4, 0xffffffffL);
        }
        if (msix != null) {
            msixCap = addCapability(MSIX_CAP_ID, 0, MSIX_CAP_SIZE);
            setConfigWord(msixCap + MSIX_CONTROL, vectors - 1);
            setConfigLong(msixCap + MSIX_TABLE, MSIX_TABLE_OFF | MSIX_BAR);
            setConfigLong(msixCap + MSIX_PBA, MSIX_PBA_OFF | MSIX_BAR);
            setWmask(msixCap + MSIX_CONTROL, 2, MSIX_ENABLE | MSIX_FUNCTION_MASK);
        } else {
            msixCap = 0;
        }
    }

    private int vendorCap(int type, int offset, int size) {
        int cap = addCapability(CAP_ID_VENDOR, 0, size);
        setConfigByte(cap + CAP_LEN, size);
        setConfigByte(cap + CAP_CFG_TYPE, type);
        setConfigByte(cap + CAP_BAR, MODERN_BAR);
        setConfigLong(cap + CAP_OFFSET, offset);
        setConfigLong(cap + CAP_LENGTH, REGION);
        return cap;
    }

    /** Sets the proxy's own {@code info qtree} property lines (name, value as printed), before pci-device's. */
    public void setQtreeProperties(List<String[]> lines) {
        qtreeLines = List.copyOf(lines);
    }

    @Override
    public List<String[]> qtreeProperties() {
        return qtreeLines;
    }

    /**
     * Plugged: a legacy driver speaks the CPU's byte order (virtio 1.2 7.4), which the machine's memory knows
     * (big-endian on pseries), so the device takes it from its bus.
     */
    @Override
    protected void doRealize() {
        super.doRealize();
        device.setGuestBigEndian(bus() != null && bus().physicalSpace().targetBigEndian());
    }

    public VirtioDevice device() {
        return device;
    }

    public boolean msixEnabled() {
        return msix != null && msix.enabled();
    }

    /** Whether MSI-X vector {@code v} has its pending bit set. */
    public boolean msixPending(int v) {
        return msix != null && v < msix.vectors() && msix.pending(v);
    }

    public int msixVectors() {
        return msix == null ? 0 : msix.vectors();
    }

    private void signal(int vector) {
        if (msixEnabled()) {
            if (vector != Virtqueue.NO_VECTOR) {
                msix.notify(vector);
            }
        } else {
            updateIntx();
        }
    }

    private void updateIntx() {
        setIrqLevel(msixEnabled() ? 0 : device.isr() & 1);
    }

    /** A vector the function has, else NO_VECTOR (what reads back after the write). */
    private int useVector(long v) {
        int vec = (int) (v & 0xffff);
        return msix != null && vec < msix.vectors() ? vec : Virtqueue.NO_VECTOR;
    }

    // ------------------------------------------------------------------------------------------------------
    // §4.1.5.1.4.1 legacy I/O registers

    private long legacyRead(long offset, int size) {
        int off = (int) offset;
        int cfg = msixEnabled() ? L_CONFIG_MSIX : L_CONFIG;
        if (off >= cfg) {
            return device.readLegacyConfig(off - cfg, size);
        }
        Virtqueue q = device.queue(queueSelect);
        long v = switch (off) {
            case L_HOST_FEATURES -> device.hostFeatures() & 0xffffffffL;
            case L_GUEST_FEATURES -> device.driverFeatures() & 0xffffffffL;
            case L_QUEUE_PFN -> q == null ? 0 : q.legacyPfn();
            case L_QUEUE_NUM -> q == null ? 0 : q.maxSize();
            case L_QUEUE_SEL -> queueSelect;
            case L_STATUS -> device.status();
            case L_ISR -> device.readAndClearIsr();
            case L_CONFIG_VECTOR -> device.configVector();
            case L_QUEUE_VECTOR -> q == null ? Virtqueue.NO_VECTOR : q.vector();
            default -> -1L;
        };
        return v & mask(size);
    }

    private void legacyWrite(long offset, long value, int size) {
        int off = (int) offset;
        int cfg = msixEnabled() ? L_CONFIG_MSIX : L_CONFIG;
        if (off >= cfg) {
            device.writeLegacyConfig(off - cfg, value, size);
            return;
        }
        switch (off) {
            case L_GUEST_FEATURES -> device.setDriverFeatures(value & 0xffffffffL);
            case L_QUEUE_PFN -> {
                if ((value & 0xffffffffL) == 0) {
                    resetTransport();
                } else {
                    device.setLegacyQueuePfn(queueSelect, value);
                }
            }
            case L_QUEUE_SEL -> {
                if ((value & 0xffff) < QUEUE_MAX) {
                    queueSelect = (int) (value & 0xffff);
                }
            }
            case L_QUEUE_NOTIFY -> {
                if ((value & 0xffff) < QUEUE_MAX) {
                    device.notifyQueue((int) (value & 0xffff));
                }
            }
            case L_STATUS -> {
                device.setStatus((int) value & 0xff);
                if (device.status() == 0) {
                    resetTransport();
                }
            }
            case L_CONFIG_VECTOR -> device.setConfigVector(useVector(value));
            case L_QUEUE_VECTOR -> {
                Virtqueue q = device.queue(queueSelect);
                if (q != null) {
                    q.setVector(useVector(value));
                }
            }
            default -> {
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // §4.1.4.3 common configuration

    private long modernFeatures() {
        return device.hostFeatures() & ~device.legacyOnlyFeatures();
    }

    private long commonRead(long offset, int size) {
        Virtqueue q = device.queue(queueSelect);
        long v = switch ((int) offset) {
            case C_DFSELECT -> deviceFeatureSelect;
            case C_DF -> deviceFeatureSelect < 2 ? (modernFeatures() >>> (32 * deviceFeatureSelect)) & 0xffffffffL
                    : 0;
            case C_GFSELECT -> driverFeatureSelect;
            case C_GF -> driverFeatureSelect < 2 ? driverFeatureWords[driverFeatureSelect] : 0;
            case C_MSIX -> device.configVector();
            case C_NUMQ -> device.queueCount();
            case C_STATUS -> device.status();
            case C_CFGGENERATION -> device.configGeneration();
            case C_Q_SELECT -> queueSelect;
            case C_Q_SIZE -> q == null ? 0 : q.size();
            case C_Q_MSIX -> q == null ? Virtqueue.NO_VECTOR : q.vector();
            case C_Q_ENABLE -> q != null && q.enabled() ? 1 : 0;
            case C_Q_NOFF -> queueSelect;
            case C_Q_DESCLO -> q == null ? 0 : q.desc() & 0xffffffffL;
            case C_Q_DESCHI -> q == null ? 0 : q.desc() >>> 32;
            case C_Q_AVAILLO -> q == null ? 0 : q.driverArea() & 0xffffffffL;
            case C_Q_AVAILHI -> q == null ? 0 : q.driverArea() >>> 32;
            case C_Q_USEDLO -> q == null ? 0 : q.deviceArea() & 0xffffffffL;
            case C_Q_USEDHI -> q == null ? 0 : q.deviceArea() >>> 32;
            default -> 0;
        };
        return v & mask(size);
    }

    private void commonWrite(long offset, long value, int size) {
        Virtqueue q = device.queue(queueSelect);
        long lo = value & 0xffffffffL;
        switch ((int) offset) {
            case C_DFSELECT -> deviceFeatureSelect = (int) lo;
            case C_GFSELECT -> driverFeatureSelect = (int) lo;
            case C_GF -> {
                if (driverFeatureSelect < 2) {
                    driverFeatureWords[driverFeatureSelect] = lo;
                    device.setDriverFeatures(driverFeatureWords[0] | (driverFeatureWords[1] << 32));
                }
            }
            case C_MSIX -> device.setConfigVector(useVector(value));
            case C_STATUS -> {
                device.setStatus((int) value & 0xff);
                if (device.status() == 0) {
                    resetTransport();
                }
            }
            case C_Q_SELECT -> {
                if ((value & 0xffff) < QUEUE_MAX) {
                    queueSelect = (int) (value & 0xffff);
                }
            }
            case C_Q_SIZE -> {
                if (q != null) {
                    q.setSize((int) (value & 0xffff));
                }
            }
            case C_Q_MSIX -> {
                if (q != null) {
                    q.setVector(useVector(value));
                }
            }
            case C_Q_ENABLE -> {
                if ((value & 0xffff) == 1) {
                    device.enableQueue(queueSelect);
                } else {
                    device.markBroken(RingFault.QUEUE_ENABLE);
                }
            }
            case C_Q_DESCLO -> setLow(q, 0, lo);
            case C_Q_DESCHI -> setHigh(q, 0, lo);
            case C_Q_AVAILLO -> setLow(q, 1, lo);
            case C_Q_AVAILHI -> setHigh(q, 1, lo);
            case C_Q_USEDLO -> setLow(q, 2, lo);
            case C_Q_USEDHI -> setHigh(q, 2, lo);
            case C_Q_RESET -> {
                if ((value & 0xffff) == 1 && device.negotiated(VirtioFeatures.RING_RESET)) {
                    device.resetQueue(queueSelect);
                }
            }
            default -> {
            }
        }
    }

    private static long area(Virtqueue q, int which) {
        return which == 0 ? q.desc() : which == 1 ? q.driverArea() : q.deviceArea();
    }

    private static void setArea(Virtqueue q, int which, long v) {
        if (which == 0) {
            q.setDesc(v);
        } else if (which == 1) {
            q.setDriverArea(v);
        } else {
            q.setDeviceArea(v);
        }
    }

    private static void setLow(Virtqueue q, int which, long lo) {
        if (q != null) {
            setArea(q, which, (area(q, which) & 0xffffffff00000000L) | lo);
        }
    }

    private static void setHigh(Virtqueue q, int which, long hi) {
        if (q != null) {
            setArea(q, which, (area(q, which) & 0xffffffffL) | (hi << 32));
        }
    }

    /** §4.1.4.4: the queue index is the offset divided by the multiplier. */
    private void notifyWrite(long offset) {
        long index = offset / NOTIFY_MULTIPLIER;
        if (index < QUEUE_MAX) {
            device.notifyQueue((int) index);
        }
    }

    /** Whether the driver accepted VIRTIO_F_ACCESS_PLATFORM: the device's memory accesses are then translated. */
    private boolean translated() {
        VirtioDevice d = device;
        return d != null && d.negotiated(VirtioFeatures.ACCESS_PLATFORM);
    }

    private static long mask(int size) {
        return size >= 8 ? -1L : (1L << (8 * size)) - 1;
    }

    // ------------------------------------------------------------------------------------------------------
    // configuration space: MSI-X control and the §4.1.4.9 access window

    @Override
    public long configRead(int offset, int len) {
        if (pciCfgCap != 0 && overlaps(offset, len, pciCfgCap + CAP_PCI_CFG_DATA, 4)) {
            windowAccess(false);
        }
        return super.configRead(offset, len);
    }

    @Override
    public void configWrite(int offset, long value, int len) {
        super.configWrite(offset, value, len);
        if (msixCap != 0 && overlaps(offset, len, msixCap + MSIX_CONTROL, 2)) {
            int control = configWord(msixCap + MSIX_CONTROL);
            msix.setControl((control & MSIX_ENABLE) != 0, (control & MSIX_FUNCTION_MASK) != 0);
            updateIntx();
        }
        if (pciCfgCap != 0 && overlaps(offset, len, pciCfgCap + CAP_PCI_CFG_DATA, 4)) {
            windowAccess(true);
        }
    }

    private static boolean overlaps(int offset, int len, int start, int size) {
        return offset < start + size && start < offset + len;
    }

    /** §4.1.4.9: moves cap.length (1, 2 or 4) bytes between the data field and BAR cap.bar at cap.offset. */
    private void windowAccess(boolean write) {
        int bar = configByte(pciCfgCap + CAP_BAR);
        long off = configLong(pciCfgCap + CAP_OFFSET);
        int len = (int) configLong(pciCfgCap + CAP_LENGTH);
        if (bar != MODERN_BAR || (len != 1 && len != 2 && len != 4) || off % len != 0 || off + len > MODERN_BAR_SIZE) {
            return;
        }
        int region = (int) off & ~(REGION - 1);
        long inner = off & (REGION - 1);
        if (write) {
            long v = configLong(pciCfgCap + CAP_PCI_CFG_DATA) & mask(len);
            switch (region) {
                case COMMON_OFF -> commonWrite(inner, v, len);
                case DEVICE_OFF -> device.writeConfig((int) inner, v, len);
                case NOTIFY_OFF -> notifyWrite(inner);
                default -> {
                }
            }
        } else {
            long v = switch (region) {
                case COMMON_OFF -> commonRead(inner, len);
                case ISR_OFF -> device.readAndClearIsr();
                case DEVICE_OFF -> device.readConfig((int) inner, len);
                default -> 0;
            };
            setConfigLong(pciCfgCap + CAP_PCI_CFG_DATA, v & mask(len));
        }
    }

    // ------------------------------------------------------------------------------------------------------

    private void resetTransport() {
        device.reset();
        queueSelect = 0;
        deviceFeatureSelect = 0;
        driverFeatureSelect = 0;
        driverFeatureWords[0] = 0;
        driverFeatureWords[1] = 0;
        updateIntx();
    }

    @Override
    protected void deviceReset() {
        resetTransport();
        if (msix != null) {
            msix.reset();
            setConfigWord(msixCap + MSIX_CONTROL, msix.vectors() - 1);
        }
    }

    private interface Reader {
        long read(long offset, int size);
    }

    private interface Writer {
        void write(long offset, long value, int size);
    }

    private static MmioOps ops(Reader r, Writer w) {
        return new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return r.read(offset, size);
            }

            @Override
            public void write(long offset, long value, int size) {
                w.write(offset, value, size);
            }
        };
    }
}
