package io.qtestjvm.devices.block;

import java.util.Arrays;

/**
 * QEMU's {@code null-co} block driver: an image of a given size (default 1 GiB, {@code size=}) that
 * discards writes. QEMU leaves the read buffer untouched unless {@code read-zeroes=on}; here reads always give
 * zeros (the option is kept for reporting), which is one of the values "undefined" allows and keeps tests
 * deterministic. Requests outside the image fail with EIO as for every backend.
 */
public final class NullBackend implements BlockBackend {
    /** The {@code size} option's default, 1 GiB (as QEMU 7.2's null-co reports without it). */
    public static final long DEFAULT_SIZE = 1L << 30;

    private final long size;
    private final boolean readZeroes;

    public NullBackend() {
        this(DEFAULT_SIZE, false);
    }

    public NullBackend(long size, boolean readZeroes) {
        if (size < 0) {
            throw new IllegalArgumentException("null-co size " + size + " is negative");
        }
        this.size = size;
        this.readZeroes = readZeroes;
    }

    public boolean readZeroes() {
        return readZeroes;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long offset, byte[] buf, int off, int len) {
        if (!BlockBackend.bufferRange(buf, off, len)) {
            return BlockResult.EINVAL;
        }
        if (!BlockBackend.inRange(offset, len, size)) {
            return BlockResult.EIO;
        }
        Arrays.fill(buf, off, off + len, (byte) 0);
        return BlockResult.OK;
    }

    @Override
    public int write(long offset, byte[] buf, int off, int len) {
        if (!BlockBackend.bufferRange(buf, off, len)) {
            return BlockResult.EINVAL;
        }
        return BlockBackend.inRange(offset, len, size) ? BlockResult.OK : BlockResult.EIO;
    }

    @Override
    public int flush() {
        return BlockResult.OK;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public int resize(long newSize) {
        // QEMU 7.2's null drivers have no truncate: block_resize answers "Image format driver does not support
        // resize" (observed on Debian's QEMU)
        return BlockResult.ENOTSUP;
    }

    @Override
    public void close() {
    }
}
