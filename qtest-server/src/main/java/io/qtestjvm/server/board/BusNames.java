package io.qtestjvm.server.board;

/** Bus type names as QEMU prints them in device errors. */
final class BusNames {
    static final String PCI = "PCI";

    private BusNames() {
    }
}
