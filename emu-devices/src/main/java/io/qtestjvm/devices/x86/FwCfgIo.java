package io.qtestjvm.devices.x86;

import static io.qtestjvm.devices.x86.FwCfgLayout.ACCESS_ADDRESS;
import static io.qtestjvm.devices.x86.FwCfgLayout.ACCESS_CONTROL;
import static io.qtestjvm.devices.x86.FwCfgLayout.ACCESS_LENGTH;
import static io.qtestjvm.devices.x86.FwCfgLayout.ACCESS_SIZE;
import static io.qtestjvm.devices.x86.FwCfgLayout.CTL_SELECTOR_SHIFT;
import static io.qtestjvm.devices.x86.FwCfgLayout.DMA_HIGH_HALF;
import static io.qtestjvm.devices.x86.FwCfgLayout.DMA_LOW_HALF;
import static io.qtestjvm.devices.x86.FwCfgLayout.DMA_REGISTER_SIZE;
import static io.qtestjvm.devices.x86.FwCfgLayout.FEATURE_DMA;
import static io.qtestjvm.devices.x86.FwCfgLayout.FEATURE_TRADITIONAL;
import static io.qtestjvm.devices.x86.FwCfgLayout.PORTS;
import static io.qtestjvm.devices.x86.FwCfgLayout.SELECTOR_PORT;

import io.qtestjvm.core.Device;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The firmware configuration device on x86 I/O ports ({@code fw_cfg_io}, at {@code /machine/fw_cfg}), following
 * QEMU's public specification docs/specs/fw_cfg.rst (layout in {@link FwCfgLayout}): the selector at 0x510 picks
 * an item and rewinds its data offset, the data register at 0x511 returns the item's bytes in order, and the DMA
 * address register at 0x514 takes the guest address of an access structure that reads, skips or writes an item in
 * one go. The items and the file directory are {@link FwCfgItems}.
 *
 * <p>Behaviour of QEMU 7.2 the specification leaves open, reproduced here ({@code FwCfgIoTest}):
 * <ul>
 *   <li>Only byte reads (at either port, both read the data register) and 16-bit writes of the selector are
 *       accepted: a 16-bit read of 0x510 answers 0 and consumes nothing, byte writes are ignored (data-register
 *       writes ended in QEMU 2.4); reads past an item's end, or with a selector beyond the item tables, give 0.
 *       </li>
 *   <li>The DMA address register accepts 32-bit writes at 0x514 and 0x518 and 64-bit writes at 0x514, and reads
 *       its signature; the address is cleared once a transfer has run.</li>
 *   <li>A transfer does one operation: read if its bit is set, else write, else skip. Reads past the end (or
 *       without an item) fill zeros; a write must fit in a writable item; an access structure outside memory
 *       ends the transfer with the error bit.</li>
 * </ul>
 */
public final class FwCfgIo extends Device {
    public static final String TYPE = "fw_cfg_io";
    public static final int IO_BASE = 0x510;
    public static final int DMA_IO_BASE = 0x514;

    static final int DMA_CTL_ERROR = FwCfgLayout.CTL_ERROR;
    static final int DMA_CTL_READ = FwCfgLayout.CTL_READ;
    static final int DMA_CTL_SKIP = FwCfgLayout.CTL_SKIP;
    static final int DMA_CTL_SELECT = FwCfgLayout.CTL_SELECT;
    static final int DMA_CTL_WRITE = FwCfgLayout.CTL_WRITE;

    private final FwCfgItems items = new FwCfgItems();
    private final AddressSpace dmaSpace;
    private final MemoryRegion ports;
    private final MemoryRegion dmaPorts;
    /** The selected item's key ({@link FwCfgItems#INVALID} beyond the tables) and the data offset. */
    private int selector;
    private int offset;
    private long accessAddress;

    /** @param dmaAs the address space DMA reaches (system memory on pc), or null for no DMA interface */
    public FwCfgIo(AddressSpace dmaAs) {
        super(TYPE);
        this.dmaSpace = dmaAs;
        this.ports = MemoryRegion.io("fwcfg", PORTS, new Ports(), AccessRules.of(Endianness.LITTLE));
        this.dmaPorts = dmaAs == null ? null : MemoryRegion.io("fwcfg.dma", DMA_REGISTER_SIZE, new DmaPorts(),
                new AccessRules(1, 8, false, 1, 8, Endianness.BIG));
        // the items every fw_cfg device carries ("Firmware Configuration Items")
        items.addBytes(FwCfgItems.SIGNATURE, new byte[] {'Q', 'E', 'M', 'U'});
        items.addBytes(FwCfgItems.UUID, new byte[16]);
        items.addI16(FwCfgItems.NOGRAPHIC, 0);
        items.addI16(FwCfgItems.BOOT_MENU, 0);
        items.addFile("etc/boot-fail-wait", FwCfgItems.le(-1, 4)); // no -boot reboot-timeout: wait forever
        items.addI32(FwCfgItems.ID, dmaAs == null ? FEATURE_TRADITIONAL : FEATURE_TRADITIONAL | FEATURE_DMA);
    }

    /** The items; add to them as the board's fw_cfg set-up does. */
    public FwCfgItems items() {
        return items;
    }

    /** The pc items qtest relies on: RAM size and the boot and maximum CPU counts. */
    public void addMachineItems(long ramSize, int bootCpus, int maxCpus) {
        items.addI16(FwCfgItems.NB_CPUS, bootCpus);
        items.addI16(FwCfgItems.MAX_CPUS, maxCpus);
        items.addI64(FwCfgItems.RAM_SIZE, ramSize);
    }

    /**
     * The VM's identity and boot settings: the UUID item, the boot-menu flag, {@code etc/boot-menu-wait} (16-bit
     * little-endian ms, present only when a splash time was given, {@code splashTime >= 0}) and
     * {@code etc/boot-fail-wait} (32-bit little-endian ms, -1 for never).
     */
    public void setBootOptions(byte[] uuid, boolean bootMenu, int splashTime, int rebootTimeout) {
        items.modifyBytes(FwCfgItems.UUID, uuid.clone());
        items.modifyBytes(FwCfgItems.BOOT_MENU, FwCfgItems.le(bootMenu ? 1 : 0, 2));
        if (splashTime >= 0) {
            items.addFile("etc/boot-menu-wait", FwCfgItems.le(splashTime, 2));
        }
        items.modifyFile("etc/boot-fail-wait", FwCfgItems.le(rebootTimeout, 4));
    }

    /** Ports 0x510-0x511: selector and data. */
    public MemoryRegion ioRegion() {
        return ports;
    }

    /** Ports 0x514-0x51b: the DMA address register, or null without DMA. */
    public MemoryRegion dmaRegion() {
        return dmaPorts;
    }

    /** Reset selects the signature. */
    @Override
    public void reset() {
        select(FwCfgItems.SIGNATURE);
    }

    private void select(int key) {
        selector = FwCfgItems.validKey(key) ? key : FwCfgItems.INVALID;
        offset = 0;
    }

    /** The selected item's bytes, or null. */
    private byte[] item() {
        return selector == FwCfgItems.INVALID ? null : items.get(selector);
    }

    /** "Data Register": the byte at the data offset, which then advances; 0 past the end. */
    private int readData() {
        byte[] data = item();
        if (data == null || offset >= data.length) {
            return 0;
        }
        return data[offset++] & 0xff;
    }

    /** "Guest-side DMA Interface": runs the access structure at {@code at}, then writes back its control field. */
    private void runDmaAccess(long at) {
        if (!dmaSpace.isAssigned(at, ACCESS_SIZE)) {
            dmaSpace.store(at + ACCESS_CONTROL, 4, DMA_CTL_ERROR, true);
            return;
        }
        int control = (int) dmaSpace.load(at + ACCESS_CONTROL, 4, true);
        long length = dmaSpace.load(at + ACCESS_LENGTH, 4, true);
        long address = dmaSpace.load(at + ACCESS_ADDRESS, 8, true);
        if ((control & DMA_CTL_SELECT) != 0) {
            select(control >>> CTL_SELECTOR_SHIFT);
        }
        boolean ok;
        if ((control & DMA_CTL_READ) != 0) {
            ok = readInto(address, length);
        } else if ((control & DMA_CTL_WRITE) != 0) {
            ok = writeFrom(address, length);
        } else if ((control & DMA_CTL_SKIP) != 0) {
            ok = skip(length);
        } else {
            ok = true;
        }
        dmaSpace.store(at + ACCESS_CONTROL, 4, ok ? 0 : DMA_CTL_ERROR, true);
    }

    /** Copies {@code length} bytes of the item to guest memory, zeros past its end. */
    private boolean readInto(long address, long length) {
        byte[] data = item();
        boolean ok = true;
        long done = 0;
        if (data != null && offset < data.length && length > 0) {
            int n = (int) Math.min(length, data.length - offset);
            ok = dmaSpace.isAssigned(address, n);
            dmaSpace.write(address, data, offset, n);
            offset += n;
            done = n;
        }
        if (ok && done < length) {
            ok = dmaSpace.isAssigned(address + done, length - done);
            dmaSpace.fill(address + done, length - done, (byte) 0);
        }
        return ok;
    }

    /**
     * Stores {@code length} guest bytes into a writable item; the whole write must fit. A refused write still
     * moves the data offset over the part of the item it covers.
     */
    private boolean writeFrom(long address, long length) {
        if (length == 0) {
            return true;
        }
        byte[] data = item();
        if (data == null || offset >= data.length) {
            return false;
        }
        int n = (int) Math.min(length, data.length - offset);
        boolean ok = items.writable(selector) && n == length && dmaSpace.isAssigned(address, n);
        if (ok) {
            dmaSpace.read(address, data, offset, n);
        }
        offset += n;
        return ok;
    }

    /** Advances the data offset by {@code length}, stopping at the item's end. */
    private boolean skip(long length) {
        byte[] data = item();
        if (data != null && offset < data.length) {
            offset += (int) Math.min(length, data.length - offset);
        }
        return true;
    }

    private final class Ports implements MmioOps {
        @Override
        public long read(long port, int size) {
            return size == 1 ? readData() : 0; // a byte read at either port reads the data register
        }

        @Override
        public void write(long port, long value, int size) {
            if (port == SELECTOR_PORT && size == 2) {
                select((int) value & 0xffff);
            }
        }
    }

    private final class DmaPorts implements MmioOps {
        @Override
        public long read(long at, int size) {
            long v = FwCfgLayout.DMA_SIGNATURE >>> (8 * (DMA_REGISTER_SIZE - at - size));
            return size == 8 ? v : v & ((1L << (8 * size)) - 1);
        }

        @Override
        public void write(long at, long value, int size) {
            if (size == 4 && at == DMA_HIGH_HALF) {
                accessAddress = value << 32;
            } else if (size == 4 && at == DMA_LOW_HALF) {
                start(accessAddress | (value & 0xffff_ffffL));
            } else if (size == 8 && at == DMA_HIGH_HALF) {
                start(value);
            }
        }

        private void start(long at) {
            accessAddress = 0;
            runDmaAccess(at);
        }
    }
}
