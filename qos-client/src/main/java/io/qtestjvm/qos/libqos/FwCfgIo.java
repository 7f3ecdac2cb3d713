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

    private long get(int key, int len) {
        select(key);
        long v = 0;
        for (int i = 0; i < len; i++) {
            v |= (long) (qts.inb(base + 1) & 0xff) << (8 * i);
        }
        return v;
    }
}
