package io.qtestjvm.qos.libqos.virtio;

import static io.qtestjvm.qos.libqos.virtio.VirtioPciLayout.*;

import io.qtestjvm.qos.libqos.pci.QPciBar;
import io.qtestjvm.qos.libqos.pci.QPciDevice;

/**
 * The virtio 1.x PCI interface (virtio 1.2 4.1.4): the common configuration, notification, ISR and device
 * configuration structures, each found through its vendor capability and reached through the BAR it names (a BAR
 * shared by several structures is mapped once). Notification (4.1.4.4): a 16-bit write of the queue index at
 * {@code notify offset + queue_notify_off * notify_off_multiplier}.
 */
public final class VirtioPciModern extends VirtioPci {
    /** One structure: capability fields (4.1.4). */
    private record Region(int bar, long offset, long length) {
    }

    private final Region common;
    private final Region notify;
    private final Region isr;
    private final Region device;
    private final long notifyMultiplier;
    private final QPciBar[] bars = new QPciBar[6];

    private VirtioPciModern(QPciDevice pci, int type, Region common, Region notify, Region isr, Region device,
                            long notifyMultiplier) {
        super(pci, type);
        this.common = common;
        this.notify = notify;
        this.isr = isr;
        this.device = device;
        this.notifyMultiplier = notifyMultiplier;
    }

    /** The modern interface when the function has the four capabilities (4.1.4: the first of each type), or null. */
    static VirtioPciModern probe(QPciDevice pci, int type) {
        Region[] found = new Region[5];
        long multiplier = 0;
        for (int cap = pci.findCapability(CAP_ID_VENDOR); cap != 0; cap = pci.findCapability(CAP_ID_VENDOR, cap)) {
            int cfgType = pci.configReadb(cap + CAP_CFG_TYPE);
            if (cfgType < CFG_COMMON || cfgType > CFG_DEVICE || found[cfgType] != null) {
                continue;
            }
            int bar = pci.configReadb(cap + CAP_BAR);
            if (bar > 5) {
                continue; // 4.1.4.1: reserved BAR values are ignored
            }
            found[cfgType] = new Region(bar, pci.configReadl(cap + CAP_OFFSET) & 0xffff_ffffL,
                    pci.configReadl(cap + CAP_LENGTH) & 0xffff_ffffL);
            if (cfgType == CFG_NOTIFY) {
                multiplier = pci.configReadl(cap + CAP_NOTIFY_MULTIPLIER) & 0xffff_ffffL;
            }
        }
        for (int t = CFG_COMMON; t <= CFG_DEVICE; t++) {
            if (found[t] == null) {
                return null;
            }
        }
        return new VirtioPciModern(pci, type, found[CFG_COMMON], found[CFG_NOTIFY], found[CFG_ISR],
                found[CFG_DEVICE], multiplier);
    }

    @Override
    public void map() {
        pci.enable();
        for (Region r : new Region[] {common, notify, isr, device}) {
            if (bars[r.bar()] == null) {
                bars[r.bar()] = pci.iomap(r.bar());
            }
        }
    }

    @Override
    public boolean modern() {
        return true;
    }

    private QPciBar bar(Region r) {
        QPciBar b = bars[r.bar()];
        if (b == null) {
            throw new IllegalStateException(this + ": BAR" + r.bar() + " not mapped (start_hw not run)");
        }
        return b;
    }

    private int cb(int off) {
        return pci.ioReadb(bar(common), common.offset() + off);
    }

    private int cw(int off) {
        return pci.ioReadw(bar(common), common.offset() + off) & 0xffff;
    }

    private long cl(int off) {
        return pci.ioReadl(bar(common), common.offset() + off) & 0xffff_ffffL;
    }

    private void cwb(int off, int v) {
        pci.ioWriteb(bar(common), common.offset() + off, v);
    }

    private void cww(int off, int v) {
        pci.ioWritew(bar(common), common.offset() + off, v);
    }

    private void cwl(int off, long v) {
        pci.ioWritel(bar(common), common.offset() + off, (int) v);
    }

    /** 4.1.3.1: 64-bit fields are written as two 32-bit halves, low first. */
    private void cwq(int off, long v) {
        cwl(off, v);
        cwl(off + 4, v >>> 32);
    }

    @Override
    public int configReadb(int off) {
        return pci.ioReadb(bar(device), device.offset() + off) & 0xff;
    }

    @Override
    public int configReadw(int off) {
        return pci.ioReadw(bar(device), device.offset() + off) & 0xffff;
    }

    @Override
    public int configReadl(int off) {
        return pci.ioReadl(bar(device), device.offset() + off);
    }

    /** 2.5.1 / 4.1.3.1: a 64-bit field read as two 32-bit halves under an unchanged generation. */
    @Override
    public long configReadq(int off) {
        while (true) {
            int gen = configGeneration();
            long lo = configReadl(off) & 0xffff_ffffL;
            long hi = configReadl(off + 4) & 0xffff_ffffL;
            if (gen == configGeneration()) {
                return hi << 32 | lo;
            }
        }
    }

    @Override
    public int configGeneration() {
        return cb(CONFIG_GENERATION) & 0xff;
    }

    @Override
    public long deviceFeatures() {
        cwl(DEVICE_FEATURE_SELECT, 0);
        long lo = cl(DEVICE_FEATURE);
        cwl(DEVICE_FEATURE_SELECT, 1);
        long hi = cl(DEVICE_FEATURE);
        return hi << 32 | lo;
    }

    @Override
    public void driverFeatures(long features) {
        cwl(DRIVER_FEATURE_SELECT, 0);
        cwl(DRIVER_FEATURE, features);
        cwl(DRIVER_FEATURE_SELECT, 1);
        cwl(DRIVER_FEATURE, features >>> 32);
    }

    @Override
    public int status() {
        return cb(DEVICE_STATUS) & 0xff;
    }

    @Override
    public void status(int value) {
        cwb(DEVICE_STATUS, value);
    }

    @Override
    protected int readIsr() {
        return pci.ioReadb(bar(isr), isr.offset()) & 0xff;
    }

    public int numQueues() {
        return cw(NUM_QUEUES);
    }

    @Override
    public int queueMaxSize(int index) {
        cww(QUEUE_SELECT, index);
        return cw(QUEUE_SIZE);
    }

    @Override
    public void queueActivate(QVirtQueue vq) {
        cww(QUEUE_SELECT, vq.index());
        cww(QUEUE_SIZE, vq.size());
        cwq(QUEUE_DESC, vq.descArea());
        cwq(QUEUE_DRIVER, vq.driverArea());
        cwq(QUEUE_DEVICE, vq.deviceArea());
        cww(QUEUE_ENABLE, 1);
    }

    @Override
    public void queueDeactivate(int index) {
        // 4.1.4.3.2: a driver cannot write 0 to queue_enable; a device reset is the way back
        cww(QUEUE_SELECT, index);
    }

    /** 4.1.4.3: whether queue {@code index} is enabled. */
    public boolean queueEnabled(int index) {
        cww(QUEUE_SELECT, index);
        return cw(QUEUE_ENABLE) != 0;
    }

    @Override
    public void notifyQueue(int index) {
        cww(QUEUE_SELECT, index);
        long off = notify.offset() + (long) cw(QUEUE_NOTIFY_OFF) * notifyMultiplier;
        pci.ioWritew(bar(notify), off, index);
    }

    @Override
    protected void writeConfigVector(int entry) {
        cww(CONFIG_MSIX_VECTOR, entry);
    }

    @Override
    protected int readConfigVector() {
        return cw(CONFIG_MSIX_VECTOR);
    }

    @Override
    protected void writeQueueVector(int queue, int entry) {
        cww(QUEUE_SELECT, queue);
        cww(QUEUE_MSIX_VECTOR, entry);
    }

    @Override
    protected int readQueueVector(int queue) {
        cww(QUEUE_SELECT, queue);
        return cw(QUEUE_MSIX_VECTOR);
    }

    @Override
    public int queueAlign() {
        return VirtqLayout.LEGACY_ALIGN;
    }
}
