package io.qtestjvm.pci;

/**
 * The board's wiring of INTx pins (PCI Local Bus 3.0, 2.2.6): which of the bus's interrupt lines pin {@code pin}
 * (0 = INTA# .. 3 = INTD#) of the function at {@code devfn} drives (on pc: {@link Piix3Isa#slotToPirq}).
 */
@FunctionalInterface
public interface PciIntxMap {
    int map(int devfn, int pin);
}
