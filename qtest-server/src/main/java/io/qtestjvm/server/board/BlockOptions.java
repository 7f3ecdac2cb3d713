package io.qtestjvm.server.board;

import io.qtestjvm.devices.block.BlockPolicy;

/**
 * The per-image options of QEMU's block layer a {@code -drive} or {@code -blockdev} sets, as {@code query-block}
 * reports them and the device models obey them (QEMU's manual, "Block device options").
 *
 * @param writeback    {@code cache.writeback}: the guest sees a volatile write cache (virtio-blk's WCE bit)
 * @param direct       {@code cache.direct}: host page cache bypassed (reported; writes here always reach the file)
 * @param noFlush      {@code cache.no-flush}: flush requests succeed without syncing the host file
 * @param detectZeroes {@code detect-zeroes}: off, on or unmap
 * @param discard      {@code discard}: ignore (QEMU's default) or unmap
 * @param werror       {@code werror}: the action on a write error
 * @param rerror       {@code rerror}: the action on a read error
 */
public record BlockOptions(boolean writeback, boolean direct, boolean noFlush, String detectZeroes, String discard,
                           String werror, String rerror) {
    /** QEMU's defaults: {@code cache=writeback}, {@code detect-zeroes=off}, {@code discard=ignore}. */
    public static final BlockOptions DEFAULT = new BlockOptions(true, false, false, "off", "ignore", "enospc",
            "report");

    /** What the device model using the image must do about these options. */
    public BlockPolicy policy() {
        return new BlockPolicy(writeback, !noFlush, unmap(), BlockPolicy.ErrorAction.of(werror),
                BlockPolicy.ErrorAction.of(rerror));
    }

    /** Whether a guest discard reaches the image ({@code discard=unmap}). */
    public boolean unmap() {
        return discard.equals("unmap");
    }
}
