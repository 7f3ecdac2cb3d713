package io.qtestjvm.devices.x86;

import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;

/** The x86 I/O port space as qtest's {@code outb}/{@code inb} reach it: little-endian target, 64 KiB. */
final class PortIo {
    final MemoryRegion root = MemoryRegion.container("io", 0x10000);
    final AddressSpace as = AddressSpace.io("I/O", root, false);

    PortIo map(int port, MemoryRegion region) {
        root.addSubregion(port, region);
        return this;
    }

    void outb(int port, int v) {
        as.store(port, 1, v, false);
    }

    void outw(int port, int v) {
        as.store(port, 2, v, false);
    }

    void outl(int port, long v) {
        as.store(port, 4, v, false);
    }

    int inb(int port) {
        return (int) as.load(port, 1, false);
    }

    int inw(int port) {
        return (int) as.load(port, 2, false);
    }

    long inl(int port) {
        return as.load(port, 4, false);
    }
}
