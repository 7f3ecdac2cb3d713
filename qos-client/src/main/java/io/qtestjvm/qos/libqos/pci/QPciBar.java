package io.qtestjvm.qos.libqos.pci;

/**
 * {@code QPCIBar} (tests/qtest/libqos/pci.h): where {@code qpci_iomap} put a BAR. I/O BARs are reached through the
 * bus' port accessors, memory BARs through guest-memory reads and writes.
 *
 * @param addr the port or guest-physical address the BAR was programmed with
 * @param size the BAR size found by writing all-ones
 * @param io   whether it is an I/O BAR
 */
public record QPciBar(long addr, long size, boolean io) {
}
