package io.qtestjvm.pci;

import io.qtestjvm.core.Device;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The host bridge of the 82441FX PMC ({@code i440FX-pcihost}): configuration mechanism #1 (PCI Local Bus
 * Specification 3.0, 3.2.2.3.2; 82441FX data sheet CONFADD/CONFDATA) on ports 0xcf8 (CONFIG_ADDRESS,
 * {@code pci-conf-idx}) and 0xcfc (CONFIG_DATA, {@code pci-conf-data}), the root bus {@code pci.0}, and the
 * 82441FX's own function at 00.0.
 *
 * <p>CONFIG_ADDRESS: bit 31 enable, 23:16 bus, 15:11 device, 10:8 function, 7:2 register. As QEMU 7.2 decodes it
 * ({@code ConfigMechanismTest}): only a 4-byte write at 0xcf8 latches it and any read there returns it; a data-port
 * access at 0xcfc + n addresses the latched register offset plus n (the low two bits of the latched value count
 * too); with bit 31 clear the data port reads all-ones and drops writes; bus numbers other than 0 have no
 * functions; a reset keeps the latched address. {@link #doRealize()} maps both ports into the I/O space.
 */
public final class I440fxHost extends Device {
    public static final String TYPE = "i440FX-pcihost";
    public static final String BUS_NAME = "pci.0";
    public static final int CONFIG_ADDRESS_PORT = 0xcf8;
    public static final int CONFIG_DATA_PORT = 0xcfc;

    private final MemoryRegion io;
    private final PciBus bus;
    private final I440fxPciDevice i440fx;
    private final MemoryRegion confRegion;
    private final MemoryRegion dataRegion;
    private int latchedAddress;

    /**
     * @param pciMemory the PCI memory container (the board maps it under system memory)
     * @param io        the I/O port container; the ports go there on realize, and I/O BARs
     * @param dmaSpace  where bus-master DMA goes (system memory on pc)
     * @param ramSize   guest RAM size, shown in the i440FX's coreboot register 0x57
     */
    public I440fxHost(MemoryRegion pciMemory, MemoryRegion io, AddressSpace dmaSpace, long ramSize) {
        super(TYPE);
        this.io = io;
        this.bus = addChild(BUS_NAME, new PciBus(pciMemory, io, dmaSpace, 0));
        this.i440fx = new I440fxPciDevice(ramSize);
        AccessRules le = AccessRules.of(Endianness.LITTLE);
        this.confRegion = MemoryRegion.io("pci-conf-idx", 4, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return latchedAddress & 0xffff_ffffL;
            }

            @Override
            public void write(long offset, long value, int size) {
                if (offset == 0 && size == 4) {
                    latchedAddress = (int) value;
                }
            }
        }, le);
        this.dataRegion = MemoryRegion.io("pci-conf-data", 4, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return dataRead(offset, size);
            }

            @Override
            public void write(long offset, long value, int size) {
                dataWrite(offset, value, size);
            }
        }, le);
    }

    public PciBus bus() {
        return bus;
    }

    /** The i440FX function at 00.0. */
    public I440fxPciDevice i440fx() {
        return i440fx;
    }

    /** The 0xcf8 region, for boards that map it themselves. */
    public MemoryRegion confRegion() {
        return confRegion;
    }

    public MemoryRegion dataRegion() {
        return dataRegion;
    }

    /** The latched CONFIG_ADDRESS. */
    public int configAddress() {
        return latchedAddress;
    }

    @Override
    protected void doRealize() {
        io.addSubregion(CONFIG_ADDRESS_PORT, confRegion);
        io.addSubregion(CONFIG_DATA_PORT, dataRegion);
        bus.plug(i440fx, 0);
    }

    /** Resets every function of {@code pci.0}; the latched CONFIG_ADDRESS stays. */
    @Override
    public void reset() {
        bus.reset();
    }

    private long dataRead(long port, int size) {
        int addr = latchedAddress;
        if (addr >= 0) { // bit 31 clear
            return 0xffff_ffffL;
        }
        addr |= (int) (port & 3);
        if (((addr >>> 16) & 0xff) != 0) {
            return 0xffff_ffffL;
        }
        return bus.configRead((addr >>> 8) & 0xff, addr & 0xff, size);
    }

    private void dataWrite(long port, long value, int size) {
        int addr = latchedAddress;
        if (addr >= 0) {
            return;
        }
        addr |= (int) (port & 3);
        if (((addr >>> 16) & 0xff) != 0) {
            return;
        }
        bus.configWrite((addr >>> 8) & 0xff, addr & 0xff, value, size);
    }
}
