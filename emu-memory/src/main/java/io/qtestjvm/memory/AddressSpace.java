package io.qtestjvm.memory;

/**
 * An address space over a region tree: what a CPU or a DMA master sees at each address.
 *
 * <p>Byte-array accesses ({@link #read(long, byte[], int, int)}) are cut at region boundaries, and an I/O region
 * sees accesses of the largest power of two that fits the remaining length, its {@code validMax} and the alignment
 * of the offset ({@link IoAccess}); each value is laid out in memory in the region's byte order. Value accesses
 * ({@link #load}/{@link #store}) read or write the same bytes and interpret them in the byte order asked for,
 * without allocating. Unassigned addresses read as
 * {@code unassignedByte} (0 for memory, 0xff for the I/O port space) and drop writes.
 */
public final class AddressSpace {
    private final String name;
    private final MemoryRegion root;
    private final boolean targetBigEndian;
    private final byte unassignedByte;
    /**
     * Port I/O semantics for {@link #load}/{@link #store}: in QEMU 7.2 a port access of 2 or 4 bytes goes whole
     * to the region at its first port even when a smaller region overlays a later port (PIIX3's reset control at
     * 0xcf9 inside 0xcf8..0xcfb: {@code outl 0xcf8} reaches CONFIG_ADDRESS only).
     */
    private final boolean wholeAccessToFirstRegion;
    private FlatView view;
    private long viewTopology = -1;
    private int lastHit;
    private final byte[] scratch = new byte[8];

    public AddressSpace(String name, MemoryRegion root, boolean targetBigEndian, byte unassignedByte) {
        this(name, root, targetBigEndian, unassignedByte, false);
    }

    private AddressSpace(String name, MemoryRegion root, boolean targetBigEndian, byte unassignedByte,
                         boolean wholeAccessToFirstRegion) {
        this.name = name;
        this.root = root;
        this.targetBigEndian = targetBigEndian;
        this.unassignedByte = unassignedByte;
        this.wholeAccessToFirstRegion = wholeAccessToFirstRegion;
    }

    /** System memory: unassigned reads 0. */
    public static AddressSpace memory(String name, MemoryRegion root, boolean targetBigEndian) {
        return new AddressSpace(name, root, targetBigEndian, (byte) 0);
    }

    /**
     * An I/O port space: unassigned ports read all-ones; {@link #load}/{@link #store} give the whole access to
     * the I/O region at the first port, as QEMU 7.2's port accesses do.
     */
    public static AddressSpace io(String name, MemoryRegion root, boolean targetBigEndian) {
        return new AddressSpace(name, root, targetBigEndian, (byte) 0xff, true);
    }

    public String name() {
        return name;
    }

    public MemoryRegion root() {
        return root;
    }

    public boolean targetBigEndian() {
        return targetBigEndian;
    }

    private FlatView view() {
        long topo = root.generation;
        FlatView v = view;
        if (v == null || topo != viewTopology) {
            v = FlatView.render(root);
            view = v;
            viewTopology = topo;
            lastHit = 0;
        }
        return v;
    }

    private int lookup(FlatView v, long addr) {
        int h = lastHit;
        if (h < v.starts.length && Long.compareUnsigned(addr, v.starts[h]) >= 0
                && Long.compareUnsigned(addr, v.lasts[h]) <= 0) {
            return h;
        }
        int i = v.find(addr);
        if (i >= 0) {
            lastHit = i;
        }
        return i;
    }

    /**
     * Changes whenever what this space maps changes (a region added, removed, moved, enabled or disabled anywhere
     * under its root): what {@link #ramAt} answered stays true until then.
     */
    public long topologyGeneration() {
        return root.generation;
    }

    /**
     * The RAM behind {@code addr}, for a bus master that reads guest structures often and wants to skip the
     * dispatch while the topology stands: fills {@code span} with the first and last address of the flat range
     * holding {@code addr} and the offset into the RAM of its first byte, and returns the RAM; null (span
     * untouched) when {@code addr} is not RAM.
     */
    public SparseRam ramAt(long addr, long[] span) {
        FlatView v = view();
        int i = v.find(addr);
        if (i < 0 || v.regions[i].kind != MemoryRegion.Kind.RAM) {
            return null;
        }
        MemoryRegion mr = v.regions[i];
        span[0] = v.starts[i];
        span[1] = v.lasts[i];
        span[2] = mr.ramOffset + v.offsets[i];
        return mr.ram;
    }

    /** The region mapped at {@code addr} and the offset into it, for diagnostics; null when unassigned. */
    public MemoryRegion regionAt(long addr) {
        FlatView v = view();
        int i = v.find(addr);
        return i < 0 ? null : v.regions[i];
    }

    /**
     * Whether every byte of {@code [addr, addr + len)} is backed by a region. In QEMU a DMA transfer touching an
     * unassigned byte fails as a whole, and devices turn that into their error status (fw_cfg's DMA error bit),
     * whereas our byte accesses read 0 and drop writes there.
     */
    public boolean isAssigned(long addr, long len) {
        FlatView v = view();
        while (len > 0) {
            int i = v.find(addr);
            if (i < 0) {
                return false;
            }
            long avail = v.lasts[i] - addr; // bytes after addr within the range, unsigned
            if (Long.compareUnsigned(avail, len - 1) >= 0) {
                return true;
            }
            addr = v.lasts[i] + 1;
            len -= avail + 1;
            if (addr == 0) {
                return false; // the range runs past the top of the 64-bit space
            }
        }
        return true;
    }

    /**
     * How many bytes from {@code addr} on, up to {@code len}, lie in RAM regions without a gap: the part of a DMA
     * buffer a device can address directly. An I/O region or an unassigned byte ends the run.
     */
    public long ramBytes(long addr, long len) {
        FlatView v = view();
        long done = 0;
        while (done < len) {
            int i = v.find(addr);
            if (i < 0 || v.regions[i].kind != MemoryRegion.Kind.RAM) {
                return done;
            }
            long avail = v.lasts[i] - addr; // bytes after addr within the range, unsigned
            if (Long.compareUnsigned(avail, len - done - 1) >= 0) {
                return len;
            }
            done += avail + 1;
            addr = v.lasts[i] + 1;
            if (addr == 0) {
                return done;
            }
        }
        return done;
    }

    // ---------------------------------------------------------------------------------------------------------
    // value accesses

    /**
     * Reads {@code size} (1, 2, 4 or 8) bytes at {@code addr} and interprets them in the given byte order
     * (qtest {@code readX}: target order; {@code inX} on x86: little-endian).
     */
    public long load(long addr, int size, boolean bigEndian) {
        FlatView v = view();
        int i = lookup(v, addr);
        if (i >= 0 && Long.compareUnsigned(addr + size - 1, v.lasts[i]) <= 0 && !wraps(addr, size)) {
            MemoryRegion mr = v.regions[i];
            long off = v.offsets[i] + (addr - v.starts[i]);
            if (mr.kind == MemoryRegion.Kind.RAM) {
                return mr.ram.load(mr.ramOffset + off, size, bigEndian);
            }
            if (IoAccess.runAccessSize(mr.rules, off, size) == size) {
                long val = IoAccess.read(mr, off, size, targetBigEndian);
                return mr.rules.endianness().isBig(targetBigEndian) == bigEndian ? val : swap(val, size);
            }
        }
        if (wholeAccessToFirstRegion && i >= 0 && v.regions[i].kind == MemoryRegion.Kind.IO) {
            MemoryRegion mr = v.regions[i];
            long off = v.offsets[i] + (addr - v.starts[i]);
            long val = IoAccess.read(mr, off, size, targetBigEndian);
            return mr.rules.endianness().isBig(targetBigEndian) == bigEndian ? val : swap(val, size);
        }
        byte[] b = scratch;
        read(addr, b, 0, size);
        return decode(b, size, bigEndian);
    }

    /** Writes {@code value} as {@code size} bytes in the given byte order at {@code addr} (qtest {@code writeX}). */
    public void store(long addr, int size, long value, boolean bigEndian) {
        FlatView v = view();
        int i = lookup(v, addr);
        if (i >= 0 && Long.compareUnsigned(addr + size - 1, v.lasts[i]) <= 0 && !wraps(addr, size)) {
            MemoryRegion mr = v.regions[i];
            long off = v.offsets[i] + (addr - v.starts[i]);
            if (mr.kind == MemoryRegion.Kind.RAM) {
                if (!mr.readOnly) {
                    mr.ram.store(mr.ramOffset + off, size, value, bigEndian);
                }
                return;
            }
            if (IoAccess.runAccessSize(mr.rules, off, size) == size) {
                long val = mr.rules.endianness().isBig(targetBigEndian) == bigEndian ? value : swap(value, size);
                IoAccess.write(mr, off, size, val, targetBigEndian);
                return;
            }
        }
        if (wholeAccessToFirstRegion && i >= 0 && v.regions[i].kind == MemoryRegion.Kind.IO) {
            MemoryRegion mr = v.regions[i];
            long off = v.offsets[i] + (addr - v.starts[i]);
            long val = mr.rules.endianness().isBig(targetBigEndian) == bigEndian ? value : swap(value, size);
            IoAccess.write(mr, off, size, val, targetBigEndian);
            return;
        }
        byte[] b = scratch;
        encode(b, size, value, bigEndian);
        write(addr, b, 0, size);
    }

    // ---------------------------------------------------------------------------------------------------------
    // byte accesses

    public void read(long addr, byte[] dst, int dstOff, int len) {
        FlatView v = view();
        while (len > 0) {
            int i = lookup(v, addr);
            if (i < 0) {
                int n = gapLength(v, -i - 1, addr, len);
                java.util.Arrays.fill(dst, dstOff, dstOff + n, unassignedByte);
                addr += n;
                dstOff += n;
                len -= n;
                continue;
            }
            MemoryRegion mr = v.regions[i];
            long off = v.offsets[i] + (addr - v.starts[i]);
            int n = clampToRange(v.lasts[i], addr, len);
            if (mr.kind == MemoryRegion.Kind.RAM) {
                mr.ram.read(mr.ramOffset + off, dst, dstOff, n);
            } else {
                n = IoAccess.runAccessSize(mr.rules, off, n);
                long val = IoAccess.read(mr, off, n, targetBigEndian);
                boolean big = mr.rules.endianness().isBig(targetBigEndian);
                for (int k = 0; k < n; k++) {
                    int shift = big ? (n - 1 - k) * 8 : k * 8;
                    dst[dstOff + k] = (byte) (val >>> shift);
                }
            }
            addr += n;
            dstOff += n;
            len -= n;
        }
    }

    public void write(long addr, byte[] src, int srcOff, int len) {
        FlatView v = view();
        while (len > 0) {
            int i = lookup(v, addr);
            if (i < 0) {
                int n = gapLength(v, -i - 1, addr, len);
                addr += n;
                srcOff += n;
                len -= n;
                continue;
            }
            MemoryRegion mr = v.regions[i];
            long off = v.offsets[i] + (addr - v.starts[i]);
            int n = clampToRange(v.lasts[i], addr, len);
            if (mr.kind == MemoryRegion.Kind.RAM) {
                if (!mr.readOnly) {
                    mr.ram.write(mr.ramOffset + off, src, srcOff, n);
                }
            } else {
                n = IoAccess.runAccessSize(mr.rules, off, n);
                boolean big = mr.rules.endianness().isBig(targetBigEndian);
                long val = 0;
                for (int k = 0; k < n; k++) {
                    int shift = big ? (n - 1 - k) * 8 : k * 8;
                    val |= (src[srcOff + k] & 0xffL) << shift;
                }
                IoAccess.write(mr, off, n, val, targetBigEndian);
            }
            addr += n;
            srcOff += n;
            len -= n;
        }
    }

    /**
     * Fills {@code len} bytes with {@code value} (qtest {@code memset}). As in QEMU 7.2, RAM is filled directly
     * and I/O gets the accesses a {@link #write} of the filled bytes makes (a 4-byte-only register sees 4-byte
     * writes, not refused byte writes).
     */
    public void fill(long addr, long len, byte value) {
        FlatView v = view();
        while (len > 0) {
            int i = lookup(v, addr);
            int n;
            if (i < 0) {
                n = gapLength(v, -i - 1, addr, (int) Math.min(len, Integer.MAX_VALUE));
            } else {
                MemoryRegion mr = v.regions[i];
                n = clampToRange(v.lasts[i], addr, (int) Math.min(len, Integer.MAX_VALUE));
                if (mr.kind == MemoryRegion.Kind.RAM) {
                    if (!mr.readOnly) {
                        mr.ram.fill(mr.ramOffset + v.offsets[i] + (addr - v.starts[i]), n, value);
                    }
                } else {
                    byte[] filled = new byte[n]; // I/O memset is rare and small
                    java.util.Arrays.fill(filled, value);
                    write(addr, filled, 0, n);
                }
            }
            addr += n;
            len -= n;
        }
    }

    /** Whether an access runs past 2^64 - 1; the byte path then continues at address 0, as QEMU 7.2 does. */
    private static boolean wraps(long addr, int size) {
        return Long.compareUnsigned(addr + size - 1, addr) < 0;
    }

    private static int clampToRange(long rangeLast, long addr, int len) {
        long avail = rangeLast - addr; // bytes after addr within the range, unsigned
        if (Long.compareUnsigned(avail, len - 1) < 0) {
            return (int) (avail + 1);
        }
        return len;
    }

    /** Length of the unassigned gap starting at addr, bounded by the next range and len. */
    private static int gapLength(FlatView v, int next, long addr, int len) {
        if (next < v.starts.length) {
            long until = v.starts[next] - addr;
            if (Long.compareUnsigned(until, len) < 0) {
                return (int) until;
            }
        }
        return len;
    }

    static long swap(long v, int size) {
        return switch (size) {
            case 1 -> v & 0xff;
            case 2 -> Short.reverseBytes((short) v) & 0xffffL;
            case 4 -> Integer.reverseBytes((int) v) & 0xffff_ffffL;
            default -> Long.reverseBytes(v);
        };
    }

    static long decode(byte[] b, int size, boolean bigEndian) {
        long v = 0;
        for (int k = 0; k < size; k++) {
            int shift = bigEndian ? (size - 1 - k) * 8 : k * 8;
            v |= (b[k] & 0xffL) << shift;
        }
        return v;
    }

    static void encode(byte[] b, int size, long value, boolean bigEndian) {
        for (int k = 0; k < size; k++) {
            int shift = bigEndian ? (size - 1 - k) * 8 : k * 8;
            b[k] = (byte) (value >>> shift);
        }
    }
}
