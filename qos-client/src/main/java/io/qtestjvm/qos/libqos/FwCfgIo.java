package io.qtestjvm.qos.libqos;

import io.qtestjvm.qos.libqtest.QTestState;

/**
 * libqos' I/O-port fw_cfg ({@code io_fw_cfg_select}/{@code io_fw_cfg_read}, tests/qtest/libqos/fw_cfg.c;
 * docs/specs/fw_cfg.rst): a 16-bit write of the key to the selector port, then one {@code inb} of the data port
 * (selector + 1) per byte. Multi-byte items are little-endian.
 */
public final class FwCfgIo {
    /** {@code FW_CFG_RAM_SIZE} (include/standard-headers/linux/qemu_fw_cfg.h). */
    public static final int RAM_SIZE = 0x0003;
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
        select(key);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) (qts.inb(base + 1) & 0xff) << (8 * i);
        }
        return v;
    }
}
