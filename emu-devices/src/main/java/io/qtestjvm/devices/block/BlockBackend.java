package io.qtestjvm.devices.block;

/**
 * What a storage device model sees of its drive : a byte-addressed
 * image of {@link #size()} bytes. Operations return a {@link BlockResult} code instead of throwing, so a
 * device turns a host-side failure into its architected error and no exception reaches device code.
 *
 * <p>As in QEMU 7.2, a request must lie entirely inside the image: a read or write
 * that starts or ends past {@link #size()} fails with {@link BlockResult#EIO} and touches nothing; the image never
 * grows by writing. Only {@link #resize(long)} changes the size.
 */
public interface BlockBackend extends AutoCloseable {
    /** The image size in bytes. */
    long size();

    /** Reads {@code len} bytes at {@code offset} into {@code buf[off..off+len)}. */
    int read(long offset, byte[] buf, int off, int len);

    /** Writes {@code buf[off..off+len)} at {@code offset}. */
    int write(long offset, byte[] buf, int off, int len);

    /** Makes written data durable (for a file: fsync). */
    int flush();

    /** True when the backend refuses writes. */
    boolean readOnly();

    /** Changes the image size; new space reads as zeros. */
    int resize(long newSize);

    /** Releases the host resources; flushes first where the backend has something to flush. */
    @Override
    void close();

    default int read(long offset, byte[] buf) {
        return read(offset, buf, 0, buf.length);
    }

    default int write(long offset, byte[] buf) {
        return write(offset, buf, 0, buf.length);
    }

    /** True when {@code [offset, offset+len)} lies inside an image of {@code size} bytes (no overflow). */
    static boolean inRange(long offset, int len, long size) {
        return offset >= 0 && len >= 0 && offset <= size && size - offset >= len;
    }

    /** True when {@code [off, off+len)} lies inside {@code buf}. */
    static boolean bufferRange(byte[] buf, int off, int len) {
        return buf != null && off >= 0 && len >= 0 && off <= buf.length && buf.length - off >= len;
    }
}
