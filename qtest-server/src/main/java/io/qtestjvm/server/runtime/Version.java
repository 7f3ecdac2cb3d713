package io.qtestjvm.server.runtime;

import io.qtestjvm.server.qtest.Compat;

/**
 * {@code -version} and {@code -help} texts in QEMU's shape (as QEMU 7.2 prints them), naming the QEMU version we
 * emulate ({@code QTEST_JVM_COMPAT}) where QEMU names its package.
 */
final class Version {
    private Version() {
    }

    static String banner(Compat compat) {
        return "QEMU emulator version " + compat.major() + "." + compat.minor() + "." + compat.micro()
                + " (qtest-jvm 0.1.0)\nCopyright (c) 2003-2025 Fabrice Bellard and the QEMU Project developers";
    }

    static String usage(String prog, Compat compat) {
        return banner(compat) + "\nusage: " + prog + " [options] [disk_image]\n\n"
                + "'disk_image' is a raw hard disk image for IDE hard disk 0 (not supported by qtest-jvm)\n\n"
                + "qtest-jvm: a JVM stand-in for QEMU's device models under the qtest protocol.\n"
                + "Standard options:\n"
                + "-h or -help      display this help and exit\n"
                + "-version         display version information and exit\n"
                + "-machine [type=]name[,prop[=value][,...]]  selects emulated machine ('-machine help' for list)\n"
                + "-accel qtest|tcg -cpu model ('-cpu help' for list)  -smp [cpus=]n[,maxcpus=][,sockets=]...\n"
                + "-m [size=]megs[,slots=n,maxmem=size]  -device driver[,prop[=value][,...]] ('-device help')\n"
                + "-drive if=none|ide,id=,file=PATH|null-co://|null-aio://,format=raw[,file.read-zeroes=on]\n"
                + "-blockdev driver=file|raw|null-co|null-aio,node-name=...  -netdev user|socket|hubport,id=...\n"
                + "-object TYPE,id=...  -global DRIVER.PROP=VALUE  -rtc [base=..][,clock=host|rt|vm][,driftfix=]\n"
                + "-qtest unix:PATH|tcp:127.0.0.1:PORT|stdio  -qtest-log FILE  -chardev socket,id=,path=|port=\n"
                + "-mon chardev=ID,mode=control  -qmp unix:PATH,server=on,wait=off  -run-with exit-with-parent=on\n"
                + "-nodefaults -net none -nic none -serial DEV -display none -audio none -audiodev none,id=\n"
                + "-trace [enable=]PATTERN -name NAME -nographic -no-shutdown -no-reboot -S\n";
    }
}
