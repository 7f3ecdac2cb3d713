package io.qtestjvm.devices.block;

/**
 * Result codes of {@link BlockBackend} operations: 0 for success, otherwise QEMU's negative errno for the same
 * failure (-EIO out of range, -ENOMEDIUM without a medium, -EPERM for a write to a read-only node, -ENOTSUP for a
 * resize the driver cannot do; POSIX errno
 * values as Linux numbers them). Plain ints so the device hot path allocates nothing.
 */
public final class BlockResult {
    public static final int OK = 0;
    public static final int EPERM = -1;
    public static final int EIO = -5;
    public static final int EINVAL = -22;
    public static final int ENOSPC = -28;
    public static final int ENOTSUP = -95;
    public static final int ENOMEDIUM = -123;

    private BlockResult() {
    }

    /** A short name for messages: "OK", "EIO", ... */
    public static String name(int result) {
        return switch (result) {
            case OK -> "OK";
            case EPERM -> "EPERM";
            case EIO -> "EIO";
            case EINVAL -> "EINVAL";
            case ENOSPC -> "ENOSPC";
            case ENOTSUP -> "ENOTSUP";
            case ENOMEDIUM -> "ENOMEDIUM";
            default -> "errno " + (-result);
        };
    }
}
