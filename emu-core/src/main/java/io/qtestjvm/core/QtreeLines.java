package io.qtestjvm.core;

/**
 * What {@code info qtree} prints for an object of a type beyond its GPIO lists and properties: for a device the
 * lines its bus adds (a PCI function's address, ids and BARs; a system-bus device's MMIO windows) and the buses it
 * provides (the ISA bus below a south bridge); for a bus the devices on it. The printer calls the hooks of a type's
 * whole lineage, root first, so a hook set on {@code pci-device} serves every PCI function.
 */
@FunctionalInterface
public interface QtreeLines {
    void print(QomObject obj, QtreeSink out);
}
