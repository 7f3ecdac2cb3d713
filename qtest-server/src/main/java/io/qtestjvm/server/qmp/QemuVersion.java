package io.qtestjvm.server.qmp;

import java.util.List;
import java.util.Objects;

/**
 * The QEMU release being emulated: answers {@code query-version}, fills the greeting, and decides the few
 * reply shapes that changed between releases. The version triple and the package string are what QEMU reports
 * in its greeting and {@code query-version}.
 */
public record QemuVersion(int major, int minor, int micro, String pkg) {

    public QemuVersion {
        Objects.requireNonNull(pkg, "pkg");
        if (major < 0 || minor < 0 || micro < 0) {
            throw new IllegalArgumentException("version " + major + "." + minor + "." + micro + " has a negative part");
        }
    }

    public boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    /** VersionInfo: {"qemu": {"major", "minor", "micro"}, "package"} inserted in schema order. */
    public JsonObject toJson() {
        JsonObject triple = new JsonObject().put("major", major).put("minor", minor).put("micro", micro);
        return new JsonObject().put("qemu", triple).put("package", pkg);
    }

    /**
     * QMPCapability values this release knows (qapi/control.json); 'oob' is the only one from 2.12 through 10.x.
     * Which of them a monitor offers is the monitor's business (QEMU offers 'oob' when the monitor can use the I/O
     * thread, as a socket chardev can).
     */
    public List<String> capabilities() {
        return List.of("oob");
    }

    /**
     * StatusInfo lost its deprecated 'singlestep' member after 8.x's deprecation (deprecated in 8.1); we take the
     * removal to be in 9.1. 7.2 has it (transcript x86_64-pc-base.txt).
     */
    public boolean statusHasSinglestep() {
        return !atLeast(9, 1);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro + (pkg.isEmpty() ? "" : " (" + pkg + ")");
    }
}
