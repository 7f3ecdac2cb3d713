package io.qtestjvm.devices.x86;

import java.nio.charset.StandardCharsets;

/**
 * The items of fw_cfg (docs/specs/fw_cfg.rst, "Firmware Configuration Items"): two tables, generic and
 * architecture-specific (selector bit 15), of {@link #MAX_ENTRY} entries each (QEMU's default of 32 file slots
 * after key 0x20), and the file directory (key 0x19) that files are added to, kept sorted by name as QEMU 7.2's
 * current machine types order it.
 *
 * <p>Directory layout (big-endian, docs/specs/fw_cfg.rst): u32 count, then per file u32 size, u16 select,
 * u16 reserved, char name[56]. The directory item is {@code 4 + 64 * FILE_SLOTS} bytes once the first file exists.
 */
public final class FwCfgItems {
    public static final int SIGNATURE = 0x00;
    public static final int ID = 0x01;
    public static final int UUID = 0x02;
    public static final int RAM_SIZE = 0x03;
    public static final int NOGRAPHIC = 0x04;
    public static final int NB_CPUS = 0x05;
    public static final int MACHINE_ID = 0x06;
    /** NUMA description: u64 node count, u64 node per APIC ID, u64 memory per node (little-endian). */
    public static final int NUMA = 0x0d;
    public static final int BOOT_MENU = 0x0e;
    public static final int MAX_CPUS = 0x0f;
    public static final int FILE_DIR = 0x19;
    public static final int FILE_FIRST = 0x20;
    /** QEMU's default {@code x-file-slots}. */
    public static final int FILE_SLOTS = 0x20;
    public static final int MAX_ENTRY = FILE_FIRST + FILE_SLOTS;
    public static final int ARCH_LOCAL = 0x8000;
    /** x86: whether the ISA IRQ 0 is routed to I/O APIC pin 2 (u32). */
    public static final int X86_IRQ0_OVERRIDE = ARCH_LOCAL + 2;
    public static final int ENTRY_MASK = 0x3fff;
    public static final int INVALID = 0xffff;
    static final int FILE_NAME_SIZE = 56;
    static final int FILE_ENTRY_SIZE = 64;

    private final byte[][][] data = new byte[2][MAX_ENTRY][];
    private final boolean[][] writable = new boolean[2][MAX_ENTRY];
    private final String[] fileNames = new String[FILE_SLOTS];
    private byte[] dir;
    /** Whether files changed since {@link #dir} was last written (it is written when read, not at every change). */
    private boolean dirStale;
    private int fileCount;

    /** Whether {@code key} selects an entry: its index (bits 13-0) below the table size. */
    public static boolean validKey(int key) {
        return (key & ENTRY_MASK) < MAX_ENTRY;
    }

    /** The data of {@code key} or null when nothing was added there. */
    public byte[] get(int key) {
        if (!validKey(key)) {
            return null;
        }
        if (dirStale && key == FILE_DIR) {
            rebuildDirectory();
        }
        return data[(key & ARCH_LOCAL) != 0 ? 1 : 0][key & ENTRY_MASK];
    }

    public boolean writable(int key) {
        return validKey(key) && writable[(key & ARCH_LOCAL) != 0 ? 1 : 0][key & ENTRY_MASK];
    }

    /** Adds an item; the array is kept, not copied (DMA writes to writable files land in it). */
    public void addBytes(int key, byte[] bytes) {
        put(key, bytes, false, false);
    }

    /** Replaces an item, which becomes read-only. */
    public void modifyBytes(int key, byte[] bytes) {
        put(key, bytes, false, true);
    }

    public void addString(int key, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[s.length + 1]; // with its terminating NUL, as QEMU stores strings
        System.arraycopy(s, 0, z, 0, s.length);
        addBytes(key, z);
    }

    /** A little-endian 16-bit item (the spec's integer items are little-endian). */
    public void addI16(int key, int value) {
        addBytes(key, le(value, 2));
    }

    public void addI32(int key, long value) {
        addBytes(key, le(value, 4));
    }

    public void addI64(int key, long value) {
        addBytes(key, le(value, 8));
    }

    /** A read-only file in the directory. */
    public void addFile(String name, byte[] bytes) {
        addFile(name, bytes, false);
    }

    /** Whether the directory has a file called {@code name}. */
    public boolean hasFile(String name) {
        for (int i = 0; i < fileCount; i++) {
            if (fileNames[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** A file in the directory; {@code allowWrite} lets DMA write it. */
    public void addFile(String name, byte[] bytes, boolean allowWrite) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length >= FILE_NAME_SIZE) {
            throw new IllegalArgumentException("fw_cfg file name '" + name + "' is " + nameBytes.length
                    + " bytes, the limit is " + (FILE_NAME_SIZE - 1));
        }
        if (fileCount >= FILE_SLOTS) {
            throw new IllegalStateException("fw_cfg has no free file slot for '" + name + "' (" + FILE_SLOTS
                    + " slots)");
        }
        for (int i = 0; i < fileCount; i++) {
            if (fileNames[i].equals(name)) {
                throw new IllegalArgumentException("duplicate fw_cfg file name: " + name);
            }
        }
        if (dir == null) {
            dir = new byte[4 + FILE_ENTRY_SIZE * FILE_SLOTS];
            put(FILE_DIR, dir, false, false);
        }
        // insertion point by strcmp order (unsigned bytes, as UTF-8 comparison)
        int index = fileCount;
        while (index > 0 && compare(nameBytes, fileNames[index - 1]) < 0) {
            index--;
        }
        for (int i = fileCount; i > index; i--) {
            fileNames[i] = fileNames[i - 1];
            data[0][FILE_FIRST + i] = data[0][FILE_FIRST + i - 1];
            writable[0][FILE_FIRST + i] = writable[0][FILE_FIRST + i - 1];
        }
        fileNames[index] = name;
        data[0][FILE_FIRST + index] = bytes;
        writable[0][FILE_FIRST + index] = allowWrite;
        fileCount++;
        dirStale = true;
    }

    /** Replaces a file's data (adding the file when it does not exist). */
    public void modifyFile(String name, byte[] bytes) {
        for (int i = 0; i < fileCount; i++) {
            if (fileNames[i].equals(name)) {
                data[0][FILE_FIRST + i] = bytes;
                writable[0][FILE_FIRST + i] = false;
                dirStale = true;
                return;
            }
        }
        addFile(name, bytes);
    }

    public int fileCount() {
        return fileCount;
    }

    private void rebuildDirectory() {
        dirStale = false;
        java.util.Arrays.fill(dir, (byte) 0);
        putBe(dir, 0, fileCount, 4);
        for (int i = 0; i < fileCount; i++) {
            int at = 4 + i * FILE_ENTRY_SIZE;
            putBe(dir, at, data[0][FILE_FIRST + i].length, 4);
            putBe(dir, at + 4, FILE_FIRST + i, 2);
            byte[] n = fileNames[i].getBytes(StandardCharsets.UTF_8);
            System.arraycopy(n, 0, dir, at + 8, n.length);
        }
    }

    private void put(int key, byte[] bytes, boolean allowWrite, boolean replace) {
        if (!validKey(key)) {
            throw new IllegalArgumentException("fw_cfg key 0x" + Integer.toHexString(key) + " is beyond the table of "
                    + MAX_ENTRY + " entries");
        }
        int arch = (key & ARCH_LOCAL) != 0 ? 1 : 0;
        int k = key & ENTRY_MASK;
        if (!replace && data[arch][k] != null) {
            throw new IllegalStateException("fw_cfg key 0x" + Integer.toHexString(key) + " is already set");
        }
        data[arch][k] = bytes;
        writable[arch][k] = allowWrite;
    }

    private static int compare(byte[] a, String other) {
        byte[] b = other.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = (a[i] & 0xff) - (b[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return a.length - b.length;
    }

    static byte[] le(long value, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return b;
    }

    private static void putBe(byte[] b, int at, long value, int size) {
        for (int i = 0; i < size; i++) {
            b[at + i] = (byte) (value >>> (8 * (size - 1 - i)));
        }
    }
}
