package io.qtestjvm.server.runtime;

import io.qtestjvm.server.qtest.Compat;

/** {@code -version} and {@code -help} texts, in QEMU's shape, naming the QEMU version we emulate. */
final class Version {
    private Version() {
    }

    static String banner(Compat compat) {
        return "QEMU emulator version " + compat.major() + "." + compat.minor() + "." + compat.micro()
                + " (qtest-jvm 0.1.0)\nCopyright (c) 2003-2025 Fabrice Bellard and the QEMU Project developers";
    }

    static String usage(String prog, Compat compat) {
        return banner(compat) + "\nusage: " + prog + " [options]\n\n"
                + "qtest-jvm: a JVM stand-in for QEMU's device models under the qtest protocol.\n"
                + "Options follow QEMU's: -machine/-M, -accel qtest|tcg, -m, -smp, -cpu, -device, -drive,\n"
                + "-qtest unix:PATH|tcp:HOST:PORT|stdio, -qtest-log FILE, -chardev socket,..., -mon chardev=ID,\n"
                + "-qmp unix:PATH,server=on,wait=off, -nodefaults, -rtc clock=host|vm, -display none, -S.";
    }
}
