package io.qtestjvm.pci;

import io.qtestjvm.core.Irq;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;

/**
 * A pc-like machine for the tests: 128 MiB RAM at 0 in system memory, the PCI memory container under it at
 * priority -1 (as pc_pci_as_mapping_init), a 64 KiB port space, the i440FX host with the functions QEMU 7.2's
 * pc shows at 00.0, 01.0, 01.1, 01.3, 02.0 and 03.0, and 16 recorded ISA IRQ lines. Drives config space through
 * ports 0xcf8/0xcfc as qtest's outl/inl do.
 */
final class PcTopology {
    static final long RAM_SIZE = 128L << 20;

    final MemoryRegion system = MemoryRegion.containerOfWholeSpace("system");
    final MemoryRegion pciMemory = MemoryRegion.containerOfWholeSpace("pci");
    final MemoryRegion io = MemoryRegion.container("io", 0x10000);
    final AddressSpace memory = AddressSpace.memory("memory", system, false);
    final AddressSpace ports = AddressSpace.io("I/O", io, false);
    final int[] isaLevels = new int[16];
    final Irq[] isaIrqs = new Irq[16];
    final I440fxHost host;
    final Piix3Isa piix3;
    int resetRequests;

    PcTopology() {
        system.addSubregion(0, MemoryRegion.ram("pc.ram", RAM_SIZE));
        system.addSubregionOverlap(0, pciMemory, -1);
        for (int i = 0; i < 16; i++) {
            isaIrqs[i] = new Irq((n, level) -> isaLevels[n] = level, i);
        }
        host = new I440fxHost(pciMemory, io, memory, RAM_SIZE);
        host.realize();
        piix3 = new Piix3Isa(isaIrqs, () -> resetRequests++);
        bus().plug(piix3, PciRegs.devfn(1, 0));
        bus().plug(new Piix3Ide(), PciRegs.devfn(1, 1));
        bus().plug(new Piix4Pm(0xb100), PciRegs.devfn(1, 3));
        bus().plug(new VgaPci(), PciRegs.devfn(2, 0));
        bus().plug(new E1000Pci(), PciRegs.devfn(3, 0));
    }

    PciBus bus() {
        return host.bus();
    }

    void outl(int port, long value) {
        ports.store(port, 4, value, false);
    }

    void outw(int port, long value) {
        ports.store(port, 2, value, false);
    }

    void outb(int port, long value) {
        ports.store(port, 1, value, false);
    }

    long inl(int port) {
        return ports.load(port, 4, false);
    }

    long inw(int port) {
        return ports.load(port, 2, false);
    }

    long inb(int port) {
        return ports.load(port, 1, false);
    }

    /** libqos' qpci_pc_config_read*: latch bus 0, devfn, offset (not dword aligned), then read 0xcfc. */
    long cfgRead(int devfn, int offset, int size) {
        outl(0xcf8, 0x8000_0000L | (devfn << 8) | offset);
        return ports.load(0xcfc, size, false);
    }

    void cfgWrite(int devfn, int offset, int size, long value) {
        outl(0xcf8, 0x8000_0000L | (devfn << 8) | offset);
        ports.store(0xcfc, size, value, false);
    }
}
