package io.qtestjvm.pci;

import io.qtestjvm.core.IrqHandler;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;

import java.util.ArrayList;
import java.util.List;

/**
 * A root PCI bus (PCI Local Bus Specification 3.0, 3.2.2.3 configuration transactions and 2.2.6 interrupt pins):
 * 256 device/function numbers (32 devices x 8 functions), the PCI memory space memory BARs decode into (on pc it
 * sits under system memory at priority -1), the I/O space for I/O BARs (the port space), the address space
 * bus-master accesses go to, and the board's INTx wiring: a map from (devfn, pin) to one of the bus's interrupt
 * lines, a sink for the line levels, and per line the number of functions driving it, so that a shared
 * (wired-OR, level-triggered) line drops only when the last one lets go.
 *
 * <p>Placement as QEMU 7.2 does it ({@code PcHotplugTest}, {@code PcDeviceAddAsQemuTest}): without an address a
 * function goes to function 0 of the first free device number from {@code devfnMin}; a taken place is refused
 * naming its occupant ("(null)" for an occupant without an id); a function other than 0 needs function 0 to be
 * absent or multi-function (header type bit 7), and a single-function function 0 cannot join functions already
 * present.
 */
public final class PciBus extends QomObject {
    /** QOM type of a conventional PCI bus ({@code TYPE_PCI_BUS}). */
    public static final String TYPE = "PCI";
    public static final int DEVFN_COUNT = 256;

    private final PciDevice[] devices = new PciDevice[DEVFN_COUNT];
    private final MemoryRegion memory;
    private final MemoryRegion io;
    private final AddressSpace dmaSpace;
    private final int devfnMin;
    private PciIntxMap intxMap;
    private IrqHandler irqSink;
    private int[] irqCount = new int[0];
    /** The IOMMU bus-master accesses go through; null: straight to {@link #dmaSpace}. */
    private DmaTranslator dmaTranslator;
    private AddressSpace physicalSpace;
    /** Whether a BAR programmed to base 0 decodes (a property of the machine; see {@link #allowBarsAtZero}). */
    private boolean barsAtZero;

    /**
     * @param memory   the PCI memory container memory BARs are mapped into
     * @param io       the I/O port container I/O BARs are mapped into
     * @param dmaSpace where bus-master accesses (DMA, MSI messages) go, e.g. the system memory address space
     * @param devfnMin the first devfn automatic placement may use (a multiple of 8)
     */
    public PciBus(MemoryRegion memory, MemoryRegion io, AddressSpace dmaSpace, int devfnMin) {
        this(TYPE, memory, io, dmaSpace, devfnMin);
    }

    /**
     * As {@link #PciBus(MemoryRegion, MemoryRegion, AddressSpace, int)} with the bus's QOM type, e.g.
     * {@code PCIE} for the root bus of a PCI Express host.
     */
    public PciBus(String typeName, MemoryRegion memory, MemoryRegion io, AddressSpace dmaSpace, int devfnMin) {
        super(typeName);
        if ((devfnMin & 7) != 0 || devfnMin < 0 || devfnMin >= DEVFN_COUNT) {
            throw new IllegalArgumentException("devfn_min " + devfnMin + " is not function 0 of a slot");
        }
        this.memory = memory;
        this.io = io;
        this.dmaSpace = dmaSpace;
        this.devfnMin = devfnMin;
    }

    public MemoryRegion memory() {
        return memory;
    }

    public MemoryRegion io() {
        return io;
    }

    public AddressSpace dmaSpace() {
        return dmaSpace;
    }

    /**
     * Where a bus master that is not behind the bridge's translation reaches memory: the machine's physical memory.
     * A virtio device that has not negotiated VIRTIO_F_ACCESS_PLATFORM has "the same access to memory addresses
     * supplied to it as the driver has" (virtio 1.2 6.1), so it bypasses an IOMMU or a TCE table. Without a
     * translating bridge this is the bus's DMA space.
     */
    public AddressSpace physicalSpace() {
        return physicalSpace != null ? physicalSpace : dmaSpace;
    }

    /** Sets {@link #physicalSpace} for a bus whose {@link #dmaSpace} is a translated one (a TCE window). */
    public void setPhysicalSpace(AddressSpace space) {
        this.physicalSpace = space;
    }

    /** Bus number in requester ids (PCI Express Base 2.2.6.2); a root bus is bus 0, and only root buses exist. */
    public int number() {
        return 0;
    }

    /**
     * Puts {@code translator} (an IOMMU) between the functions' bus-master accesses, MSI messages included, and
     * {@link #dmaSpace}; null removes it.
     */
    /**
     * Lets BARs programmed to base 0 decode on this bus. PCI leaves address assignment to the system; QEMU 7.2 keeps
     * a window at 0 unmapped except on machines that allow it, such as arm's virt (observed: a legacy virtio-pci
     * I/O BAR at 0 on virt's GPEX answers on Debian's qemu-system-aarch64; pinned by the legacy virtio-blk-pci
     * graph paths on aarch64/virt).
     */
    public void allowBarsAtZero() {
        barsAtZero = true;
    }

    /** Whether BARs at base 0 decode ({@link #allowBarsAtZero}). */
    public boolean barsAtZero() {
        return barsAtZero;
    }

    public void setDmaTranslator(DmaTranslator translator) {
        this.dmaTranslator = translator;
    }

    public DmaTranslator dmaTranslator() {
        return dmaTranslator;
    }

    // ---------------------------------------------------------------------------------------------------------
    // plugging

    /**
     * Plugs {@code dev} at {@code devfn}, or with {@code devfn == -1} at function 0 of the first free slot from
     * {@code devfnMin} on, then realizes it. Returns the devfn.
     *
     * @throws IllegalArgumentException with QEMU's message when the place is taken or breaks the multifunction
     *                                  rules
     */
    public int plug(PciDevice dev, int devfn) {
        String name = dev.typeName();
        if (dev.bus() != null) {
            throw new IllegalArgumentException("PCI: " + name + " is already plugged at devfn " + dev.devfn());
        }
        if (devfn < 0) {
            devfn = firstFreeSlot();
            if (devfn < 0) {
                throw new IllegalArgumentException("PCI: no slot/function available for " + name
                        + ", all in use or reserved");
            }
        } else if (devfn >= DEVFN_COUNT) {
            throw new IllegalArgumentException("PCI: devfn " + devfn + " is outside 0.." + (DEVFN_COUNT - 1));
        } else if (devices[devfn] != null) {
            throw new IllegalArgumentException("PCI: slot " + PciRegs.slot(devfn) + " function "
                    + PciRegs.function(devfn) + " not available for " + name + ", in use by "
                    + devices[devfn].typeName() + ",id=" + occupantId(devices[devfn]));
        }
        checkMultifunction(dev, devfn);
        devices[devfn] = dev;
        dev.attach(this, devfn);
        try {
            dev.realize();
        } catch (RuntimeException e) {
            devices[devfn] = null;
            dev.detach();
            throw e;
        }
        return devfn;
    }

    /** Plugs at the first free slot ({@code addr} not given). */
    public int plug(PciDevice dev) {
        return plug(dev, -1);
    }

    /** QEMU 7.2 prints the occupant's id with %s: glibc writes "(null)" for a device without one. */
    private static String occupantId(PciDevice dev) {
        return dev.id() == null ? "(null)" : dev.id();
    }

    private int firstFreeSlot() {
        for (int devfn = devfnMin; devfn < DEVFN_COUNT; devfn += 8) {
            if (devices[devfn] == null) {
                return devfn;
            }
        }
        return -1;
    }

    /** Header type bit 7 (6.2.1): function 0 must say multi-function before other functions may exist. */
    private void checkMultifunction(PciDevice dev, int devfn) {
        int slot = PciRegs.slot(devfn);
        if (PciRegs.function(devfn) != 0) {
            PciDevice f0 = devices[PciRegs.devfn(slot, 0)];
            if (f0 != null && !f0.multifunction()) {
                throw new IllegalArgumentException("PCI: single function device can't be populated in function "
                        + Integer.toHexString(slot) + "." + Integer.toHexString(PciRegs.function(devfn)));
            }
            return;
        }
        if (dev.multifunction()) {
            return;
        }
        for (int func = 1; func < 8; func++) {
            if (devices[PciRegs.devfn(slot, func)] != null) {
                throw new IllegalArgumentException("PCI: " + Integer.toHexString(slot)
                        + ".0 indicates single function, but " + Integer.toHexString(slot) + "."
                        + Integer.toHexString(func) + " is already populated.");
            }
        }
    }

    /**
     * Removes the function at {@code devfn} (hot unplug): its BARs are unmapped, its INTx withdrawn, then it is
     * unrealized. Returns it, or null when the devfn was empty.
     */
    public PciDevice unplug(int devfn) {
        PciDevice dev = devices[devfn];
        if (dev == null) {
            return null;
        }
        dev.deassertIntx();
        dev.detach();
        devices[devfn] = null;
        dev.unrealize();
        return dev;
    }

    public PciDevice device(int devfn) {
        return devfn < 0 || devfn >= DEVFN_COUNT ? null : devices[devfn];
    }

    /** The plugged functions in devfn order. */
    public List<PciDevice> devices() {
        List<PciDevice> out = new ArrayList<>();
        for (PciDevice d : devices) {
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    /** Resets every function on the bus. */
    public void reset() {
        for (PciDevice d : devices) {
            if (d != null) {
                d.reset();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // configuration transactions (3.2.2.3), decoded by the host bridge

    /**
     * Reads {@code len} bytes at {@code offset} of function {@code devfn}; an absent function reads all-ones, as
     * does an offset beyond the 256-byte space. An access running past the end is shortened to fit.
     */
    public long configRead(int devfn, int offset, int len) {
        PciDevice dev = device(devfn);
        if (dev == null || offset < 0 || offset >= PciRegs.CONFIG_SPACE_SIZE) {
            return 0xffff_ffffL;
        }
        return dev.configRead(offset, Math.min(len, PciRegs.CONFIG_SPACE_SIZE - offset));
    }

    /** Writes to function {@code devfn}; writes to an absent function are dropped. */
    public void configWrite(int devfn, int offset, long value, int len) {
        PciDevice dev = device(devfn);
        if (dev == null || offset < 0 || offset >= PciRegs.CONFIG_SPACE_SIZE) {
            return;
        }
        dev.configWrite(offset, value, Math.min(len, PciRegs.CONFIG_SPACE_SIZE - offset));
    }

    // ---------------------------------------------------------------------------------------------------------
    // INTx routing

    /**
     * Installs the board's INTx wiring: {@code map} picks one of {@code nirq} bus lines for a function's pin,
     * {@code sink} receives each line's level (line number, 0/1). PIIX3 installs it on pc.
     */
    public void setIrqRouting(int nirq, PciIntxMap map, IrqHandler sink) {
        this.intxMap = map;
        this.irqSink = sink;
        this.irqCount = new int[nirq];
    }

    /** Whether any function drives bus line {@code irq}. */
    public int irqLevel(int irq) {
        return irq >= 0 && irq < irqCount.length && irqCount[irq] != 0 ? 1 : 0;
    }

    /** A function's pin went up (+1) or down (-1): the count of its line changes, the sink hears the level. */
    void changeIrqLevel(int devfn, int pin, int change) {
        PciIntxMap map = intxMap;
        if (map == null) {
            return;
        }
        int irq = map.map(devfn, pin);
        if (irq < 0 || irq >= irqCount.length) {
            return;
        }
        irqCount[irq] += change;
        irqSink.setIrq(irq, irqCount[irq] != 0 ? 1 : 0);
    }
}
