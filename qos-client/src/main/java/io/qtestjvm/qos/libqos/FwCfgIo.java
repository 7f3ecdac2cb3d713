package io.qtestjvm.qos.libqos;

import io.qtestjvm.qos.libqtest.QTestState;

/**
 * libqos' I/O-port fw_cfg ({@code io_fw_cfg_select}/{@code io_fw_cfg_read}, tests/qtest/libqos/fw_cfg.c;
 * docs/specs/fw_cfg.rst): a 16-bit write of the key to the selector port, then one {@code inb} of the data port
 * (selector + 1) per byte. Multi-byte items are little-endian.
 */
public final class FwCfgIo {
    /** Item keys (include/standard-headers/linux/qemu_fw_cfg.h). */
    public static final int SIGNATURE = 0x0000;
    public static final int ID = 0x0001;
    public static final int RAM_SIZE = 0x0003;
    public static final int NB_CPUS = 0x0005;
    public static final int MAX_CPUS = 0x000f;
    public static final int UUID = 0x0002;
    public static final int NOGRAPHIC = 0x0004;
    public static final int BOOT_MENU = 0x000e;
    public static final int NUMA = 0x000d;
    /** x86 arch-local: IRQ 0 override flag (u32). */
    public static final int IRQ0_OVERRIDE = 0x8002;
    public static final int FILE_DIR = 0x0019;
    /** The PC's selector port ({@code pc_fw_cfg_init}). */
    public static final int PC_BASE = 0x510;

    private final QTestState qts;
    private final int base;

    public FwCfgIo(QTestState qts, int base) {
        this.qts = qts;
        this.base = base;
    }

    public void select(int key) {
        qts.outw(base, key);
    }

    /** {@code qfw_cfg_get_u64}: selects {@code key} and reads 8 bytes, least significant first. */
    public long getU64(int key) {
        return get(key, 8);
    }

    /** {@code qfw_cfg_get_u32}. */
    public int getU32(int key) {
        return (int) get(key, 4);
    }

    /** {@code qfw_cfg_get_u16}. */
    public int getU16(int key) {
        return (int) get(key, 2);
    }

    /** {@code qfw_cfg_get}: {@code len} raw bytes of item {@code key}. */
    public byte[] getBytes(int key, int len) {
        select(key);
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) qts.inb(base + 1);
        }
        return b;
    }

    /** {@code qfw_cfg_read_data}: the next {@code len} bytes of the selected item. */
    public byte[] readData(int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) qts.inb(base + 1);
        }
        return b;
    }

    /** One entry of the file directory. */
    public record FileEntry(String name, int size, int select) {
    }

    /** The file directory (key 0x19) in its order. */
    public java.util.List<FileEntry> files() {
        byte[] countBytes = getBytes(FILE_DIR, 4);
        int count = (countBytes[0] & 0xff) << 24 | (countBytes[1] & 0xff) << 16 | (countBytes[2] & 0xff) << 8
                | countBytes[3] & 0xff;
        java.util.List<FileEntry> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] e = readData(64);
            int len = 0;
            while (len < 56 && e[8 + len] != 0) {
                len++;
            }
            int size = (e[0] & 0xff) << 24 | (e[1] & 0xff) << 16 | (e[2] & 0xff) << 8 | e[3] & 0xff;
            int key = (e[4] & 0xff) << 8 | e[5] & 0xff;
            out.add(new FileEntry(new String(e, 8, len, java.nio.charset.StandardCharsets.US_ASCII), size, key));
        }
        return out;
    }

    /**
     * {@code qfw_cfg_get_file}: the contents of the file called {@code name} (at most {@code max} bytes), from the
     * file directory (a big-endian count, then 64-byte entries: size, select key, reserved, 56-byte name), or null
     * when there is no such file. The returned array has the file's full size capped at {@code max}.
     */
    public byte[] getFile(String name, int max) {
        byte[] countBytes = getBytes(FILE_DIR, 4);
        int count = (countBytes[0] & 0xff) << 24 | (countBytes[1] & 0xff) << 16 | (countBytes[2] & 0xff) << 8
                | countBytes[3] & 0xff;
        for (int i = 0; i < count; i++) {
            byte[] e = new byte[64];
            for (int j = 0; j < 64; j++) {
                e[j] = (byte) qts.inb(base + 1);
            }
            int len = 0;
            while (len < 56 && e[8 + len] != 0) {
                len++;
            }
            if (new String(e, 8, len, java.nio.charset.StandardCharsets.US_ASCII).equals(name)) {
                int size = (e[0] & 0xff) << 24 | (e[1] & 0xff) << 16 | (e[2] & 0xff) << 8 | e[3] & 0xff;
                int key = (e[4] & 0xff) << 8 | e[5] & 0xff;
                return getBytes(key, Math.min(size, max));
            }
        }
        return null;
    }

    private long get(int key, int len) {
        select(key);
        long v = 0;
        for (int i = 0; i < len; i++) {
            v |= (long) (qts.inb(base + 1) & 0xff) << (8 * i);
        }
        return v;
    }
}
