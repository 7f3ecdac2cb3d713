package io.qtestjvm.devices.arm;

import io.qtestjvm.core.Device;
import io.qtestjvm.devices.x86.FwCfgItems;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The firmware configuration device's memory-mapped front end ({@code fw_cfg_mem}, at {@code /machine/fw_cfg}) as
 * QEMU's docs/specs/fw_cfg.rst describes it for arm: an 8-byte data register at +0 ({@code fwcfg.data}), the 16-bit
 * big-endian selector at +8 ({@code fwcfg.ctl}) and the 64-bit big-endian DMA address register at +16
 * ({@code fwcfg.dma}), over the item store {@link FwCfgItems}.
 *
 * <p>Data register ("Data Register" in the spec): a read of 1, 2, 4 or 8 bytes returns the next bytes of the
 * selected item in order (a string reads as a string whatever the width), zeros past its end; writes are ignored
 * (data writes were removed in QEMU 2.4). Selector ("Selector Register"): only a 16-bit write is accepted, and
 * selects an item and rewinds it; reads answer 0. DMA ("DMA Address Register", "DMA interface"): reads give the
 * signature "QEMU CFG"; writing the low 32 bits, or all 64, runs the {@code FWCfgDmaAccess} at that address:
 * big-endian control (error 0x01, read 0x02, skip 0x04, select 0x08 with the key in bits 31:16, write 0x10),
 * length and address; the control word is then written back with 0, or with the error bit on failure.
 *
 * <p>Observed on Debian's QEMU 7.2 (pinned by {@code VirtBoardTest} and the {@code fw-cfg-dma} recording): 1- and
 * 4-byte writes to the selector are dropped, the data stream carries on; {@code readq} of the signature gives "QEMU"
 * then four zero bytes. The selector region is 4 bytes wide here (see the constructor) where QEMU's {@code info mtree}
 * shows 2.
 */
public final class FwCfgMmio extends Device {
    public static final String TYPE = "fw_cfg_mem";
    public static final long CTL_OFFSET = 8;
    public static final long DMA_OFFSET = 16;
    static final int VERSION = 0x01;
    static final int VERSION_DMA = 0x02;
    static final int DMA_CTL_ERROR = 0x01;
    static final int DMA_CTL_READ = 0x02;
    static final int DMA_CTL_SKIP = 0x04;
    static final int DMA_CTL_SELECT = 0x08;
    static final int DMA_CTL_WRITE = 0x10;
    /** "QEMU CFG" as a big-endian number. */
    static final long DMA_SIGNATURE = 0x51454d5520434647L;

    private final FwCfgItems items = new FwCfgItems();
    private final AddressSpace dmaAs;
    private final MemoryRegion data;
    private final MemoryRegion ctl;
    private final MemoryRegion dma;
    private int key;
    private int offset;
    private long dmaAddress;

    /** @param dmaAs where DMA transfers go (system memory) */
    public FwCfgMmio(AddressSpace dmaAs) {
        super(TYPE);
        this.dmaAs = dmaAs;
        this.data = MemoryRegion.io("fwcfg.data", 8, new MmioOps() {
            @Override
            public long read(long off, int size) {
                return nextBytes(size);
            }

            @Override
            public void write(long off, long value, int size) {
            }
        }, new AccessRules(1, 8, false, 1, 8, Endianness.BIG));
        // 4 bytes, not QEMU's 2: QEMU hands a wider access whole to the MMIO region it starts in (the selector
        // then refuses it), while emu-memory's system address space cuts it at the region's end, which would turn
        // a 4-byte write into an accepted 2-byte one; the 2 bytes after the selector read 0 and drop writes, as
        // QEMU's unassigned addresses there do
        this.ctl = MemoryRegion.io("fwcfg.ctl", 4, new MmioOps() {
            @Override
            public long read(long off, int size) {
                return 0;
            }

            @Override
            public void write(long off, long value, int size) {
                if (size == 2 && off == 0) {
                    select((int) value & 0xffff); // only 16-bit writes are accepted
                }
            }
        }, new AccessRules(1, 4, false, 1, 4, Endianness.BIG));
        this.dma = MemoryRegion.io("fwcfg.dma", 8, new MmioOps() {
            @Override
            public long read(long off, int size) {
                long v = DMA_SIGNATURE >>> ((8 - off - size) * 8);
                return size == 8 ? v : v & ((1L << (size * 8)) - 1);
            }

            @Override
            public void write(long off, long value, int size) {
                dmaWrite(off, value, size);
            }
        }, new AccessRules(1, 8, false, 1, 8, Endianness.BIG));
        // items every fw_cfg has (fw_cfg.rst "Selector Register" keys 0x00-0x0e), DMA advertised in the ID
        items.addBytes(FwCfgItems.SIGNATURE, new byte[] {'Q', 'E', 'M', 'U'});
        items.addBytes(FwCfgItems.UUID, new byte[16]);
        items.addI16(FwCfgItems.NOGRAPHIC, 0);
        items.addI16(FwCfgItems.BOOT_MENU, 0);
        items.addI32(FwCfgItems.ID, VERSION | VERSION_DMA);
    }

    public FwCfgItems items() {
        return items;
    }

    public MemoryRegion dataRegion() {
        return data;
    }

    public MemoryRegion ctlRegion() {
        return ctl;
    }

    public MemoryRegion dmaRegion() {
        return dma;
    }

    /** The signature item is selected after reset. */
    @Override
    public void reset() {
        select(FwCfgItems.SIGNATURE);
        dmaAddress = 0;
    }

    private void select(int k) {
        offset = 0;
        key = FwCfgItems.validKey(k) ? k : FwCfgItems.INVALID;
    }

    private byte[] current() {
        return key == FwCfgItems.INVALID ? null : items.get(key);
    }

    /** The next {@code size} bytes as a big-endian number, zero-padded past the end. */
    private long nextBytes(int size) {
        byte[] e = current();
        long v = 0;
        for (int i = 0; i < size; i++) {
            int b = e != null && offset < e.length ? e[offset++] & 0xff : 0;
            v = (v << 8) | b;
        }
        return v;
    }

    private void dmaWrite(long off, long value, int size) {
        if (size == 8 && off == 0) {
            dmaAddress = value;
            transfer();
        } else if (size == 4 && off == 0) {
            dmaAddress = value << 32;
        } else if (size == 4 && off == 4) {
            dmaAddress |= value & 0xffff_ffffL;
            transfer();
        }
    }

    /** fw_cfg.rst "DMA interface": runs one FWCfgDmaAccess; failures set the error bit, never throw. */
    private void transfer() {
        long desc = dmaAddress;
        dmaAddress = 0;
        if (!dmaAs.isAssigned(desc, 16)) {
            return;
        }
        int control = (int) dmaAs.load(desc, 4, true);
        long length = dmaAs.load(desc + 4, 4, true);
        long address = dmaAs.load(desc + 8, 8, true);
        if ((control & DMA_CTL_SELECT) != 0) {
            select(control >>> 16);
        }
        boolean read = (control & DMA_CTL_READ) != 0;
        boolean write = !read && (control & DMA_CTL_WRITE) != 0;
        boolean skip = !read && !write && (control & DMA_CTL_SKIP) != 0;
        boolean error = false;
        byte[] e = current();
        if (read || write || skip) {
            while (length > 0 && !error) {
                int avail = e == null || offset >= e.length ? 0 : e.length - offset;
                long len = avail == 0 ? length : Math.min(length, avail);
                if (read) {
                    error = !dmaAs.isAssigned(address, len);
                    if (avail == 0) {
                        dmaAs.fill(address, len, (byte) 0);
                    } else {
                        dmaAs.write(address, e, offset, (int) len);
                    }
                } else if (write) {
                    if (avail == 0 || !items.writable(key) || len != length || !dmaAs.isAssigned(address, len)) {
                        error = true;
                    } else {
                        dmaAs.read(address, e, offset, (int) len);
                    }
                }
                if (avail != 0) {
                    offset += (int) len;
                }
                address += len;
                length -= len;
            }
        }
        dmaAs.store(desc, 4, error ? DMA_CTL_ERROR : 0, true);
    }

    /** Little-endian bytes of {@code value} (fw_cfg's integer items are little-endian). */
    public static byte[] le(long value, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return b;
    }
}
