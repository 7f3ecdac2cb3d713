package io.qtestjvm.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a drive's or block node's bytes come from: a host file, or QEMU's null block driver
 * ({@code null-co://}, {@code null-aio://}), which reads zeroes when {@code read-zeroes=on} and
 * otherwise leaves the buffer alone.
 *
 * @param kind       the protocol driver
 * @param path       the host file (FILE only)
 * @param readZeroes null-co/null-aio {@code read-zeroes}
 * @param size       null-co/null-aio {@code size} in bytes (QEMU's default is 1 GiB)
 */
public record BlockBackend(Kind kind, Path path, boolean readZeroes, long size) {
    /** Protocol drivers we serve. */
    public enum Kind { FILE, NULL_CO, NULL_AIO }

    /** The null driver's default size (1 GiB). */
    public static final long NULL_DEFAULT_SIZE = 1L << 30;

    /** A host file, failing as raw-posix's open fails ({@code Could not open 'X': No such file or directory}). */
    static BlockBackend file(String option, String arg, String filename) throws StartupException {
        if (filename.isEmpty()) {
            throw StartupException.at(option, arg, "The 'file' block driver requires a file name");
        }
        Path p = Path.of(filename);
        if (!Files.exists(p)) {
            throw StartupException.at(option, arg, "Could not open '" + filename + "': No such file or directory");
        }
        if (!Files.isReadable(p)) {
            throw StartupException.at(option, arg, "Could not open '" + filename + "': Permission denied");
        }
        if (Files.isDirectory(p)) {
            // -drive checks the node is a regular file before it opens it; -blockdev opens it and fails the open
            throw StartupException.at(option, arg, option.equals("drive")
                    ? "'file' driver requires '" + filename + "' to be a regular file"
                    : "Could not open '" + filename + "': Is a directory");
        }
        return new BlockBackend(Kind.FILE, p, false, 0);
    }
}
