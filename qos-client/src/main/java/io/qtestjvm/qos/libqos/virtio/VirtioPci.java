package io.qtestjvm.qos.libqos.virtio;

import static io.qtestjvm.qos.libqos.virtio.VirtioPciLayout.*;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.pci.QPciDevice;
import io.qtestjvm.qos.libqtest.QTestState;

/**
 * What the virtio PCI transports share (virtio 1.2 4.1): discovery (4.1.2: vendor 0x1af4, the type from the device
 * ID or, on a transitional device, from the subsystem ID), the choice of interface (the modern one whenever its four
 * capabilities are present, 4.1.4, else the legacy BAR 0, 4.1.4.8 — libqos' order) and MSI-X vectors (4.1.5.1.2)
 * through {@link QPciDevice}'s MSI-X helpers: each vector's message is a 32-bit write of {@link #MSI_DATA} to a
 * word of guest RAM the test polls.
 */
public abstract sealed class VirtioPci implements QVirtioBus permits VirtioPciModern, VirtioPciLegacy {
    /** The message data programmed into every vector. */
    public static final int MSI_DATA = 0x1234_5678;

    protected final QPciDevice pci;
    private final int deviceType;
    private long configMsixAddr;
    private int configMsixEntry = VirtioSpec.NO_VECTOR;

    protected VirtioPci(QPciDevice pci, int deviceType) {
        this.pci = pci;
        this.deviceType = deviceType;
    }

    /** The virtio type of a PCI function (4.1.2.1), or -1 when it is not a virtio device. */
    public static int virtioType(QPciDevice pci) {
        int vendor = pci.vendorId();
        int device = pci.deviceId();
        if (vendor != VENDOR || device < DEVICE_FIRST || device > DEVICE_LAST) {
            return -1;
        }
        return device >= DEVICE_MODERN_BASE ? device - DEVICE_MODERN_BASE : pci.configReadw(SUBSYSTEM_ID);
    }

    /** The interface libqos would use: modern when all four structures are there, else legacy. */
    public static VirtioPci open(QPciDevice pci) {
        int type = virtioType(pci);
        if (type < 0) {
            throw new AssertionError(pci + " is not a virtio device: " + Integer.toHexString(pci.vendorId()) + ":"
                    + Integer.toHexString(pci.deviceId()));
        }
        VirtioPciModern modern = VirtioPciModern.probe(pci, type);
        return modern != null ? modern : new VirtioPciLegacy(pci, type);
    }

    public final QPciDevice pci() {
        return pci;
    }

    @Override
    public final QTestState qts() {
        return pci.qts();
    }

    @Override
    public final int deviceType() {
        return deviceType;
    }

    /** Enables the function and maps the BARs the interface uses. */
    public abstract void map();

    // ---- MSI-X (4.1.4.3 config_msix_vector / queue_msix_vector, 4.1.4.8 legacy) ----

    protected abstract void writeConfigVector(int entry);

    protected abstract int readConfigVector();

    protected abstract void writeQueueVector(int queue, int entry);

    protected abstract int readQueueVector(int queue);

    /** Enables MSI-X on the function. Legacy interfaces then move the device configuration (4.1.4.8). */
    public void msixEnable() {
        pci.msixEnable();
    }

    /** Routes configuration changes to table entry {@code entry}, whose message lands in guest RAM. */
    public void configVector(GuestAllocator alloc, int entry) {
        configMsixAddr = alloc.alloc(4);
        qts().writel(configMsixAddr, 0);
        pci.msixSetEntry(entry, configMsixAddr, MSI_DATA);
        writeConfigVector(entry);
        int back = readConfigVector();
        if (back == VirtioSpec.NO_VECTOR) {
            throw new AssertionError(this + ": config vector " + entry + " refused (reads NO_VECTOR)");
        }
        configMsixEntry = entry;
    }

    /** Routes {@code vq}'s used-buffer notifications to table entry {@code entry}. */
    public void queueVector(QVirtQueue vq, GuestAllocator alloc, int entry) {
        long addr = alloc.alloc(4);
        qts().writel(addr, 0);
        pci.msixSetEntry(entry, addr, MSI_DATA);
        writeQueueVector(vq.index(), entry);
        int back = readQueueVector(vq.index());
        if (back == VirtioSpec.NO_VECTOR) {
            throw new AssertionError(this + ": queue " + vq.index() + " vector " + entry + " refused");
        }
        vq.msix(entry, addr, MSI_DATA);
    }

    /** The MSI-X message of {@code entry} arrived at {@code addr} (or is pending while masked); consumes it. */
    private boolean msixFired(int entry, long addr, int data) {
        if (pci.msixMasked(entry)) {
            return pci.msixPending(entry);
        }
        int got = qts().readl(addr);
        if (got == 0) {
            return false;
        }
        if (got != data) {
            throw new AssertionError(this + ": MSI-X entry " + entry + " wrote 0x" + Integer.toHexString(got)
                    + ", expected 0x" + Integer.toHexString(data));
        }
        qts().writel(addr, 0);
        return true;
    }

    protected abstract int readIsr();

    @Override
    public final boolean queueInterrupt(QVirtQueue vq) {
        if (pci.msixEnabled() && vq.msixEntry() != VirtioSpec.NO_VECTOR) {
            return msixFired(vq.msixEntry(), vq.msixAddr(), vq.msixData());
        }
        return (readIsr() & VirtioSpec.ISR_QUEUE) != 0;
    }

    @Override
    public final boolean configInterrupt() {
        if (pci.msixEnabled() && configMsixEntry != VirtioSpec.NO_VECTOR) {
            return msixFired(configMsixEntry, configMsixAddr, MSI_DATA);
        }
        return (readIsr() & VirtioSpec.ISR_CONFIG) != 0;
    }

    @Override
    public String toString() {
        return (modern() ? "virtio-pci (modern) " : "virtio-pci (legacy) ") + pci;
    }
}
