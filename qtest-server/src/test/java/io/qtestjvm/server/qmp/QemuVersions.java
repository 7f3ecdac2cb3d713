package io.qtestjvm.server.qmp;

/** The QEMU releases the QMP tests pin replies against (the running stand-in takes its version from Compat). */
final class QemuVersions {
    /** Debian bookworm's QEMU that recorded shared/reference/qemu-7.2-transcripts. */
    static final QemuVersion DEBIAN_7_2 = new QemuVersion(7, 2, 22, "Debian 1:7.2+dfsg-7+deb12u18+b3");
    /** Upstream 10.2.2 as built from source (empty package string). */
    static final QemuVersion QEMU_10_2 = new QemuVersion(10, 2, 2, "");

    private QemuVersions() {
    }
}
