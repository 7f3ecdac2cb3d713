package io.qtestjvm.pci;

import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

import java.util.function.Consumer;

/**
 * ACPI PCI hotplug as QEMU 7.2's PIIX4 PM does it ({@code acpi-pci-hotplug} at 0xae00, hw/acpi/pcihp.c,
 * docs/specs/acpi_pci_hotplug.rst), for the root bus only (bus selector 0; bridges are not modelled). 32-bit
 * registers, only 4-byte accesses are valid (others read 0 and are dropped):
 * <ul>
 * <li>0x00 PCI_UP: slots hot-added since the last read (read clears, as with bridge support on, the pc default)</li>
 * <li>0x04 PCI_DOWN: slots the host asked to remove ({@code device_del})</li>
 * <li>0x08 PCI_EJ: write a slot bitmap to eject the lowest slot in it; reads 0 (no features)</li>
 * <li>0x0c PCI_RMV: removable slots (a slot holding a function that is not hot-pluggable is not)</li>
 * <li>0x10 PCI_SEL: the bus selector; 0x14 PCI_AIDX: ACPI index (0: no device has one here)</li>
 * </ul>
 * A selector outside 0..255 makes every read 0; selectors 1..255 name no bus (RMV all-ones, nothing ejects).
 * Reset executes the pending removals first ({@code acpi_pcihp_update_hotplug_bus}), as QEMU does.
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
    static final int MAX_BSEL = 256;

    private final PciBus bus;
    private final AcpiGpe gpe;
    private final MemoryRegion region;
    private Consumer<PciDevice> ejector = d -> { };
    private int up;
    private int down;
    private int hotplugSelect;

    /**
     * @param bus the root bus (bus selector 0)
     * @param gpe where hotplug events are signalled (GPE status bit 1)
     */
    public AcpiPciHotplug(PciBus bus, AcpiGpe gpe) {
        this.bus = bus;
        this.gpe = gpe;
        this.region = MemoryRegion.io("acpi-pci-hotplug", LENGTH, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return readReg((int) offset) & 0xffff_ffffL;
            }

            @Override
            public void write(long offset, long value, int size) {
                writeReg((int) offset, (int) value);
            }
        }, AccessRules.sizes(4, 4, Endianness.LITTLE));
    }

    public MemoryRegion region() {
        return region;
    }

    /**
     * Who removes an ejected function (the board: it unplugs it from the bus, drops it from the QOM tree and
     * emits DEVICE_DELETED; {@code hotplug_handler_unplug} then {@code object_unparent}).
     */
    public void setEjector(Consumer<PciDevice> ejector) {
        this.ejector = ejector;
    }

    /** {@code acpi_pcihp_device_plug_cb} for a hot-added function: its slot goes up, a GPE event is sent. */
    public void plugged(PciDevice dev) {
        up |= 1 << PciRegs.slot(dev.devfn());
        gpe.raiseStatus(AcpiGpe.PCI_HOTPLUG_STATUS);
    }

    /** {@code acpi_pcihp_device_unplug_request_cb}: the slot is marked for removal, a GPE event is sent. */
    public void unplugRequest(PciDevice dev) {
        down |= 1 << PciRegs.slot(dev.devfn());
        gpe.raiseStatus(AcpiGpe.PCI_HOTPLUG_STATUS);
    }

    public int up() {
        return up;
    }

    public int down() {
        return down;
    }

    /** {@code acpi_pcihp_reset}: pending removals are carried out, the selector is kept. */
    public void reset() {
        while (down != 0) {
            ejectSlot(0, down);
        }
    }

    private int readReg(int offset) {
        int bsel = hotplugSelect;
        if (bsel < 0 || bsel >= MAX_BSEL) {
            return 0;
        }
        return switch (offset) {
            case PCI_UP -> {
                int v = bsel == 0 ? up : 0;
                if (bsel == 0) {
                    up = 0;
                }
                yield v;
            }
            case PCI_DOWN -> bsel == 0 ? down : 0;
            case PCI_RMV -> bsel == 0 ? removableSlots() : ~0;
            case PCI_SEL -> bsel;
            default -> 0; // PCI_EJ: no features; PCI_AIDX: no acpi-index
        };
    }

    private void writeReg(int offset, int value) {
        if (offset == PCI_EJ) {
            if (hotplugSelect >= 0 && hotplugSelect < MAX_BSEL) {
                ejectSlot(hotplugSelect, value);
            }
        } else if (offset == PCI_SEL) {
            hotplugSelect = value;
        }
    }

    /** The slot-removability bitmap ({@code hotplug_enable}): all ones but the slots of non-hot-pluggable parts. */
    private int removableSlots() {
        int rmv = ~0;
        for (PciDevice d : bus.devices()) {
            if (!d.hotpluggable()) {
                rmv &= ~(1 << PciRegs.slot(d.devfn()));
            }
        }
        return rmv;
    }

    /** {@code acpi_pcihp_eject_slot}: the lowest slot of {@code slots} is cleared and its functions removed. */
    private void ejectSlot(int bsel, int slots) {
        if (bsel != 0 || slots == 0) {
            return; // no bus behind other selectors; an empty bitmap names no slot
        }
        int slot = Integer.numberOfTrailingZeros(slots);
        down &= ~(1 << slot);
        up &= ~(1 << slot);
        for (int fn = 0; fn < 8; fn++) {
            PciDevice d = bus.device(PciRegs.devfn(slot, fn));
            if (d != null && d.hotpluggable()) {
                ejector.accept(d);
            }
        }
    }
}
