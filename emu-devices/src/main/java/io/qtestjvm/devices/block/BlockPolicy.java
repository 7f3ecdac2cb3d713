package io.qtestjvm.devices.block;

/**
 * What a drive's block-layer options ask of the device model using it (QEMU's manual, "-drive"): the write cache
 * the guest starts with ({@code cache.writeback}; off means every write is flushed before it completes), whether a
 * flush reaches the disk ({@code cache.no-flush=on}, i.e. {@code cache=unsafe}, makes it a no-op), whether a guest
 * discard frees the range ({@code discard=unmap}) and the error actions ({@code werror=}, {@code rerror=}).
 *
 * @param writeCache  the initial write-cache state
 * @param flushToDisk false for {@code cache.no-flush=on}
 * @param unmap       {@code discard=unmap}
 * @param werror      action on a failed write or flush
 * @param rerror      action on a failed read
 */
public record BlockPolicy(boolean writeCache, boolean flushToDisk, boolean unmap, ErrorAction werror,
                          ErrorAction rerror) {
    /** QEMU's defaults: writeback cache, flushes reach the disk, discard ignored, werror=enospc, rerror=report. */
    public static final BlockPolicy DEFAULT = new BlockPolicy(true, true, false, ErrorAction.ENOSPC,
            ErrorAction.REPORT);

    /** {@code werror=}/{@code rerror=} values (BlockdevOnError). */
    public enum ErrorAction {
        /** The error is reported to the guest. */
        REPORT,
        /** The request completes as if it had succeeded. */
        IGNORE,
        /** The VM would stop; here the error is reported (no stopped-request queue). */
        STOP,
        /** STOP for ENOSPC, REPORT otherwise. */
        ENOSPC;

        public static ErrorAction of(String text) {
            return switch (text) {
                case "ignore" -> IGNORE;
                case "stop" -> STOP;
                case "enospc" -> ENOSPC;
                default -> REPORT;
            };
        }

        /** Whether a failure under this action reaches the guest as an error. */
        public boolean reported() {
            return this != IGNORE;
        }
    }
}
