package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

import java.util.Set;

/**
 * The block-layer options QEMU users pass every day (QEMU's manual, "Block device options": {@code cache=},
 * {@code aio=}, {@code discard=}, {@code detect-zeroes=}, {@code werror=}/{@code rerror=}, {@code media=} and the
 * {@code cache.*} flags), checked with the texts Debian's QEMU 7.2 prints for a bad value. {@code -drive} goes
 * through QEMU's legacy -drive parser, whose texts differ from the QAPI visitor's that {@code -blockdev} uses.
 */
final class BlockOptionCheck {
    static final Set<String> CACHE_MODES = Set.of("none", "off", "writeback", "writethrough", "directsync",
            "unsafe");
    static final Set<String> AIO = Set.of("threads", "native", "io_uring");
    static final Set<String> DISCARD = Set.of("ignore", "off", "unmap", "on");
    static final Set<String> BLOCKDEV_DISCARD = Set.of("ignore", "unmap");
    static final Set<String> DETECT_ZEROES = Set.of("off", "on", "unmap");
    static final Set<String> WERROR = Set.of("ignore", "report", "stop", "enospc");
    static final Set<String> RERROR = Set.of("ignore", "report", "stop");
    private static final String[] CACHE_FLAGS = {"cache.direct", "cache.no-flush", "cache.writeback"};

    private BlockOptionCheck() {
    }

    /** {@code -drive}'s checks, in the order QEMU meets them. */
    static void drive(String arg, QemuOpts o) throws StartupException {
        String cache = o.get("cache");
        if (cache != null && !CACHE_MODES.contains(cache)) {
            throw StartupException.at("drive", arg, "invalid cache option");
        }
        for (String k : CACHE_FLAGS) {
            if (o.get(k) != null) {
                OptionSupport.bool("drive", arg, k, o.get(k));
            }
        }
        String media = o.get("media");
        if (media != null && !media.equals("disk") && !media.equals("cdrom")) {
            throw StartupException.at("drive", arg, "'" + media + "' invalid media");
        }
        String aio = o.get("aio");
        if (aio != null && !AIO.contains(aio)) {
            throw StartupException.at("drive", arg, "invalid aio option");
        }
        String dz = o.get("detect-zeroes");
        if (dz != null && !DETECT_ZEROES.contains(dz)) {
            throw StartupException.at("drive", arg, "invalid parameter value: " + dz);
        }
        String werror = o.get("werror");
        if (werror != null && !WERROR.contains(werror)) {
            throw StartupException.at("drive", arg, "'" + werror + "' invalid write error action");
        }
        String rerror = o.get("rerror");
        if (rerror != null && !RERROR.contains(rerror)) {
            throw StartupException.at("drive", arg, "'" + rerror + "' invalid read error action");
        }
        String discard = o.get("discard");
        if (discard != null && !DISCARD.contains(discard)) {
            throw StartupException.at("drive", arg, "Invalid discard option");
        }
    }

    /** file-posix's own check when it opens the host file: {@code aio=native} wants O_DIRECT. */
    static void driveFile(String arg, QemuOpts o) throws StartupException {
        nativeNeedsDirect("drive", arg, "native".equals(o.get("aio")), direct(o, o.get("cache")));
    }

    /** {@code -blockdev}'s checks of the common members and of the file driver's {@code aio}. */
    static void blockdev(String arg, QemuOpts o, String prefix, boolean file) throws StartupException {
        for (String k : new String[] {"read-only", "auto-read-only", "force-share", CACHE_FLAGS[0],
                CACHE_FLAGS[1]}) {
            if (o.get(k) != null) {
                OptionSupport.bool("blockdev", arg, k, o.get(k));
            }
        }
        if (o.get("discard") != null) {
            OptionSupport.member("blockdev", arg, "discard", o.get("discard"), BLOCKDEV_DISCARD);
        }
        if (o.get("detect-zeroes") != null) {
            OptionSupport.member("blockdev", arg, "detect-zeroes", o.get("detect-zeroes"), DETECT_ZEROES);
        }
        String aio = o.get(prefix + "aio");
        if (aio != null) {
            OptionSupport.member("blockdev", arg, prefix + "aio", aio, AIO);
        }
        if (file) {
            nativeNeedsDirect("blockdev", arg, "native".equals(aio), direct(o, null));
        }
    }

    private static boolean direct(QemuOpts o, String cache) throws StartupException {
        String flag = o.get("cache.direct");
        if (flag != null) {
            return QemuOpts.parseBool("cache.direct", flag);
        }
        return "none".equals(cache) || "off".equals(cache) || "directsync".equals(cache);
    }

    private static void nativeNeedsDirect(String option, String arg, boolean nativeAio, boolean direct)
            throws StartupException {
        if (nativeAio && !direct) {
            throw StartupException.at(option, arg,
                    "aio=native was specified, but it requires cache.direct=on, which was not specified.");
        }
    }
}
