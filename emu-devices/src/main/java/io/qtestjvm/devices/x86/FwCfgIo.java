package io.qtestjvm.devices.x86;

import io.qtestjvm.core.Device;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The firmware configuration device on I/O ports (QOM type {@code fw_cfg_io}, at {@code /machine/fw_cfg}), as QEMU
 * 7.2's hw/nvram/fw_cfg.c models it with {@code fw_cfg_init_io_dma}: a 2-byte "fwcfg" region at 0x510 where a
 * 16-bit write selects an item and 8-bit reads of 0x511 return its bytes in order (0 past the end), and an 8-byte
 * big-endian "fwcfg.dma" region at 0x514 holding the address of an {@code FWCfgDmaAccess} (control, length,
 * address; big-endian) in the DMA address space: writing its low half (or all 8 bytes) runs the transfer.
 *
 * <p>QEMU's {@code valid.accepts} callbacks are enforced in the handlers: on "fwcfg" only byte accesses and 16-bit
 * writes are valid (a 16-bit read answers 0 without consuming data); on "fwcfg.dma" writes must be 32-bit at 0 or
 * 4 or 64-bit at 0, and reads return the "QEMU CFG" signature.
 *
 * <p>Wiring: map {@link #ioRegion()} at {@link #IO_BASE} and {@link #dmaRegion()} at {@link #DMA_IO_BASE} in the I/O
 * space; add items through {@link #items()} (or {@link #addMachineItems}).
 */
public final class FwCfgIo extends Device {
    public static final String TYPE = "fw_cfg_io";
    public static final int IO_BASE = 0x510;
    public static final int DMA_IO_BASE = 0x514;

    static final int VERSION = 0x01;
    static final int VERSION_DMA = 0x02;
    static final int DMA_CTL_ERROR = 0x01;
    static final int DMA_CTL_READ = 0x02;
    static final int DMA_CTL_SKIP = 0x04;
    static final int DMA_CTL_SELECT = 0x08;
    static final int DMA_CTL_WRITE = 0x10;
    /** "QEMU CFG", what the DMA register reads as. */
    static final long DMA_SIGNATURE = 0x51454d5520434647L;

    private final FwCfgItems items = new FwCfgItems();
    private final AddressSpace dmaAs;
    private final MemoryRegion io;
    private final MemoryRegion dma;
    private int curEntry;
    private int curOffset;
    private long dmaAddr;

    /** @param dmaAs the address space DMA transfers use (system memory on pc), or null for no DMA interface */
    public FwCfgIo(AddressSpace dmaAs) {
        super(TYPE);
        this.dmaAs = dmaAs;
        // fw_cfg_comb_mem_ops: QEMU's default sizes, little-endian; validity checked in the handlers
        this.io = MemoryRegion.io("fwcfg", 2, new CombOps(), AccessRules.of(Endianness.LITTLE));
        // fw_cfg_dma_mem_ops: up to 8 bytes, big-endian
        this.dma = dmaAs == null ? null
                : MemoryRegion.io("fwcfg.dma", 8, new DmaOps(), new AccessRules(1, 8, false, 1, 8, Endianness.BIG));
        // fw_cfg_common_realize: items every fw_cfg has
        items.addBytes(FwCfgItems.SIGNATURE, new byte[] {'Q', 'E', 'M', 'U'});
        items.addBytes(FwCfgItems.UUID, new byte[16]);
        items.addI16(FwCfgItems.NOGRAPHIC, 0);
        items.addI16(FwCfgItems.BOOT_MENU, 0);
        // fw_cfg_reboot: no -boot reboot-timeout means -1
        items.addFile("etc/boot-fail-wait", FwCfgItems.le(-1, 4));
        items.addI32(FwCfgItems.ID, dmaAs == null ? VERSION : VERSION | VERSION_DMA);
    }

    /** The items; add to them as the board's fw_cfg set-up does. */
    public FwCfgItems items() {
        return items;
    }

    /** The items hw/i386/fw_cfg.c's {@code fw_cfg_arch_create} adds that qtest relies on (RAM size, CPU counts). */
    public void addMachineItems(long ramSize, int bootCpus, int maxCpus) {
        items.addI16(FwCfgItems.NB_CPUS, bootCpus);
        items.addI16(FwCfgItems.MAX_CPUS, maxCpus);
        items.addI64(FwCfgItems.RAM_SIZE, ramSize);
    }

    /** Ports 0x510-0x511 ("fwcfg"). */
    public MemoryRegion ioRegion() {
        return io;
    }

    /** Ports 0x514-0x51b ("fwcfg.dma"), or null when DMA is disabled. */
    public MemoryRegion dmaRegion() {
        return dma;
    }

    /** {@code fw_cfg_reset}: the signature is selected. */
    @Override
    public void reset() {
        select(FwCfgItems.SIGNATURE);
    }

    /** {@code fw_cfg_select}: an out-of-range key selects nothing; reads then give 0. */
    private void select(int key) {
        curOffset = 0;
        curEntry = FwCfgItems.validKey(key) ? key : FwCfgItems.INVALID;
    }

    private byte[] current() {
        return curEntry == FwCfgItems.INVALID ? null : items.get(curEntry);
    }

    /** {@code fw_cfg_data_read}: the next {@code size} bytes as a big-endian number, zero-padded at the end. */
    private long dataRead(int size) {
        byte[] e = current();
        long value = 0;
        if (e != null && curOffset < e.length) {
            int left = size;
            do {
                value = (value << 8) | (e[curOffset++] & 0xff);
            } while (--left > 0 && curOffset < e.length);
            value <<= 8 * left;
        }
        return value;
    }

    /** {@code fw_cfg_dma_transfer}: runs the FWCfgDmaAccess at the address just written; never throws. */
    private void dmaTransfer() {
        long descAddr = dmaAddr;
        dmaAddr = 0; // reset before the next access
        if (!dmaAs.isAssigned(descAddr, 16)) {
            dmaAs.store(descAddr, 4, DMA_CTL_ERROR, true);
            return;
        }
        int control = (int) dmaAs.load(descAddr, 4, true);
        long length = dmaAs.load(descAddr + 4, 4, true);
        long address = dmaAs.load(descAddr + 8, 8, true);

        if ((control & DMA_CTL_SELECT) != 0) {
            select(control >>> 16);
        }
        boolean read = false;
        boolean write = false;
        if ((control & DMA_CTL_READ) != 0) {
            read = true;
        } else if ((control & DMA_CTL_WRITE) != 0) {
            write = true;
        } else if ((control & DMA_CTL_SKIP) == 0) {
            length = 0;
        }
        int status = 0;
        byte[] e = current();
        while (length > 0 && (status & DMA_CTL_ERROR) == 0) {
            long len;
            if (e == null || curOffset >= e.length) {
                // past the item (or none selected): reads fill zeros, writes fail, skips just advance
                len = length;
                if (read) {
                    if (!dmaAs.isAssigned(address, len)) {
                        status |= DMA_CTL_ERROR;
                    }
                    dmaAs.fill(address, len, (byte) 0);
                }
                if (write) {
                    status |= DMA_CTL_ERROR;
                }
            } else {
                len = Math.min(length, e.length - curOffset);
                if (read) {
                    if (!dmaAs.isAssigned(address, len)) {
                        status |= DMA_CTL_ERROR;
                    }
                    dmaAs.write(address, e, curOffset, (int) len);
                }
                if (write) {
                    if (!items.writable(curEntry) || len != length || !dmaAs.isAssigned(address, len)) {
                        status |= DMA_CTL_ERROR;
                    } else {
                        dmaAs.read(address, e, curOffset, (int) len);
                    }
                }
                curOffset += (int) len;
            }
            address += len;
            length -= len;
        }
        dmaAs.store(descAddr, 4, status & 0xffff_ffffL, true);
    }

    /** "fwcfg": selector (16-bit writes) and data (byte reads). */
    private final class CombOps implements MmioOps {
        @Override
        public long read(long offset, int size) {
            return size == 1 ? dataRead(1) : 0; // fw_cfg_comb_valid rejects wider reads
        }

        @Override
        public void write(long offset, long value, int size) {
            if (size == 2) {
                select((int) value & 0xffff);
            }
            // byte writes: the data register lost write support in QEMU 2.4
        }
    }

    /** "fwcfg.dma": the big-endian 64-bit address of the access structure. */
    private final class DmaOps implements MmioOps {
        @Override
        public long read(long offset, int size) {
            int shift = (int) (8 - offset - size) * 8;
            long v = DMA_SIGNATURE >>> shift;
            return size == 8 ? v : v & ((1L << (size * 8)) - 1);
        }

        @Override
        public void write(long offset, long value, int size) {
            if (size == 4 && offset == 0) {
                dmaAddr = value << 32;
            } else if (size == 4 && offset == 4) {
                dmaAddr |= value & 0xffff_ffffL;
                dmaTransfer();
            } else if (size == 8 && offset == 0) {
                dmaAddr = value;
                dmaTransfer();
            }
        }
    }
}
