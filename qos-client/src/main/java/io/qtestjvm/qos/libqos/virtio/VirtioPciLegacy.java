package io.qtestjvm.qos.libqos.virtio;

import static io.qtestjvm.qos.libqos.virtio.VirtioPciLayout.*;

import io.qtestjvm.qos.libqos.pci.QPciBar;
import io.qtestjvm.qos.libqos.pci.QPciDevice;

/**
 * The legacy virtio PCI interface (virtio 1.2 4.1.4.8, 4.1.5.1.4.1): registers in I/O BAR 0, 32 feature bits,
 * queues given by page frame number with the used ring 4096-aligned, the device configuration after the MSI-X
 * vector registers when MSI-X is enabled, and guest-endian configuration fields.
 */
public final class VirtioPciLegacy extends VirtioPci {
    private QPciBar bar0;

    VirtioPciLegacy(QPciDevice pci, int type) {
        super(pci, type);
    }

    @Override
    public void map() {
        pci.enable();
        bar0 = pci.iomap(0);
    }

    /** BAR 0 as mapped ({@code nxvirtq} writes registers of it directly). */
    public QPciBar bar0() {
        if (bar0 == null) {
            throw new IllegalStateException(this + ": BAR0 not mapped (start_hw not run)");
        }
        return bar0;
    }

    @Override
    public boolean modern() {
        return false;
    }

    private int config() {
        return pci.msixEnabled() ? LEGACY_CONFIG_MSIX : LEGACY_CONFIG;
    }

    @Override
    public int configReadb(int off) {
        return pci.ioReadb(bar0(), config() + off) & 0xff;
    }

    // A legacy device's configuration is in the guest's byte order (virtio 1.2 4.1.4.8 / 2.5.1), while the I/O BAR
    // reads as a little-endian PCI register: on a big-endian target each field comes byte-swapped, as libqos
    // undoes it.

    @Override
    public int configReadw(int off) {
        int v = pci.ioReadw(bar0(), config() + off) & 0xffff;
        return qts().bigEndian() ? Short.reverseBytes((short) v) & 0xffff : v;
    }

    @Override
    public int configReadl(int off) {
        int v = pci.ioReadl(bar0(), config() + off);
        return qts().bigEndian() ? Integer.reverseBytes(v) : v;
    }

    @Override
    public long configReadq(int off) {
        // two 32-bit reads; the guest's order decides which holds the high word
        long a = configReadl(off) & 0xffff_ffffL;
        long b = configReadl(off + 4) & 0xffff_ffffL;
        return qts().bigEndian() ? a << 32 | b : b << 32 | a;
    }

    @Override
    public int configGeneration() {
        return 0;
    }

    @Override
    public long deviceFeatures() {
        return pci.ioReadl(bar0(), LEGACY_DEVICE_FEATURES) & 0xffff_ffffL;
    }

    @Override
    public void driverFeatures(long features) {
        pci.ioWritel(bar0(), LEGACY_DRIVER_FEATURES, (int) features);
    }

    @Override
    public int status() {
        return pci.ioReadb(bar0(), LEGACY_DEVICE_STATUS) & 0xff;
    }

    @Override
    public void status(int value) {
        pci.ioWriteb(bar0(), LEGACY_DEVICE_STATUS, value);
    }

    @Override
    protected int readIsr() {
        return pci.ioReadb(bar0(), LEGACY_ISR_STATUS) & 0xff;
    }

    @Override
    public int queueMaxSize(int index) {
        pci.ioWritew(bar0(), LEGACY_QUEUE_SELECT, index);
        return pci.ioReadw(bar0(), LEGACY_QUEUE_SIZE) & 0xffff;
    }

    @Override
    public void queueActivate(QVirtQueue vq) {
        if (vq.packed() || (vq.descArea() & (VirtqLayout.LEGACY_ALIGN - 1)) != 0) {
            throw new IllegalArgumentException(vq + " cannot be given to a legacy device (page-aligned split only)");
        }
        pci.ioWritew(bar0(), LEGACY_QUEUE_SELECT, vq.index());
        pci.ioWritel(bar0(), LEGACY_QUEUE_ADDRESS, (int) (vq.descArea() >>> LEGACY_PFN_SHIFT));
    }

    @Override
    public void queueDeactivate(int index) {
        pci.ioWritew(bar0(), LEGACY_QUEUE_SELECT, index);
        pci.ioWritel(bar0(), LEGACY_QUEUE_ADDRESS, 0);
    }

    @Override
    public void notifyQueue(int index) {
        pci.ioWritew(bar0(), LEGACY_QUEUE_NOTIFY, index);
    }

    @Override
    protected void writeConfigVector(int entry) {
        pci.ioWritew(bar0(), LEGACY_CONFIG_MSIX_VECTOR, entry);
    }

    @Override
    protected int readConfigVector() {
        return pci.ioReadw(bar0(), LEGACY_CONFIG_MSIX_VECTOR) & 0xffff;
    }

    @Override
    protected void writeQueueVector(int queue, int entry) {
        pci.ioWritew(bar0(), LEGACY_QUEUE_SELECT, queue);
        pci.ioWritew(bar0(), LEGACY_QUEUE_MSIX_VECTOR, entry);
    }

    @Override
    protected int readQueueVector(int queue) {
        pci.ioWritew(bar0(), LEGACY_QUEUE_SELECT, queue);
        return pci.ioReadw(bar0(), LEGACY_QUEUE_MSIX_VECTOR) & 0xffff;
    }
}
