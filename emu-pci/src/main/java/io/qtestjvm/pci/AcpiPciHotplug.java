package io.qtestjvm.pci;

import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

import java.util.function.Consumer;

/**
 * The PCI hotplug register block QEMU's ACPI tables drive on PIIX4 ({@code acpi-pci-hotplug}, 0x18 bytes at 0xae00
 * on pc): not an industry standard but QEMU's own interface, documented by QEMU (docs/specs/acpi_pci_hotplug.rst)
 * and pinned here by observation of QEMU 7.2 ({@code PcHotplugTest}). Six 32-bit registers, each a bitmap of the 32
 * slots of the bus the selector names, or a number:
 * <ul>
 * <li>0x00 slots with a function added since the last read (a read returns and forgets them)</li>
 * <li>0x04 slots the host wants removed</li>
 * <li>0x08 eject: writing a bitmap removes the functions of its lowest slot; reads 0</li>
 * <li>0x0c removable slots: all but those holding a built-in function</li>
 * <li>0x10 bus selector; 0x14 ACPI index of the selected device (always 0 here)</li>
 * </ul>
 * Only 4-byte accesses are valid (others read 0 and are dropped). Only the root bus (selector 0) is modelled: a
 * selector of 1..255 names no bus (nothing added or removed, all slots removable, ejects do nothing), one outside
 * 0..255 makes every register read 0. A machine reset carries out the removals still pending.
 */
public final class AcpiPciHotplug {
    public static final int IO_BASE = 0xae00;
    public static final int LENGTH = 0x18;
    public static final int PCI_UP = 0x00;
    public static final int PCI_DOWN = 0x04;
    public static final int PCI_EJ = 0x08;
    public static final int PCI_RMV = 0x0c;
    public static final int PCI_SEL = 0x10;
    public static final int PCI_AIDX = 0x14;
    /** Selectors 0..255 name buses. */
    static final int MAX_BSEL = 256;
    private static final int ROOT_BUS = 0;
    private static final int FUNCTIONS_PER_SLOT = 8;

    private final PciBus bus;
    private final AcpiGpe gpe;
    private final MemoryRegion region;
    private Consumer<PciDevice> ejector = d -> { };
    /** Slots with a function added and not yet reported. */
    private int added;
    /** Slots whose removal the host requested and the guest has not ejected. */
    private int removalRequested;
    private int selector;

    /**
     * @param bus the root bus (selector 0)
     * @param gpe where each change is signalled (GPE0 status bit 1)
     */
    public AcpiPciHotplug(PciBus bus, AcpiGpe gpe) {
        this.bus = bus;
        this.gpe = gpe;
        this.region = MemoryRegion.io("acpi-pci-hotplug", LENGTH, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return guestRead((int) offset) & 0xffff_ffffL;
            }

            @Override
            public void write(long offset, long value, int size) {
                guestWrite((int) offset, (int) value);
            }
        }, AccessRules.sizes(4, 4, Endianness.LITTLE));
    }

    public MemoryRegion region() {
        return region;
    }

    /** Who takes an ejected function away (the board: off the bus, out of the QOM tree, DEVICE_DELETED). */
    public void setEjector(Consumer<PciDevice> ejector) {
        this.ejector = ejector;
    }

    /** A function was hot-added: its slot is reported as added and the guest is notified. */
    public void plugged(PciDevice dev) {
        added |= slotBit(dev);
        gpe.raiseStatus(AcpiGpe.PCI_HOTPLUG_STATUS);
    }

    /** The host asks for {@code dev}'s removal: its slot is reported and the guest is notified. */
    public void unplugRequest(PciDevice dev) {
        removalRequested |= slotBit(dev);
        gpe.raiseStatus(AcpiGpe.PCI_HOTPLUG_STATUS);
    }

    public int up() {
        return added;
    }

    public int down() {
        return removalRequested;
    }

    /** Machine reset: every requested removal happens now; the selector stays. */
    public void reset() {
        while (removalRequested != 0) {
            eject(ROOT_BUS, removalRequested);
        }
    }

    private static int slotBit(PciDevice dev) {
        return 1 << PciRegs.slot(dev.devfn());
    }

    private boolean selectorNamesABus() {
        return selector >= 0 && selector < MAX_BSEL;
    }

    private int guestRead(int offset) {
        if (!selectorNamesABus()) {
            return 0;
        }
        boolean root = selector == ROOT_BUS;
        switch (offset) {
            case PCI_UP -> {
                if (!root) {
                    return 0;
                }
                int reported = added;
                added = 0;
                return reported;
            }
            case PCI_DOWN -> {
                return root ? removalRequested : 0;
            }
            case PCI_RMV -> {
                return root ? removableSlots() : -1;
            }
            case PCI_SEL -> {
                return selector;
            }
            default -> {
                return 0;
            }
        }
    }

    private void guestWrite(int offset, int value) {
        if (offset == PCI_SEL) {
            selector = value;
        } else if (offset == PCI_EJ && selectorNamesABus()) {
            eject(selector, value);
        }
    }

    /** Every slot but those holding a function that is built into the board. */
    private int removableSlots() {
        int removable = -1;
        for (PciDevice d : bus.devices()) {
            if (!d.hotpluggable()) {
                removable &= ~slotBit(d);
            }
        }
        return removable;
    }

    /** Removes the removable functions of the lowest slot in {@code slots} on bus {@code busSelector}. */
    private void eject(int busSelector, int slots) {
        if (busSelector != ROOT_BUS || slots == 0) {
            return;
        }
        int slot = Integer.numberOfTrailingZeros(slots);
        removalRequested &= ~(1 << slot);
        added &= ~(1 << slot);
        for (int fn = 0; fn < FUNCTIONS_PER_SLOT; fn++) {
            PciDevice d = bus.device(PciRegs.devfn(slot, fn));
            if (d != null && d.hotpluggable()) {
                ejector.accept(d);
            }
        }
    }
}
