package io.qtestjvm.devices.sd;

import static io.qtestjvm.devices.sd.SdRegisters.WP_GROUP_SHIFT;

import io.qtestjvm.devices.block.BlockBackend;

/**
 * The card's memory array over its {@link BlockBackend} (SD Physical Layer Simplified Specification 4.11): the
 * capacity in whole 512-byte blocks, the write-protect groups of an SDSC card (4.3.6, one bit per 2 MiB group) and
 * block transfers between a buffer and the image. A failed transfer leaves the buffer as it was and prints QEMU's
 * host-side error line; it never throws.
 */
final class SdMemoryArray {
    static final int BLOCK = 512;
    static final int BLOCK_SHIFT = 9;

    private final BlockBackend blk;
    private long size;
    private long[] protectedGroups = new long[1];

    SdMemoryArray(BlockBackend blk) {
        this.blk = blk;
    }

    /** Power-up: the backend's current size in whole blocks, no group protected. */
    void reset() {
        size = blk == null ? 0 : blk.size() >> BLOCK_SHIFT << BLOCK_SHIFT;
        protectedGroups = new long[(int) ((size >> WP_GROUP_SHIFT) / 64 + 1)];
    }

    long size() {
        return size;
    }

    /** True when {@code [address, address + length)} lies in the card ({@code length} unsigned). */
    boolean contains(long address, int length) {
        return address + (length & 0xffffffffL) <= size;
    }

    /** True when the group holding {@code address} (at most {@link #size()}) is write-protected. */
    boolean groupProtected(long address) {
        int group = (int) (address >>> WP_GROUP_SHIFT);
        return (protectedGroups[group >>> 6] >>> group & 1) != 0;
    }

    /** CMD28 / CMD29 on the group holding {@code address}, which lies in the card. */
    void protectGroup(long address, boolean on) {
        int group = (int) (address >>> WP_GROUP_SHIFT);
        if (on) {
            protectedGroups[group >>> 6] |= 1L << group;
        } else {
            protectedGroups[group >>> 6] &= ~(1L << group);
        }
    }

    /** CMD30: bit i for the group i groups after the one at {@code address}; 0 for groups past the card. */
    int protectionBits(long address) {
        int bits = 0;
        for (int i = 0; i < 32; i++) {
            long a = address + ((long) i << WP_GROUP_SHIFT);
            if (a < size && groupProtected(a)) {
                bits |= 1 << i;
            }
        }
        return bits;
    }

    void load(long address, byte[] buffer, int length) {
        if (blk.read(address, buffer, 0, length) < 0) {
            System.err.println("sd_blk_read: read error on host side");
        }
    }

    void store(long address, byte[] buffer, int length) {
        if (blk.write(address, buffer, 0, length) < 0) {
            System.err.println("sd_blk_write: write error on host side");
        }
    }

    /**
     * 4.3.5 erase: writes {@code ones} (a block of 0xff) at every block step from {@code start} to {@code end}
     * inclusive, skipping protected groups when {@code honourGroups}; returns true when a group was skipped.
     */
    boolean erase(long start, long end, boolean honourGroups, byte[] ones) {
        boolean skipped = false;
        for (long a = start; a <= end; a += BLOCK) {
            if (honourGroups && groupProtected(a)) {
                skipped = true;
            } else {
                store(a, ones, BLOCK);
            }
        }
        return skipped;
    }
}
