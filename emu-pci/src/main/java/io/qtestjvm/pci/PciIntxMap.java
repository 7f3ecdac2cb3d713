package io.qtestjvm.pci;

/**
 * Maps a device's INTx pin (0 = INTA .. 3 = INTD) to one of the bus's interrupt lines, as QEMU's
 * {@code pci_map_irq_fn} (e.g. PIIX's {@code pci_slot_get_pirq}).
 */
@FunctionalInterface
public interface PciIntxMap {
    int map(int devfn, int pin);
}
