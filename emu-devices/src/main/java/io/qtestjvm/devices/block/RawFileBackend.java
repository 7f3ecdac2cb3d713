package io.qtestjvm.devices.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A raw image file (QEMU's {@code raw} format over the {@code file} protocol): guest offset = file offset,
 * through a {@link FileChannel} with positional reads and writes. {@link #flush()} is {@code fsync}
 * ({@code FileChannel.force(true)}: the data reach the disk, as a guest flush asks) when something was written or
 * resized through this backend since the last one; a flush with nothing new to write back is answered at once, as
 * QEMU's block layer skips the flush to disk when no write came since the previous flush (which matters at exit,
 * where every image is flushed: an image nobody wrote costs no {@code fsync}).
 *
 * <p>Opening follows QEMU's options: {@code read-only=on} opens the file read-only and every write fails with
 * EPERM; {@code auto-read-only=on} (with {@code read-only=off}) tries read-write and silently falls back to
 * read-only when the file cannot be opened for writing (EACCES/EROFS), which {@link #readOnly()} then reports. A
 * short read (the file shrank behind our back) fills the rest with zeros, as QEMU 7.2 does. Host I/O errors come
 * back as EIO, never as an exception.
 */
public final class RawFileBackend implements BlockBackend {
    private static final long SECTOR = 512;
    private final FileChannel channel;
    private final boolean readOnly;
    private final Path path;
    /** Completed {@code FileChannel.force} calls (fsync), for the checks that a guest FLUSH reached the disk. */
    private long syncs;
    /** Whether a write or resize completed since the last {@code fsync} (or since opening). */
    private boolean unsynced;
    private long size;
    private boolean closed;

    RawFileBackend(Path path, FileChannel channel, boolean readOnly) throws IOException {
        this.path = path;
        this.channel = channel;
        this.readOnly = readOnly;
        // the block layer counts an image in 512-byte sectors: a file's length rounds up to the next sector, and the
        // tail past the end of the file reads as zeros (a 1000-byte image is a 1 KiB disk)
        this.size = (channel.size() + SECTOR - 1) & -SECTOR;
    }

    /**
     * Opens {@code path} as QEMU's {@code -drive file=path,format=raw,read-only=..,auto-read-only=..} would. A file
     * that cannot be opened at all is a configuration error and throws, as QEMU refuses to start.
     */
    public static RawFileBackend open(Path path, boolean readOnly, boolean autoReadOnly) throws IOException {
        if (readOnly) {
            return new RawFileBackend(path, FileChannel.open(path, StandardOpenOption.READ), true);
        }
        try {
            return new RawFileBackend(path,
                    FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE), false);
        } catch (AccessDeniedException e) {
            if (!autoReadOnly) {
                throw e;
            }
        } catch (FileSystemException e) {
            if (!autoReadOnly || e.getReason() == null || !e.getReason().contains("Read-only file system")) {
                throw e;
            }
        }
        return new RawFileBackend(path, FileChannel.open(path, StandardOpenOption.READ), true);
    }

    /** Opens {@code path} read-write ({@code read-only=off,auto-read-only=off}). */
    public static RawFileBackend open(Path path) throws IOException {
        return open(path, false, false);
    }

    public Path path() {
        return path;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long offset, byte[] buf, int off, int len) {
        if (closed) {
            return BlockResult.ENOMEDIUM;
        }
        if (!BlockBackend.bufferRange(buf, off, len)) {
            return BlockResult.EINVAL;
        }
        if (!BlockBackend.inRange(offset, len, size)) {
            return BlockResult.EIO;
        }
        try {
            ByteBuffer bb = ByteBuffer.wrap(buf, off, len);
            while (bb.hasRemaining()) {
                int n = channel.read(bb, offset + bb.position() - off);
                if (n < 0) {
                    Arrays.fill(buf, bb.position(), off + len, (byte) 0);
                    break;
                }
            }
            return BlockResult.OK;
        } catch (IOException e) {
            return BlockResult.EIO;
        }
    }

    @Override
    public int write(long offset, byte[] buf, int off, int len) {
        if (closed) {
            return BlockResult.ENOMEDIUM;
        }
        if (!BlockBackend.bufferRange(buf, off, len)) {
            return BlockResult.EINVAL;
        }
        if (readOnly) {
            return BlockResult.EPERM;
        }
        if (!BlockBackend.inRange(offset, len, size)) {
            return BlockResult.EIO;
        }
        try {
            ByteBuffer bb = ByteBuffer.wrap(buf, off, len);
            while (bb.hasRemaining()) {
                channel.write(bb, offset + bb.position() - off);
            }
            unsynced = true;
            return BlockResult.OK;
        } catch (IOException e) {
            return BlockResult.EIO;
        }
    }

    @Override
    public int flush() {
        if (closed) {
            return BlockResult.ENOMEDIUM;
        }
        if (readOnly || !unsynced) {
            return BlockResult.OK;
        }
        try {
            channel.force(true);
            unsynced = false;
            syncs++;
            return BlockResult.OK;
        } catch (IOException e) {
            return BlockResult.EIO;
        }
    }

    /** How many times the image was forced to the disk (fsync) by {@link #flush()}. */
    public long syncs() {
        return syncs;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public int resize(long newSize) {
        if (closed) {
            return BlockResult.ENOMEDIUM;
        }
        if (newSize < 0) {
            return BlockResult.EINVAL;
        }
        if (readOnly) {
            return BlockResult.EPERM;
        }
        try {
            if (newSize < channel.size()) {
                channel.truncate(newSize);
            } else if (newSize > channel.size()) {
                // Growing: one zero byte at the new end makes a sparse file of the new length (ftruncate-like).
                channel.write(ByteBuffer.wrap(new byte[1]), newSize - 1);
            }
            // the file gets exactly the new length; the image, counted in sectors, rounds up (QEMU 7.2: a resize to
            // 1000 bytes leaves a 1000-byte file and a virtual size of 1024)
            size = (newSize + SECTOR - 1) & -SECTOR;
            unsynced = true;
            return BlockResult.OK;
        } catch (IOException e) {
            return BlockResult.EIO;
        }
    }

    /** Flushes and closes the file; later operations fail with ENOMEDIUM. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            System.err.printf("raw: closing %s failed: %s%n", path, e.getMessage());
        }
    }
}
